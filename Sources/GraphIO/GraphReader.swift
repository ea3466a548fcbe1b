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
        if dataset.statements.isEmpty, fstat(handle.fileDescriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
            dataset.reserveCapacity(documentBytes: Int(status.st_size))
        }
        let chunks = { try handle.read(upToCount: 1 << 18).flatMap { $0.isEmpty ? nil : [UInt8]($0) } }
        do {
            if format == .turtle || format == .trig {
                let base = baseIRI ?? (path == "-" ? nil : URL(fileURLWithPath: path).absoluteString)
                try TurtleParser(dialect: format == .trig ? .trig : .turtle, baseIRI: base, fileName: path)
                    .parse(chunks: chunks, into: &dataset)
            } else {
                var reader = ByteLineReader(chunks: chunks)
                try NTriplesParser(quads: format == .nquads, fileName: path).parse(&reader, into: &dataset)
            }
        } catch let error as RDFSyntaxError {
            throw .syntax(error.location.file == nil ? error.inFile(path) : error)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
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
