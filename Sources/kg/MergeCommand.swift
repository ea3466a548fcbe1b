import ArgumentParser
import Dispatch
import DocumentResults
import Extraction
import Foundation
import GraphAssembly
import GraphIO
import RDFModel
import TextAnnotation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Write the outputs of the per-document results of one or more kg extract runs (shards) as one run would.",
        discussion: """
        Each FOLDER is the --out folder of a `kg extract --shard I/N` run (its results are in \
        FOLDER/.kg/results) or a work folder itself (FOLDER/results). The results of all folders \
        are merged across documents and written to --out exactly as `kg extract` writes them: \
        shards merged give the same bytes as one run over the whole corpus, whatever the number \
        of shards or the order of the folders. A document found in two folders must have the same \
        result in both. Exit status: 0 success; 1 some result files could not be read (the others \
        are written); 2 nothing could be done (no results, conflicting results, broken ontology \
        folder, unwritable output); 64 bad arguments.
        """
    )

    @Argument(help: ArgumentHelp("Output folders of kg extract --shard runs, or work folders.", valueName: "folders"))
    var folders: [String]

    @Option(name: .long, help: ArgumentHelp("Folder to write the graph files into (created if missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Comma-separated output syntaxes, as for kg extract.", valueName: "list"))
    var format: String = "ttl,rdf,nt,trig,nq"

    @Option(name: .long, help: ArgumentHelp("The ontology folder the shards were extracted with (default: as for kg extract).", valueName: "dir"))
    var ontology: String?

    @Option(name: .long, help: "Threads for building and writing the outputs (the default is the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Mint IRIs under this namespace instead of https://w3id.org/kg/id/, as for kg extract.", valueName: "iri"))
    var base: String?

    @Option(name: .long, help: ArgumentHelp("Keep only relations whose confidence is at least this, from 0 to 1.", valueName: "x"))
    var minConfidence: Double = 0

    @Flag(name: .long, help: "Print no summary line.")
    var quiet = false

    func validate() throws {
        if folders.isEmpty { throw ValidationError("name at least one folder of results") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be a number from 0 to 1") }
        if let base, !ExtractCommand.isUsableBase(base) {
            throw ValidationError("--base must be an absolute IRI ending in / or # with no spaces, quotes or angle brackets; got '\(base)'")
        }
        _ = try ExtractCommand.formats(format)
    }

    func run() throws {
        let started = DispatchTime.now()
        let startedAt = Date()
        let formats = try ExtractCommand.formats(format)
        var files: [URL] = []
        for folder in folders {
            let root = URL(fileURLWithPath: folder)
            let candidates = [WorkFolder(url: root.appendingPathComponent(".kg")), WorkFolder(url: root)]
            guard let work = candidates.first(where: { FileManager.default.fileExists(atPath: $0.results.path) }) else {
                Diagnostics.error("\(folder): no per-document results (looked for \(folder)/.kg/results and \(folder)/results)")
                throw ExitCode(ExitStatus.trouble)
            }
            files += work.resultFiles()
        }
        guard !files.isEmpty else {
            Diagnostics.error("no per-document results in \(folders.joined(separator: ", "))")
            throw ExitCode(ExitStatus.trouble)
        }

        let setup: ExtractionSetup
        do {
            let folder: String
            if let ontology {
                folder = ontology
            } else {
                let (found, looked) = OntologyLocation.find()
                guard let found else { throw ExtractCommand.OntologyNotFound(looked: looked) }
                folder = found
            }
            setup = try ExtractionSetup.load(from: URL(fileURLWithPath: folder))
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.trouble)
        }

        let minimumConfidence = minConfidence
        /// What a document contributes to the merge: its entities and the relations kept.
        @Sendable func summary(_ document: AnnotatedDocument, _ accumulator: CorpusAccumulator) -> DocumentSummary {
            var document = document
            document.dropRelations(lessConfidentThan: minimumConfidence)
            return DocumentSummary(document, accumulator: accumulator)
        }
        // Only the keys are kept of each result here; duplicates (the same document in two
        // folders) are dropped before any is added to the merge, which counts names.
        let decoded = Self.decodeAll(files, jobs: jobs) { result in
            (key: result.key, identifier: result.document.document.identifier, contentHash: result.contentHash)
        }
        var failures = 0
        var byDocument: [String: (result: (key: String, identifier: String, contentHash: String), file: URL)] = [:]
        for (file, outcome) in zip(files, decoded) {
            switch outcome {
            case let .failure(error):
                Diagnostics.error("\(error) (skipped)")
                failures += 1
            case let .success(result):
                let identifier = result.identifier
                if let earlier = byDocument[identifier] {
                    guard earlier.result.key == result.key, earlier.result.contentHash == result.contentHash else {
                        Diagnostics.error("document \(identifier) has two different results: \(earlier.file.path) and \(file.path) (the same document extracted from different bytes or with another ontology or kg)")
                        throw ExitCode(ExitStatus.trouble)
                    }
                    continue
                }
                byDocument[identifier] = (result, file)
            }
        }

        // Each document is read once more here for what the merge needs, and again when its named
        // graph is written: never all at once.
        let accumulator = CorpusAccumulator(ontology: setup.context.ontology)
        let unique = byDocument.keys.sorted().compactMap { byDocument[$0] }
        byDocument = [:]
        let summaries = Self.decodeAll(unique.map(\.file), jobs: jobs) { summary($0.document, accumulator) }
        var sources: [Publication.Source] = []
        for (entry, summary) in zip(unique, summaries) {
            let path = entry.file.path
            switch summary {
            case let .failure(error):
                Diagnostics.error("\(error) (skipped)")
                failures += 1
            case let .success(summary):
                sources.append(Publication.Source(summary: summary, contentHash: ContentDigest(hex: entry.result.contentHash), annotations: .file(path)))
            }
        }
        var publication = Publication(out: out, formats: formats, jobs: jobs, base: base, runMetadata: false, stageTimes: false)
        publication.showsProgress = !quiet
        publication.minimumConfidence = minConfidence
        let written: Publication.Summary
        do {
            written = try publication.write(sources: sources, accumulator: accumulator, ontology: setup.context.ontology, startedAt: startedAt)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.trouble)
        }
        if !quiet {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            Diagnostics.note(String(format: "kg merge: %d documents from %d folders, %d entities, %d relations, %d triples in %.2f s",
                                    sources.count, folders.count, written.entities, written.relations, written.triples, seconds))
        }
        if failures > 0 { throw ExitCode(ExitStatus.partialFailure) }
    }

    /// Reads and decodes result files on up to `jobs` threads, keeping `keep` of each; results in file order.
    static func decodeAll<Kept: Sendable>(_ files: [URL], jobs: Int, keep: @Sendable @escaping (DocumentResult) -> Kept) -> [Result<Kept, DocumentResultError>] {
        ParallelMap.map(files.indices, jobs: jobs) { index in
            let file = files[index]
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return .failure(DocumentResultError(file: file.path, line: 0, reason: "cannot read the file"))
            }
            return Result { () throws(DocumentResultError) -> DocumentResult in try DocumentResultCodec.decode([UInt8](data), file: file.path) }.map(keep)
        }
    }
}
