import Foundation
import GraphIO

/// A SPARQL 1.1 Graph Store HTTP Protocol client: adds triples to a graph (POST), replaces a
/// graph (PUT), and counts a graph's triples with a SPARQL query. Refused connections and 5xx
/// answers are retried with exponential backoff; 4xx answers fail at once with the server's text.
public struct GraphStoreClient: Sendable {
    public let endpoint: GraphStoreEndpoint
    public let credentials: Credentials?
    public let retry: RetryPolicy
    let transport: any HTTPTransport
    let sleeper: any Sleeper

    public init(endpoint: GraphStoreEndpoint, credentials: Credentials? = nil, retry: RetryPolicy = .standard,
                transport: any HTTPTransport = URLSessionTransport(), sleeper: any Sleeper = TaskSleeper()) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.retry = retry
        self.transport = transport
        self.sleeper = sleeper
    }

    /// Adds the triples of `file` (in the syntax `mediaType` names) to `target` with POST.
    public func load(file: URL, mediaType: String, into target: GraphTarget) async throws(TripleStoreError) {
        _ = try await send(request(method: "POST", target: target, file: file, mediaType: mediaType))
    }

    /// Replaces `target` as a whole with the triples of `file` with PUT.
    public func replace(_ target: GraphTarget, withFile file: URL, mediaType: String) async throws(TripleStoreError) {
        _ = try await send(request(method: "PUT", target: target, file: file, mediaType: mediaType))
    }

    /// Removes `target` with DELETE. A graph the store does not hold (404) is already removed.
    public func delete(_ target: GraphTarget) async throws(TripleStoreError) {
        var headers: [(name: String, value: String)] = []
        if let credentials { headers.append((name: "Authorization", value: credentials.authorizationHeader)) }
        do {
            _ = try await send(HTTPRequest(method: "DELETE", url: endpoint.url(for: target), headers: headers))
        } catch {
            if case let .rejected(_, status, _, _) = error, status == 404 { return }
            throw error
        }
    }

    /// The request `load` (POST) or `replace` (PUT) sends.
    public func request(method: String, target: GraphTarget, file: URL, mediaType: String) -> HTTPRequest {
        var headers = [(name: "Content-Type", value: mediaType)]
        if let credentials { headers.append((name: "Authorization", value: credentials.authorizationHeader)) }
        return HTTPRequest(method: method, url: endpoint.url(for: target), headers: headers, body: .file(file))
    }

    /// Why ``streamingLoad(file:format:baseIRI:into:replace:)`` failed.
    public enum StreamingLoadError: Error, Sendable {
        /// The file is malformed (with file:line:column); the request was cut short, nothing stored.
        case input(GraphIOError)
        case store(TripleStoreError)
    }

    /// Sends a graph file to `target` (POST, or PUT with `replace`) while checking it, with
    /// ``StreamingUpload`` (plain HTTP stores only; see ``StreamingUpload/supports(_:)``).
    /// Refused connections and 5xx answers are retried like ``send(_:)``, from the start of the
    /// file. Returns the number of statements sent.
    public func streamingLoad(file: String, format: RDFFormat, baseIRI: String? = nil, into target: GraphTarget,
                              replace: Bool) async throws(StreamingLoadError) -> Int {
        let url = endpoint.url(for: target)
        var headers = [(name: "Content-Type", value: format.mediaType)]
        if let credentials { headers.append((name: "Authorization", value: credentials.authorizationHeader)) }
        let upload = StreamingUpload(method: replace ? "PUT" : "POST", url: url, headers: headers)
        var attempt = 0
        while true {
            attempt += 1
            let failure: TripleStoreError
            let retryable: Bool
            do throws(StreamingUpload.Failure) {
                let outcome = try upload.send(file: file, format: format, baseIRI: baseIRI)
                if (200...299).contains(outcome.response.status) { return outcome.statements }
                failure = .rejected(url: url.absoluteString, status: outcome.response.status, serverText: outcome.response.text, attempts: attempt)
                retryable = RetryPolicy.isRetryable(status: outcome.response.status)
            } catch {
                switch error {
                case let .input(input): throw .input(input)
                case let .transport(transport):
                    failure = .unreachable(url: url.absoluteString, reason: transport.reason, attempts: attempt)
                    retryable = transport.isRetryable
                }
            }
            guard retryable, let delay = retry.delay(afterAttempt: attempt) else { throw .store(failure) }
            await sleeper.sleep(seconds: delay)
        }
    }

    /// The number of triples in `target`, from `SELECT (COUNT(*) AS ?n)` at the query endpoint.
    public func count(in target: GraphTarget) async throws(TripleStoreError) -> Int {
        guard let query = endpoint.query else { throw .noQueryEndpoint(store: endpoint.store.absoluteString) }
        let response = try await send(countRequest(target, queryURL: query))
        return try SPARQLResults.singleInteger(response.body, variable: "n", url: query.absoluteString)
    }

    /// The SPARQL query `count(in:)` sends, form-encoded as in the SPARQL 1.1 Protocol.
    public func countRequest(_ target: GraphTarget, queryURL: URL) -> HTTPRequest {
        let query = "SELECT (COUNT(*) AS ?n) WHERE \(target.countingPattern)"
        var headers = [
            (name: "Content-Type", value: "application/x-www-form-urlencoded"),
            (name: "Accept", value: "application/sparql-results+json"),
        ]
        if let credentials { headers.append((name: "Authorization", value: credentials.authorizationHeader)) }
        let body = "query=" + GraphStoreEndpoint.percentEncodedQueryValue(query)
        return HTTPRequest(method: "POST", url: queryURL, headers: headers, body: .bytes(Array(body.utf8)))
    }

    /// Sends with retries: on a retryable transport failure or a 5xx answer, waits by the policy
    /// and tries again; returns the first 2xx answer.
    public func send(_ request: HTTPRequest) async throws(TripleStoreError) -> HTTPResponse {
        let url = request.url.absoluteString
        var attempt = 0
        while true {
            attempt += 1
            let failure: TripleStoreError
            let retryable: Bool
            do {
                let response = try await transport.send(request)
                if (200...299).contains(response.status) { return response }
                failure = .rejected(url: url, status: response.status, serverText: response.text, attempts: attempt)
                retryable = RetryPolicy.isRetryable(status: response.status)
            } catch {
                failure = .unreachable(url: url, reason: error.reason, attempts: attempt)
                retryable = error.isRetryable
            }
            guard retryable, let delay = retry.delay(afterAttempt: attempt) else { throw failure }
            await sleeper.sleep(seconds: delay)
        }
    }
}
