import RDFModel

/// The recursive-descent grammar of Turtle and TriG over a ``ByteInput``.
///
/// Statements go to `sink` as soon as they are complete; nested blank node property lists and
/// collections emit their own statements first.
struct TurtleReader {
    private var input: ByteInput
    private let dialect: TurtleDialect
    private let fileName: String?
    private let blankNodePrefix: String
    private let sink: (Quad) throws -> Void
    private var base: String?
    private var prefixes: [String: String] = [:]
    private var anonymousCount = 0
    private var graph: Term?
    /// Reused buffer for the bytes of the token being read.
    private var scratch: [UInt8] = []
    /// When reading into an interned dataset: it, and a buffer for N-Triples forms. Objects that
    /// are IRIs or plain / language-tagged strings then go from the token's bytes to an id
    /// without becoming `Term` values.
    private let interned: UnsafeMutablePointer<InternedDataset>?
    private var termBytes: [UInt8] = []
    /// When interning: the id of the current graph's name, of `rdf:type` once seen, and each
    /// prefix's namespace as bytes (only those N-Triples writes as they are), so prefixed names
    /// become N-Triples bytes without strings.
    private var graphID = InternedStatement.defaultGraph
    private var rdfTypeID: TermID?
    private var namespaces: [[UInt8]: [UInt8]] = [:]

    init(input: ByteInput, parser: TurtleParser, interned: UnsafeMutablePointer<InternedDataset>? = nil,
         sink: @escaping (Quad) throws -> Void) {
        self.interned = interned
        self.input = input
        self.dialect = parser.dialect
        self.fileName = parser.fileName
        self.blankNodePrefix = parser.blankNodePrefix
        self.base = parser.baseIRI
        self.sink = sink
        scratch.reserveCapacity(256)
    }

    // MARK: Document structure

    mutating func parseDocument() throws {
        // A UTF-8 byte order mark is not part of the grammar but is harmless; skip it.
        if try input.peek() == 0xEF, try input.peek(1) == 0xBB, try input.peek(2) == 0xBF { input.advance(3) }
        while true {
            try skipWhitespace()
            guard let byte = try input.peek() else { return }
            if byte == UInt8(ascii: "@") {
                try atDirective()
            } else if try keywordAhead("PREFIX") {
                input.advance(6)
                try prefixBody()
            } else if try keywordAhead("BASE") {
                input.advance(4)
                try baseBody()
            } else if dialect == .trig {
                try trigBlock()
            } else {
                try triples()
                try expect(".", "expected '.' at the end of the statement")
            }
        }
    }

    private mutating func atDirective() throws {
        // `@prefix` and `@base` are whole LANGTAG-like tokens, so only a letter or '-' would extend them.
        if try input.startsWith("@prefix"), try !extendsAtKeyword(at: 7) {
            input.advance(7)
            try prefixBody()
        } else if try input.startsWith("@base"), try !extendsAtKeyword(at: 5) {
            input.advance(5)
            try baseBody()
        } else {
            throw error("expected '@prefix' or '@base'")
        }
        try expect(".", "expected '.' after the directive")
    }

    private mutating func prefixBody() throws {
        try skipWhitespace()
        let prefix = try prefixName()
        guard try input.peek() == UInt8(ascii: ":") else { throw error("expected ':' after the prefix name") }
        input.advance()
        try skipWhitespace()
        guard try input.peek() == UInt8(ascii: "<") else { throw error("expected an IRI in angle brackets") }
        let namespace = try iriRef().value
        prefixes[prefix] = namespace
        namespaces[Array(prefix.utf8)] = NTriplesFormatter.format(.iri(IRI(namespace))).utf8.count == namespace.utf8.count + 2
            ? Array(namespace.utf8) : nil
    }

    private mutating func baseBody() throws {
        try skipWhitespace()
        guard try input.peek() == UInt8(ascii: "<") else { throw error("expected an IRI in angle brackets") }
        base = try iriRef().value
    }

    /// One TriG block: a directive was handled by the caller; this is triples or a graph.
    private mutating func trigBlock() throws {
        guard let byte = try input.peek() else { return }
        if try keywordAhead("GRAPH") {
            input.advance(5)
            try skipWhitespace()
            let label = try graphLabel()
            try skipWhitespace()
            try wrappedGraph(label)
            return
        }
        switch byte {
        case UInt8(ascii: "{"):
            try wrappedGraph(nil)
        case UInt8(ascii: "["):
            if try anonymousAhead() {
                let node = try anonymous()
                try skipWhitespace()
                if try input.peek() == UInt8(ascii: "{") {
                    try wrappedGraph(.blank(node))
                } else {
                    try predicateObjectList(.blank(node))
                    try expect(".", "expected '.' at the end of the statement")
                }
            } else {
                try triples()
                try expect(".", "expected '.' at the end of the statement")
            }
        case UInt8(ascii: "("):
            try triples()
            try expect(".", "expected '.' at the end of the statement")
        default:
            let subject = try graphLabel()
            try skipWhitespace()
            if try input.peek() == UInt8(ascii: "{") {
                try wrappedGraph(subject)
            } else {
                try predicateObjectList(subject)
                try expect(".", "expected '.' at the end of the statement")
            }
        }
    }

