import Foundation
import GraphIO
import RDFModel
import Testing
import TestSupport
@testable import TripleStore

/// `kg load --sync` against a real Oxigraph server: after a document changes and another is
/// removed, a sync sends only their graphs, and the store then equals a full load of the new
/// output, counted by SPARQL graph by graph.
@Suite(.enabled(if: ExternalTool.shouldRun(needing: "oxigraph"), "needs the oxigraph server: run Scripts/test.sh, which installs it into .venv-test"))
struct SyncIntegrationTests {
    /// Every graph of the output's dataset holds as many triples in the store, and the store
    /// holds no other named graph.
    func expectStoreEquals(_ out: URL, _ server: OxigraphServer, _ comment: String) async throws {
        let dataset = try GraphReader.dataset(path: out.appendingPathComponent("graph.nq").path)
        var counts: [Term?: Int] = [:]
        for quad in dataset.quads { counts[quad.graph, default: 0] += 1 }
        let named = counts.keys.compactMap { $0 }
        #expect(try await server.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == named.count, "\(comment): named graphs")
        #expect(try await server.client.count(in: .defaultGraph) == counts[nil, default: 0], "\(comment): the default graph")
        for name in named {
            guard let iri = name.iri else { continue }
            #expect(try await server.client.count(in: .named(iri.value)) == counts[name], "\(comment): \(iri.value)")
        }
    }

    @Test func aSyncSendsOnlyWhatChangedAndLeavesTheStoreEqualToAFullLoad() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = folder.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        let source = KG.packageRoot.appendingPathComponent("Tests/DevSet/texts")
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".txt") }.sorted().prefix(6)
        for name in names { try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: texts.appendingPathComponent(name)) }
        let out = folder.appendingPathComponent("out")
        try #require(try KG.run(["extract", texts.path, "--out", out.path, "--quiet"]).status == 0)

        try await OxigraphServer.with { server in
            let first = try KG.run(["load", "--sync", out.path, "--store", server.storeURL, "--verify"])
            try #require(first.status == 0, "\(first.error)")
            #expect(first.output.contains("6 named graphs replaced, 0 deleted, 0 unchanged"), "\(first.output)")
            try await expectStoreEquals(out, server, "first sync")

            let again = try KG.run(["load", "--sync", out.path, "--store", server.storeURL])
            #expect(again.output.contains("0 named graphs replaced, 0 deleted, 6 unchanged"), "\(again.output)")

            // One document changes, one is removed.
            let changed = texts.appendingPathComponent(names[1])
            try (try String(contentsOf: changed, encoding: .utf8) + "\nThe Karolinska Institute in Stockholm funded the work.\n")
                .write(to: changed, atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(at: texts.appendingPathComponent(names[4]))
            try #require(try KG.run(["extract", texts.path, "--out", out.path, "--quiet"]).status == 0)
            let second = try KG.run(["load", "--sync", out.path, "--store", server.storeURL, "--verify"])
            try #require(second.status == 0, "\(second.error)")
            #expect(second.output.contains("1 deleted"), "\(second.output)")
            #expect(!second.output.contains(" 0 named graphs replaced"), "the changed document's graph is sent")
            #expect(second.output.contains("4 unchanged") || second.output.contains("3 unchanged"), "\(second.output)")
            try await expectStoreEquals(out, server, "after the second sync")
        }
    }

    @Test func syncNeedsAnOutputFolder() throws {
        let run = try KG.run(["load", "--sync", "Output/graph.ttl", "Output/graph.nt", "--store", "http://127.0.0.1:9/store"])
        #expect(run.status == 64)
        #expect(run.error.contains("--sync takes one kg extract output folder"))
        let missing = try KG.run(["load", "--sync", "/nonexistent-kg-folder", "--store", "http://127.0.0.1:9/store"])
        #expect(missing.status == 2)
        #expect(missing.error.contains("manifest"), "\(missing.error)")
    }
}
