import Foundation

extension NTriplesParser {
    /// Parses every line from `reader` straight into `dataset`: each term is interned from its
    /// bytes in the line, and no `String` is built for a term that is already canonical N-Triples
    /// (no escapes, no tab, a lower-case language tag, a datatype other than `xsd:string`), which
    /// is nearly every term of a typical file. The rest go through the `Term` reader. The same
    /// checks apply as in ``parse(_:sink:)``, with the same errors.
    public func parse(_ reader: inout ByteLineReader, into dataset: inout InternedDataset) throws {
        var interner = IRIInterner()
        var scratch: [UInt8] = []
        while true {
            let read: Void? = try reader.withNextLine { (line: UnsafeBufferPointer<UInt8>, number: Int) throws -> Void in
                do throws(RDFSyntaxError) {
                    if let statement = try internLine(line, number: number, into: &dataset.terms, &interner, &scratch) {
                        dataset.append(statement)
                    }
                } catch {
                    throw fileName.map { error.inFile($0) } ?? error
                }
            }
            if read == nil { return }
        }
    }

    /// Checks every line from `reader` as ``parse(_:into:)`` does, keeping nothing, and returns
    /// the number of statements. Canonical terms are only scanned (and IRIs checked to be
    /// absolute); no string is built and nothing is hashed.
    public func validate(_ reader: inout ByteLineReader) throws -> Int {
        var interner = IRIInterner()
        var statements = 0
        while true {
            let read: Void? = try reader.withNextLine { (line: UnsafeBufferPointer<UInt8>, number: Int) throws -> Void in
                do throws(RDFSyntaxError) {
                    if try checkLine(line, number: number, &interner) { statements += 1 }
                } catch {
                    throw fileName.map { error.inFile($0) } ?? error
                }
            }
            if read == nil { return statements }
        }
    }

    /// Checks one line; false for blank and comment lines.
    private func checkLine(_ line: UnsafeBufferPointer<UInt8>, number: Int, _ interner: inout IRIInterner) throws(RDFSyntaxError) -> Bool {
        // The file is named by the caller when a line fails: a cursor per line holding it would
        // retain and release the name once per line.
        var cursor = LineCursor(bytes: line, line: number, file: nil)
        cursor.skipSpace()
        if cursor.atEnd || cursor.peek == UInt8(ascii: "#") { return false }
        guard cursor.peek == UInt8(ascii: "<") || cursor.peek == UInt8(ascii: "_") else {
            throw cursor.error("expected an IRI or a blank node")
        }
        try cursor.checkTerm(&interner)
        cursor.skipSpace()
        guard cursor.peek == UInt8(ascii: "<") else { throw cursor.error("expected '<' to start an IRI") }
        try cursor.checkTerm(&interner)
        cursor.skipSpace()
        guard let first = cursor.peek, first == UInt8(ascii: "<") || first == UInt8(ascii: "_") || first == UInt8(ascii: "\"") else {
            throw cursor.error("expected an IRI, a blank node or a literal")
        }
        try cursor.checkTerm(&interner)
        cursor.skipSpace()
        if allowsGraphName, !cursor.atEnd, cursor.peek != UInt8(ascii: ".") {
            guard cursor.peek == UInt8(ascii: "<") || cursor.peek == UInt8(ascii: "_") else {
                throw cursor.error("expected an IRI or a blank node")
            }
            try cursor.checkTerm(&interner)
            cursor.skipSpace()
        }
        try cursor.endStatement()
        return true
    }

