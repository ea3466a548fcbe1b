import Foundation
import TripleStore

/// A transport that answers from a script and records what it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    enum Step {
        case answer(Int, String)
        case fail(String, retryable: Bool)
    }

    private let lock = NSLock()
    private var steps: [Step]
    private(set) var requests: [HTTPRequest] = []

    init(_ steps: [Step]) { self.steps = steps }

    var sent: [HTTPRequest] { lock.withLock { requests } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let step: Step = lock.withLock {
            requests.append(request)
            return steps.isEmpty ? .fail("script exhausted", retryable: false) : steps.removeFirst()
        }
        switch step {
        case let .answer(status, text): return HTTPResponse(status: status, body: Array(text.utf8))
        case let .fail(reason, retryable): throw TransportError(reason: reason, isRetryable: retryable)
        }
    }
}

/// Records the waits instead of waiting.
final class RecordingSleeper: Sleeper, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Double] = []

    var delays: [Double] { lock.withLock { recorded } }

    func sleep(seconds: Double) async { lock.withLock { recorded.append(seconds) } }
}
