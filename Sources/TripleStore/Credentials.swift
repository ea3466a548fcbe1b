import Foundation

/// HTTP Basic credentials. The password comes from the environment, never from an argument.
public struct Credentials: Sendable, Hashable {
    public let user: String
    public let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The value of the `Authorization` header.
    public var authorizationHeader: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}
