import RDFModel

/// Writes single terms in Turtle / TriG form for the writers: prefixed names where the local
/// part is a valid PN_LOCAL, full `<…>` IRIs otherwise, bare numbers and booleans only when
/// the lexical form reads back unchanged, and blank node labels made valid deterministically.
struct TurtleTermFormatter {
    let prefixes: PrefixMap
    private let blankLabels: [BlankNode: String]
    /// The prefixes written so far, to emit only those in the header.
    private(set) var usedPrefixes: Set<String> = []

    init(prefixes: PrefixMap, blankNodes: Set<BlankNode>) {
        self.prefixes = prefixes
        self.blankLabels = Self.labels(for: blankNodes)
    }

    /// `@prefix` lines for the prefixes used, in the table's order.
    func header() -> String {
        var out = ""
        for entry in prefixes.entries where usedPrefixes.contains(entry.prefix) {
            out += "@prefix \(entry.prefix): "
            NTriplesFormatter.appendIRI(IRI(entry.namespace), to: &out)
            out += " .\n"
        }
        return out
    }

    mutating func append(_ term: Term, to out: inout String) {
        switch term {
        case let .iri(iri): appendIRI(iri, to: &out)
        case let .blank(node): out += "_:" + (blankLabels[node] ?? node.id)
        case let .literal(literal): appendLiteral(literal, to: &out)
        }
    }

    mutating func appendIRI(_ iri: IRI, to out: inout String) {
        if let (prefix, local) = prefixes.split(iri), Self.isValidLocalName(local), Self.isValidPrefix(prefix) {
            usedPrefixes.insert(prefix)
            out += prefix + ":" + local
        } else {
            NTriplesFormatter.appendIRI(iri, to: &out)
        }
    }

    mutating func appendLiteral(_ literal: Literal, to out: inout String) {
        if literal.language == nil, Self.isBare(literal) {
            out += literal.lexicalForm
            return
        }
        out += "\""
        NTriplesFormatter.appendEscapedString(literal.lexicalForm, to: &out)
        out += "\""
        if let language = literal.language {
            out += "@" + language
        } else if literal.datatype != Vocabulary.XSD.string {
            out += "^^"
            appendIRI(literal.datatype, to: &out)
        }
    }

    // MARK: Validity checks

    /// Whether the literal may be written as a bare Turtle number or boolean: its lexical form must be
    /// exactly the token the reader turns back into the same lexical form and datatype.
    static func isBare(_ literal: Literal) -> Bool {
        let bytes = Array(literal.lexicalForm.utf8)
        switch literal.datatype {
        case Vocabulary.XSD.boolean: return literal.lexicalForm == "true" || literal.lexicalForm == "false"
        case Vocabulary.XSD.integer: return numberShape(bytes) == .integer
        case Vocabulary.XSD.decimal: return numberShape(bytes) == .decimal
        case Vocabulary.XSD.double: return numberShape(bytes) == .double
        default: return false
        }
    }

    enum NumberShape { case integer, decimal, double }

    /// Classifies bytes by the Turtle INTEGER / DECIMAL / DOUBLE productions; nil if none matches.
    static func numberShape(_ bytes: [UInt8]) -> NumberShape? {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerDigits = digits()
        var fractionDigits = 0
        var hasDot = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            hasDot = true
            index += 1
            fractionDigits = digits()
        }
        if index == bytes.count {
            if !hasDot { return integerDigits > 0 ? .integer : nil }
            return fractionDigits > 0 ? .decimal : nil
        }
        guard integerDigits + fractionDigits > 0, bytes[index] | 0x20 == UInt8(ascii: "e") else { return nil }
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0, index == bytes.count else { return nil }
        return .double
    }

    /// PN_PREFIX (a table entry could in principle hold any string).
    static func isValidPrefix(_ prefix: String) -> Bool {
        let scalars = Array(prefix.unicodeScalars)
        guard let first = scalars.first else { return true }
        guard CharacterClasses.isPNCharsBase(first), scalars.last != "." else { return false }
        return scalars.dropFirst().allSatisfy { CharacterClasses.isPNChars($0) || $0 == "." }
    }

    /// PN_LOCAL without backslash escapes (`%` must start a `%HH` sequence, which is kept as written).
    static func isValidLocalName(_ local: String) -> Bool {
        let scalars = Array(local.unicodeScalars)
        guard !scalars.isEmpty else { return true }
        if scalars.last == "." { return false }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "%" {
                guard index + 2 < scalars.count, isHex(scalars[index + 1]), isHex(scalars[index + 2]) else { return false }
                index += 3
                continue
            }
            let valid = index == 0
                ? CharacterClasses.isPNCharsU(scalar) || scalar == ":" || ("0"..."9").contains(scalar)
                : CharacterClasses.isPNChars(scalar) || scalar == ":" || scalar == "."
            if !valid { return false }
            index += 1
        }
        return true
    }

    private static func isHex(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    /// BLANK_NODE_LABEL after `_:`.
    static func isValidBlankLabel(_ label: String) -> Bool {
        let scalars = Array(label.unicodeScalars)
        guard let first = scalars.first, CharacterClasses.isPNCharsU(first) || ("0"..."9").contains(first),
              scalars.last != "." else { return false }
        return scalars.dropFirst().allSatisfy { CharacterClasses.isPNChars($0) || $0 == "." }
    }

    /// Valid labels stay as they are; others become `b` + the hex of their UTF-8 bytes, with `_`
    /// appended until unused, visiting nodes in sorted order so the result never depends on hashing.
    static func labels(for nodes: Set<BlankNode>) -> [BlankNode: String] {
        var labels: [BlankNode: String] = [:]
        var taken: Set<String> = []
        let sorted = nodes.sorted()
        for node in sorted where isValidBlankLabel(node.id) {
            labels[node] = node.id
            taken.insert(node.id)
        }
        for node in sorted where labels[node] == nil {
            var label = "b" + node.id.utf8.map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
            while taken.contains(label) { label += "_" }
            labels[node] = label
            taken.insert(label)
        }
        return labels
    }
}
