import Foundation
import Testing
import TestSupport
@testable import TripleStore

/// `kg load` end to end against a real Oxigraph server started for each test.
@Suite(.enabled(if: ExternalTool.shouldRun(needing: "oxigraph"), "needs the oxigraph server: run Scripts/test.sh, which installs it into .venv-test"))
struct OxigraphIntegrationTests {
    static let graphTurtle = KG.packageRoot.appendingPathComponent("Output/graph.ttl").path
    static let graphNTriples = KG.packageRoot.appendingPathComponent("Output/graph.nt").path

    /// The triples in Output/graph.nt: one per non-empty line.
    static func ntriplesLines() throws -> Int {
        try String(contentsOfFile: graphNTriples, encoding: .utf8).split(separator: "\n").filter { !$0.isEmpty }.count
    }

    func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-load-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func oxigraphIsInstalled() throws {
        _ = try OxigraphServer.binary()
    }

    @Test func loadTurtleAndVerify() async throws {
        let expected = try Self.ntriplesLines()
        #expect(expected > 100)
        try await OxigraphServer.with { server in
            let run = try KG.run(["load", Self.graphTurtle, "--store", server.storeURL, "--verify"])
            #expect(run.status == 0, "\(run.error)")
            #expect(run.output.contains("verified the default graph: \(expected) triples"))
            #expect(try await server.client.count(in: .defaultGraph) == expected)
            #expect(try await server.totalTriples() == expected)
        }
    }

    @Test func replaceDropsTheOldTriples() async throws {
        let old = try temporaryFile("old.ttl", "<http://ex/old> <http://ex/p> \"gone soon\" .\n<http://ex/old> <http://ex/p> \"also\" .\n")
        defer { try? FileManager.default.removeItem(at: old.deletingLastPathComponent()) }
        let graph = "http://example.org/graphs/seeds"
        try await OxigraphServer.with { server in
            let first = try KG.run(["load", old.path, "--store", server.storeURL, "--graph", graph])
            #expect(first.status == 0, "\(first.error)")
            #expect(try await server.client.count(in: .named(graph)) == 2)
            let second = try KG.run(["load", Self.graphTurtle, "--store", server.storeURL, "--graph", graph, "--replace", "--verify"])
            #expect(second.status == 0, "\(second.error)")
            #expect(second.output.contains("PUT (replacing it)"))
            #expect(try await server.client.count(in: .named(graph)) == Self.ntriplesLines())
            #expect(try await server.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <http://ex/old> ?p ?o } }") == 0)
        }
    }

    @Test func replacingTwiceDoesNotDouble() async throws {
        // Blank nodes make doubling visible: POSTed twice they would be two different nodes.
        let withBlank = try temporaryFile("b.ttl", "@prefix ex: <http://ex/> .\n[ ex:p 1 ; ex:q [ ex:r 2 ] ] .\nex:a ex:p ex:b .\n")
        defer { try? FileManager.default.removeItem(at: withBlank.deletingLastPathComponent()) }
        let expected = try Self.ntriplesLines() + 4
        try await OxigraphServer.with { server in
            for _ in 1...2 {
                let run = try KG.run(["load", Self.graphTurtle, withBlank.path, "--store", server.storeURL, "--replace", "--verify"])
                #expect(run.status == 0, "\(run.error)")
                #expect(run.output.contains("verified the default graph: \(expected) triples"))
            }
            #expect(try await server.client.count(in: .defaultGraph) == expected)
            // Adding (POST) the blank-node file once more does double its blank-node triples; --verify accepts "at least".
            let added = try KG.run(["load", withBlank.path, "--store", server.storeURL, "--verify"])
            #expect(added.status == 0, "\(added.error)")
            #expect(try await server.client.count(in: .defaultGraph) == expected + 3)
        }
    }

    @Test func trigLoadsEachNamedGraph() async throws {
        let trig = try temporaryFile("d.trig", """
        @prefix ex: <http://example.org/> .
        ex:a ex:p ex:b .
        ex:g1 { ex:a ex:p ex:c . ex:a ex:p ex:d . _:x ex:p "lit"@en . }
        ex:g2 { ex:a ex:p ex:e . }
        ex:g1 { ex:a ex:p ex:c . }

        """)
        defer { try? FileManager.default.removeItem(at: trig.deletingLastPathComponent()) }
        try await OxigraphServer.with { server in
            let run = try KG.run(["load", trig.path, "--store", server.storeURL, "--verify"])
            #expect(run.status == 0, "\(run.error)")
            #expect(try await server.client.count(in: .defaultGraph) == 1)
            #expect(try await server.client.count(in: .named("http://example.org/g1")) == 3)
            #expect(try await server.client.count(in: .named("http://example.org/g2")) == 1)
            #expect(try await server.totalTriples() == 5)
            #expect(run.output.contains("verified <http://example.org/g1>: 3 triples"))
        }
    }

    @Test func serverDownFailsAfterBoundedRetries() async throws {
        let server = try await OxigraphServer.start()
        let store = server.storeURL
        server.stop()
        #expect(!server.isRunning)
        let run = try KG.run(["load", Self.graphTurtle, "--store", store, "--retries", "3", "--retry-delay", "0.01"])
        #expect(run.status == 2)
        #expect(run.error.contains("cannot reach \(store)?default (4 tries): connection refused"), "\(run.error)")
    }

