import Foundation

/// A strict, streaming N-Triples / N-Quads reader (RDF 1.1). Each line is parsed as it is read,
/// so memory does not grow with the file.
public struct NTriplesParser {
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
        while let line = try reader.nextLine() {
            if let quad = try parseLine(line, lineNumber: reader.lineNumber) {
                try sink(quad)
            }
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
        var cursor = LineCursor(bytes: bytes, line: lineNumber, file: fileName)
        cursor.skipSpace()
        if cursor.atEnd || cursor.peek == UInt8(ascii: "#") { return nil }
        let subject = try cursor.subjectTerm()
        cursor.skipSpace()
        let predicate = try cursor.iriRef()
        cursor.skipSpace()
        let object = try cursor.objectTerm()
        cursor.skipSpace()
        var graph: Term?
        if allowsGraphName, !cursor.atEnd, cursor.peek != UInt8(ascii: ".") {
            graph = try cursor.subjectTerm()
            cursor.skipSpace()
        }
        guard cursor.peek == UInt8(ascii: ".") else { throw cursor.error("expected '.' at the end of the statement") }
        cursor.advance()
        cursor.skipSpace()
        if !cursor.atEnd, cursor.peek != UInt8(ascii: "#") { throw cursor.error("unexpected text after '.'") }
        return Quad(subject, predicate, object, graph: graph)
    }
}

/// A position in one line of N-Triples, with the grammar's token readers.
struct LineCursor {
    let bytes: [UInt8]
    let line: Int
    let file: String?
    var index = 0

    init(bytes: [UInt8], line: Int, file: String?) {
        self.bytes = bytes
        self.line = line
        self.file = file
    }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    mutating func advance() { index += 1 }

    func error(_ message: String) -> RDFSyntaxError {
        let column = bytes[..<min(index, bytes.count)].reduce(1) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
        return RDFSyntaxError(message, at: SourceLocation(file: file, line: line, column: column))
    }

