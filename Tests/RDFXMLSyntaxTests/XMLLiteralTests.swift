import Testing
import RDFModel
import RDFXMLSyntax

/// rdf:parseType="Literal" gives the exclusive canonical form of the element content.
@Suite struct XMLLiteralTests {
    static func literal(_ content: String, declarations: String = "") throws -> String? {
        let document = """
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/" \(declarations)>
        <rdf:Description rdf:about="http://example.org/s" xml:lang="en"><ex:p rdf:parseType="Literal">\(content)</ex:p></rdf:Description>
        </rdf:RDF>
        """
        let triples = try RDFXMLParser().parse(document)
        guard triples.count == 1, let literal = triples[0].object.literal, literal.datatype == Vocabulary.RDF.xmlLiteral else { return nil }
        return literal.lexicalForm
    }

    @Test(arguments: [
        // Empty elements get end tags; namespace declarations first, then attributes sorted by namespace and name.
        ("<br />", "", "<br></br>"),
        ("<a z='1' ex:b=\"2\" a=\"&lt;&#9;\"/>", "", "<a xmlns:ex=\"http://example.org/\" a=\"&lt;&#x9;\" z=\"1\" ex:b=\"2\"></a>"),
        // Only namespaces used visibly are declared, once, where first used.
        ("<ex:a><ex:b/><c/></ex:a>", "xmlns:unused=\"http://u/\"", "<ex:a xmlns:ex=\"http://example.org/\"><ex:b></ex:b><c></c></ex:a>"),
        ("<d:a xmlns:d=\"http://d/\" xmlns:e=\"http://e/\">x</d:a>", "", "<d:a xmlns:d=\"http://d/\">x</d:a>"),
        // Default namespace declared on use, undeclared again with xmlns="" below it.
        ("<a xmlns=\"http://h/\"><b xmlns=\"\"/></a>", "", "<a xmlns=\"http://h/\"><b xmlns=\"\"></b></a>"),
        // Text escaping, CDATA as text, comments and PIs kept, CR as a reference.
        ("a &amp; b &gt; <![CDATA[<c>]]><!--note--><?pi data?>&#13;", "", "a &amp; b &gt; &lt;c&gt;<!--note--><?pi data?>&#xD;"),
    ])
    func canonicalForm(content: String, declarations: String, expected: String) throws {
        #expect(try Self.literal(content, declarations: declarations) == expected)
    }

    @Test func literalHasNoLanguage() throws {
        let document = """
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
        <rdf:Description rdf:about="http://example.org/s" xml:lang="en"><ex:p rdf:parseType="Literal">x</ex:p></rdf:Description>
        </rdf:RDF>
        """
        #expect(try RDFXMLParser().parse(document).first?.object == .literal(Literal("x", datatype: Vocabulary.RDF.xmlLiteral)))
    }
}
