import Testing
import RDFModel
@testable import RDFXMLSyntax

@Suite struct RDFXMLWriterTests {
    let ex = "http://example.org/"

    @Test func writesDeterministicDocument() throws {
        let s = Term.iri(IRI(ex + "s")), b = Term.blank(BlankNode("b1"))
        let graph = Graph([
            Triple(s, IRI(ex + "vocab#name"), .literal(Literal("A & B <c>", language: "en"))),
            Triple(s, Vocabulary.RDF.type, .iri(IRI(ex + "T"))),
            Triple(s, Vocabulary.RDFS.label, .literal(Literal("x"))),
            Triple(s, IRI("http://other.example/p"), b),
            Triple(b, IRI(ex + "vocab#n"), .literal(Literal("1", datatype: Vocabulary.XSD.integer))),
            Triple(b, IRI(ex + "vocab#x"), .literal(Literal("<a>b</a>", datatype: Vocabulary.RDF.xmlLiteral))),
        ])
        let text = String(decoding: try RDFXMLWriter.write(graph), as: UTF8.self)
        let expected = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" xmlns:ns1="http://example.org/vocab#" xmlns:ns2="http://other.example/">
          <rdf:Description rdf:about="http://example.org/s">
            <rdf:type rdf:resource="http://example.org/T"/>
            <ns1:name xml:lang="en">A &amp; B &lt;c&gt;</ns1:name>
            <ns2:p rdf:nodeID="b1"/>
            <rdfs:label>x</rdfs:label>
          </rdf:Description>
          <rdf:Description rdf:nodeID="b1">
            <ns1:n rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">1</ns1:n>
            <ns1:x rdf:parseType="Literal"><a>b</a></ns1:x>
          </rdf:Description>
        </rdf:RDF>

        """
        #expect(text == expected)
        #expect(Isomorphism.areIsomorphic(try RDFXMLParser().parseGraph(text), graph))
    }

    @Test func unsafeXMLLiteralIsWrittenAsTypedString() throws {
        // Not canonical (empty-element tag), so parseType="Literal" would change it.
        let literal = Literal("<br/>", datatype: Vocabulary.RDF.xmlLiteral)
        let graph = Graph([Triple(.iri(IRI(ex + "s")), IRI(ex + "p"), .literal(literal))])
        let text = String(decoding: try RDFXMLWriter.write(graph), as: UTF8.self)
        #expect(text.contains("rdf:datatype=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral\">&lt;br/&gt;<"))
        #expect(try RDFXMLParser().parseGraph(text) == graph)
    }

    @Test func nonSplittablePredicateIsAnError() {
        let graph = Graph([Triple(.iri(IRI(ex + "s")), IRI("http://example.org/123"), .literal(Literal("x")))])
        #expect {
            _ = try RDFXMLWriter.write(graph)
        } throws: { error in
            (error as? RDFWriteError)?.message.contains("<http://example.org/123>") == true
        }
    }

    @Test(arguments: ["a\u{0}b", "bell\u{7}", "form\u{C}feed", "\u{FFFE}", "x\u{1F}"])
    func nonXMLCharactersAreAnError(_ lexical: String) {
        let graph = Graph([Triple(.iri(IRI(ex + "s")), IRI(ex + "p"), .literal(Literal(lexical)))])
        #expect(throws: RDFWriteError.self) { try RDFXMLWriter.write(graph) }
    }

    @Test func reservedRDFPredicateIsAnError() {
        let graph = Graph([Triple(.iri(IRI(ex + "s")), IRI(Vocabulary.RDF.namespace + "li"), .literal(Literal("x")))])
        #expect(throws: RDFWriteError.self) { try RDFXMLWriter.write(graph) }
    }

    @Test func blankNodeLabelsBecomeDistinctNCNames() {
        let labels = ["b1", "1", "_1", "__1", "a.b", "x y", "_20_"]
        let ids = labels.map { RDFXMLWriter.nodeID(BlankNode($0)) }
        #expect(Set(ids).count == labels.count)
        #expect(ids.allSatisfy(XMLNames.isNCName))
        #expect(ids[0] == "b1")
    }

    @Test func preservesWhitespaceAndCarriageReturns() throws {
        let graph = Graph([
            Triple(.iri(IRI(ex + "s")), IRI(ex + "p"), .literal(Literal("  line1\r\nline2\t "))),
            Triple(.iri(IRI(ex + "s")), IRI(ex + "q"), .literal(Literal(""))),
            Triple(.iri(IRI(ex + "s")), IRI(ex + "r"), .literal(Literal("", language: "de"))),
            Triple(.iri(IRI(ex + "s")), IRI(ex + "t"), .literal(Literal("", datatype: Vocabulary.XSD.integer))),
        ])
        let bytes = try RDFXMLWriter.write(graph)
        var reread = Graph()
        try RDFXMLParser().parse(bytes: bytes) { reread.insert($0) }
        #expect(reread == graph)
    }
}
