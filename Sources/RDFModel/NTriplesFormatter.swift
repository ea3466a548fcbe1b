import Foundation

/// The N-Triples / N-Quads line form of terms, in the canonical form of RDFC-1.0
/// (ECHAR for `\b \t \n \f \r \" \\`, uppercase `\u00XX` for other control characters).
public enum NTriplesFormatter {
    /// One term as N-Triples.
    public static func format(_ term: Term) -> String {
        var out = ""
        append(term, to: &out)
        return out
    }

    /// `S P O .` without a newline.
    public static func line(_ triple: Triple) -> String {
        var out = ""
        append(triple.subject, to: &out)
        out += " "
        appendIRI(triple.predicate, to: &out)
        out += " "
        append(triple.object, to: &out)
        out += " ."
        return out
    }

    /// `S P O [G] .` without a newline.
    public static func line(_ quad: Quad) -> String {
        var out = ""
        append(quad, to: &out)
        return out
    }

    public static func append(_ term: Term, to out: inout String) {
        switch term {
        case let .iri(iri): appendIRI(iri, to: &out)
        case let .blank(node): out += "_:" + node.id
        case let .literal(literal): appendLiteral(literal, to: &out)
        }
    }

    public static func appendIRI(_ iri: IRI, to out: inout String) {
        out += "<"
        // Fast path: only ASCII characters are ever escaped, so a byte scan decides.
        if !needsEscaping(iri: iri.value) {
            out += iri.value
            out += ">"
            return
        }
        for scalar in iri.value.unicodeScalars {
            switch scalar.value {
            case 0...0x20, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5E, 0x60, 0x5C:
                out += uchar(scalar.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += ">"
    }

    public static func appendLiteral(_ literal: Literal, to out: inout String) {
        out += "\""
        appendEscapedString(literal.lexicalForm, to: &out)
        out += "\""
        if let language = literal.language {
            out += "@" + language
        } else if literal.datatype != Vocabulary.XSD.string {
            out += "^^"
            appendIRI(literal.datatype, to: &out)
        }
    }

    /// Escapes a string for the inside of a `"…"` literal.
    public static func appendEscapedString(_ string: String, to out: inout String) {
        if !needsEscaping(string: string) {
            out += string
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0...0x1F, 0x7F: out += uchar(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Whether an IRI has characters N-Triples writes as `\u` escapes (only ASCII ones are, so a byte scan decides).
    static func needsEscaping(iri: String) -> Bool {
        @inline(__always) func escaped(_ byte: UInt8) -> Bool {
            byte <= 0x20 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x7B
                || byte == 0x7D || byte == 0x7C || byte == 0x5E || byte == 0x60 || byte == 0x5C
        }
        // The contiguous UTF-8 of a native string is scanned directly: the generic `contains` on
        // the UTF-8 view showed up when formatting a million terms.
        if let found = iri.utf8.withContiguousStorageIfAvailable({ $0.contains(where: escaped) }) { return found }
        return iri.utf8.contains(where: escaped)
    }

    /// Whether a lexical form has characters a `"…"` literal escapes.
    static func needsEscaping(string: String) -> Bool {
        @inline(__always) func escaped(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F }
        if let found = string.utf8.withContiguousStorageIfAvailable({ $0.contains(where: escaped) }) { return found }
        return string.utf8.contains(where: escaped)
    }

    static func uchar(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        if value <= 0xFFFF { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Sorted N-Triples document text, one line per triple, each ending in LF.
    public static func document(_ graph: Graph) -> String {
        String(decoding: documentBytes(graph.triples.lazy.map { Quad($0) }), as: UTF8.self)
    }

    /// Sorted N-Quads document text.
    public static func document(_ dataset: Dataset) -> String {
        String(decoding: documentBytes(dataset.quads), as: UTF8.self)
    }

    /// The UTF-8 bytes of the sorted N-Quads document of `quads` (N-Triples when every quad is in
    /// the default graph): one line per distinct statement, each ending in LF, in code point order.
    ///
    /// The lines are formatted into one flat buffer and sorted as offsets with `memcmp`, so a
    /// million statements cost two buffers instead of a million strings.
    public static func documentBytes(_ quads: some Sequence<Quad>) -> [UInt8] {
        var text: [UInt8] = []
        var starts: [Int] = []
        for quad in quads {
            starts.append(text.count)
            appendBytes(quad, to: &text)
        }
        starts.append(text.count)
        var order = Array(0..<(starts.count - 1))
        var out: [UInt8] = []
        out.reserveCapacity(text.count + order.count)
        text.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                func compare(_ left: Int, _ right: Int) -> Int32 {
                    let leftCount = starts[left + 1] - starts[left], rightCount = starts[right + 1] - starts[right]
                    let common = min(leftCount, rightCount)
                    if common > 0, let base = buffer.baseAddress {
                        let result = memcmp(base + starts[left], base + starts[right], common)
                        if result != 0 { return result }
                    }
                    return leftCount == rightCount ? 0 : leftCount < rightCount ? -1 : 1
                }
                order.sort { compare($0, $1) < 0 }
                var previous: Int?
                for index in order {
                    if let previous, compare(previous, index) == 0 { continue }
                    out.append(contentsOf: buffer[starts[index]..<starts[index + 1]])
                    out.append(0x0A)
                    previous = index
                }
            }
        }
        return out
    }

    /// Appends `S P O [G] .` without a newline.
    public static func append(_ quad: Quad, to out: inout String) {
        append(quad.subject, to: &out)
        out += " "
        appendIRI(quad.predicate, to: &out)
        out += " "
        append(quad.object, to: &out)
        if let graph = quad.graph {
            out += " "
            append(graph, to: &out)
        }
        out += " ."
    }

    /// `S P O [G] .` as UTF-8, straight into a byte buffer: terms without escapes are copied as
    /// they are; the rare ones with escapes go through the `String` formatter.
    static func appendBytes(_ quad: Quad, to out: inout [UInt8]) {
        appendBytes(quad.subject, to: &out)
        out.append(0x20)
        appendIRIBytes(quad.predicate, to: &out)
        out.append(0x20)
        appendBytes(quad.object, to: &out)
        if let graph = quad.graph {
            out.append(0x20)
            appendBytes(graph, to: &out)
        }
        out.append(0x20)
        out.append(UInt8(ascii: "."))
    }

    static func appendBytes(_ term: Term, to out: inout [UInt8]) {
        switch term {
        case let .iri(iri):
            appendIRIBytes(iri, to: &out)
        case let .blank(node):
            out.append(UInt8(ascii: "_"))
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: node.id.utf8)
        case let .literal(literal):
            guard !needsEscaping(string: literal.lexicalForm) else {
                var text = ""
                appendLiteral(literal, to: &text)
                out.append(contentsOf: text.utf8)
                return
            }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: literal.lexicalForm.utf8)
            out.append(UInt8(ascii: "\""))
            if let language = literal.language {
                out.append(UInt8(ascii: "@"))
                out.append(contentsOf: language.utf8)
            } else if literal.datatype != Vocabulary.XSD.string {
                out.append(UInt8(ascii: "^"))
                out.append(UInt8(ascii: "^"))
                appendIRIBytes(literal.datatype, to: &out)
            }
        }
    }

    static func appendIRIBytes(_ iri: IRI, to out: inout [UInt8]) {
        guard !needsEscaping(iri: iri.value) else {
            var text = ""
            appendIRI(iri, to: &text)
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: iri.value.utf8)
        out.append(UInt8(ascii: ">"))
    }
}
