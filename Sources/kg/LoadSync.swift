import ArgumentParser
import DocumentResults
import Foundation
import GraphIO
import OntologyModel
import RDFModel
import TripleStore

/// `kg load --sync OUT`: bring a store holding an earlier output of `kg extract` up to date by
/// sending only what changed, document by document.
extension LoadCommand {
    /// The manifest recorded after the last sync of `folder` to `store`: kept in the folder's work
    /// folder, one per store.
    static func syncRecord(folder: URL, store: String) -> URL {
        folder.appendingPathComponent(".kg/synced-\(ContentKey.hex(["store", store])).tsv")
    }

    func runSync(client: GraphStoreClient) async throws {
        let folder = URL(fileURLWithPath: files[0])
        let manifestFile = folder.appendingPathComponent(Manifest.fileName)
        func read(_ file: URL) throws -> [Manifest.Entry] {
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                return try Manifest.parse(text, file: file.path)
            } catch let error as DocumentResultError {
                Diagnostics.error(error.description)
                throw ExitCode(ExitStatus.trouble)
            } catch {
                Diagnostics.error("\(file.path): cannot read the manifest: \(error.localizedDescription)")
                throw ExitCode(ExitStatus.trouble)
            }
        }
        let current = try read(manifestFile)
        let record = Self.syncRecord(folder: folder, store: store)
        let previous: [Manifest.Entry]
        if let since {
            previous = try read(URL(fileURLWithPath: since))
        } else if FileManager.default.fileExists(atPath: record.path) {
            previous = try read(record)
        } else {
            previous = []
            if !quiet { print("no record of an earlier sync of \(folder.path) to this store: sending every named graph") }
        }
        guard let datasetFile = ["graph.nq", "graph.trig"].map({ folder.appendingPathComponent($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            Diagnostics.error("\(folder.path): --sync needs the dataset (graph.nq or graph.trig) next to manifest.tsv")
            throw ExitCode(ExitStatus.trouble)
        }
        let dataset: Dataset
        do {
            dataset = try GraphReader.dataset(path: datasetFile.path)
        } catch {
            Diagnostics.error("\(error.description) (nothing was sent)")
            throw ExitCode(ExitStatus.trouble)
        }
        var graphs: [IRI: Graph] = [:]
        var defaultGraph = Graph()
        for quad in dataset.quads {
            if let name = quad.graph?.iri { graphs[name, default: Graph()].insert(quad.triple) } else { defaultGraph.insert(quad.triple) }
        }
        let changes = Manifest.changes(from: previous, to: current)

        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("kg-sync-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        var expected: [(GraphTarget, Int)] = []
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            func put(_ graph: Graph, _ target: GraphTarget, _ index: Int) async throws {
                let file = temporary.appendingPathComponent("part-\(index).nt")
                try Data(try GraphWriter.serialize(graph, as: .ntriples)).write(to: file)
                try await client.replace(target, withFile: file, mediaType: RDFFormat.ntriples.mediaType)
                try? FileManager.default.removeItem(at: file)
                expected.append((target, graph.count))
            }
            for entry in changes.delete {
                try await client.delete(.named(entry.graph.value))
            }
            for (index, entry) in changes.replace.enumerated() {
                try await put(graphs[entry.graph] ?? Graph(), .named(entry.graph.value), index)
            }
            try await put(defaultGraph, .defaultGraph, changes.replace.count)
        } catch let error as TripleStoreError {
            Diagnostics.error("\(error.description) (the store is part-way; run the same sync again)")
            throw ExitCode(ExitStatus.trouble)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.trouble)
        }
        if !quiet {
            print("synced \(folder.path) to \(store): \(changes.replace.count) named graphs replaced, \(changes.delete.count) deleted, "
                  + "\(changes.unchanged.count) unchanged; the default graph replaced (\(defaultGraph.count) triples)")
        }
        if verify { try await verify(expected, exactly: true, client: client, source: "the output") }
        // Only a sync that went through is recorded; after a failure the next one sends again.
        do {
            try FileManager.default.createDirectory(at: record.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contentsOf: manifestFile).write(to: record, options: .atomic)
        } catch {
            Diagnostics.warning("\(record.path): cannot record this sync (\(error.localizedDescription)); the next one sends every graph again")
        }
    }
}
