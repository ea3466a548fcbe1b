import Foundation

/// A position in one line of N-Triples, with the grammar's token readers. It reads the line's
/// UTF-8 bytes in place: the common case (ASCII, no escapes) is one scan that validates a token,
/// then one `String` built from the byte slice.
struct LineCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let line: Int
    let file: String?
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, line: Int, file: String?) {
        self.bytes = bytes
        self.line = line
        self.file = file
    }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    mutating func advance() { index += 1 }

    func error(_ message: String) -> RDFSyntaxError {
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] where (byte & 0xC0) != 0x80 { column += 1 }
        return RDFSyntaxError(message, at: SourceLocation(file: file, line: line, column: column))
    }

    mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    mutating func subjectTerm(_ cache: inout IRICache) throws(RDFSyntaxError) -> Term {
        switch peek {
        case UInt8(ascii: "<"): return .iri(try iriRef(&cache))
        case UInt8(ascii: "_"): return .blank(try blankNode())
        default: throw error("expected an IRI or a blank node")
        }
    }

    mutating func objectTerm(_ interner: inout IRIInterner) throws(RDFSyntaxError) -> Term {
        switch peek {
        case UInt8(ascii: "<"): return .iri(try iriRef(&interner.objects))
        case UInt8(ascii: "_"): return .blank(try blankNode())
        case UInt8(ascii: "\""): return .literal(try literal(&interner.predicates))
        default: throw error("expected an IRI, a blank node or a literal")
        }
    }

    mutating func iriRef(_ cache: inout IRICache) throws(RDFSyntaxError) -> IRI {
        guard peek == UInt8(ascii: "<") else { throw error("expected '<' to start an IRI") }
        let start = index
        advance()
        let contentStart = index
        while true {
            guard index < bytes.count else { index = start; throw error("unterminated IRI") }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "\\") { return try escapedIRIRef(start: start) }
            if byte < 0x80 {
                if Self.isForbiddenInIRI(UInt32(byte)) { throw error("character not allowed in an IRI") }
                index += 1
            } else {
                _ = try utf8Scalar()
            }
        }
        let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<index])
        advance()
        let file = file, line = line, bytes = bytes
        return try cache.iri(for: content) { content throws(RDFSyntaxError) in
            guard IRIResolver.isAbsolute(utf8: content) else {
                var column = 1
                for byte in bytes[..<start] where (byte & 0xC0) != 0x80 { column += 1 }
                throw RDFSyntaxError("relative IRI <\(String(decoding: content, as: UTF8.self))> is not allowed here",
                                     at: SourceLocation(file: file, line: line, column: column))
            }
            return IRI(String(decoding: content, as: UTF8.self))
        }
    }

    /// The general IRI reader, for IRIs with `\u` escapes; the cursor is at the `<`.
    private mutating func escapedIRIRef(start: Int) throws(RDFSyntaxError) -> IRI {
        index = start + 1
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
        let label = try blankNodeLabelRange()
        return BlankNode(String(decoding: UnsafeBufferPointer(rebasing: bytes[label]), as: UTF8.self))
    }

    /// Reads `_:label` and returns the label's byte range; the cursor ends after the label.
    mutating func blankNodeLabelRange() throws(RDFSyntaxError) -> Range<Int> {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: ":") else {
            throw error("expected '_:' to start a blank node")
        }
        index += 2
        let labelStart = index
        var first = true
        while index < bytes.count {
            let byte = bytes[index]
            let ok: Bool
            if byte < 0x80 {
                ok = Self.isLabelASCII(byte, first: first)
                if ok { index += 1 }
            } else {
                let save = index
                let scalar = try utf8Scalar()
                ok = first ? CharacterClasses.isPNCharsU(scalar) : CharacterClasses.isPNChars(scalar)
                if !ok { index = save }
            }
            if !ok { break }
            first = false
        }
        // A label cannot end in '.': the dot belongs to the statement.
        while index > labelStart, bytes[index - 1] == UInt8(ascii: ".") { index -= 1 }
        if index == labelStart { throw error("empty blank node label") }
        return labelStart..<index
    }

    /// BLANK_NODE_LABEL's ASCII characters: letters, digits and `_` anywhere; `-` and `.` after the first.
    static func isLabelASCII(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."): !first
        default: false
        }
    }

    mutating func literal(_ datatypes: inout IRICache) throws(RDFSyntaxError) -> Literal {
        advance()
        let contentStart = index
        var lexical: String?
        while lexical == nil {
            guard index < bytes.count else { throw error("unterminated string literal") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                lexical = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<index]), as: UTF8.self)
                advance()
            } else if byte == UInt8(ascii: "\\") {
                lexical = try escapedString(from: contentStart)
            } else if byte == 0x0A || byte == 0x0D {
                throw error("line break inside a string literal")
            } else if byte < 0x80 {
                index += 1
            } else {
                _ = try utf8Scalar()
            }
        }
        let lexicalForm = lexical ?? ""
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
            let tag = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            return Literal(lexicalForm, language: tag)
        }
        if peek == UInt8(ascii: "^") {
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "^") else { throw error("expected '^^' before a datatype") }
            index += 2
            let datatype = try iriRef(&datatypes)
            return Literal(lexicalForm, datatype: datatype)
        }
        return Literal(lexicalForm)
    }

    /// The rest of a string literal that has escapes, decoded into bytes; `contentStart` is just
    /// after the opening quote. Leaves the cursor after the closing quote.
    private mutating func escapedString(from contentStart: Int) throws(RDFSyntaxError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(index - contentStart + 16)
        decoded.append(contentsOf: bytes[contentStart..<index])
        while true {
            guard let byte = peek else { throw error("unterminated string literal") }
            if byte == UInt8(ascii: "\"") { advance(); break }
            if byte == 0x0A || byte == 0x0D { throw error("line break inside a string literal") }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { throw error("unterminated escape") }
                let escaped = bytes[index + 1]
                if escaped == UInt8(ascii: "u") || escaped == UInt8(ascii: "U") {
                    decoded.append(contentsOf: String(try unicodeEscape()).utf8)
                    continue
                }
                let value: UInt8
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
                decoded.append(value)
                continue
            }
            if byte < 0x80 {
                decoded.append(byte)
                index += 1
            } else {
                let start = index
                _ = try utf8Scalar()
                decoded.append(contentsOf: bytes[start..<index])
            }
        }
        return String(decoding: decoded, as: UTF8.self)
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
        var value: UInt32 = 0
        for byte in bytes[(index + 2)..<(index + 2 + width)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: throw error("invalid unicode escape")
            }
            value = value << 4 | UInt32(digit)
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("invalid unicode escape") }
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
