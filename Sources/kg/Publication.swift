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
    /// Show a progress line while the named graphs are written (a terminal, no --quiet).
    var showsProgress = false

    struct Summary {
        let entities: Int
        let relations: Int
        let triples: Int
    }

    /// One document to publish: what the corpus merge needs, and where its annotations are read
    /// again when its named graph is written, so that the corpus is never held in memory.
    struct Source: Sendable {
        let summary: DocumentSummary
        /// SHA-256 of the document's bytes, for the manifest.
        let contentHash: ContentDigest
        let annotations: Annotations

        enum Annotations: Sendable {
            /// A per-document result file (`DocumentResultCodec`).
            case file(String)
            /// The document's result in a work folder, under `ExtractCommand.resultName`.
            case workFolder(WorkFolder)
            /// Held in memory (a result that could not be stored); boxed, so that a source is small.
            case memory(Held)
            /// Not kept: a run that writes no provenance (`--format nt`) never reads it again.
            case notKept
        }

        final class Held: Sendable {
            let document: AnnotatedDocument
            init(_ document: AnnotatedDocument) { self.document = document }
        }
    }

    /// Relations less confident than this are dropped from documents read back (--min-confidence).
    var minimumConfidence = 0.0

    /// The annotations of `source` as the outputs need them.
    func load(_ source: Source) throws -> AnnotatedDocument {
        let path: String
        switch source.annotations {
        case let .memory(held): return held.document
        case .notKept: throw PublicationError.missing(source.summary.identifier)
        case let .workFolder(folder): path = folder.resultFile(name: ExtractCommand.resultName(source.summary.identifier)).path
        case let .file(file): path = file
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentResultError(file: path, line: 0, reason: "cannot read the result again")
        }
        var document = try DocumentResultCodec.decode([UInt8](data), file: path).document
        document.dropRelations(lessConfidentThan: minimumConfidence)
        return document
    }

    /// Writes the outputs of `sources` (any order: the merge sorts them). Documents are read back
    /// one window at a time, in the order of their named graphs, and their named graphs and
    /// provenance streamed to the files (`DatasetStream`); what stays in memory is the merged
    /// entities, the domain graph and one window of documents. `accumulator` is the one the summaries
    /// were made with.
    func write(sources unordered: consuming [Source], accumulator: CorpusAccumulator, ontology: Ontology, startedAt: Date) throws -> Summary {
        var phase = DispatchTime.now().uptimeNanoseconds
        /// With --stage-times, how long the corpus-level step just finished took.
        func lap(_ label: String) {
            guard stageTimes else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            Diagnostics.note(String(format: "  %@ %.3f s", label, Double(now - phase) / 1e9))
            phase = now
        }
        // In the corpus's document order (by identifier), so document index i is sources[i].
        var ordered = consume unordered
        if !ordered.indices.dropFirst().allSatisfy({ ordered[$0 - 1].summary.identifier < ordered[$0].summary.identifier }) {
            ordered.sort { $0.summary.identifier < $1.summary.identifier }
        }
        let sources = consume ordered
        let corpus = CorpusMerger.merge(summaries: sources.map(\.summary), accumulator: accumulator)
        let descriptions = GraphBuilder.descriptions(corpus, ontology: ontology)
        lap("merge")

        // --base: the same statements with the minted IRIs moved to the user's namespace.
        let rebasing = base.flatMap { $0 == PrefixMap.kgEntityNamespace ? nil : Rebasing(from: PrefixMap.kgEntityNamespace, to: $0) }
        let prefixes = rebasing?.prefixes(PrefixMap.standard) ?? PrefixMap.standard
        @Sendable func rebased(_ graph: Graph) -> Graph { rebasing?.graph(graph) ?? graph }

        // All files go to a staging folder first and are swapped in as one set (see OutputSet).
        let set = try OutputSet(directory: URL(fileURLWithPath: out), ownedNames: Self.ownedNames)
        do {
            let streamed = DatasetStream.Formats(trig: formats.contains(.trig), nquads: formats.contains(.nquads),
                                                 provenanceTurtle: formats.contains(.turtle), provenanceRDFXML: formats.contains(.rdfxml))
            let keepsDataset = formats.contains(.jsonld)
            let mapsProvenance = !streamed.isEmpty || keepsDataset
            let stream = streamed.isEmpty ? nil : try DatasetStream(set: set, formats: streamed, prefixes: prefixes, defaultGraph: rebased(descriptions))
            var domain = descriptions
            domain.formUnion(corpus.relations)
            var sharedProvenance = Graph()
            var jsonDataset = keepsDataset ? Dataset(defaultGraph: rebased(descriptions)) : nil
            // Per document index, the key of its named graph's statements (for the manifest).
            var statementKeys = [String?](repeating: nil, count: sources.count)

            // Named graphs are written in the order of their IRIs, which is not always the order of
            // the identifiers (percent-encoding).
            // Without provenance no document is read again: the merge holds every relation.
            let order: [Int] = mapsProvenance ? {
                let iris = corpus.identifiers.map(DocumentIRIs.document)
                return iris.indices.sorted { iris[$0] < iris[$1] }
            }() : []
            let window = max(16, jobs * 8)
            let progress = ProgressBar(total: order.count, label: "writing", quiet: !showsProgress)
            struct Written: Sendable {
                let activities: [Triple]
                let named: [Triple]
                let fragments: DatasetStream.Fragments
                let key: String
            }
            var start = 0
            while start < order.count {
                let slice = Array(order[start..<min(order.count, start + window)])
                start += slice.count
                let results = ParallelMap.map(0..<slice.count, jobs: jobs) { position -> Result<Written, Error> in
                    let index = slice[position]
                    let identifier = corpus.identifiers[index]
                    return Result {
                        let source = sources[index]
                        guard source.summary.identifier == identifier else { throw PublicationError.missing(identifier) }
                        let annotated = try load(source)
                        let resolving = corpus.resolving(annotated, as: index, accumulator: accumulator)
                        let (_, extracted, activities) = DatasetBuilder.namedGraph(resolving, document: index, annotated: annotated, ontology: ontology)
                        let statements = rebasing.map { extracted.map($0.triple) } ?? extracted
                        let graphName = rebasing?.iri(DocumentIRIs.document(identifier)) ?? DocumentIRIs.document(identifier)
                        let fragments = try DatasetStream.fragments(graph: graphName, statements: statements, formats: streamed, prefixes: prefixes)
                        return Written(activities: activities, named: keepsDataset ? statements : [], fragments: fragments,
                                       key: ContentKey.hex([String(decoding: fragments.nquads, as: UTF8.self)]))
                    }
                }
                for (position, result) in results.enumerated() {
                    let written = try result.get()
                    let identifier = corpus.identifiers[slice[position]]
                    try stream?.append(written.fragments)
                    for triple in written.activities { sharedProvenance.insert(triple) }
                    statementKeys[slice[position]] = written.key
                    if keepsDataset {
                        let graphName = Term.iri(rebasing?.iri(DocumentIRIs.document(identifier)) ?? DocumentIRIs.document(identifier))
                        for triple in written.named { jsonDataset?.insert(Quad(triple, graph: graphName)) }
                    }
                    progress.advance()
                }
            }
            try stream?.finish(defaultGraph: rebased(descriptions), sharedProvenance: rebased(sharedProvenance))
            lap("named graphs and provenance (streamed)")

            var outputs: [(name: String, data: RDFData, format: RDFFormat)] = []
            let graph = rebased(domain)
            for format in formats where format != .trig && format != .nquads {
                if format == .jsonld, let jsonDataset {
                    outputs.append(("graph.jsonld", .dataset(jsonDataset), format))
                } else {
                    outputs.append(("graph.\(format.fileExtension)", .graph(graph), format))
                }
            }
            jsonDataset = nil
            let void = VoIDDescription.graph(for: domain, documentCount: corpus.identifiers.count, formats: formats.map(\.fileExtension), ontologyNamespace: ontology.namespace)
            outputs.append(("void.ttl", .graph(rebased(void)), .turtle))
            if runMetadata {
                let metadata = RunMetadata.graph(started: startedAt, ended: Date(), documents: corpus.identifiers)
                outputs.append(("run.ttl", .graph(rebased(metadata)), .turtle))
            }
            // The manifest goes to its file line by line: for a large corpus it is the largest thing
            // the end of a run would otherwise build in memory.
            let manifest = try StagedFile(set: set, name: Manifest.fileName)
            try manifest.append(Array(Manifest.heading.utf8))
            for (index, identifier) in corpus.identifiers.enumerated() {
                let graph = rebasing?.iri(DocumentIRIs.document(identifier)) ?? DocumentIRIs.document(identifier)
                try manifest.append(Array(Manifest.line(Manifest.Entry(document: identifier, sha256: sources[index].contentHash.hex, graph: graph,
                                                                       statements: statementKeys[index] ?? "")).utf8))
            }
            try manifest.close()
            set.markWritten(Manifest.fileName)
            statementKeys = []
            let timings = try Self.writeAll(outputs, to: set, jobs: jobs, prefixes: prefixes)
            if stageTimes {
                for (name, seconds) in timings { Diagnostics.note(String(format: "  write %@ %.3f s", name, seconds)) }
            }
            Self.testHookPauseBeforeCommit()
            try set.commit()
            return Summary(entities: corpus.entities.count, relations: sources.reduce(0) { $0 + $1.summary.relationCount }, triples: graph.count)
        } catch {
            set.abandon()
            throw error
        }
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

/// A SHA-256 digest in 32 bytes: kept for every document until the manifest is written, where a
/// hex string would cost a heap allocation each.
struct ContentDigest: Sendable, Equatable {
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// From 64 hex digits; any other text gives the digest of zeros (printed as such).
    init(hex: String) {
        let digits = Array(hex.utf8)
        func word(_ index: Int) -> UInt64 {
            guard digits.count == 64 else { return 0 }
            return UInt64(String(decoding: digits[(index * 16)..<(index * 16 + 16)], as: UTF8.self), radix: 16) ?? 0
        }
        words = (word(0), word(1), word(2), word(3))
    }

    var hex: String {
        [words.0, words.1, words.2, words.3].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    static func == (lhs: ContentDigest, rhs: ContentDigest) -> Bool { lhs.words == rhs.words }
}

/// A document the merge listed that has no source (a bug, not an input error).
enum PublicationError: Error, CustomStringConvertible {
    case missing(String)

    var description: String {
        switch self {
        case let .missing(identifier): "document \(identifier) was merged but cannot be read again"
        }
    }
}
