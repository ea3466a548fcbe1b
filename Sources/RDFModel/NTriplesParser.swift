import Foundation

/// A strict, streaming N-Triples / N-Quads reader (RDF 1.1). Each line is parsed as it is read,
/// straight from the reader's buffer, so memory does not grow with the file.
public struct NTriplesParser: Sendable {
    /// Whether a fourth term (the graph name) is allowed.
    public let allowsGraphName: Bool
    /// Name used in error locations.
    public var fileName: String?

    public init(quads: Bool, fileName: String? = nil) {
        self.allowsGraphName = quads
        self.fileName = fileName
    }

    /// Parses every line from `reader`, handing each statement to `sink`.
    public func parse(_ reader: inout ByteLineReader, sink: (Quad) throws -> Void) throws {
        var interner = IRIInterner()
        while true {
            let read: Void? = try reader.withNextLine { (line: UnsafeBufferPointer<UInt8>, number: Int) throws -> Void in
                if let quad = try parseLine(line, lineNumber: number, interner: &interner) { try sink(quad) }
            }
            if read == nil { return }
        }
    }

    /// Parses a whole document held in memory.
    public func parse(_ text: String) throws(RDFSyntaxError) -> [Quad] {
        var reader = ByteLineReader(bytes: Array(text.utf8))
        var quads: [Quad] = []
        do {
            try parse(&reader) { quads.append($0) }
        } catch let error as RDFSyntaxError {
            throw error
        } catch {
            throw RDFSyntaxError("\(error)", at: SourceLocation(file: fileName, line: reader.lineNumber, column: 1))
        }
        return quads
    }

    /// Parses one line; nil for blank and comment lines.
    public func parseLine(_ bytes: [UInt8], lineNumber: Int) throws(RDFSyntaxError) -> Quad? {
        var interner = IRIInterner()
        do {
            return try bytes.withUnsafeBufferPointer { buffer in
                try parseLine(buffer, lineNumber: lineNumber, interner: &interner)
            }
        } catch let error as RDFSyntaxError {
            throw error
        } catch {
            throw RDFSyntaxError("\(error)", at: SourceLocation(file: fileName, line: lineNumber, column: 1))
        }
    }

    func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int,
                   interner: inout IRIInterner) throws(RDFSyntaxError) -> Quad? {
        var cursor = LineCursor(bytes: bytes, line: lineNumber, file: fileName)
        cursor.skipSpace()
        if cursor.atEnd || cursor.peek == UInt8(ascii: "#") { return nil }
        let subject = try cursor.subjectTerm(&interner.subjects)
        cursor.skipSpace()
        let predicate = try cursor.iriRef(&interner.predicates)
        cursor.skipSpace()
        let object = try cursor.objectTerm(&interner)
        cursor.skipSpace()
        var graph: Term?
        if allowsGraphName, !cursor.atEnd, cursor.peek != UInt8(ascii: ".") {
            graph = try cursor.subjectTerm(&interner.predicates)
            cursor.skipSpace()
        }
        try cursor.endStatement()
        return Quad(subject, predicate, object, graph: graph)
    }
}

extension LineCursor {
    /// The `.` that ends a statement, then nothing but white space or a comment.
    mutating func endStatement() throws(RDFSyntaxError) {
        guard peek == UInt8(ascii: ".") else { throw error("expected '.' at the end of the statement") }
        advance()
        skipSpace()
        if !atEnd, peek != UInt8(ascii: "#") { throw error("unexpected text after '.'") }
    }
}

/// Recently read IRIs, so repeated ones (predicates, datatypes, classes, a run of statements about
/// one subject) share one string instead of allocating and hashing a copy per statement.
struct IRIInterner {
    var subjects = IRICache(slots: 4)
    var predicates = IRICache(slots: 256)
    var objects = IRICache(slots: 256)
}

/// A small direct-mapped cache from IRI bytes to the IRI; a miss replaces the slot.
struct IRICache {
    private var entries: [IRI?]
    private let mask: Int

    /// `slots` must be a power of two.
    init(slots: Int) {
        entries = Array(repeating: nil, count: slots)
        mask = slots - 1
    }

    /// The cached IRI with exactly these UTF-8 bytes, or the one `make` builds (then cached).
    mutating func iri(for bytes: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) throws(RDFSyntaxError) -> IRI)
        throws(RDFSyntaxError) -> IRI {
        // FNV-1a over the last 32 bytes: IRIs sharing a namespace differ at the end.
        var hash: UInt32 = 2_166_136_261
        var index = max(0, bytes.count - 32)
        while index < bytes.count {
            hash = (hash ^ UInt32(bytes[index])) &* 16_777_619
            index += 1
        }
        let slot = Int(hash ^ UInt32(truncatingIfNeeded: bytes.count)) & mask
        if var cached = entries[slot]?.value {
            let same = cached.withUTF8 { stored in
                guard stored.count == bytes.count else { return false }
                guard let left = stored.baseAddress, let right = bytes.baseAddress else { return true }
                return memcmp(left, right, bytes.count) == 0
            }
            if same, let hit = entries[slot] { return hit }
        }
        let made = try make(bytes)
        entries[slot] = made
        return made
    }
}