    @Test func malformedFileSendsNothing() async throws {
        let bad = try temporaryFile("bad.ttl", "@prefix ex: <http://ex/> .\nex:a ex:p ex:b .\nex:a ex:p .\n")
        defer { try? FileManager.default.removeItem(at: bad.deletingLastPathComponent()) }
        try await OxigraphServer.with { server in
            // The good file comes first and is still not sent: every file is parsed before any upload.
            let run = try KG.run(["load", Self.graphTurtle, bad.path, "--store", server.storeURL])
            #expect(run.status == 2)
            #expect(run.error.contains("\(bad.path):3:"), "\(run.error)")
            #expect(run.error.contains("nothing was sent"))
            #expect(try await server.totalTriples() == 0)
        }
    }

    /// One graph file into a plain-HTTP store is checked while it is sent; an error near the end
    /// of a file much larger than one chunk cuts the request short, and the store keeps nothing.
    @Test func malformedFileCutsTheStreamedUploadShort() async throws {
        var text = ""
        for index in 0..<40_000 { text += "<http://ex/s\(index)> <http://ex/p> \"value number \(index)\" .\n" }
        text += "<http://ex/s> <http://ex/p> \"unterminated .\n"
        let bad = try temporaryFile("bad.nt", text)
        defer { try? FileManager.default.removeItem(at: bad.deletingLastPathComponent()) }
        #expect(text.utf8.count > 4 << 18, "the file must span several chunks")
        try await OxigraphServer.with { server in
            let run = try KG.run(["load", bad.path, "--store", server.storeURL])
            #expect(run.status == 2)
            #expect(run.error.contains("\(bad.path):40001:"), "\(run.error)")
            #expect(run.error.contains("nothing was stored"))
            #expect(try await server.totalTriples() == 0)
            // The same statements without the bad line are all stored.
            let good = try temporaryFile("good.nt", String(text.dropLast("<http://ex/s> <http://ex/p> \"unterminated .\n".utf8.count)))
            defer { try? FileManager.default.removeItem(at: good.deletingLastPathComponent()) }
            let fixed = try KG.run(["load", good.path, "--store", server.storeURL])
            #expect(fixed.status == 0, "\(fixed.error)")
            #expect(fixed.output.contains("40000 statements sent to the default graph"), "\(fixed.output)")
            #expect(try await server.totalTriples() == 40_000)
        }
    }

    /// kg checks a relative IRI against the file's URL, as when the file is parsed first, so the
    /// store is the one to judge it (Oxigraph refuses relative IRIs without a base).
    @Test func streamedTurtleRelativeIRIsAreTheStoresCall() async throws {
        let relative = try temporaryFile("relative.ttl", "<a> <http://ex/p> <b> .\n")
        defer { try? FileManager.default.removeItem(at: relative.deletingLastPathComponent()) }
        try await OxigraphServer.with { server in
            let run = try KG.run(["load", relative.path, "--store", server.storeURL])
            #expect(run.status == 2)
            #expect(run.error.contains("answered HTTP 400"), "\(run.error)")
            #expect(!run.error.contains("needs a base IRI"))
            #expect(try await server.totalTriples() == 0)
        }
    }

    @Test func badGraphIRIShowsTheServersText() async throws {
        try await OxigraphServer.with { server in
            let run = try KG.run(["load", Self.graphTurtle, "--store", server.storeURL, "--graph", "http://example.org/a b"])
            #expect(run.status == 2)
            #expect(run.error.contains("answered HTTP 400: Invalid IRI"), "\(run.error)")
            #expect(try await server.totalTriples() == 0)
        }
    }

    @Test func wrongEndpointShowsTheServersText() async throws {
        try await OxigraphServer.with { server in
            // The query endpoint takes no graphs: Oxigraph answers 415 with an explanation.
            let run = try KG.run(["load", Self.graphTurtle, "--store", server.queryURL])
            #expect(run.status == 2)
            #expect(run.error.contains("answered HTTP 415: No supported content Content-Type"), "\(run.error)")
        }
    }

    @Test func unsupportedContentTypeIsRejectedWithTheServersText() async throws {
        try await OxigraphServer.with { server in
            do throws(TripleStoreError) {
                try await server.client.load(file: URL(fileURLWithPath: Self.graphTurtle), mediaType: "application/x-not-rdf", into: .defaultGraph)
                Issue.record("expected a rejection")
            } catch {
                guard case let .rejected(_, status, text, attempts) = error else { Issue.record("got \(error)"); return }
                #expect(status == 415)
                #expect(!text.isEmpty)
                #expect(attempts == 1)
            }
        }
    }

    @Test func passwordNeverOnTheCommandLine() async throws {
        let missing = try KG.run(["load", Self.graphTurtle, "--store", "http://127.0.0.1:9/store", "--user", "admin"])
        #expect(missing.status != 0)
        #expect(missing.error.contains("KG_STORE_PASSWORD"))
        let inURL = try KG.run(["load", Self.graphTurtle, "--store", "http://admin:secret@127.0.0.1:9/store"])
        #expect(inURL.status != 0)
        #expect(inURL.error.contains("must not hold a password"))
    }

    @Test func basicCredentialsAreSent() async throws {
        // Oxigraph ignores Authorization, so this checks the header reaches a server without breaking the load.
        try await OxigraphServer.with { server in
            let run = try KG.run(["load", Self.graphNTriples, "--store", server.storeURL, "--user", "admin", "--verify"],
                                 environment: ["KG_STORE_PASSWORD": "secret"])
            #expect(run.status == 0, "\(run.error)")
        }
    }
}
