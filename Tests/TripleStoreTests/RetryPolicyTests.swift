import Foundation
import Testing
@testable import TripleStore

@Suite struct RetryPolicyTests {
    @Test func standardBackoffDoubles() {
        let policy = RetryPolicy.standard
        #expect(policy.attempts == 4)
        #expect((1...4).map { policy.delay(afterAttempt: $0) } == [0.2, 0.4, 0.8, nil])
    }

    @Test func attemptsAreAtLeastOne() {
        #expect(RetryPolicy(attempts: 0, baseDelay: 1).attempts == 1)
        #expect(RetryPolicy(attempts: 1, baseDelay: 1).delay(afterAttempt: 1) == nil)
    }

    @Test func onlyServerErrorsAreRetryable() {
        #expect(RetryPolicy.isRetryable(status: 500))
        #expect(RetryPolicy.isRetryable(status: 503))
        #expect(!RetryPolicy.isRetryable(status: 400))
        #expect(!RetryPolicy.isRetryable(status: 415))
        #expect(!RetryPolicy.isRetryable(status: 404))
    }

    func client(_ transport: ScriptedTransport, _ sleeper: RecordingSleeper, attempts: Int = 4) -> GraphStoreClient {
        GraphStoreClient(endpoint: GraphStoreEndpoint(store: URL(string: "http://h/store")!),
                         retry: RetryPolicy(attempts: attempts, baseDelay: 0.01), transport: transport, sleeper: sleeper)
    }

    let file = URL(fileURLWithPath: "/dev/null")

    @Test func refusedConnectionIsRetriedThenSucceeds() async throws {
        let transport = ScriptedTransport([.fail("refused", retryable: true), .fail("refused", retryable: true), .answer(204, "")])
        let sleeper = RecordingSleeper()
        try await client(transport, sleeper).load(file: file, mediaType: "text/turtle", into: .defaultGraph)
        #expect(transport.sent.count == 3)
        #expect(sleeper.delays == [0.01, 0.02])
    }

    @Test func serverErrorsAreRetriedBoundedly() async {
        let transport = ScriptedTransport(Array(repeating: .answer(503, "busy"), count: 10))
        let sleeper = RecordingSleeper()
        await #expect(throws: TripleStoreError.rejected(url: "http://h/store?default", status: 503, serverText: "busy", attempts: 4)) {
            try await client(transport, sleeper).load(file: file, mediaType: "text/turtle", into: .defaultGraph)
        }
        #expect(transport.sent.count == 4)
        #expect(sleeper.delays == [0.01, 0.02, 0.04])
    }

    @Test func unreachableAfterAllTries() async {
        let transport = ScriptedTransport(Array(repeating: .fail("connection refused", retryable: true), count: 10))
        let sleeper = RecordingSleeper()
        do {
            try await client(transport, sleeper, attempts: 3).replace(.named("http://ex/g"), withFile: file, mediaType: "text/turtle")
            Issue.record("expected a failure")
        } catch {
            #expect(error == .unreachable(url: "http://h/store?graph=http%3A%2F%2Fex%2Fg", reason: "connection refused", attempts: 3))
            #expect(error.description.contains("3 tries"))
        }
        #expect(transport.sent.count == 3)
    }

    @Test func clientErrorIsNotRetriedAndKeepsServerText() async {
        let transport = ScriptedTransport([.answer(415, "No supported content Content-Type given: x/y\n"), .answer(204, "")])
        let sleeper = RecordingSleeper()
        do {
            try await client(transport, sleeper).load(file: file, mediaType: "x/y", into: .defaultGraph)
            Issue.record("expected a failure")
        } catch {
            #expect(error == .rejected(url: "http://h/store?default", status: 415, serverText: "No supported content Content-Type given: x/y\n", attempts: 1))
            #expect(error.description == "http://h/store?default answered HTTP 415: No supported content Content-Type given: x/y")
        }
        #expect(transport.sent.count == 1)
        #expect(sleeper.delays.isEmpty)
    }

    @Test func nonRetryableTransportErrorFailsAtOnce() async {
        let transport = ScriptedTransport([.fail("unsupported URL", retryable: false), .answer(204, "")])
        await #expect(throws: TripleStoreError.self) {
            try await client(transport, RecordingSleeper()).load(file: file, mediaType: "text/turtle", into: .defaultGraph)
        }
        #expect(transport.sent.count == 1)
    }
}
