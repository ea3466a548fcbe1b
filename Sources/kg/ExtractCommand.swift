import ArgumentParser
import Dispatch
import DocumentResults
import Extraction
import Foundation
import GraphAssembly
import GraphDiff
import GraphIO
import OntologyModel
import RDFModel
import TextAnnotation
import TextDecoding

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
        DIR/void.ttl. --format chooses the syntaxes. The output depends only on the input texts and the ontology \
        folder: the same bytes for any file order or --jobs value.

        Input: UTF-8 (a byte order mark is dropped), or UTF-16/UTF-32 with a byte order mark. An \
        invalid byte sequence becomes U+FFFD, and a character XML 1.0 and N-Triples cannot carry \
        (control characters other than tab, LF and CR; U+FFFE, U+FFFF) is replaced one for one by \
        U+FFFD, so character offsets stay those of the file's text; each such document gets a warning \
        (kg: warning: path: …, with byte or character offsets) and is still extracted. \
        --strict-input refuses such documents instead. A document that cannot be read, is larger \
        than --max-document-mb, looks like binary data (more than a tenth of its characters invalid \
        or control characters) or fails in extraction is reported as kg: error: path: reason and \
        skipped; the rest of the batch is still written.

        Output set: all files of a run are written into a staging folder beside DIR and swapped in \
        as one step, so DIR holds either the previous run's complete set or this run's, never a mix \
        (a run that fails or is killed leaves the previous set as it was). Files in DIR that kg does \
        not write are kept; kg files this run does not write (other --format) are dropped.

        Exit status: 0 all documents extracted (warnings about replaced characters included); 1 \
        some documents were skipped (the others are still written); 2 nothing could be done \
        (missing input, broken ontology folder, unwritable output); 64 bad arguments.
        """
    )

    @Argument(help: ArgumentHelp("Text files or folders of .txt files.", valueName: "files-or-folders"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Folder to write the graph files into (created if missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Comma-separated output syntaxes: ttl, rdf, nt (the graph; ttl and rdf also write provenance.*), trig, nq, jsonld (the dataset).", valueName: "list"))
    var format: String = "ttl,rdf,nt,trig,nq"

    @Option(name: .long, help: ArgumentHelp("The ontology folder (core.ttl, lexicons/, rules/, pipeline.txt). Without it: $KG_ONTOLOGY, else ./Ontology, else share/kg/Ontology beside the installed kg.", valueName: "dir"))
    var ontology: String?

    @Option(name: .long, help: "Documents processed in parallel (the default is the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "After the run, print the time spent in each extraction stage (summed over documents and threads) to standard error.")
    var stageTimes = false

    @Flag(name: .long, help: "Refuse (skip, with an error) documents with invalid byte sequences or characters RDF cannot carry, instead of replacing them by U+FFFD.")
    var strictInput = false

    @Option(name: .long, help: ArgumentHelp("Skip documents larger than this many megabytes (2^20 bytes).", valueName: "mb"))
    var maxDocumentMb: Int = 64

    @Option(name: .long, help: ArgumentHelp("Mint entity, document and provenance IRIs under this namespace (an absolute IRI ending in / or #) instead of https://w3id.org/kg/id/. Only the IRIs change.", valueName: "iri"))
    var base: String?

    @Option(name: .long, help: ArgumentHelp("Keep only relations whose confidence (written in provenance as kg:confidence) is at least this, from 0 to 1.", valueName: "x"))
    var minConfidence: Double = 0

    @Option(name: .long, help: ArgumentHelp("The work folder keeping each document's result, so a later run re-extracts only new or changed documents (default: DIR/.kg).", valueName: "dir"))
    var work: String?

    @Flag(name: .long, help: "Keep no work folder (results go to a temporary one, removed at the end): every run extracts every document.")
    var noWork = false

    @Option(name: .long, help: ArgumentHelp("Extract only shard I of N (the documents whose identifier hashes to it) and write only their results into the work folder; `kg merge` then writes the outputs.", valueName: "I/N"))
    var shard: String?

    @Flag(name: .long, help: "Print no summary line.")
    var quiet = false

    @Flag(name: .long, help: "Also write DIR/run.ttl: a prov:Activity with the run's start and end time and kg's version (the other files never hold times).")
    var runMetadata = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one text file or folder") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxDocumentMb < 1 || maxDocumentMb > 1 << 20 { throw ValidationError("--max-document-mb must be between 1 and 1048576") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must be a number from 0 to 1") }
        if noWork, work != nil { throw ValidationError("--work and --no-work exclude each other") }
        if noWork, shard != nil { throw ValidationError("--shard writes its results into the work folder: drop --no-work") }
        _ = try parsedShard()
        if let base, !Self.isUsableBase(base) {
            throw ValidationError("--base must be an absolute IRI ending in / or # with no spaces, quotes or angle brackets, like https://example.org/kg/; got '\(base)'")
        }
        _ = try formats()
    }

    /// `--shard I/N` as numbers, 1 ≤ I ≤ N.
    func parsedShard() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), 1 <= index, index <= count else {
            throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, like 2/8; got '\(shard)'")
        }
        return (index, count)
    }

    /// The file name of a document's result in the work folder: a key of its identifier.
    static func resultName(_ identifier: String) -> String { ContentKey.hex(["document", identifier]) }

    /// Whether the document `identifier` belongs to shard `index` of `count` (1-based): by a hash
    /// of the identifier, so every machine splits a corpus the same way.
    static func inShard(_ identifier: String, index: Int, count: Int) -> Bool {
        let key = ContentKey.hex(["shard", identifier])
        return Int(UInt64(key.prefix(16), radix: 16).map { $0 % UInt64(count) } ?? 0) == index - 1
    }

    /// An absolute IRI that names can be appended to: a scheme, no character N-Triples forbids in
    /// an IRI, and a final `/` or `#`.
    static func isUsableBase(_ base: String) -> Bool {
        let forbidden: Set<Unicode.Scalar> = ["<", ">", "\"", "{", "}", "|", "^", "`", "\\", " "]
        return IRIResolver.isAbsolute(base) && (base.hasSuffix("/") || base.hasSuffix("#"))
            && !base.unicodeScalars.contains { forbidden.contains($0) || $0.value < 0x21 }
    }

    /// `--ontology`, or the first default place that holds one.
    func ontologyFolder() throws -> String {
        if let ontology { return ontology }
        let (found, looked) = OntologyLocation.find()
        guard let found else {
            throw OntologyNotFound(looked: looked)
        }
        return found
    }

    struct OntologyNotFound: Error, CustomStringConvertible {
        let looked: [String]
        var description: String {
            "no ontology folder found (looked for core.ttl in \(looked.joined(separator: ", "))); give one with --ontology DIR, set KG_ONTOLOGY, or install kg with Scripts/install.sh"
        }
    }

    func formats() throws -> [RDFFormat] { try Self.formats(format) }

    /// A comma-separated `--format` list, without repeats, in the order given.
    static func formats(_ format: String) throws -> [RDFFormat] {
        var result: [RDFFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let found = RDFFormat(flag: name) else {
                throw ValidationError("unknown --format '\(name)'; choose from ttl, rdf, nt, trig, nq, jsonld")
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
        let shard = try parsedShard()
        var files: [InputFile]
        do {
            files = try InputFiles.expand(inputs)
            if let shard { files = files.filter { Self.inShard($0.identifier, index: shard.index, count: shard.count) } }
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        }
        let folder: String
        do {
            folder = try ontologyFolder()
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.trouble)
        }
        let setup: ExtractionSetup
        do {
            setup = try ExtractionSetup.load(from: URL(fileURLWithPath: folder))
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        }

        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
            Diagnostics.error("\(out): not a folder")
            throw ExitCode(ExitStatus.trouble)
        }
        let workURL = URL(fileURLWithPath: work ?? URL(fileURLWithPath: out).appendingPathComponent(".kg").path)
        var cache: DocumentRunner.ResultCache?
        // Without a work folder, results still go to a temporary one until the outputs are
        // written, so the corpus is never held in memory; it is removed at the end.
        var spill: URL?
        defer { if let spill { try? FileManager.default.removeItem(at: spill) } }
        // A run that writes no provenance never reads a document again (the merge holds all the
        // domain graph needs), so without a work folder to keep for the next run nothing is stored.
        let readsDocumentsAgain = !formats.allSatisfy { $0 == .ntriples }
        if noWork, !readsDocumentsAgain {
            cache = nil
        } else if noWork {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-work-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
            let work = WorkFolder(url: folder)
            if (try? work.create()) != nil {
                spill = folder
                cache = DocumentRunner.ResultCache(folder: work, configuration: "not reused")
            }
        } else {
            do {
                let folder = WorkFolder(url: workURL)
                try folder.create()
                cache = DocumentRunner.ResultCache(folder: folder, configuration: try ContentKey.configuration(ontologyFolder: URL(fileURLWithPath: self.ontologyFolder())))
            } catch {
                Diagnostics.error("\(workURL.path): cannot use the work folder: \(error.localizedDescription) (--no-work runs without one)")
                throw ExitCode(ExitStatus.trouble)
            }
        }
        let workFolder = spill == nil ? cache?.folder : nil

        let timer = stageTimes ? StageTimer(stages: setup.pipeline.stages.map(\.name)) : nil
        let options = DocumentRunner.Options(maximumBytes: maxDocumentMb << 20, strict: strictInput, keepsText: readsDocumentsAgain,
                                             minimumConfidence: minConfidence, quiet: quiet)
        let outcome = DocumentRunner.run(files, setup: setup, jobs: jobs, options: options, timer: timer, cache: cache)
        for warning in outcome.warnings { Diagnostics.warning(warning) }
        for failure in outcome.failures { Diagnostics.error(failure) }
        if let timer { Diagnostics.note(timer.report()) }
        if let workFolder {
            // The first 64 bits of each kept result's name: a set of integers, not of names.
            let kept = Set(outcome.sources.compactMap { UInt64(Self.resultName($0.summary.identifier).prefix(16), radix: 16) })
            workFolder.prune { name in UInt64(name.prefix(16), radix: 16).map(kept.contains) == true }
        }
        if let shard {
            if !quiet {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                Diagnostics.note(String(format: "kg extract: shard %d/%d: %d documents (%d extracted, %d reused) in %@ in %.2f s",
                                        shard.index, shard.count, outcome.sources.count, outcome.extractedCount,
                                        outcome.sources.count - outcome.extractedCount, workURL.path, seconds))
            }
            if !outcome.failures.isEmpty { throw ExitCode(ExitStatus.partialFailure) }
            return
        }
        var publication = Publication(out: out, formats: formats, jobs: jobs, base: base, runMetadata: runMetadata, stageTimes: stageTimes)
        publication.showsProgress = !quiet
        publication.minimumConfidence = minConfidence
        let written: Publication.Summary
        do {
            written = try publication.write(sources: outcome.sources, accumulator: outcome.accumulator, ontology: setup.context.ontology, startedAt: startedAt)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.trouble)
        }
        if !quiet {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            let reused = outcome.sources.count - outcome.extractedCount
            Diagnostics.note(String(format: "kg extract: %d documents%@, %d entities, %d relations, %d triples in %.2f s",
                                    outcome.sources.count, workFolder == nil ? "" : " (\(outcome.extractedCount) extracted, \(reused) reused)",
                                    written.entities, written.relations, written.triples, seconds))
        }
        if !outcome.failures.isEmpty { throw ExitCode(ExitStatus.partialFailure) }
    }
}

/// Runs the pipeline over documents in parallel; results keep the input order.
enum DocumentRunner {
    struct Outcome {
        /// The documents extracted or reused, sorted by identifier, each read back from the work
        /// folder when its named graph is written.
        let sources: [Publication.Source]
        /// The merge state the sources' summaries were added to.
        let accumulator: CorpusAccumulator
        /// How many documents were extracted (the others were reused from the work folder).
        let extractedCount: Int
        /// Messages for documents that were extracted with repairs ("path: …").
        let warnings: [String]
        /// Messages for documents that were skipped ("path: … (skipped)").
        let failures: [String]
    }

    /// What a document may be.
    /// How each document is read and what is kept of it.
    struct Options {
        var maximumBytes = 64 << 20
        /// Refuse documents that need repairs instead of repairing them.
        var strict = false
        /// Keep each document's text once extracted: provenance needs it, the domain graph not.
        var keepsText = true
        /// Relations less confident than this are dropped.
        var minimumConfidence = 0.0
        /// No progress line (--quiet).
        var quiet = false
    }

    /// A document that was extracted (or reused), and the warnings about it.
    struct Extracted {
        let source: Publication.Source
        let warnings: [String]
        let reused: Bool
    }

    /// Where results are kept between runs, and the key of this run's configuration.
    struct ResultCache: Sendable {
        let folder: WorkFolder
        let configuration: String
    }

    private final class Results: @unchecked Sendable {
        var slots: [Result<Extracted, DocumentFailure>?]
        let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<Extracted, DocumentFailure>) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }
    }

    struct DocumentFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func run(_ files: [InputFile], setup: ExtractionSetup, jobs: Int, options: Options = Options(), timer: StageTimer? = nil,
                    cache: ResultCache? = nil) -> Outcome {
        let results = Results(count: files.count)
        let accumulator = CorpusAccumulator(ontology: setup.context.ontology)
        let sizes = files.map { file -> Int in
            var status = stat()
            return stat(file.path, &status) == 0 ? Int(status.st_size) : 0
        }
        let progress = ProgressBar(total: files.count, totalBytes: sizes.reduce(0, +), label: "extracting", quiet: options.quiet)
        let queue = DispatchQueue(label: "kg.extract", attributes: .concurrent)
        let group = DispatchGroup()
        let limiter = DispatchSemaphore(value: jobs)
        for (index, file) in files.enumerated() {
            limiter.wait()
            queue.async(group: group) {
                defer { limiter.signal() }
                results.set(index, extract(file, setup: setup, options: options, timer: timer, cache: cache, accumulator: accumulator))
                progress.advance(bytes: sizes[index])
            }
        }
        group.wait()
        var sources: [Publication.Source] = []
        var warnings: [String] = []
        var failures: [String] = []
        var extractedCount = 0
        for slot in results.slots {
            switch slot {
            case let .success(extracted)?:
                sources.append(extracted.source)
                warnings += extracted.warnings
                if !extracted.reused { extractedCount += 1 }
            case let .failure(failure)?: failures.append(failure.message)
            case nil: break
            }
        }
        results.slots = []
        // In identifier order, the order the outputs are written in (see Publication.write).
        sources.sort { $0.summary.identifier < $1.summary.identifier }
        return Outcome(sources: sources, accumulator: accumulator, extractedCount: extractedCount, warnings: warnings, failures: failures)
    }

    static func extract(_ file: InputFile, setup: ExtractionSetup, options: Options = Options(), timer: StageTimer? = nil,
                        cache: ResultCache? = nil, accumulator: CorpusAccumulator) -> Result<Extracted, DocumentFailure> {
        func skip(_ reason: String) -> Result<Extracted, DocumentFailure> {
            .failure(DocumentFailure(message: "\(file.path): \(reason) (skipped)"))
        }
        let bytes: [UInt8]
        switch readDocument(file.path, maximumBytes: options.maximumBytes) {
        case let .success(read): bytes = read
        case let .failure(failure): return skip(failure.message)
        }
        let decoded = TextDecoder.decode(bytes)
        if decoded.looksBinary {
            return skip("looks like binary data, not text (\(decoded.invalidByteOffsets.count + decoded.replacedCharacters.count) of \(decoded.scalarCount) characters are invalid or control characters)")
        }
        let repairs = repairMessages(decoded)
        if options.strict, !repairs.isEmpty {
            return skip(repairs.joined(separator: "; ") + " (--strict-input)")
        }
        var warnings = repairs.map { "\(file.path): \($0)" }
        if decoded.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            warnings.append("\(file.path): no text (empty or white space only)")
        }
        let contentHash = HashAlgorithm.hex(SHA256.hash(bytes))
        let resultName = ExtractCommand.resultName(file.identifier)
        /// What every output needs of the annotations, the same for a fresh and a reused result:
        /// the summary now, the annotations again (from the work folder when they were stored
        /// there) when the document's named graph is written.
        func finished(_ annotated: AnnotatedDocument, warnings: [String], reused: Bool, stored: Bool) -> Result<Extracted, DocumentFailure> {
            var prepared = annotated
            prepared.dropRelations(lessConfidentThan: options.minimumConfidence)
            let summary = DocumentSummary(prepared, accumulator: accumulator)
            let annotations: Publication.Source.Annotations
            if stored, let folder = cache?.folder {
                annotations = .workFolder(folder)
            } else if !options.keepsText {
                annotations = .notKept
            } else {
                if !options.keepsText { prepared.releaseText() }
                annotations = .memory(Publication.Source.Held(prepared))
            }
            return .success(Extracted(source: Publication.Source(summary: summary, contentHash: ContentDigest(hex: contentHash), annotations: annotations),
                                      warnings: warnings, reused: reused))
        }
        let key = cache.map { ContentKey.hex([$0.configuration, file.identifier, contentHash]) } ?? ""
        if let cache, let stored = cache.folder.load(name: resultName), stored.key == key, stored.document.document.identifier == file.identifier {
            return finished(stored.document, warnings: stored.warnings, reused: true, stored: true)
        }
        do {
            let document = Document(identifier: file.identifier, text: decoded.text)
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
            warnings += annotated.notices.map { "\(file.path): \($0)" }
            annotated.releaseTokens()
            var stored = false
            if let cache {
                // The stored result is the whole extraction, before --min-confidence: a later run
                // with another threshold reuses it.
                do {
                    try cache.folder.store(DocumentResult(contentHash: contentHash, key: key, document: annotated, warnings: warnings), name: resultName)
                    stored = true
                } catch {
                    warnings.append("\(file.path): its result could not be kept in the work folder (\(error.localizedDescription)); the next run extracts it again")
                }
            }
            return finished(annotated, warnings: warnings, reused: false, stored: stored)
        } catch {
            return .failure(DocumentFailure(message: "\(file.path): \(error.description) (skipped)"))
        }
    }
}

extension DocumentRunner {
    /// The bytes of a regular file no larger than `maximumBytes`.
    static func readDocument(_ path: String, maximumBytes: Int) -> Result<[UInt8], DocumentFailure> {
        func failure(_ message: String) -> Result<[UInt8], DocumentFailure> { .failure(DocumentFailure(message: message)) }
        func systemError(_ code: Int32) -> String { String(cString: strerror(code)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return failure("cannot read the file: \(systemError(errno))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return failure("cannot read the file: \(systemError(errno))") }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return failure(status.st_mode & S_IFMT == S_IFDIR ? "is a folder, not a text file" : "not a regular file")
        }
        let size = Int(status.st_size)
        if size > maximumBytes {
            return failure(String(format: "%.1f MB is more than --max-document-mb %d", Double(size) / 1048576, maximumBytes >> 20))
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return failure("cannot read the file: \(systemError(errno))")
            }
            if count == 0 { break } // the file shrank while being read
            filled += count
        }
        bytes.removeSubrange(filled...)
        return .success(bytes)
    }

    /// One message per kind of repair the decoder made, with the first few positions.
    static func repairMessages(_ decoded: TextDecoder.Decoded) -> [String] {
        func list(_ items: [String]) -> String {
            items.prefix(5).joined(separator: ", ") + (items.count > 5 ? ", …" : "")
        }
        var messages: [String] = []
        let invalid = decoded.invalidByteOffsets
        if !invalid.isEmpty {
            let sequences = invalid.count == 1 ? "1 invalid byte sequence" : "\(invalid.count) invalid byte sequences"
            messages.append("\(sequences) in \(decoded.encoding.rawValue) replaced by U+FFFD (at byte offset\(invalid.count == 1 ? "" : "s") \(list(invalid.map(String.init))))")
        }
        let replaced = decoded.replacedCharacters
        if !replaced.isEmpty {
            let characters = replaced.count == 1 ? "1 character" : "\(replaced.count) characters"
            let positions = replaced.map { "U+" + String(format: "%04X", $0.codePoint) + " at character \($0.offset)" }
            messages.append("\(characters) that RDF cannot carry replaced by U+FFFD (\(list(positions)))")
        }
        return messages
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