    /// One line's statement with its terms interned into `terms`; nil for blank and comment lines.
    private func internLine(_ line: UnsafeBufferPointer<UInt8>, number: Int, into terms: inout TermTable,
                            _ interner: inout IRIInterner, _ scratch: inout [UInt8]) throws(RDFSyntaxError) -> InternedStatement? {
        // The file is named by the caller when a line fails: a cursor per line holding it would
        // retain and release the name once per line.
        var cursor = LineCursor(bytes: line, line: number, file: nil)
        cursor.skipSpace()
        if cursor.atEnd || cursor.peek == UInt8(ascii: "#") { return nil }
        guard cursor.peek == UInt8(ascii: "<") || cursor.peek == UInt8(ascii: "_") else {
            throw cursor.error("expected an IRI or a blank node")
        }
        let subject = try cursor.internTerm(&terms, &interner, &scratch)
        cursor.skipSpace()
        guard cursor.peek == UInt8(ascii: "<") else { throw cursor.error("expected '<' to start an IRI") }
        let predicate = try cursor.internTerm(&terms, &interner, &scratch)
        cursor.skipSpace()
        guard let first = cursor.peek, first == UInt8(ascii: "<") || first == UInt8(ascii: "_") || first == UInt8(ascii: "\"") else {
            throw cursor.error("expected an IRI, a blank node or a literal")
        }
        let object = try cursor.internTerm(&terms, &interner, &scratch)
        cursor.skipSpace()
        var graph = InternedStatement.defaultGraph
        if allowsGraphName, !cursor.atEnd, cursor.peek != UInt8(ascii: ".") {
            guard cursor.peek == UInt8(ascii: "<") || cursor.peek == UInt8(ascii: "_") else {
                throw cursor.error("expected an IRI or a blank node")
            }
            graph = try cursor.internTerm(&terms, &interner, &scratch)
            cursor.skipSpace()
        }
        try cursor.endStatement()
        return InternedStatement(subject, predicate, object, graph: graph)
    }
}

extension LineCursor {
    /// Reads the term at the cursor (its first byte already checked to be `<`, `_` or `"`) and
    /// interns it. Canonical terms are interned from their bytes in place; a relative IRI is
    /// refused only when it is new to the table (an interned IRI was checked when it came in).
    mutating func internTerm(_ table: inout TermTable, _ interner: inout IRIInterner, _ scratch: inout [UInt8]) throws(RDFSyntaxError) -> TermID {
        let start = index
        if let end = try canonicalTermEnd() {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let before = table.count
            let id = table.intern(ntriples: slice)
            if table.count > before, let iri = iriNeedingCheck(slice) {
                guard IRIResolver.isAbsolute(utf8: iri.bytes) else {
                    index = start + iri.offset - 1
                    throw error("relative IRI <\(String(decoding: iri.bytes, as: UTF8.self))> is not allowed here")
                }
            }
            return id
        }
        index = start
        let term: Term
        switch bytes[start] {
        case UInt8(ascii: "<"): term = .iri(try iriRef(&interner.objects))
        case UInt8(ascii: "_"): term = .blank(try blankNode())
        default: term = .literal(try literal(&interner.predicates))
        }
        scratch.removeAll(keepingCapacity: true)
        NTriplesFormatter.appendBytes(term, to: &scratch)
        return scratch.withUnsafeBufferPointer { table.intern(ntriples: $0) }
    }

    /// Reads and checks the term at the cursor (its first byte already checked) without keeping it.
    mutating func checkTerm(_ interner: inout IRIInterner) throws(RDFSyntaxError) {
        let start = index
        if let end = try canonicalTermEnd() {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if let iri = iriNeedingCheck(slice), !IRIResolver.isAbsolute(utf8: iri.bytes) {
                index = start + iri.offset - 1
                throw error("relative IRI <\(String(decoding: iri.bytes, as: UTF8.self))> is not allowed here")
            }
            return
        }
        index = start
        switch bytes[start] {
        case UInt8(ascii: "<"): _ = try iriRef(&interner.objects)
        case UInt8(ascii: "_"): _ = try blankNode()
        default: _ = try literal(&interner.predicates)
        }
    }

    /// The IRI of a canonical IRI or typed literal slice, to check that it is absolute.
    private func iriNeedingCheck(_ slice: UnsafeBufferPointer<UInt8>) -> (bytes: UnsafeBufferPointer<UInt8>, offset: Int)? {
        switch slice[0] {
        case UInt8(ascii: "<"): return (UnsafeBufferPointer(rebasing: slice[1..<(slice.count - 1)]), 1)
        case UInt8(ascii: "\""):
            guard slice.last == UInt8(ascii: ">") else { return nil }
            var open = slice.count - 1
            while open > 0, slice[open] != UInt8(ascii: "<") { open -= 1 }
            return (UnsafeBufferPointer(rebasing: slice[(open + 1)..<(slice.count - 1)]), open + 1)
        default: return nil
        }
    }

