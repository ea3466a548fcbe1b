public import RDFModel

/// Writes a graph as RDF/XML through libxml2's `xmlTextWriter`.
///
/// The output is deterministic: subjects in canonical order, each as one `rdf:Description` (`rdf:about` or
/// `rdf:nodeID`), `rdf:type` first, then predicates and objects in canonical order; namespaces declared once
/// on `rdf:RDF`. Anything that RDF/XML cannot carry faithfully is an `RDFWriteError`, never a broken file.
public enum RDFXMLWriter {
    /// The document bytes (UTF-8, with an XML declaration).
    public static func write(_ graph: Graph, prefixes: PrefixMap = .standard) throws(RDFWriteError) -> [UInt8] {
        let triples = orderedTriples(graph)
        // Each distinct IRI is checked once: resolving it again for every statement dominated the
        // writing of large provenance graphs.
        var checked: Set<IRI> = []
        for triple in triples { try validate(triple, checked: &checked) }
        var predicates = Array(Set(triples.map(\.predicate)))
        predicates.sort()
        let names = try PredicateQNames(predicates: predicates, prefixes: prefixes)
        return try TextWriter.write { (writer: borrowing TextWriter) throws(RDFWriteError) in
            try writer.startElement("rdf:RDF")
            for declaration in names.declarations {
                try writer.attribute("xmlns:" + declaration.prefix, declaration.namespace)
            }
            var current: Term?
            for triple in triples {
                if triple.subject != current {
                    if current != nil {
                        try writer.raw("\n  ")
                        try writer.endElement()
                    }
                    current = triple.subject
                    try writer.raw("\n  ")
                    try writer.startElement("rdf:Description")
                    switch triple.subject {
                    case let .iri(iri): try writer.attribute("rdf:about", iri.value)
                    case let .blank(node): try writer.attribute("rdf:nodeID", nodeID(node))
                    case .literal: throw RDFWriteError("a literal cannot be a subject: \(triple)")
                    }
                }
                try writer.raw("\n    ")
                try writer.startElement(try names.qualifiedName(triple.predicate))
                try writeObject(triple.object, with: writer)
            }
            if current != nil {
                try writer.raw("\n  ")
                try writer.endElement()
            }
            try writer.raw("\n")
            // xmlTextWriterEndDocument ends the file with a newline.
            try writer.endElement()
        }
    }

    /// Canonical order, with each subject's `rdf:type` triples first.
    static func orderedTriples(_ graph: Graph) -> [Triple] { graph.sortedTriplesTypeFirst }

    private static func writeObject(_ object: Term, with writer: borrowing TextWriter) throws(RDFWriteError) {
        switch object {
        case let .iri(iri):
            try writer.attribute("rdf:resource", iri.value)
            try writer.endElement()
        case let .blank(node):
            try writer.attribute("rdf:nodeID", nodeID(node))
            try writer.endElement()
        case let .literal(literal):
            if let language = literal.language {
                try writer.attribute("xml:lang", language)
            } else if literal.datatype == Vocabulary.RDF.xmlLiteral, XMLLiteralCheck.readsBackUnchanged(literal.lexicalForm) {
                try writer.attribute("rdf:parseType", "Literal")
                try writer.raw(literal.lexicalForm)
                try writer.fullEndElement()
                return
            } else if literal.datatype != Vocabulary.XSD.string {
                try writer.attribute("rdf:datatype", literal.datatype.value)
            }
            try writer.text(literal.lexicalForm)
            try writer.fullEndElement()
        }
    }

    /// Rejects terms XML 1.0 cannot carry and IRIs that would not read back as themselves.
    private static func validate(_ triple: Triple, checked: inout Set<IRI>) throws(RDFWriteError) {
        for term in [triple.subject, .iri(triple.predicate), triple.object] { try validate(term, checked: &checked) }
    }

    /// Rejects a term XML 1.0 cannot carry or an IRI that would not read back as itself.
    static func validate(_ term: Term, checked: inout Set<IRI>) throws(RDFWriteError) {
        switch term {
        case let .iri(iri):
            if checked.insert(iri).inserted { try validate(iri) }
        case let .blank(node): try validateCharacters(node.id, what: "blank node label \(node)")
        case let .literal(literal):
            try validateCharacters(literal.lexicalForm, what: "literal \(NTriplesFormatter.format(term))")
            if checked.insert(literal.datatype).inserted { try validate(literal.datatype) }
            if let language = literal.language {
                guard !language.isEmpty, language.unicodeScalars.allSatisfy({ $0.isASCII && (("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-") }) else {
                    throw RDFWriteError("literal \(NTriplesFormatter.format(term)) has a language tag xml:lang cannot carry")
                }
            }
        }
    }

    private static func validate(_ iri: IRI) throws(RDFWriteError) {
        try validateCharacters(iri.value, what: "IRI \(iri)")
        // The reader resolves every IRI reference, so only absolute, normalized IRIs survive a round trip.
        guard IRIResolver.isAbsolute(iri.value), IRIResolver.resolve(iri.value, against: iri.value) == iri.value else {
            throw RDFWriteError("IRI \(iri) cannot be written in RDF/XML: it is not an absolute IRI in normal form (a reader would resolve it to something else)")
        }
    }

    private static func validateCharacters(_ text: String, what: @autoclosure () -> String) throws(RDFWriteError) {
        if let scalar = XMLNames.firstNonXMLChar(in: text) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            throw RDFWriteError("\(what()) contains U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex), which XML 1.0 cannot carry")
        }
    }

    /// A blank node label as an NCName. Labels that already are NCNames and do not start with `_` stay as they
    /// are; the others become `_` + the label with `_` doubled and other non-name characters as `_HEX_`,
    /// which keeps distinct labels distinct.
    static func nodeID(_ node: BlankNode) -> String {
        if XMLNames.isNCName(node.id), !node.id.hasPrefix("_") { return node.id }
        var out = "_"
        for scalar in node.id.unicodeScalars {
            if scalar == "_" {
                out += "__"
            } else if XMLNames.isNCNameChar(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "_" + String(scalar.value, radix: 16, uppercase: true) + "_"
            }
        }
        return out
    }
}
