import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends requests with Foundation's URLSession; file bodies go through an upload task that
/// reads the file as it sends.
public struct URLSessionTransport: HTTPTransport {
    /// Seconds to wait for any data before giving up on a request.
    public let timeout: Double

    public init(timeout: Double = 300) {
        self.timeout = timeout
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        do {
            let data: Data
            let response: URLResponse
            switch request.body {
            case .none:
                (data, response) = try await session.data(for: urlRequest)
            case let .bytes(bytes):
                (data, response) = try await session.upload(for: urlRequest, from: Data(bytes))
            case let .file(file):
                guard FileManager.default.isReadableFile(atPath: file.path) else {
                    throw TransportError(reason: "\(file.path): cannot read the file to send", isRetryable: false)
                }
                (data, response) = try await session.upload(for: urlRequest, fromFile: file)
            }
            guard let http = response as? HTTPURLResponse else {
                throw TransportError(reason: "not an HTTP response", isRetryable: false)
            }
            return HTTPResponse(status: http.statusCode, body: [UInt8](data))
        } catch let error as TransportError {
            throw error
        } catch let error as URLError {
            throw TransportError(reason: Self.reason(error), isRetryable: Self.retryableCodes.contains(error.code))
        } catch {
            throw TransportError(reason: "\(error)", isRetryable: false)
        }
    }

    static let retryableCodes: Set<URLError.Code> = [
        .cannotConnectToHost, .networkConnectionLost, .timedOut, .notConnectedToInternet, .cannotFindHost,
        .dnsLookupFailed, .badServerResponse,
    ]

    static func reason(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "connection refused (is the server running?)"
        case .timedOut: "timed out"
        case .cannotFindHost, .dnsLookupFailed: "unknown host"
        case .networkConnectionLost: "connection lost"
        case .unsupportedURL: "unsupported URL"
        default: error.localizedDescription
        }
    }
}