    /// An IRI or blank node that may name a graph (or start a statement).
    private mutating func graphLabel() throws -> Term {
        switch try input.peek() {
        case UInt8(ascii: "<"): return .iri(try iriRef())
        case UInt8(ascii: "_"): return .blank(try blankNodeLabel())
        case UInt8(ascii: "["):
            guard try anonymousAhead() else { throw error("expected an IRI or a blank node as the graph name") }
            return .blank(try anonymous())
        default:
            guard case let .iri(iri) = try name(allowKeywords: false, expected: "expected a subject or a graph name") else {
                throw error("expected a subject or a graph name")
            }
            return .iri(iri)
        }
    }

    private mutating func wrappedGraph(_ label: Term?) throws {
        guard try input.peek() == UInt8(ascii: "{") else { throw error("expected '{' to start a graph") }
        input.advance()
        graph = label
        if let interned { graphID = label.map { interned.pointee.intern($0) } ?? InternedStatement.defaultGraph }
        while true {
            try skipWhitespace()
            if try input.peek() == UInt8(ascii: "}") { break }
            try triples()
            try skipWhitespace()
            if try input.peek() == UInt8(ascii: ".") {
                input.advance()
                continue
            }
            if try input.peek() == UInt8(ascii: "}") { break }
            throw error("expected '.' or '}' after the statement")
        }
        input.advance()
        graph = nil
        graphID = InternedStatement.defaultGraph
    }

    /// `subject predicateObjectList` or `blankNodePropertyList predicateObjectList?`.
    private mutating func triples() throws {
        try skipWhitespace()
        switch try input.peek() {
        case UInt8(ascii: "["):
            if try anonymousAhead() {
                let node = try anonymous()
                try predicateObjectList(.blank(node))
            } else {
                let node = try blankNodePropertyList()
                try skipWhitespace()
                let next = try input.peek()
                if next != UInt8(ascii: "."), next != UInt8(ascii: "}") {
                    try predicateObjectList(.blank(node))
                }
            }
        case UInt8(ascii: "("):
            let list = try collection()
            try predicateObjectList(list)
        case UInt8(ascii: "<"):
            try predicateObjectList(.iri(try iriRef()))
        case UInt8(ascii: "_"):
            try predicateObjectList(.blank(try blankNodeLabel()))
        case nil:
            throw error("expected a subject")
        default:
            guard case let .iri(iri) = try name(allowKeywords: false, expected: "expected a subject") else {
                throw error("expected a subject")
            }
            try predicateObjectList(.iri(iri))
        }
    }

    private mutating func predicateObjectList(_ subject: Term) throws {
        // Reading into an interned dataset, the subject is interned once for all its statements.
        let subjectID = interned.map { $0.pointee.intern(subject) }
        try skipWhitespace()
        try objectList(try statementHead(subject, subjectID))
        while true {
            try skipWhitespace()
            guard try input.peek() == UInt8(ascii: ";") else { return }
            while try input.peek() == UInt8(ascii: ";") {
                input.advance()
                try skipWhitespace()
            }
            switch try input.peek() {
            case nil, UInt8(ascii: "."), UInt8(ascii: "]"), UInt8(ascii: "}"): return
            default: try objectList(try statementHead(subject, subjectID))
            }
        }
    }

    /// The subject and predicate shared by an object list: values for the sink, or ids and the
    /// dataset they go to when interning.
    private enum StatementHead {
        case values(Term, IRI)
        case ids(UnsafeMutablePointer<InternedDataset>, TermID, TermID)
    }

    /// Reads the verb and pairs it with the subject.
    private mutating func statementHead(_ subject: Term, _ subjectID: TermID?) throws -> StatementHead {
        if let interned, let subjectID { return .ids(interned, subjectID, try internedVerb(interned)) }
        return .values(subject, try verb())
    }

    /// `verb()` interned: `a` and IRIs in their simplest form without strings, the rest through `verb()`.
    private mutating func internedVerb(_ target: UnsafeMutablePointer<InternedDataset>) throws -> TermID {
        if try input.peek() == UInt8(ascii: "a"), try keywordAhead("a", caseInsensitive: false) {
            input.advance()
            if let rdfTypeID { return rdfTypeID }
            let id = target.pointee.intern(.iri(Vocabulary.RDF.type))
            rdfTypeID = id
            return id
        }
        var buffer = takeTermBytes()
        defer { termBytes = buffer }
        if try appendSimpleIRI(to: &buffer) { return buffer.withUnsafeBufferPointer { target.pointee.intern(ntriples: $0) } }
        return target.pointee.intern(.iri(try verb()))
    }

