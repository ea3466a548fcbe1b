import ArgumentParser
import Dispatch
import Extraction
import Foundation
import GraphAssembly
import GraphIO
import OntologyModel
import RDFModel
import TextAnnotation

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract a knowledge graph from text files and write it as RDF.",
        discussion: """
        Reads every .txt file under the folders given (and any files given directly), runs the \
        extraction pipeline of the ontology folder on each document, merges the entities across \
        documents, and writes the domain graph as DIR/graph.ttl, graph.rdf and graph.nt, the dataset \
        (entity descriptions in the default graph, one named graph per document with its facts and \
        their provenance) as DIR/graph.trig and graph.nq, the provenance alone as DIR/provenance.ttl \
        and provenance.rdf (NIF 2.0 mentions, PROV-O statement records), and a VoID description as \
        DIR/void.ttl. --format chooses the syntaxes. Files are written atomically. The output depends only on the input texts and the ontology \
        folder: the same bytes for any file order or --jobs value.

        Exit status: 0 all documents extracted; 1 some documents could not be read (the others are \
        still written); 2 nothing could be done (missing input, broken ontology folder, unwritable \
        output); 64 bad arguments.
        """
    )

    @Argument(help: ArgumentHelp("Text files or folders of .txt files.", valueName: "files-or-folders"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Folder to write the graph files into (created if missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Comma-separated output syntaxes: ttl, rdf, nt (the graph; ttl and rdf also write provenance.*), trig, nq (the dataset).", valueName: "list"))
    var format: String = "ttl,rdf,nt,trig,nq"

    @Option(name: .long, help: ArgumentHelp("The ontology folder (core.ttl, lexicons/, rules/, pipeline.txt).", valueName: "dir"))
    var ontology: String = "Ontology"

    @Option(name: .long, help: "Documents processed in parallel (the default is the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "After the run, print the time spent in each extraction stage (summed over documents and threads) to standard error.")
    var stageTimes = false

    @Flag(name: .long, help: "Print no summary line.")
    var quiet = false

    @Flag(name: .long, help: "Also write DIR/run.ttl: a prov:Activity with the run's start and end time and kg's version (the other files never hold times).")
    var runMetadata = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one text file or folder") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        _ = try formats()
    }

    func formats() throws -> [RDFFormat] {
        var result: [RDFFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let found = RDFFormat(flag: name) else {
                throw ValidationError("unknown --format '\(name)'; choose from ttl, rdf, nt, trig, nq")
            }
            if !result.contains(found) { result.append(found) }
        }
        if result.isEmpty { throw ValidationError("--format lists no syntax") }
        return result
    }

    func run() throws {
        let started = DispatchTime.now()
        let startedAt = Date()
        let formats = try formats()
        let files: [InputFile]
        do {
            files = try InputFiles.expand(inputs)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        }
        let setup: ExtractionSetup
        do {
            setup = try ExtractionSetup.load(from: URL(fileURLWithPath: ontology))
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        }

        let timer = stageTimes ? StageTimer(stages: setup.pipeline.stages.map(\.name)) : nil
        let outcome = DocumentRunner.run(files, setup: setup, jobs: jobs, timer: timer)
        for failure in outcome.failures { Diagnostics.error(failure) }
        if let timer { Diagnostics.note(timer.report()) }
        let ontology = setup.context.ontology
        var phase = DispatchTime.now().uptimeNanoseconds
        /// With --stage-times, how long the corpus-level step just finished took.
        func lap(_ label: String) {
            guard stageTimes else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            Diagnostics.note(String(format: "  %@ %.3f s", label, Double(now - phase) / 1e9))
            phase = now
        }
        let corpus = CorpusMerger.merge(outcome.documents, ontology: ontology)
        lap("merge")
        let graph = GraphBuilder.graph(corpus, ontology: ontology)
        lap("domain graph")
        // The dataset and the provenance graph come from one pass, and only when a syntax needs them.
        let published = formats.allSatisfy { $0 == .ntriples } ? nil : DatasetBuilder.build(corpus, ontology: ontology, jobs: jobs)
        lap("dataset and provenance")
        var outputs: [(name: String, data: Dataset, format: RDFFormat)] = []
        for format in formats {
            if format.holdsDatasets, let published {
                outputs.append(("graph.\(format.fileExtension)", published.dataset, format))
            } else {
                outputs.append(("graph.\(format.fileExtension)", Dataset(defaultGraph: graph), format))
                if format != .ntriples, let published {
                    outputs.append(("provenance.\(format.fileExtension)", Dataset(defaultGraph: published.provenance), format))
                }
            }
        }
        let void = VoIDDescription.graph(for: graph, documents: corpus.documents.map(\.document), formats: formats.map(\.fileExtension), ontologyNamespace: ontology.namespace)
        outputs.append(("void.ttl", Dataset(defaultGraph: void), .turtle))
        if runMetadata {
            let metadata = RunMetadata.graph(started: startedAt, ended: Date(), documents: corpus.documents.map(\.document))
            outputs.append(("run.ttl", Dataset(defaultGraph: metadata), .turtle))
        }

        let directory = URL(fileURLWithPath: out)
        for output in outputs {
            do {
                try GraphWriter.writeAtomically(try GraphWriter.serialize(output.data, as: output.format), to: directory.appendingPathComponent(output.name))
                lap("write \(output.name)")
            } catch {
                Diagnostics.error("\(error)")
                throw ExitCode(ExitStatus.trouble)
            }
        }
        if !quiet {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            let relations = outcome.documents.reduce(0) { $0 + $1.relations.count }
            Diagnostics.note(String(format: "kg extract: %d documents, %d entities, %d relations, %d triples in %.2f s",
                                    outcome.documents.count, corpus.entities.count, relations, graph.count, seconds))
        }
        if !outcome.failures.isEmpty { throw ExitCode(ExitStatus.partialFailure) }
    }
}

/// Runs the pipeline over documents in parallel; results keep the input order.
enum DocumentRunner {
    struct Outcome {
        let documents: [AnnotatedDocument]
        let failures: [String]
    }

    private final class Results: @unchecked Sendable {
        var slots: [Result<AnnotatedDocument, DocumentFailure>?]
        let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<AnnotatedDocument, DocumentFailure>) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }
    }

    struct DocumentFailure: Error {
        let message: String
    }

    static func run(_ files: [InputFile], setup: ExtractionSetup, jobs: Int, timer: StageTimer? = nil) -> Outcome {
        let results = Results(count: files.count)
        let progress = ProgressBar(total: files.count, label: "extracting")
        let queue = DispatchQueue(label: "kg.extract", attributes: .concurrent)
        let group = DispatchGroup()
        let limiter = DispatchSemaphore(value: jobs)
        for (index, file) in files.enumerated() {
            limiter.wait()
            queue.async(group: group) {
                defer { limiter.signal() }
                results.set(index, extract(file, setup: setup, timer: timer))
                progress.advance()
            }
        }
        group.wait()
        var documents: [AnnotatedDocument] = []
        var failures: [String] = []
        for slot in results.slots {
            switch slot {
            case let .success(document)?: documents.append(document)
            case let .failure(failure)?: failures.append(failure.message)
            case nil: break
            }
        }
        return Outcome(documents: documents, failures: failures)
    }

    static func extract(_ file: InputFile, setup: ExtractionSetup, timer: StageTimer? = nil) -> Result<AnnotatedDocument, DocumentFailure> {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return .failure(DocumentFailure(message: "\(file.path): cannot read the file (skipped)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(DocumentFailure(message: "\(file.path): not valid UTF-8 text (skipped)"))
        }
        do {
            let document = Document(identifier: file.identifier, text: text)
            var annotated: AnnotatedDocument
            if let timer {
                var last = DispatchTime.now().uptimeNanoseconds
                annotated = try setup.pipeline.run(document, in: setup.context) { finished in
                    let now = DispatchTime.now().uptimeNanoseconds
                    if let finished { timer.add(now - last, to: finished) }
                    last = now
                }
            } else {
                annotated = try setup.pipeline.run(document, in: setup.context)
            }
            annotated.releaseTokens()
            return .success(annotated)
        } catch {
            return .failure(DocumentFailure(message: "\(file.path): \(error.description) (skipped)"))
        }
    }
}

/// Time spent in each stage, summed over documents and threads, for `--stage-times`.
final class StageTimer: @unchecked Sendable {
    private let names: [String]
    private var nanoseconds: [UInt64]
    private let lock = NSLock()

    init(stages: [String]) {
        names = stages
        nanoseconds = Array(repeating: 0, count: stages.count)
    }

    func add(_ elapsed: UInt64, to stage: Int) {
        lock.lock()
        nanoseconds[stage] += elapsed
        lock.unlock()
    }

    func report() -> String {
        let total = max(1, nanoseconds.reduce(0, +))
        var lines = ["stage times (summed over documents):"]
        for (name, spent) in zip(names, nanoseconds) {
            let padded = name.padding(toLength: max(20, name.count), withPad: " ", startingAt: 0)
            lines.append("  " + padded + String(format: " %8.3f s %5.1f%%", Double(spent) / 1e9, 100 * Double(spent) / Double(total)))
        }
        return lines.joined(separator: "\n")
    }
}