    mutating func skipSpace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 { advance() }
    }

    mutating func subjectTerm() throws(RDFSyntaxError) -> Term {
        switch peek {
        case UInt8(ascii: "<"): return .iri(try iriRef())
        case UInt8(ascii: "_"): return .blank(try blankNode())
        default: throw error("expected an IRI or a blank node")
        }
    }

    mutating func objectTerm() throws(RDFSyntaxError) -> Term {
        switch peek {
        case UInt8(ascii: "<"): return .iri(try iriRef())
        case UInt8(ascii: "_"): return .blank(try blankNode())
        case UInt8(ascii: "\""): return .literal(try literal())
        default: throw error("expected an IRI, a blank node or a literal")
        }
    }

    mutating func iriRef() throws(RDFSyntaxError) -> IRI {
        guard peek == UInt8(ascii: "<") else { throw error("expected '<' to start an IRI") }
        let start = index
        advance()
        var scalars = String.UnicodeScalarView()
        while true {
            guard let byte = peek else { index = start; throw error("unterminated IRI") }
            if byte == UInt8(ascii: ">") { advance(); break }
            if byte == UInt8(ascii: "\\") {
                let scalar = try unicodeEscape()
                if Self.isForbiddenInIRI(scalar.value) { throw error("escaped character not allowed in an IRI") }
                scalars.append(scalar)
                continue
            }
            if Self.isForbiddenInIRI(UInt32(byte)) { throw error("character not allowed in an IRI") }
            scalars.append(try utf8Scalar())
        }
        let value = String(scalars)
        guard IRIResolver.isAbsolute(value) else {
            index = start
            throw error("relative IRI <\(value)> is not allowed here")
        }
        return IRI(value)
    }

    static func isForbiddenInIRI(_ value: UInt32) -> Bool {
        switch value {
        case 0...0x20, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5E, 0x60, 0x5C: true
        default: false
        }
    }

    mutating func blankNode() throws(RDFSyntaxError) -> BlankNode {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: ":") else {
            throw error("expected '_:' to start a blank node")
        }
        index += 2
        var scalars = String.UnicodeScalarView()
        var first = true
        while let byte = peek {
            let save = index
            let scalar = try utf8Scalar()
            let ok = first ? (CharacterClasses.isPNCharsU(scalar) || ("0"..."9").contains(scalar))
                : (CharacterClasses.isPNChars(scalar) || scalar == ".")
            if !ok { index = save; break }
            _ = byte
            scalars.append(scalar)
            first = false
        }
        while scalars.last == "." {
            scalars.removeLast()
            index -= 1
        }
        if scalars.isEmpty { throw error("empty blank node label") }
        return BlankNode(String(scalars))
    }

    mutating func literal() throws(RDFSyntaxError) -> Literal {
        advance()
        var scalars = String.UnicodeScalarView()
        while true {
            guard let byte = peek else { throw error("unterminated string literal") }
            if byte == UInt8(ascii: "\"") { advance(); break }
            if byte == 0x0A || byte == 0x0D { throw error("line break inside a string literal") }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { throw error("unterminated escape") }
                let escaped = bytes[index + 1]
                if escaped == UInt8(ascii: "u") || escaped == UInt8(ascii: "U") {
                    scalars.append(try unicodeEscape())
                    continue
                }
                let value: UInt32
                switch escaped {
                case UInt8(ascii: "t"): value = 0x09
                case UInt8(ascii: "b"): value = 0x08
                case UInt8(ascii: "n"): value = 0x0A
                case UInt8(ascii: "r"): value = 0x0D
                case UInt8(ascii: "f"): value = 0x0C
                case UInt8(ascii: "\""): value = 0x22
                case UInt8(ascii: "'"): value = 0x27
                case UInt8(ascii: "\\"): value = 0x5C
                default: throw error("invalid escape '\\\(Character(UnicodeScalar(escaped)))'")
                }
                index += 2
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
                continue
            }
            scalars.append(try utf8Scalar())
        }
        let lexical = String(scalars)
        if peek == UInt8(ascii: "@") {
            advance()
            let start = index
            while let byte = peek, (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) { advance() }
            if index == start { throw error("empty language tag") }
            while peek == UInt8(ascii: "-") {
                advance()
                let subtag = index
                while let byte = peek, (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { advance() }
                if index == subtag { throw error("empty language subtag") }
            }
            let tag = String(decoding: bytes[start..<index], as: UTF8.self)
            return Literal(lexical, language: tag)
        }
        if peek == UInt8(ascii: "^") {
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "^") else { throw error("expected '^^' before a datatype") }
            index += 2
            let datatype = try iriRef()
            return Literal(lexical, datatype: datatype)
        }
        return Literal(lexical)
    }

    /// Reads `\uXXXX` or `\UXXXXXXXX` at the cursor.
    mutating func unicodeEscape() throws(RDFSyntaxError) -> Unicode.Scalar {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\") else { throw error("expected an escape") }
        let width: Int
        switch bytes[index + 1] {
        case UInt8(ascii: "u"): width = 4
        case UInt8(ascii: "U"): width = 8
        default: throw error("only \\u and \\U escapes are allowed here")
        }
        guard index + 2 + width <= bytes.count else { throw error("incomplete unicode escape") }
        let hex = String(decoding: bytes[(index + 2)..<(index + 2 + width)], as: UTF8.self)
        guard hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66) }),
              let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw error("invalid unicode escape")
        }
        index += 2 + width
        return scalar
    }

    /// Decodes one UTF-8 encoded scalar at the cursor.
    mutating func utf8Scalar() throws(RDFSyntaxError) -> Unicode.Scalar {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case let .scalarValue(scalar):
            index += UTF8.width(scalar)
            return scalar
        default:
            throw error("invalid UTF-8")
        }
    }
}

/// Character classes shared by the N-Triples, Turtle and TriG grammars.
public enum CharacterClasses {
    public static func isPNCharsBase(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
             0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF: true
        default: false
        }
    }

    public static func isPNCharsU(_ s: Unicode.Scalar) -> Bool { isPNCharsBase(s) || s == "_" }

    public static func isPNChars(_ s: Unicode.Scalar) -> Bool {
        if isPNCharsU(s) || s == "-" { return true }
        switch s.value {
        case 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return false
        }
    }
}
