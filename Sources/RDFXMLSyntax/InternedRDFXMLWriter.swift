public import RDFModel

/// RDF/XML written from an ``InternedDataset`` as bytes, without libxml2's `xmlTextWriter` (whose
/// per-call overhead dominated large graphs): each distinct term is checked and escaped once, each
/// predicate's QName made once, then the sorted statements are written into one buffer.
///
/// The bytes, and the errors, are exactly those of ``RDFXMLWriter/write(_:prefixes:)`` for the same
/// graph (libxml2 2.9's escaping: `& < > "` in text and attributes, CR as `&#13;`, and in
/// attributes also LF and TAB as character references). libxml2 still reads RDF/XML, and the
/// round-trip tests read this output back with it.
public enum InternedRDFXMLWriter {
    /// The document bytes of the default graph's statements (callers refuse named graphs first).
    public static func write(_ dataset: InternedDataset, prefixes: PrefixMap = .standard) throws(RDFWriteError) -> [UInt8] {
        let terms = dataset.terms
        let ranks = terms.ranks(.canonical)
        let statements = dataset.sorted(.canonical, ranks: ranks, typeFirst: true)
        // An empty graph has its own shape in libxml2's output; leave it to the libxml2 writer.
        guard !statements.isEmpty else { return try RDFXMLWriter.write(Graph(), prefixes: prefixes) }

        // Check each distinct term once, in the order the `Term` writer checks them, so the first
        // error is the same one.
        var checkedTerms = [Bool](repeating: false, count: terms.count)
        var checkedIRIs: Set<IRI> = []
        for statement in statements {
            for id in [statement.subject, statement.predicate, statement.object] where !checkedTerms[Int(id)] {
                checkedTerms[Int(id)] = true
                if !terms.withBytes(of: id, { Self.isPlainlyWritable($0) }) {
                    try RDFXMLWriter.validate(terms.term(id), checked: &checkedIRIs)
                }
            }
        }

        var predicateIDs = Array(Set(statements.map(\.predicate)))
        predicateIDs.sort { ranks[Int($0)] < ranks[Int($1)] }
        let predicateIRIs = predicateIDs.map { terms.term($0).iri ?? IRI(terms.ntriples($0)) }
        let names = try PredicateQNames(predicates: predicateIRIs, prefixes: prefixes)
        var qnames: [TermID: [UInt8]] = [:]
        for (id, iri) in zip(predicateIDs, predicateIRIs) { qnames[id] = Array(try names.qualifiedName(iri).utf8) }

        var out: [UInt8] = []
        out.reserveCapacity(terms.byteCount * 2 + statements.count * 40)
        out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF".utf8)
        for declaration in names.declarations {
            out.append(contentsOf: " xmlns:\(declaration.prefix)=\"".utf8)
            appendEscaped(declaration.namespace.utf8, attribute: true, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ">"))

        var objectForms = ObjectForms(count: terms.count)
        var current: TermID?
        for statement in statements {
            if statement.subject != current {
                if current != nil { out.append(contentsOf: "\n  </rdf:Description>".utf8) }
                current = statement.subject
                out.append(contentsOf: "\n  <rdf:Description ".utf8)
                switch terms.kind(of: statement.subject) {
                case .iri:
                    out.append(contentsOf: "rdf:about=\"".utf8)
                    terms.withBytes(of: statement.subject) { bytes in
                        let iri = UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)])
                        if iri.contains(UInt8(ascii: "\\")) {
                            appendEscaped(TermTable.unescaped(iri).utf8, attribute: true, to: &out)
                        } else {
                            appendEscaped(iri, attribute: true, to: &out)
                        }
                    }
                case .blank:
                    out.append(contentsOf: "rdf:nodeID=\"".utf8)
                    out.append(contentsOf: nodeID(terms, statement.subject).utf8)
                case .literal:
                    throw RDFWriteError("a literal cannot be a subject: \(dataset.line(statement))")
                }
                out.append(contentsOf: "\">".utf8)
            }
            let qname = qnames[statement.predicate] ?? []
            out.append(contentsOf: "\n    <".utf8)
            out.append(contentsOf: qname)
            let isLiteral = objectForms.append(statement.object, terms: terms, to: &out)
            if isLiteral {
                out.append(contentsOf: "</".utf8)
                out.append(contentsOf: qname)
                out.append(UInt8(ascii: ">"))
            }
        }
        out.append(contentsOf: "\n  </rdf:Description>\n</rdf:RDF>\n".utf8)
        return out
    }

    /// Whether a term's N-Triples bytes show it passes the writer's checks without decoding it:
    /// no escapes (so no control characters), no U+FFFE/U+FFFF, an absolute IRI (or datatype) with
    /// no `.` right after `/` or `:` (so no dot segment a reader would remove), a plain language tag.
    static func isPlainlyWritable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.contains(UInt8(ascii: "\\")) else { return false }
        for index in bytes.indices where bytes[index] == 0xEF {
            if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
        }
        func plainIRI(_ iri: UnsafeBufferPointer<UInt8>) -> Bool {
            guard IRIResolver.isAbsolute(utf8: iri) else { return false }
            var previous: UInt8 = 0
            for byte in iri {
                if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") || previous == UInt8(ascii: ":") { return false }
                previous = byte
            }
            return true
        }
        switch bytes[0] {
        case UInt8(ascii: "<"):
            return plainIRI(UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]))
        case UInt8(ascii: "_"):
            return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        default:
            var close = bytes.count - 1
            while close > 0, bytes[close] != UInt8(ascii: "\"") { close -= 1 }
            let suffix = close + 1
            if suffix == bytes.count { return true }
            if bytes[suffix] == UInt8(ascii: "@") {
                return suffix + 1 < bytes.count && bytes[(suffix + 1)...].allSatisfy {
                    ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-")
                }
            }
            return suffix + 3 < bytes.count && plainIRI(UnsafeBufferPointer(rebasing: bytes[(suffix + 3)..<(bytes.count - 1)]))
        }
    }

    fileprivate static func nodeID(_ terms: TermTable, _ id: TermID) -> String {
        RDFXMLWriter.nodeID(terms.term(id).blankNode ?? BlankNode(terms.ntriples(id)))
    }

    /// Appends text with libxml2's escaping for character data or attribute values.
    @inline(__always)
    fileprivate static func appendEscaped<S: Sequence>(_ text: S, attribute: Bool, to out: inout [UInt8]) where S.Element == UInt8 {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            case 0x0A where attribute: out.append(contentsOf: "&#10;".utf8)
            case 0x09 where attribute: out.append(contentsOf: "&#9;".utf8)
            default: out.append(byte)
            }
        }
    }
}

