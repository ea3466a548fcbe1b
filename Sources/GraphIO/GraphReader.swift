import Foundation
import RDFModel
import RDFXMLSyntax
import TurtleSyntax

/// Reads any of the five syntaxes, streaming statements to a sink.
public enum GraphReader {
    /// Reads `path` (or standard input for `-`). The format comes from `format` or the file name;
    /// the base IRI defaults to the file's URL.
    public static func read(path: String, format: RDFFormat? = nil, baseIRI: String? = nil, blankNodePrefix: String = "",
                            sink: (Quad) throws -> Void) throws(GraphIOError) {
        guard let format = format ?? RDFFormat(fileName: path) else { throw .unknownFormat(path: path) }
        let handle = try open(path)
        defer { if path != "-" { try? handle.close() } }
        let base = baseIRI ?? (path == "-" ? nil : URL(fileURLWithPath: path).absoluteString)
        try read(chunks: { try handle.read(upToCount: 1 << 18).flatMap { $0.isEmpty ? nil : [UInt8]($0) } },
                 name: path, format: format, baseIRI: base, blankNodePrefix: blankNodePrefix, sink: sink)
    }

    /// Reads bytes already in memory.
    public static func read(bytes: [UInt8], name: String, format: RDFFormat, baseIRI: String? = nil, blankNodePrefix: String = "",
                            sink: (Quad) throws -> Void) throws(GraphIOError) {
        var given = false
        try read(chunks: {
            if given { return nil }
            given = true
            return bytes
        }, name: name, format: format, baseIRI: baseIRI, blankNodePrefix: blankNodePrefix, sink: sink)
    }

    /// Reads a whole file into a dataset.
    public static func dataset(path: String, format: RDFFormat? = nil, baseIRI: String? = nil) throws(GraphIOError) -> Dataset {
        var dataset = Dataset()
        try read(path: path, format: format, baseIRI: baseIRI) { dataset.insert($0) }
        return dataset
    }

    /// Reads a whole file into an interned dataset: N-Triples and N-Quads are interned straight
    /// from the line bytes; the other syntaxes intern each statement their reader hands over.
    /// Duplicates are kept until the dataset is sorted.
    public static func interned(path: String, format: RDFFormat? = nil, baseIRI: String? = nil,
                                into dataset: inout InternedDataset) throws(GraphIOError) {
        try interned(path: path, format: format, baseIRI: baseIRI, into: &dataset, twoPartsFrom: parallelLineReadBytes)
    }

