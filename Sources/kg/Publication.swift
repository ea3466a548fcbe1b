import ArgumentParser
import Dispatch
import DocumentResults
import Foundation
import GraphAssembly
import GraphIO
import OntologyModel
import RDFModel
import TextAnnotation

/// The corpus-level half of `kg extract` and all of `kg merge`: merges extracted documents,
/// builds the graphs and writes the output set (the chosen syntaxes, `void.ttl`, `manifest.tsv`,
/// optionally `run.ttl`) into the output folder as one step.
struct Publication {
    let out: String
    let formats: [RDFFormat]
    let jobs: Int
    let base: String?
    let runMetadata: Bool
    let stageTimes: Bool

    struct Summary {
        let entities: Int
        let relations: Int
        let triples: Int
    }

    /// Writes the outputs of `documents` (any order: the merge sorts them). `contentHashes` maps a
    /// document identifier to the SHA-256 of its bytes, for the manifest.
    func write(_ documents: [AnnotatedDocument], contentHashes: [String: String], ontology: Ontology, startedAt: Date) throws -> Summary {
        var phase = DispatchTime.now().uptimeNanoseconds
        /// With --stage-times, how long the corpus-level step just finished took.
        func lap(_ label: String) {
            guard stageTimes else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            Diagnostics.note(String(format: "  %@ %.3f s", label, Double(now - phase) / 1e9))
            phase = now
        }
        let corpus = CorpusMerger.merge(documents, ontology: ontology)
        lap("merge")
        let graph = GraphBuilder.graph(corpus, ontology: ontology)
        lap("domain graph")
        // The dataset and the provenance graph come from one pass, and only when a syntax needs them.
        var published = formats.allSatisfy { $0 == .ntriples } ? nil : DatasetBuilder.build(corpus, ontology: ontology, jobs: jobs)
        let statementKeys = published?.statementKeys ?? [:]
        lap("dataset and provenance")
        var outputs: [(name: String, data: RDFData, format: RDFFormat)] = []
        for format in formats {
            if format.holdsDatasets, let published {
                outputs.append(("graph.\(format.fileExtension)", .dataset(published.dataset), format))
            } else {
                outputs.append(("graph.\(format.fileExtension)", .graph(graph), format))
                if format != .ntriples, let published {
                    outputs.append(("provenance.\(format.fileExtension)", .graph(published.provenance), format))
                }
            }
        }
        published = nil  // the outputs hold what is still needed
        let void = VoIDDescription.graph(for: graph, documents: corpus.documents.map(\.document), formats: formats.map(\.fileExtension), ontologyNamespace: ontology.namespace)
        outputs.append(("void.ttl", .graph(void), .turtle))
        if runMetadata {
            let metadata = RunMetadata.graph(started: startedAt, ended: Date(), documents: corpus.documents.map(\.document))
            outputs.append(("run.ttl", .graph(metadata), .turtle))
        }

        // --base: the same statements with the minted IRIs moved to the user's namespace.
        var prefixes = PrefixMap.standard
        var rebasing: Rebasing?
        if let base, base != PrefixMap.kgEntityNamespace {
            let moving = Rebasing(from: PrefixMap.kgEntityNamespace, to: base)
            rebasing = moving
            prefixes = moving.prefixes(prefixes)
            outputs = outputs.map { output in
                switch output.data {
                case let .graph(graph): (output.name, .graph(moving.graph(graph)), output.format)
                case let .dataset(dataset): (output.name, .dataset(moving.dataset(dataset)), output.format)
                }
            }
            lap("rebase")
        }
        let manifest = Manifest.text(corpus.documents.map(\.document.identifier), contentHashes: contentHashes,
                                     statements: statementKeys) { identifier in
            let graph = DocumentIRIs.document(identifier)
            return rebasing?.iri(graph) ?? graph
        }

        // All files go to a staging folder first and are swapped in as one set (see OutputSet).
        let set = try OutputSet(directory: URL(fileURLWithPath: out), ownedNames: Self.ownedNames)
        do {
            try set.write(Array(manifest.utf8), name: Manifest.fileName)
            // --jobs workers serialize the files, largest first (the dataset and the provenance);
            // each is written to the staging folder and released as soon as it is done, so the
            // large graphs are not all held to the end.
            let timings = try Self.writeAll(consume outputs, to: set, jobs: jobs, prefixes: prefixes)
            if stageTimes {
                for (name, seconds) in timings { Diagnostics.note(String(format: "  write %@ %.3f s", name, seconds)) }
            }
            Self.testHookPauseBeforeCommit()
            try set.commit()
        } catch {
            set.abandon()
            throw error
        }
        return Summary(entities: corpus.entities.count, relations: documents.reduce(0) { $0 + $1.relations.count }, triples: graph.count)
    }

