import RDFModel

/// Decides whether an `rdf:XMLLiteral` can be written as `rdf:parseType="Literal"` content: only when reading
/// it back yields the very same lexical form (it is well-formed, canonical, and declares what it uses).
enum XMLLiteralCheck {
    static func readsBackUnchanged(_ lexicalForm: String) -> Bool {
        guard XMLNames.firstNonXMLChar(in: lexicalForm) == nil else { return false }
        // A probe document, not output: the writer emits the literal inside the same kind of element.
        let probe = "<rdf:RDF xmlns:rdf=\"\(Vocabulary.RDF.namespace)\"><rdf:Description><rdf:value rdf:parseType=\"Literal\">"
            + lexicalForm + "</rdf:value></rdf:Description></rdf:RDF>"
        guard let triples = try? RDFXMLParser().parse(probe), triples.count == 1 else { return false }
        return triples[0].object == .literal(Literal(lexicalForm, datatype: Vocabulary.RDF.xmlLiteral))
    }
}