/// What follows a property element's name for each object term: ` rdf:resource="…"/>`,
/// ` rdf:nodeID="…"/>`, or a literal's attributes, `>` and escaped text (the caller closes the
/// element). Made once per term, on first use.
private struct ObjectForms {
    private var text: [UInt8] = []
    /// Start and end in `text`, or (-1, -1) when not made yet; `isLiteral` per term.
    private var ranges: [(Int, Int)]
    private var isLiteral: [Bool]

    init(count: Int) {
        ranges = Array(repeating: (-1, -1), count: count)
        isLiteral = Array(repeating: false, count: count)
    }

    /// Appends the form of `id` to `out`; true when it is a literal, whose element the caller closes.
    mutating func append(_ id: TermID, terms: TermTable, to out: inout [UInt8]) -> Bool {
        let index = Int(id)
        if ranges[index].0 < 0 {
            let start = text.count
            isLiteral[index] = make(id, terms: terms)
            ranges[index] = (start, text.count)
        }
        let (start, end) = ranges[index]
        text.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
        return isLiteral[index]
    }

    private mutating func make(_ id: TermID, terms: TermTable) -> Bool {
        switch terms.kind(of: id) {
        case .iri:
            text.append(contentsOf: " rdf:resource=\"".utf8)
            terms.withBytes(of: id) { bytes in
                if bytes.contains(UInt8(ascii: "\\")) {
                    InternedRDFXMLWriter.appendEscaped(TermTable.unescaped(UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)])).utf8,
                                                       attribute: true, to: &text)
                } else {
                    InternedRDFXMLWriter.appendEscaped(UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]), attribute: true, to: &text)
                }
            }
            text.append(contentsOf: "\"/>".utf8)
            return false
        case .blank:
            text.append(contentsOf: " rdf:nodeID=\"".utf8)
            text.append(contentsOf: InternedRDFXMLWriter.nodeID(terms, id).utf8)
            text.append(contentsOf: "\"/>".utf8)
            return false
        case .literal:
            let done: Bool = terms.withBytes(of: id) { bytes in
                // The fast way needs a lexical form without escapes and a datatype without them.
                guard !bytes.contains(UInt8(ascii: "\\")) else { return false }
                var close = bytes.count - 1
                while close > 0, bytes[close] != UInt8(ascii: "\"") { close -= 1 }
                let lexical = UnsafeBufferPointer(rebasing: bytes[1..<close])
                let suffix = close + 1
                if suffix < bytes.count, bytes[suffix] == UInt8(ascii: "@") {
                    text.append(contentsOf: " xml:lang=\"".utf8)
                    text.append(contentsOf: bytes[(suffix + 1)...])
                    text.append(UInt8(ascii: "\""))
                } else if suffix < bytes.count {
                    let datatype = UnsafeBufferPointer(rebasing: bytes[(suffix + 3)..<(bytes.count - 1)])
                    if datatype.elementsEqual(Vocabulary.RDF.xmlLiteral.value.utf8) { return false }
                    text.append(contentsOf: " rdf:datatype=\"".utf8)
                    InternedRDFXMLWriter.appendEscaped(datatype, attribute: true, to: &text)
                    text.append(UInt8(ascii: "\""))
                }
                text.append(UInt8(ascii: ">"))
                InternedRDFXMLWriter.appendEscaped(lexical, attribute: false, to: &text)
                return true
            }
            if done { return true }
            guard let literal = terms.term(id).literal else { return true }
            if let language = literal.language {
                text.append(contentsOf: " xml:lang=\"".utf8)
                InternedRDFXMLWriter.appendEscaped(language.utf8, attribute: true, to: &text)
                text.append(UInt8(ascii: "\""))
            } else if literal.datatype == Vocabulary.RDF.xmlLiteral, XMLLiteralCheck.readsBackUnchanged(literal.lexicalForm) {
                text.append(contentsOf: " rdf:parseType=\"Literal\">".utf8)
                text.append(contentsOf: literal.lexicalForm.utf8)
                return true
            } else if literal.datatype != Vocabulary.XSD.string {
                text.append(contentsOf: " rdf:datatype=\"".utf8)
                InternedRDFXMLWriter.appendEscaped(literal.datatype.value.utf8, attribute: true, to: &text)
                text.append(UInt8(ascii: "\""))
            }
            text.append(UInt8(ascii: ">"))
            InternedRDFXMLWriter.appendEscaped(literal.lexicalForm.utf8, attribute: false, to: &text)
            return true
        }
    }
}