    /// Serializes and writes every output on up to `jobs` threads; the seconds each took, in the
    /// order given. The first error stops the others from starting.
    static func writeAll(_ outputs: consuming [(name: String, data: RDFData, format: RDFFormat)], to set: OutputSet, jobs: Int,
                         prefixes: PrefixMap = .standard) throws(GraphIOError) -> [(String, Double)] {
        let names = outputs.map(\.name)
        let workers = max(1, min(jobs, names.count))
        final class Queue: @unchecked Sendable {
            var pending: [(name: String, data: RDFData, format: RDFFormat)?]
            var order: [Int]
            var seconds: [Double]
            var failure: GraphIOError?
            /// Written only under `lock`.
            let set: OutputSet
            let lock = NSLock()
            init(_ outputs: [(name: String, data: RDFData, format: RDFFormat)], set: OutputSet) {
                self.set = set
                pending = outputs
                seconds = Array(repeating: 0, count: outputs.count)
                // Dataset and provenance files are the large ones: start them first.
                order = Array(outputs.indices).sorted { (Queue.isLarge(outputs[$0]) ? 0 : 1, $0) < (Queue.isLarge(outputs[$1]) ? 0 : 1, $1) }.reversed()
            }
            static func isLarge(_ output: (name: String, data: RDFData, format: RDFFormat)) -> Bool {
                if case .dataset = output.data { return true }
                return output.name.hasPrefix("provenance.")
            }
            func take() -> (Int, (name: String, data: RDFData, format: RDFFormat))? {
                lock.lock()
                defer { lock.unlock() }
                guard failure == nil, let index = order.popLast(), let output = pending[index] else { return nil }
                pending[index] = nil
                return (index, output)
            }
        }
        // The queue takes the only reference to the outputs, so each is freed once written.
        let queue = Queue(consume outputs, set: set)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let (index, output) = queue.take() {
                let start = DispatchTime.now().uptimeNanoseconds
                let result = Result { () throws(GraphIOError) -> [UInt8] in try GraphWriter.serialize(output.data, as: output.format, prefixes: prefixes) }
                queue.lock.lock()
                do throws(GraphIOError) {
                    try queue.set.write(try result.get(), name: output.name)
                } catch {
                    if queue.failure == nil { queue.failure = error }
                }
                queue.seconds[index] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                queue.lock.unlock()
            }
        }
        if let failure = queue.failure { throw failure }
        return zip(names, queue.seconds).map { ($0, $1) }
    }

    /// Every file name `extract` can write: these belong to the output set, other files in DIR are the user's.
    static let ownedNames: Set<String> = Set(RDFFormat.allCases.map { "graph.\($0.fileExtension)" })
        .union(["provenance.ttl", "provenance.rdf", "void.ttl", "run.ttl", Manifest.fileName])

    /// TEST ONLY: with KG_TEST_PAUSE_BEFORE_COMMIT=SECONDS in the environment, wait that long after every
    /// file of the set is staged and before it is swapped in, so a test can kill the run at that point
    /// (Tests/CLITests/OutputSetCLITests.swift). Not a user feature; never set it otherwise.
    static func testHookPauseBeforeCommit() {
        guard let value = ProcessInfo.processInfo.environment["KG_TEST_PAUSE_BEFORE_COMMIT"], let seconds = Double(value), seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
