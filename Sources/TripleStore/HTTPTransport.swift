import Foundation

/// One HTTP request as the client builds it; the body is streamed from a file or sent from memory.
public struct HTTPRequest: Sendable, Hashable {
    public enum Body: Sendable, Hashable {
        case none
        /// Streamed from the file by the transport, never read whole into memory.
        case file(URL)
        case bytes([UInt8])
    }

    public var method: String
    public var url: URL
    /// Header fields in the order they are set; names as given.
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: Body = .none) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(url)
        hasher.combine(body)
        for header in headers {
            hasher.combine(header.name)
            hasher.combine(header.value)
        }
    }
}

/// The status and body of an HTTP answer.
public struct HTTPResponse: Sendable, Hashable {
    public let status: Int
    public let body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why no HTTP answer came back at all.
public struct TransportError: Error, Sendable, Hashable {
    public let reason: String
    /// Refused connections, timeouts and lost connections are worth another try; a malformed
    /// URL or an unreadable body file is not.
    public let isRetryable: Bool

    public init(reason: String, isRetryable: Bool) {
        self.reason = reason
        self.isRetryable = isRetryable
    }
}

/// Sends one request and returns the answer. The client adds retries on top; tests swap in a
/// scripted transport.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

/// Something that waits; tests replace it so backoff costs no time.
public protocol Sleeper: Sendable {
    func sleep(seconds: Double) async
}

/// Waits with `Task.sleep`.
public struct TaskSleeper: Sleeper {
    public init() {}

    public func sleep(seconds: Double) async {
        guard seconds > 0 else { return }
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}