    private mutating func verb() throws -> IRI {
        switch try input.peek() {
        case UInt8(ascii: "<"): return try iriRef()
        case nil: throw error("expected a predicate")
        default:
            if try keywordAhead("a", caseInsensitive: false) {
                input.advance()
                return Vocabulary.RDF.type
            }
            guard try startsName(), case let .iri(iri) = try name(allowKeywords: false) else {
                throw error("expected a predicate (an IRI, a prefixed name or 'a')")
            }
            return iri
        }
    }

    private mutating func objectList(_ head: StatementHead) throws {
        while true {
            try skipWhitespace()
            switch head {
            case let .ids(target, subject, predicate):
                let object = try internedObject(target)
                target.pointee.append(InternedStatement(subject, predicate, object, graph: graphID))
            case let .values(subject, predicate):
                let value = try object()
                try sink(Quad(subject, predicate, value, graph: graph))
            }
            try skipWhitespace()
            guard try input.peek() == UInt8(ascii: ",") else { return }
            input.advance()
        }
    }

    private mutating func object() throws -> Term {
        guard let byte = try input.peek() else { throw error("expected an object") }
        switch byte {
        case UInt8(ascii: "<"): return .iri(try iriRef())
        case UInt8(ascii: "_"): return .blank(try blankNodeLabel())
        case UInt8(ascii: "["):
            if try anonymousAhead() { return .blank(try anonymous()) }
            return .blank(try blankNodePropertyList())
        case UInt8(ascii: "("): return try collection()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .literal(try rdfLiteral())
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return .literal(try numericLiteral())
        default:
            guard try startsName() else { throw error("expected an object (an IRI, a blank node, a collection or a literal)") }
            return try name(allowKeywords: true)
        }
    }

    /// `object()` interned into `target`: IRIs, literals and numbers become their N-Triples bytes
    /// without `Term` values (copied from the input itself when the token is in its simplest
    /// form); blank nodes, collections, keywords and errors go through `object()`.
    private mutating func internedObject(_ target: UnsafeMutablePointer<InternedDataset>) throws -> TermID {
        var buffer = takeTermBytes()
        defer { termBytes = buffer }
        switch try input.peek() ?? 0 {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            try appendLiteral(to: &buffer)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            let number = try readNumber()
            buffer.append(UInt8(ascii: "\""))
            buffer.append(contentsOf: scratch)
            buffer.append(contentsOf: number.ntriplesSuffix)
        case UInt8(ascii: "<"):
            if try !appendSimpleIRI(to: &buffer) { return target.pointee.intern(.iri(try iriRef())) }
        default:
            if try !appendSimpleIRI(to: &buffer) { return target.pointee.intern(try object()) }
        }
        return buffer.withUnsafeBufferPointer { target.pointee.intern(ntriples: $0) }
    }