    /// ``interned(path:format:baseIRI:into:)``, reading a line-based file of `twoPartsFrom` bytes or
    /// more in two parts at once (tests lower it to take that path on small files).
    static func interned(path: String, format: RDFFormat?, baseIRI: String?, into dataset: inout InternedDataset,
                         twoPartsFrom: Int) throws(GraphIOError) {
        guard let format = format ?? RDFFormat(fileName: path) else { throw .unknownFormat(path: path) }
        guard format == .ntriples || format == .nquads || format == .turtle || format == .trig else {
            try read(path: path, format: format, baseIRI: baseIRI) { dataset.insert($0) }
            return
        }
        let handle = try open(path)
        defer { if path != "-" { try? handle.close() } }
        // A regular file's size tells how much room an empty dataset will need; a dataset that
        // already holds another file (`kg diff`) grows as it goes rather than reserving for both.
        var status = stat()
        let regularSize: Int? = fstat(handle.fileDescriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
        if dataset.statements.isEmpty, let regularSize { dataset.reserveCapacity(documentBytes: regularSize) }
        let chunks = { try handle.read(upToCount: 1 << 18).flatMap { $0.isEmpty ? nil : [UInt8]($0) } }
        do {
            if format == .ntriples || format == .nquads, let size = regularSize, size >= twoPartsFrom,
               ProcessInfo.processInfo.activeProcessorCount > 1, let split = try lineStart(near: size / 2, in: handle, size: size) {
                try internedInTwoParts(path: path, split: split, size: size, quads: format == .nquads, into: &dataset)
            } else if format == .turtle || format == .trig {
                let base = baseIRI ?? (path == "-" ? nil : URL(fileURLWithPath: path).absoluteString)
                try TurtleParser(dialect: format == .trig ? .trig : .turtle, baseIRI: base, fileName: path)
                    .parse(chunks: chunks, into: &dataset)
            } else {
                var reader = ByteLineReader(chunks: chunks)
                try NTriplesParser(quads: format == .nquads, fileName: path).parse(&reader, into: &dataset)
            }
        } catch let error as RDFSyntaxError {
            throw .syntax(error.location.file == nil ? error.inFile(path) : error)
        } catch let error as GraphIOError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// From this size on, a line-based file is read in two parts at once (see
    /// ``internedInTwoParts(path:split:size:quads:into:)``).
    static let parallelLineReadBytes = 8 << 20

    /// The offset of the first line that starts at or after `offset` (just after a line feed), or
    /// nil when none does within 1 MiB or before the end. The handle is left where it was.
    private static func lineStart(near offset: Int, in handle: FileHandle, size: Int) throws -> Int? {
        var block = [UInt8](repeating: 0, count: min(1 << 20, size - offset))
        let read = block.withUnsafeMutableBytes { pread(handle.fileDescriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard read > 0 else { return nil }
        guard let newline = block[..<read].firstIndex(of: 0x0A), offset + newline + 1 < size else { return nil }
        return offset + newline + 1
    }

    /// Reads an N-Triples or N-Quads file as two parts split at a line start, each on its own
    /// thread into its own table, then appends the second to the first. The ids, statements and
    /// errors are those of reading it in one pass: the second part's terms are interned in their
    /// order of first appearance, a failing first part is reported before the second, and the
    /// second part's line numbers count on from the first's.
    private static func internedInTwoParts(path: String, split: Int, size: Int, quads: Bool,
                                           into dataset: inout InternedDataset) throws {
        let first = ReadPart(dataset: dataset), second = ReadPart(dataset: InternedDataset())
        dataset = InternedDataset()
        second.dataset.reserveCapacity(documentBytes: size - split)
        let parser = NTriplesParser(quads: quads, fileName: path)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let part = index == 0 ? first : second
            let (start, end) = index == 0 ? (0, split) : (split, size)
            do {
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw GraphIOError.unreadable(path: path, reason: "permission denied")
                }
                defer { try? handle.close() }
                try handle.seek(toOffset: UInt64(start))
                var position = start
                var reader = ByteLineReader(chunks: {
                    guard position < end else { return nil }
                    let data = try handle.read(upToCount: min(1 << 18, end - position)) ?? Data()
                    guard !data.isEmpty else { return nil }
                    position += data.count
                    return [UInt8](data)
                })
                defer { part.lines = reader.lineNumber }
                try parser.parse(&reader, into: &part.dataset)
            } catch {
                part.failure = error
            }
        }
        if let failure = first.failure { throw failure }
        if let failure = second.failure {
            guard var syntax = failure as? RDFSyntaxError else { throw failure }
            syntax.location.line += first.lines
            throw syntax
        }
        dataset = first.dataset
        first.dataset = InternedDataset()
        dataset.append(contentsOf: second.dataset)
    }

    /// Checks a whole file and counts its statements, keeping none of them: N-Triples and N-Quads
    /// with the interning line reader and a bounded term table, the other syntaxes with their
    /// reader. The errors are those of ``read(path:format:baseIRI:blankNodePrefix:sink:)``.
    public static func validate(path: String, format: RDFFormat? = nil, baseIRI: String? = nil) throws(GraphIOError) -> Int {
        guard let format = format ?? RDFFormat(fileName: path) else { throw .unknownFormat(path: path) }
        guard format == .ntriples || format == .nquads else {
            var statements = 0
            try read(path: path, format: format, baseIRI: baseIRI) { _ in statements += 1 }
            return statements
        }
        let handle = try open(path)
        defer { if path != "-" { try? handle.close() } }
        return try validate(chunks: { try handle.read(upToCount: 1 << 18).flatMap { $0.isEmpty ? nil : [UInt8]($0) } },
                            name: path, format: format, baseIRI: baseIRI)
    }

    /// ``validate(path:format:baseIRI:)`` on bytes from `chunks` (nil at the end); errors the
    /// chunk producer throws come back as `.unreadable`.
    public static func validate(chunks: @escaping () throws -> [UInt8]?, name: String, format: RDFFormat,
                                baseIRI: String?) throws(GraphIOError) -> Int {
        guard format == .ntriples || format == .nquads else {
            var statements = 0
            try read(chunks: chunks, name: name, format: format, baseIRI: baseIRI, blankNodePrefix: "") { _ in statements += 1 }
            return statements
        }
        var reader = ByteLineReader(chunks: chunks)
        do {
            return try NTriplesParser(quads: format == .nquads, fileName: name).validate(&reader)
        } catch let error as RDFSyntaxError {
            throw .syntax(error.location.file == nil ? error.inFile(name) : error)
        } catch {
            throw .unreadable(path: name, reason: "\(error)")
        }
    }

    /// Reads a whole file into a new interned dataset.
    public static func interned(path: String, format: RDFFormat? = nil, baseIRI: String? = nil) throws(GraphIOError) -> InternedDataset {
        var dataset = InternedDataset()
        try interned(path: path, format: format, baseIRI: baseIRI, into: &dataset)
        return dataset
    }

    /// The file at `path`, or standard input for `-`.
    private static func open(_ path: String) throws(GraphIOError) -> FileHandle {
        if path == "-" { return FileHandle.standardInput }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .unreadable(path: path, reason: "no such file") }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "is a directory") }
        guard let opened = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "permission denied") }
        return opened
    }

    static func read(chunks: @escaping () throws -> [UInt8]?, name: String, format: RDFFormat, baseIRI: String?, blankNodePrefix: String,
                     sink: (Quad) throws -> Void) throws(GraphIOError) {
        do {
            switch format {
            case .ntriples, .nquads:
                var reader = ByteLineReader(chunks: chunks)
                let parser = NTriplesParser(quads: format == .nquads, fileName: name)
                try parser.parse(&reader) { quad in
                    try sink(blankNodePrefix.isEmpty ? quad : prefixed(quad, blankNodePrefix))
                }
            case .turtle, .trig:
                let parser = TurtleParser(dialect: format == .trig ? .trig : .turtle, baseIRI: baseIRI, fileName: name, blankNodePrefix: blankNodePrefix)
                try parser.parse(chunks: chunks, sink: sink)
            case .jsonld:
                throw GraphIOError.unreadable(path: name, reason: "kg writes JSON-LD but does not read it; convert it to another syntax first")
            case .rdfxml:
                let parser = RDFXMLParser(baseIRI: baseIRI, fileName: name)
                try parser.parse(chunks: chunks) { triple in
                    let quad = Quad(triple)
                    try sink(blankNodePrefix.isEmpty ? quad : prefixed(quad, blankNodePrefix))
                }
            }
        } catch let error as RDFSyntaxError {
            throw .syntax(error.location.file == nil ? error.inFile(name) : error)
        } catch let error as GraphIOError {
            throw error
        } catch {
            throw .unreadable(path: name, reason: "\(error)")
        }
    }

    static func prefixed(_ quad: Quad, _ prefix: String) -> Quad {
        func relabel(_ term: Term) -> Term {
            if case let .blank(node) = term { return .blank(BlankNode(prefix + node.id)) }
            return term
        }
        return Quad(relabel(quad.subject), quad.predicate, relabel(quad.object), graph: quad.graph.map(relabel))
    }
}

/// What one thread of ``GraphReader`` reading a file in two parts made: only that thread touches
/// it until `concurrentPerform` returns.
private final class ReadPart: @unchecked Sendable {
    var dataset: InternedDataset
    var lines = 0
    var failure: Error?
    init(dataset: InternedDataset) { self.dataset = dataset }
}
