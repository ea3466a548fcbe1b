import Foundation
import RDFModel

/// Which of the two related syntaxes a ``TurtleParser`` reads.
public enum TurtleDialect: Sendable, Hashable {
    /// RDF 1.1 Turtle: every statement lands in the default graph.
    case turtle
    /// RDF 1.1 TriG: Turtle plus `{ … }` graph blocks, optionally named and introduced by `GRAPH`.
    case trig
}

/// A streaming RDF 1.1 Turtle / TriG reader.
///
/// The input is read in chunks and scanned as UTF-8 bytes; each statement is handed to the
/// sink as soon as it is complete, so memory does not grow with the document.
///
/// Blank nodes are scoped to one call of `parse`: a label `_:x` becomes
/// `BlankNode(blankNodePrefix + "x")` (labels that begin with `anon` get an extra `anon_`),
/// and `[]` / collection nodes become `blankNodePrefix + "anon" + n`. Give each document a
/// different `blankNodePrefix` (for example `d1_`, `d2_`) when their statements are merged,
/// so equal labels in different documents stay different nodes. In TriG the same label in
/// different graphs of one document is the same node.
public struct TurtleParser: Sendable {
    /// The syntax to accept.
    public var dialect: TurtleDialect
    /// The IRI relative references resolve against until the document sets its own base.
    public var baseIRI: String?
    /// Name used in error locations.
    public var fileName: String?
    /// Prepended to every blank node label, to keep documents apart (see the type's overview).
    public var blankNodePrefix: String

    /// A parser; without `baseIRI`, a relative IRI before any `@base` / `BASE` is a syntax error.
    public init(dialect: TurtleDialect = .turtle, baseIRI: String? = nil, fileName: String? = nil, blankNodePrefix: String = "") {
        self.dialect = dialect
        self.baseIRI = baseIRI
        self.fileName = fileName
        self.blankNodePrefix = blankNodePrefix
    }

    /// Parses a document held in memory. Errors thrown by `sink` are rethrown unchanged;
    /// syntax errors are ``RDFSyntaxError``.
    public func parse(bytes: [UInt8], sink: (Quad) throws -> Void) throws {
        try run(ByteInput(bytes: bytes), sink: sink)
    }

    /// Parses a file, reading `chunkSize` bytes at a time. I/O and sink errors are rethrown;
    /// syntax errors are ``RDFSyntaxError``.
    public func parse(fileHandle: FileHandle, chunkSize: Int = 1 << 18, sink: (Quad) throws -> Void) throws {
        let size = max(1, chunkSize)
        try parse(chunks: {
            let data = try fileHandle.read(upToCount: size) ?? Data()
            return data.isEmpty ? nil : [UInt8](data)
        }, sink: sink)
    }

    /// Parses bytes produced by `chunks`, which returns nil at the end of the input.
    public func parse(chunks: @escaping () throws -> [UInt8]?, sink: (Quad) throws -> Void) throws {
        try run(ByteInput(chunks: chunks), sink: sink)
    }

    /// Parses a whole document given as text and returns its statements in document order.
    public func parse(_ text: String) throws(RDFSyntaxError) -> [Quad] {
        var quads: [Quad] = []
        do {
            try parse(bytes: Array(text.utf8)) { quads.append($0) }
        } catch let error as RDFSyntaxError {
            throw error
        } catch {
            // In-memory input and an appending sink cannot fail; keep the typed contract anyway.
            throw RDFSyntaxError("\(error)", at: SourceLocation(file: fileName, line: 1, column: 1))
        }
        return quads
    }

    /// Parses bytes from `chunks` into `dataset`: the same statements as ``parse(chunks:sink:)``
    /// hands over, with most objects interned from their bytes without becoming `Term` values.
    public func parse(chunks: @escaping () throws -> [UInt8]?, into dataset: inout InternedDataset) throws {
        try withUnsafeMutablePointer(to: &dataset) { target in
            var reader = TurtleReader(input: ByteInput(chunks: chunks), parser: self, interned: target) { target.pointee.insert($0) }
            try reader.parseDocument()
        }
    }

    private func run(_ input: ByteInput, sink: (Quad) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { escapable in
            var reader = TurtleReader(input: input, parser: self, sink: escapable)
            try reader.parseDocument()
        }
    }
}