    /// `termBytes`, emptied and taken out of `self`, so a caller fills it while reading and puts
    /// it back, without copying it.
    private mutating func takeTermBytes() -> [UInt8] {
        var buffer = termBytes
        termBytes = []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    /// Tokens the fast paths scan must lie within this many bytes ahead; longer ones are read
    /// byte by byte.
    private static let lookahead = 4096

    /// Appends the N-Triples form of an IRI written in its simplest form — `<…>` absolute and
    /// without escapes, or a prefixed name of ASCII characters with a declared prefix — and
    /// consumes it. Anything else returns false with nothing consumed and `buffer` unchanged, for
    /// the value path to read (and report).
    private mutating func appendSimpleIRI(to buffer: inout [UInt8]) throws -> Bool {
        let namespaces = self.namespaces
        let scanned = try input.withUnreadBytes(lookahead: Self.lookahead) { bytes -> (length: Int, columns: Int)? in
            guard let first = bytes.first else { return nil }
            if first == UInt8(ascii: "<") {
                guard let (length, columns) = Self.scanIRI(bytes),
                      IRIResolver.isAbsolute(utf8: UnsafeBufferPointer(rebasing: bytes[1..<(length - 1)])) else { return nil }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<length]))
                return (length, columns)
            }
            guard let (colon, length) = Self.scanPrefixedName(bytes),
                  let namespace = namespaces[Array(UnsafeBufferPointer(rebasing: bytes[0..<colon]))] else { return nil }
            buffer.append(UInt8(ascii: "<"))
            buffer.append(contentsOf: namespace)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(colon + 1)..<length]))
            buffer.append(UInt8(ascii: ">"))
            return (length, length)
        }
        guard let scanned else { return false }
        input.skip(scanned.length, columns: scanned.columns)
        return true
    }

    /// Appends a string literal with its language tag or datatype as N-Triples: the string's own
    /// bytes when they already are its N-Triples form, else decoded and escaped again.
    private mutating func appendLiteral(to buffer: inout [UInt8]) throws {
        let scanned = try input.withUnreadBytes(lookahead: Self.lookahead) { bytes -> (length: Int, columns: Int)? in
            guard let (length, columns) = Self.scanCanonicalString(bytes) else { return nil }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<length]))
            return (length, columns)
        }
        if let scanned {
            input.skip(scanned.length, columns: scanned.columns)
        } else {
            try readString()
            buffer.append(UInt8(ascii: "\""))
            Self.appendEscaped(scratch, to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        }
        try skipWhitespace()
        let next = try input.peek()
        if next == UInt8(ascii: "@") {
            input.advance()
            buffer.append(UInt8(ascii: "@"))
            let tag = buffer.count
            try appendLanguageTag(to: &buffer)
            // Tags are ASCII and stored lower-cased, as `Literal` does.
            for index in tag..<buffer.count { buffer[index] = ByteInput.lowercase(buffer[index]) }
        } else if next == UInt8(ascii: "^"), try input.peek(1) == UInt8(ascii: "^") {
            input.advance(2)
            try skipWhitespace()
            let suffix = buffer.count
            buffer.append(UInt8(ascii: "^"))
            buffer.append(UInt8(ascii: "^"))
            if try !appendSimpleIRI(to: &buffer) {
                buffer.append(contentsOf: NTriplesFormatter.format(.iri(try datatypeIRI())).utf8)
            }
            // A literal typed `xsd:string` is the plain literal.
            if buffer[(suffix + 2)...].elementsEqual(Self.xsdStringIRI) { buffer.removeSubrange(suffix...) }
        }
    }

    private static let xsdStringIRI = Array(NTriplesFormatter.format(.iri(Vocabulary.XSD.string)).utf8)

    /// N-Triples string escaping, as `NTriplesFormatter.appendEscapedString` writes it.
    private static func appendEscaped(_ bytes: [UInt8], to out: inout [UInt8]) {
        @inline(__always) func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x37 + value }
        for byte in bytes {
            let escape: UInt8
            switch byte {
            case 0x08: escape = UInt8(ascii: "b")
            case 0x09: escape = UInt8(ascii: "t")
            case 0x0A: escape = UInt8(ascii: "n")
            case 0x0C: escape = UInt8(ascii: "f")
            case 0x0D: escape = UInt8(ascii: "r")
            case 0x22, 0x5C: escape = byte
            case 0...0x1F, 0x7F:
                out.append(0x5C)
                out.append(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
                continue
            default:
                out.append(byte)
                continue
            }
            out.append(0x5C)
            out.append(escape)
        }
    }

    /// The length and columns of the `<…>` that starts `bytes` when it holds no escape and no
    /// character an IRI refuses; nil otherwise, or when it does not end within `bytes`.
    static func scanIRI(_ bytes: UnsafeBufferPointer<UInt8>) -> (length: Int, columns: Int)? {
        var index = 1, columns = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return (index + 1, columns + 1) }
            if byte < 0x80 {
                if isForbiddenInIRI(UInt32(byte)) { return nil }
                index += 1
            } else {
                guard let (_, length) = ByteInput.scalar(in: bytes, at: index) else { return nil }
                index += length
            }
            columns += 1
        }
        return nil
    }

    /// The length and columns of the `"…"` string that starts `bytes` when those bytes are its
    /// N-Triples form: short, double-quoted, escapes only among `\t \b \n \r \f \" \\`, no
    /// character N-Triples escapes, well-formed UTF-8; nil otherwise, or when it does not end
    /// within `bytes`.
    static func scanCanonicalString(_ bytes: UnsafeBufferPointer<UInt8>) -> (length: Int, columns: Int)? {
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "\"") else { return nil }
        // `"""` opens a long string.
        if bytes[1] == UInt8(ascii: "\""), bytes[2] == UInt8(ascii: "\"") { return nil }
        var index = 1, columns = 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                return (index + 1, columns + 1)
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "f"),
                     UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    index += 2
                    columns += 2
                default:
                    return nil
                }
            case 0..<0x20, 0x7F:
                return nil
            case 0x20..<0x80:
                index += 1
                columns += 1
            default:
                guard let (_, length) = ByteInput.scalar(in: bytes, at: index) else { return nil }
                index += length
                columns += 1
            }
        }
        return nil
    }

    /// The colon's position and the length of the prefixed name that starts `bytes` when it is
    /// all ASCII without `%` or `\` escapes and ends within `bytes`; nil otherwise (or when no
    /// prefixed name starts here). The rules are those of `prefixName()` and `readNameTail`.
    static func scanPrefixedName(_ bytes: UnsafeBufferPointer<UInt8>) -> (colon: Int, length: Int)? {
        @inline(__always) func isNameByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        /// Where the name goes on after the dots at `index`: the next name character's position,
        /// 0 when the dots end the name, nil when only the slow path can tell.
        func afterDots(_ index: Int, local: Bool) -> Int? {
            var after = index
            while after < bytes.count, bytes[after] == UInt8(ascii: ".") { after += 1 }
            guard after < bytes.count else { return nil }
            let next = bytes[after]
            if isNameByte(next) || (local && next == UInt8(ascii: ":")) { return after }
            if next >= 0x80 || (local && (next == UInt8(ascii: "%") || next == UInt8(ascii: "\\"))) { return nil }
            return 0
        }
        var index = 0
        if let first = bytes.first, isLetter(first) {
            index = 1
            while true {
                guard index < bytes.count else { return nil }
                let byte = bytes[index]
                if isNameByte(byte) {
                    index += 1
                } else if byte == UInt8(ascii: ".") {
                    guard let after = afterDots(index, local: false) else { return nil }
                    if after == 0 { break }
                    index = after
                } else if byte >= 0x80 {
                    return nil
                } else {
                    break
                }
            }
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        let colon = index
        index += 1
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first >= 0x80 || first == UInt8(ascii: "%") || first == UInt8(ascii: "\\") { return nil }
        guard isLetter(first) || isDigit(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else {
            return (colon, index)
        }
        index += 1
        while true {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            if isNameByte(byte) || byte == UInt8(ascii: ":") {
                index += 1
            } else if byte == UInt8(ascii: ".") {
                guard let after = afterDots(index, local: true) else { return nil }
                if after == 0 { break }
                index = after
            } else if byte >= 0x80 || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\\") {
                return nil
            } else {
                break
            }
        }
        return (colon, index)
    }

    private mutating func blankNodePropertyList() throws -> BlankNode {
        input.advance()
        let node = freshNode()
        try predicateObjectList(.blank(node))
        try skipWhitespace()
        try expect("]", "expected ']' to close the blank node property list")
        return node
    }

    private mutating func collection() throws -> Term {
        input.advance()
        try skipWhitespace()
        if try input.peek() == UInt8(ascii: ")") {
            input.advance()
            return .iri(Vocabulary.RDF.nil)
        }
        let head = Term.blank(freshNode())
        var current = head
        while true {
            let item = try object()
            try sink(Quad(current, Vocabulary.RDF.first, item, graph: graph))
            try skipWhitespace()
            if try input.peek() == UInt8(ascii: ")") {
                input.advance()
                try sink(Quad(current, Vocabulary.RDF.rest, .iri(Vocabulary.RDF.nil), graph: graph))
                return head
            }
            let next = Term.blank(freshNode())
            try sink(Quad(current, Vocabulary.RDF.rest, next, graph: graph))
            current = next
        }
    }

    // MARK: Blank nodes

    private mutating func freshNode() -> BlankNode {
        anonymousCount += 1
        return BlankNode(blankNodePrefix + "anon" + String(anonymousCount))
    }

    /// Whether the input is `[` followed by optional whitespace and `]`.
    private mutating func anonymousAhead() throws -> Bool {
        var offset = 1
        while let byte = try input.peek(offset) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            case UInt8(ascii: "#"): return try commentThenClosingBracket(from: offset)
            default: return byte == UInt8(ascii: "]")
            }
        }
        return false
    }

    /// A comment inside `[ ]` makes lookahead longer; decide by reading past it without consuming.
    private mutating func commentThenClosingBracket(from start: Int) throws -> Bool {
        var offset = start
        while let byte = try input.peek(offset) {
            if byte == UInt8(ascii: "#") {
                while let inner = try input.peek(offset), inner != 0x0A, inner != 0x0D { offset += 1 }
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                offset += 1
            } else {
                return byte == UInt8(ascii: "]")
            }
        }
        return false
    }

    private mutating func anonymous() throws -> BlankNode {
        input.advance()
        try skipWhitespace()
        input.advance()
        return freshNode()
    }

    private mutating func blankNodeLabel() throws -> BlankNode {
        guard try input.peek(1) == UInt8(ascii: ":") else { throw error("expected '_:' to start a blank node label") }
        input.advance(2)
        guard let (first, length) = try input.scalar(),
              CharacterClasses.isPNCharsU(first) || (first.value >= 0x30 && first.value <= 0x39) else {
            throw error("expected a blank node label after '_:'")
        }
        var label = String.UnicodeScalarView()
        label.append(first)
        input.advance(length)
        try readNameTail(into: &label, local: false)
        let text = String(label)
        let scoped = text.hasPrefix("anon") ? "anon_" + text : text
        return BlankNode(blankNodePrefix + scoped)
    }

    // MARK: Names

    /// Whether the next scalar can start a prefixed name or keyword.
    private mutating func startsName() throws -> Bool {
        guard let (scalar, _) = try input.scalar() else { return false }
        return scalar == ":" || CharacterClasses.isPNCharsBase(scalar)
    }

    /// A prefixed name (as an IRI), or with `allowKeywords` the literals `true` / `false`.
    /// `expected` is the error message when no name starts here at all.
    private mutating func name(allowKeywords: Bool, expected: String = "expected an IRI or a prefixed name") throws -> Term {
        let line = input.line, column = input.column
        let prefix = try prefixName()
        guard try input.peek() == UInt8(ascii: ":") else {
            if allowKeywords, prefix == "true" || prefix == "false" {
                return .literal(Literal(prefix, datatype: Vocabulary.XSD.boolean))
            }
            if prefix.isEmpty { throw error(expected) }
            throw error("expected ':' in the prefixed name '\(prefix)'", line: line, column: column)
        }
        input.advance()
        guard let namespace = prefixes[prefix] else {
            throw error("undeclared prefix '\(prefix):'", line: line, column: column)
        }
        var local = String.UnicodeScalarView()
        if let (first, length) = try input.scalar(),
           CharacterClasses.isPNCharsU(first) || first == ":" || (first.value >= 0x30 && first.value <= 0x39)
            || first == "%" || first == "\\" {
            if first == "%" || first == "\\" {
                try localEscape(into: &local)
            } else {
                local.append(first)
                input.advance(length)
            }
            try readNameTail(into: &local, local: true)
        }
        return .iri(IRI(namespace + String(local)))
    }

    /// PN_PREFIX (possibly empty), stopping before the ':'.
    private mutating func prefixName() throws -> String {
        guard let (first, length) = try input.scalar(), CharacterClasses.isPNCharsBase(first) else { return "" }
        var prefix = String.UnicodeScalarView()
        prefix.append(first)
        input.advance(length)
        while let (scalar, width) = try input.scalar() {
            if CharacterClasses.isPNChars(scalar) {
                prefix.append(scalar)
                input.advance(width)
            } else if scalar == ".", try dotsContinueName(local: false) {
                prefix.append(scalar)
                input.advance()
            } else {
                break
            }
        }
        return String(prefix)
    }

    /// The rest of a blank node label (`local: false`) or a PN_LOCAL (`local: true`).
    private mutating func readNameTail(into name: inout String.UnicodeScalarView, local: Bool) throws {
        while let (scalar, width) = try input.scalar() {
            if CharacterClasses.isPNChars(scalar) || (local && scalar == ":") {
                name.append(scalar)
                input.advance(width)
            } else if local, scalar == "%" || scalar == "\\" {
                try localEscape(into: &name)
            } else if scalar == ".", try dotsContinueName(local: local) {
                name.append(scalar)
                input.advance()
            } else {
                return
            }
        }
    }

    /// Whether the run of dots at the cursor is followed by a character that continues the name
    /// (a name never ends in '.', so a trailing dot ends the statement instead).
    private mutating func dotsContinueName(local: Bool) throws -> Bool {
        var offset = 0
        while try input.peek(offset) == UInt8(ascii: ".") { offset += 1 }
        guard let (scalar, _) = try input.scalar(at: offset) else { return false }
        if CharacterClasses.isPNChars(scalar) { return true }
        return local && (scalar == ":" || scalar == "%" || scalar == "\\")
    }

    /// PLX: `%` HEX HEX is kept as written; `\` + a reserved character stands for that character.
    private mutating func localEscape(into name: inout String.UnicodeScalarView) throws {
        if try input.peek() == UInt8(ascii: "%") {
            guard let high = try input.peek(1), Self.hexValue(high) != nil,
                  let low = try input.peek(2), Self.hexValue(low) != nil else {
                throw error("expected two hexadecimal digits after '%'")
            }
            name.append("%")
            name.append(Unicode.Scalar(high))
            name.append(Unicode.Scalar(low))
            input.advance(3)
            return
        }
        guard let escaped = try input.peek(1), Self.localEscapable.contains(escaped) else {
            throw error("expected one of _~.-!$&'()*+,;=/?#@% after '\\' in a local name")
        }
        name.append(Unicode.Scalar(escaped))
        input.advance(2)
    }

    private static let localEscapable: Set<UInt8> = Set("_~.-!$&'()*+,;=/?#@%".utf8)

    // MARK: IRIs

    private mutating func iriRef() throws -> IRI {
        let (line, column) = try readIRIReference()
        return try resolvedScratchIRI(line: line, column: column)
    }

    /// The IRI reference just read into `scratch`, resolved against the base when relative.
    private func resolvedScratchIRI(line: Int, column: Int) throws -> IRI {
        let reference = String(decoding: scratch, as: UTF8.self)
        if IRIResolver.isAbsolute(reference) { return IRI(reference) }
        guard let base else {
            throw error("relative IRI <\(reference)> needs a base IRI", line: line, column: column)
        }
        return IRI(IRIResolver.resolve(reference, against: base))
    }

    /// Reads `<…>` into `scratch` (escapes decoded, characters checked); returns where it began.
    private mutating func readIRIReference() throws -> (line: Int, column: Int) {
        let line = input.line, column = input.column
        input.advance()
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard let byte = try input.peek() else { throw error("unterminated IRI: expected '>'", line: line, column: column) }
            if byte == UInt8(ascii: ">") {
                input.advance()
                break
            }
            if byte == UInt8(ascii: "\\") {
                let scalar = try unicodeEscape()
                if Self.isForbiddenInIRI(scalar.value) { throw error("escaped character U+\(String(scalar.value, radix: 16, uppercase: true)) is not allowed in an IRI") }
                appendUTF8(scalar)
                continue
            }
            if byte < 0x80 {
                if Self.isForbiddenInIRI(UInt32(byte)) { throw error("character not allowed in an IRI: expected '>'") }
                scratch.append(byte)
                input.advance()
            } else {
                try copyScalar()
            }
        }
        return (line, column)
    }

    private static func isForbiddenInIRI(_ value: UInt32) -> Bool {
        switch value {
        case 0...0x20, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5E, 0x60, 0x5C: true
        default: false
        }
    }

    // MARK: Literals

    private mutating func rdfLiteral() throws -> Literal {
        let lexical = try string()
        return try literalSuffix(lexical)
    }

    /// The literal of `lexical` with what follows it: a language tag, a datatype, or nothing.
    private mutating func literalSuffix(_ lexical: String) throws -> Literal {
        try skipWhitespace()
        if try input.peek() == UInt8(ascii: "@") {
            input.advance()
            return Literal(lexical, language: try languageTag())
        }
        if try input.peek() == UInt8(ascii: "^"), try input.peek(1) == UInt8(ascii: "^") {
            input.advance(2)
            try skipWhitespace()
            return Literal(lexical, datatype: try datatypeIRI())
        }
        return Literal(lexical)
    }

    /// The datatype after `^^`: an IRI or a prefixed name.
    private mutating func datatypeIRI() throws -> IRI {
        if try input.peek() == UInt8(ascii: "<") { return try iriRef() }
        guard try startsName(), case let .iri(iri) = try name(allowKeywords: false) else {
            throw error("expected a datatype IRI after '^^'")
        }
        return iri
    }

    private mutating func languageTag() throws -> String {
        var tag: [UInt8] = []
        try appendLanguageTag(to: &tag)
        return String(decoding: tag, as: UTF8.self)
    }

    /// Appends the LANGTAG after `@` as written (ASCII letters, digits and `-`).
    private mutating func appendLanguageTag(to tag: inout [UInt8]) throws {
        let start = tag.count
        while let byte = try input.peek(), Self.isLetter(byte) {
            tag.append(byte)
            input.advance()
        }
        if tag.count == start { throw error("expected a language tag after '@'") }
        while try input.peek() == UInt8(ascii: "-") {
            guard let next = try input.peek(1), Self.isLetter(next) || Self.isDigit(next) else {
                throw error("expected a language subtag after '-'")
            }
            tag.append(UInt8(ascii: "-"))
            input.advance()
            while let byte = try input.peek(), Self.isLetter(byte) || Self.isDigit(byte) {
                tag.append(byte)
                input.advance()
            }
        }
    }

    /// Any of the four string forms, with escapes decoded.
    private mutating func string() throws -> String {
        try readString()
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Reads any of the four string forms into `scratch`, with escapes decoded.
    private mutating func readString() throws {
        let line = input.line, column = input.column
        guard let quote = try input.peek() else { throw error("expected a string") }
        let long = try input.peek(1) == quote && input.peek(2) == quote
        input.advance(long ? 3 : 1)
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard let byte = try input.peek() else {
                throw error("unterminated string: expected the closing quote", line: line, column: column)
            }
            if byte == quote {
                if !long {
                    input.advance()
                    break
                }
                if try input.peek(1) == quote, try input.peek(2) == quote {
                    input.advance(3)
                    break
                }
                scratch.append(byte)
                input.advance()
            } else if byte == UInt8(ascii: "\\") {
                try stringEscape()
            } else if !long, byte == 0x0A || byte == 0x0D {
                throw error("line break in a string: expected the closing quote or a long (triple-quoted) string")
            } else if byte < 0x80 {
                scratch.append(byte)
                input.advance()
            } else {
                try copyScalar()
            }
        }
    }

    private mutating func stringEscape() throws {
        guard let escaped = try input.peek(1) else { throw error("expected an escape sequence after '\\'") }
        let value: UInt8
        switch escaped {
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            appendUTF8(try unicodeEscape())
            return
        case UInt8(ascii: "t"): value = 0x09
        case UInt8(ascii: "b"): value = 0x08
        case UInt8(ascii: "n"): value = 0x0A
        case UInt8(ascii: "r"): value = 0x0D
        case UInt8(ascii: "f"): value = 0x0C
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): value = escaped
        default: throw error("invalid escape: expected one of \\t \\b \\n \\r \\f \\\" \\' \\\\ \\u \\U")
        }
        scratch.append(value)
        input.advance(2)
    }

    /// `\uXXXX` or `\UXXXXXXXX` at the cursor; surrogates and values beyond U+10FFFF are errors.
    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        let width: Int
        switch try input.peek(1) {
        case UInt8(ascii: "u"): width = 4
        case UInt8(ascii: "U"): width = 8
        default: throw error("expected \\u or \\U (the only escapes allowed here)")
        }
        var value: UInt32 = 0
        for offset in 0..<width {
            guard let byte = try input.peek(2 + offset), let digit = Self.hexValue(byte) else {
                throw error("expected \(width) hexadecimal digits in the unicode escape")
            }
            value = value << 4 | UInt32(digit)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("unicode escape U+\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar (surrogate or out of range)")
        }
        input.advance(2 + width)
        return scalar
    }

    private mutating func numericLiteral() throws -> Literal {
        let kind = try readNumber()
        return Literal(String(decoding: scratch, as: UTF8.self), datatype: kind.datatype)
    }

    /// The three datatypes a number's form gives it.
    private enum NumberKind {
        case integer, decimal, double

        var datatype: IRI {
            switch self {
            case .integer: Vocabulary.XSD.integer
            case .decimal: Vocabulary.XSD.decimal
            case .double: Vocabulary.XSD.double
            }
        }

        /// What follows the lexical form in N-Triples: `"^^<datatype>`.
        var ntriplesSuffix: [UInt8] {
            switch self {
            case .integer: Self.integerSuffix
            case .decimal: Self.decimalSuffix
            case .double: Self.doubleSuffix
            }
        }

        private static let integerSuffix = suffix(Vocabulary.XSD.integer)
        private static let decimalSuffix = suffix(Vocabulary.XSD.decimal)
        private static let doubleSuffix = suffix(Vocabulary.XSD.double)
        private static func suffix(_ datatype: IRI) -> [UInt8] { Array(("\"^^" + NTriplesFormatter.format(.iri(datatype))).utf8) }
    }

    /// Reads a number's lexical form into `scratch` and tells its kind.
    private mutating func readNumber() throws -> NumberKind {
        scratch.removeAll(keepingCapacity: true)
        if let sign = try input.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            scratch.append(sign)
            input.advance()
        }
        let integerDigits = try digits()
        var fractionDigits = 0
        var isDecimal = false
        if try input.peek() == UInt8(ascii: "."), let next = try input.peek(1) {
            if Self.isDigit(next) {
                scratch.append(UInt8(ascii: "."))
                input.advance()
                fractionDigits = try digits()
                isDecimal = true
            } else if integerDigits > 0, next | 0x20 == UInt8(ascii: "e"), try exponentAhead(at: 1) {
                scratch.append(UInt8(ascii: "."))
                input.advance()
            }
        }
        guard integerDigits + fractionDigits > 0 else { throw error("expected a number") }
        if let marker = try input.peek(), marker | 0x20 == UInt8(ascii: "e") {
            guard try exponentAhead(at: 0) else { throw error("expected digits in the exponent") }
            scratch.append(marker)
            input.advance()
            if let sign = try input.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                scratch.append(sign)
                input.advance()
            }
            _ = try digits()
            return .double
        }
        return isDecimal ? .decimal : .integer
    }

    /// Whether `e`/`E` at `offset` starts a complete exponent.
    private mutating func exponentAhead(at offset: Int) throws -> Bool {
        guard let marker = try input.peek(offset), marker | 0x20 == UInt8(ascii: "e") else { return false }
        var position = offset + 1
        if let sign = try input.peek(position), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
        guard let digit = try input.peek(position) else { return false }
        return Self.isDigit(digit)
    }

    private mutating func digits() throws -> Int {
        var count = 0
        while let byte = try input.peek(), Self.isDigit(byte) {
            scratch.append(byte)
            input.advance()
            count += 1
        }
        return count
    }

    // MARK: Lexical helpers

    private mutating func skipWhitespace() throws {
        while let byte = try input.peek() {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                input.advance()
            case UInt8(ascii: "#"):
                while let inner = try input.peek(), inner != 0x0A, inner != 0x0D { input.advance() }
            default:
                return
            }
        }
    }

    private mutating func expect(_ character: Unicode.Scalar, _ message: String) throws {
        try skipWhitespace()
        guard try input.peek() == UInt8(character.value) else { throw error(message) }
        input.advance()
    }

    /// Whether the input starts with `keyword` as a whole word (not the start of a longer name).
    private mutating func keywordAhead(_ keyword: StaticString, caseInsensitive: Bool = true) throws -> Bool {
        guard try input.startsWith(keyword, caseInsensitive: caseInsensitive) else { return false }
        return try !isNameContinuation(at: keyword.utf8CodeUnitCount)
    }

    private mutating func extendsAtKeyword(at offset: Int) throws -> Bool {
        guard let byte = try input.peek(offset) else { return false }
        return Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "-")
    }

    private mutating func isNameContinuation(at offset: Int) throws -> Bool {
        guard let byte = try input.peek(offset) else { return false }
        return byte >= 0x80 || Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\\")
    }

    /// Copies one non-ASCII scalar into `scratch`, rejecting ill-formed UTF-8.
    private mutating func copyScalar() throws {
        guard let (_, length) = try input.scalar() else { throw error("invalid UTF-8 byte sequence") }
        for offset in 0..<length {
            if let byte = try input.peek(offset) { scratch.append(byte) }
        }
        input.advance(length)
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { scratch.append($0) }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private func error(_ message: String) -> RDFSyntaxError {
        RDFSyntaxError(message, at: SourceLocation(file: fileName, line: input.line, column: input.column))
    }

    private func error(_ message: String, line: Int, column: Int) -> RDFSyntaxError {
        RDFSyntaxError(message, at: SourceLocation(file: fileName, line: line, column: column))
    }
}
