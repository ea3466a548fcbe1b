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
        documents, and writes DIR/graph.ttl, DIR/graph.rdf and DIR/graph.nt (or the --format list). \
        Files are written atomically. The output depends only on the input texts and the ontology \
        folder: the same bytes for any file order or --jobs value.

        Exit status: 0 all documents extracted; 1 some documents could not be read (the others are \
        still written); 2 nothing could be done (bad arguments, missing input or ontology).
        """
    )

    @Argument(help: ArgumentHelp("Text files or folders of .txt files.", valueName: "files-or-folders"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Folder to write the graph files into (created if missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Comma-separated output syntaxes: ttl, rdf, nt.", valueName: "list"))
    var format: String = "ttl,rdf,nt"

    @Option(name: .long, help: ArgumentHelp("The ontology folder (core.ttl, lexicons/, rules/, pipeline.txt).", valueName: "dir"))
    var ontology: String = "Ontology"

    @Option(name: .long, help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Print no summary line.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one text file or folder") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        _ = try formats()
    }

    func formats() throws -> [RDFFormat] {
        var result: [RDFFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let found = RDFFormat(flag: name), !found.holdsDatasets else {
                throw ValidationError("unknown --format '\(name)'; choose from ttl, rdf, nt")
            }
            if !result.contains(found) { result.append(found) }
        }
        if result.isEmpty { throw ValidationError("--format lists no syntax") }
        return result
    }

    func run() throws {
        let started = DispatchTime.now()
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

        let outcome = DocumentRunner.run(files, setup: setup, jobs: jobs)
        for failure in outcome.failures { Diagnostics.error(failure) }
        let corpus = CorpusMerger.merge(outcome.documents, ontology: setup.context.ontology)
        let graph = GraphBuilder.graph(corpus, ontology: setup.context.ontology)

        let directory = URL(fileURLWithPath: out)
        for format in formats {
            let target = directory.appendingPathComponent("graph.\(format.fileExtension)")
            do {
                try GraphWriter.writeAtomically(try GraphWriter.serialize(graph, as: format), to: target)
            } catch {
                Diagnostics.error(error.description)
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

    static func run(_ files: [InputFile], setup: ExtractionSetup, jobs: Int) -> Outcome {
        let results = Results(count: files.count)
        let progress = ProgressBar(total: files.count, label: "extracting")
        let queue = DispatchQueue(label: "kg.extract", attributes: .concurrent)
        let group = DispatchGroup()
        let limiter = DispatchSemaphore(value: jobs)
        for (index, file) in files.enumerated() {
            limiter.wait()
            queue.async(group: group) {
                defer { limiter.signal() }
                results.set(index, extract(file, setup: setup))
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

    static func extract(_ file: InputFile, setup: ExtractionSetup) -> Result<AnnotatedDocument, DocumentFailure> {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return .failure(DocumentFailure(message: "\(file.path): cannot read the file (skipped)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(DocumentFailure(message: "\(file.path): not valid UTF-8 text (skipped)"))
        }
        do {
            return .success(try setup.pipeline.run(Document(identifier: file.identifier, text: text), in: setup.context))
        } catch {
            return .failure(DocumentFailure(message: "\(file.path): \(error.description) (skipped)"))
        }
    }
}