    /// Scans a term whose bytes already are its canonical N-Triples form and returns where it ends
    /// (the cursor is left there); nil, with the cursor anywhere, when the term needs the general
    /// reader (escapes, a tab, an upper-case language tag, `^^xsd:string`). Syntax errors found
    /// on the way are thrown as the general reader would.
    private mutating func canonicalTermEnd() throws(RDFSyntaxError) -> Int? {
        switch bytes[index] {
        case UInt8(ascii: "<"):
            return try canonicalIRIEnd()
        case UInt8(ascii: "_"):
            _ = try blankNodeLabelRange()
            return index
        default:
            advance()
            while true {
                skipPlainASCII(Self.plainInString)
                guard index < bytes.count else { throw error("unterminated string literal") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F { return nil }
                if byte < 0x80 { index += 1 } else { _ = try utf8Scalar() }
            }
            advance()
            if peek == UInt8(ascii: "@") {
                advance()
                let tagStart = index
                while let byte = peek, byte >= 0x61 && byte <= 0x7A { advance() }
                if index == tagStart { return nil }
                while peek == UInt8(ascii: "-") {
                    advance()
                    let subtag = index
                    while let byte = peek, (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { advance() }
                    if index == subtag { return nil }
                }
                // An upper-case letter means the tag is not in canonical (lower-case) form.
                if let byte = peek, byte >= 0x41 && byte <= 0x5A { return nil }
                return index
            }
            if peek == UInt8(ascii: "^") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "^") else { throw error("expected '^^' before a datatype") }
                index += 2
                guard peek == UInt8(ascii: "<") else { return nil }
                let iriStart = index
                guard let end = try canonicalIRIEnd() else { return nil }
                let iri = UnsafeBufferPointer(rebasing: bytes[(iriStart + 1)..<(end - 1)])
                if iri.elementsEqual(Self.xsdString) { return nil }
                return end
            }
            return index
        }
    }

    private static let xsdString = Array(Vocabulary.XSD.string.value.utf8)

    /// A set of ASCII bytes as two 64-bit masks (bit `b` of `low` for byte `b` < 64, bit `b - 64`
    /// of `high` for the rest), so the scanners test a byte with one shift instead of a switch.
    struct ASCIISet {
        let low: UInt64
        let high: UInt64
    }

    /// The ASCII bytes an IRI holds as they are: not space, controls, `<>"{}|^`\` (those end the
    /// IRI, are escapes, or are errors, and take the careful path).
    static let plainInIRI = ASCIISet(low: 0xAFFF_FFFA_0000_0000, high: 0x47FF_FFFE_AFFF_FFFF)
    /// The ASCII bytes a string literal holds as they are: not `"`, `\`, controls or DEL.
    static let plainInString = ASCIISet(low: 0xFFFF_FFFB_0000_0000, high: 0x7FFF_FFFF_EFFF_FFFF)

    /// Moves the cursor past the bytes of `set`, stopping at the first other byte or the end.
    @inline(__always)
    private mutating func skipPlainASCII(_ set: ASCIISet) {
        var position = index
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            let plain = byte < 64 ? (set.low >> UInt64(byte)) & 1 : (byte < 128 ? (set.high >> UInt64(byte &- 64)) & 1 : 0)
            if plain == 0 { break }
            position &+= 1
        }
        index = position
    }

    /// `<…>` without escapes; the characters are checked as `iriRef` checks them.
    private mutating func canonicalIRIEnd() throws(RDFSyntaxError) -> Int? {
        let start = index
        advance()
        while true {
            skipPlainASCII(Self.plainInIRI)
            guard index < bytes.count else { index = start; throw error("unterminated IRI") }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "\\") { return nil }
            if byte < 0x80 {
                if Self.isForbiddenInIRI(UInt32(byte)) { throw error("character not allowed in an IRI") }
                index += 1
            } else {
                _ = try utf8Scalar()
            }
        }
        advance()
        return index
    }
}
