import Testing
import RDFModel
import RDFXMLSyntax

@Suite struct RDFXMLReaderTests {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    @Test func wellFormednessErrorHasPosition() {
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\">\n  <rdf:Description>\n</rdf:RDF>\n"
        #expect {
            _ = try RDFXMLParser(fileName: "broken.rdf").parse(document)
        } throws: { error in
            guard let error = error as? RDFSyntaxError else { return false }
            return error.location.file == "broken.rdf" && error.location.line == 3 && error.message.hasPrefix("XML error: ")
        }
    }

    @Test func grammarErrorHasPositionAndSaysWhatIsWrong() {
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns:ex=\"http://example.org/\">\n<rdf:Description>\n  <ex:p rdf:resource=\"http://example.org/o\" rdf:nodeID=\"n\"/>\n</rdf:Description>\n</rdf:RDF>"
        #expect {
            _ = try RDFXMLParser(fileName: "g.rdf").parse(document)
        } throws: { error in
            guard let error = error as? RDFSyntaxError else { return false }
            return error.description.hasPrefix("g.rdf:3:") && error.message.contains("both rdf:resource and rdf:nodeID")
        }
    }

    @Test func undeclaredPrefixIsAnError() {
        #expect(throws: RDFSyntaxError.self) {
            try RDFXMLParser().parse("<rdf:RDF xmlns:rdf=\"\(Self.rdf)\"><ex:Thing/></rdf:RDF>")
        }
    }

    @Test func relativeIRIWithoutBaseIsAnError() {
        #expect(throws: RDFSyntaxError.self) {
            try RDFXMLParser().parse("<rdf:RDF xmlns:rdf=\"\(Self.rdf)\"><rdf:Description rdf:about=\"relative\"/></rdf:RDF>")
        }
    }

    /// Found by Fuzz/ (fuzz-turtle): `<http://www.w3tp://www.w3.org/p>` is a Turtle IRI, the writer puts
    /// its namespace in `xmlns:ns1`, and libxml2's URI parser calls such names invalid (a namespace
    /// error). Such a name is still read (as Raptor reads it), so what kg writes, kg reads back.
    @Test(arguments: ["http://www.w3tp://www.w3.org/2013/TurtleTests/", "http://a:b/", "http://[x/"])
    func namespaceNameLibxml2CallsInvalidIsRead(_ namespace: String) throws {
        let predicate = IRI(namespace + "p")
        let graph = Graph([Triple(.iri(IRI("http://example.org/s")), predicate, .literal(Literal("o")))])
        let bytes = try RDFXMLWriter.write(graph)
        var reread = Graph()
        try RDFXMLParser(fileName: "written.rdf").parse(bytes: bytes) { reread.insert($0) }
        #expect(reread == graph, "\(String(decoding: bytes, as: UTF8.self))")
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns=\"\(namespace)\"><rdf:Description rdf:about=\"http://example.org/s\"><p>o</p></rdf:Description></rdf:RDF>"
        #expect(try RDFXMLParser().parseGraph(document) == graph)
    }

    /// Found by Fuzz/ (fuzz-turtle): libxml2 hands `&` in a namespace name on as `&#38;`, so a predicate
    /// or type in a namespace with `&` in it read back wrong (`…Turt&#38;le/p`), and so did such a
    /// namespace declared in an XML literal.
    @Test func ampersandInNamespaceNameIsDecoded() throws {
        let namespace = "http://example.org/a&b/"
        let graph = Graph([
            Triple(.iri(IRI("http://example.org/s")), IRI(namespace + "p"), .iri(IRI(namespace + "o&"))),
            Triple(.iri(IRI("http://example.org/s")), IRI(Self.rdf + "type"), .iri(IRI(namespace + "Class"))),
        ])
        let bytes = try RDFXMLWriter.write(graph)
        var reread = Graph()
        try RDFXMLParser(fileName: "written.rdf").parse(bytes: bytes) { reread.insert($0) }
        #expect(reread == graph, "\(String(decoding: bytes, as: UTF8.self))")
        let literal = """
        <rdf:RDF xmlns:rdf="\(Self.rdf)" xmlns:ex="http://example.org/&#38;&amp;/"><rdf:Description rdf:about="http://example.org/s">\
        <ex:p rdf:parseType="Literal"><ex:b ex:c="d"/></ex:p></rdf:Description></rdf:RDF>
        """
        let triples = try RDFXMLParser().parse(literal)
        #expect(triples.map(\.predicate) == [IRI("http://example.org/&&/p")])
        #expect(triples.first?.object == .literal(Literal("<ex:b xmlns:ex=\"http://example.org/&amp;&amp;/\" ex:c=\"d\"></ex:b>", datatype: IRI(Self.rdf + "XMLLiteral"))))
    }

    /// Found by Fuzz/ (fuzz-rdfxml): `xmlns:ex="ex/"` made `ex:p` the relative IRI `ex/p`, which went into the
    /// graph as it was; written as Turtle, it read back resolved against the base, as another IRI.
    @Test(arguments: [
        "<ex:Thing rdf:about=\"http://example.org/s\"/>",
        "<rdf:Description rdf:about=\"http://example.org/s\"><ex:p>o</ex:p></rdf:Description>",
        "<rdf:Description rdf:about=\"http://example.org/s\" ex:p=\"o\"/>",
    ])
    func relativeNamespaceNameIsAnError(_ content: String) {
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns:ex=\"ex/\">\(content)</rdf:RDF>"
        #expect {
            _ = try RDFXMLParser(baseIRI: "http://example.org/base").parse(document)
        } throws: { error in
            (error as? RDFSyntaxError)?.message.contains("\"ex/") == true && (error as? RDFSyntaxError)?.message.contains("not an absolute IRI") == true
        }
    }

    /// Found by Fuzz/ (fuzz-rdfxml): `xmlns:rdf="http://www]]>.w3.org/…"` and `rdf:about="http://a/b c"`
    /// put IRIs with `>` or a space into the graph; written as Turtle (`\u003E`) or N-Triples they did
    /// not read back, as IRIREF refuses them even escaped. Percent-encoded they are fine.
    @Test(arguments: [
        ("<rdf:Description rdf:about=\"http://example.org/a b\"/>", "a space"),
        ("<rdf:Description rdf:about=\"http://example.org/s\"><ex:p rdf:resource=\"x&lt;y\"/></rdf:Description>", "'<'"),
        ("<rdf:Description rdf:about=\"http://example.org/s\"><ex:p rdf:datatype=\"http://example.org/{d}\">1</ex:p></rdf:Description>", "'{'"),
        ("<rdf:Description rdf:about=\"http://example.org/s\" xml:base=\"http://example.org/a|b\"/>", "'|'"),
        ("<rdf:Description rdf:about=\"http://example.org/s\"><odd:p>o</odd:p></rdf:Description>", "'>'"),
        ("<odd:Thing rdf:about=\"http://example.org/s\"/>", "'>'"),
        ("<rdf:Description rdf:about=\"http://example.org/s\" odd:p=\"o\"/>", "'>'"),
        ("<rdf:Description rdf:about=\"http://example.org/s\"><ex:p rdf:resource=\"x&#9;y\"/></rdf:Description>", "U+0009"),
    ])
    func characterNoIRIMayHoldIsAnError(_ content: String, _ named: String) {
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns:ex=\"http://example.org/\" xmlns:odd=\"http://example.org/]]&gt;/\">\(content)</rdf:RDF>"
        #expect {
            _ = try RDFXMLParser(baseIRI: "http://example.org/base").parse(document)
        } throws: { error in
            (error as? RDFSyntaxError)?.message.contains("holds \(named), which no IRI may hold") == true
        }
    }

    @Test func percentEncodedCharactersInIRIsAreFine() throws {
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns:ex=\"http://example.org/%3E/\"><ex:T rdf:about=\"http://example.org/a%20b\"/></rdf:RDF>"
        let triples = try RDFXMLParser().parse(document)
        #expect(triples == [Triple(.iri(IRI("http://example.org/a%20b")), IRI(Self.rdf + "type"), .iri(IRI("http://example.org/%3E/T")))])
    }

    /// Found by Fuzz/ (fuzz-rdfxml): `xml:lang="/"` (or `"engy#Person"`) gave a literal whose language tag
    /// Turtle and N-Triples cannot write (`""@/`), so the written file did not read back.
    @Test(arguments: ["/", "engy#Person", "en-", "-en", "en--us", "1en", "en us", "ça"])
    func xmlLangThatIsNoLanguageTagIsAnError(_ tag: String) {
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns:ex=\"http://example.org/\"><rdf:Description rdf:about=\"http://example.org/s\"><ex:p xml:lang=\"\(tag)\">o</ex:p></rdf:Description></rdf:RDF>"
        #expect {
            _ = try RDFXMLParser().parse(document)
        } throws: { error in
            (error as? RDFSyntaxError)?.message.contains("is not a language tag") == true
        }
    }

    @Test(arguments: ["en", "de-CH-1996", "x-private1", "EN-us", ""])
    func xmlLangLanguageTagsAreRead(_ tag: String) throws {
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns:ex=\"http://example.org/\"><rdf:Description rdf:about=\"http://example.org/s\"><ex:p xml:lang=\"\(tag)\">o</ex:p></rdf:Description></rdf:RDF>"
        let triples = try RDFXMLParser().parse(document)
        #expect(triples.map(\.object) == [.literal(tag.isEmpty ? Literal("o") : Literal("o", language: tag))])
    }

    @Test func readsTheMainProductions() throws {
        let document = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="\(Self.rdf)" xmlns:ex="http://example.org/" xml:base="http://example.org/base/doc" xml:lang="en">
          <ex:Thing rdf:about="a" ex:title="Title">
            <ex:list rdf:parseType="Collection"><rdf:Description rdf:about="#x"/></ex:list>
            <ex:nested rdf:parseType="Resource"><ex:q xml:lang="">plain</ex:q></ex:nested>
            <ex:lit rdf:parseType="Literal"><b xmlns="http://www.w3.org/1999/xhtml" class="c">bold</b></ex:lit>
            <ex:stated rdf:ID="st">v</ex:stated>
          </ex:Thing>
          <rdf:Bag rdf:nodeID="bag"><rdf:li>one</rdf:li><rdf:li>two</rdf:li></rdf:Bag>
        </rdf:RDF>
        """
        let graph = try RDFXMLParser(baseIRI: "http://ignored.example/").parseGraph(document)
        let expected = try NTriplesParser(quads: false).parse("""
        <http://example.org/base/a> <\(Self.rdf)type> <http://example.org/Thing> .
        <http://example.org/base/a> <http://example.org/title> "Title"@en .
        <http://example.org/base/a> <http://example.org/list> _:l1 .
        _:l1 <\(Self.rdf)first> <http://example.org/base/doc#x> .
        _:l1 <\(Self.rdf)rest> <\(Self.rdf)nil> .
        <http://example.org/base/a> <http://example.org/nested> _:r .
        _:r <http://example.org/q> "plain" .
        <http://example.org/base/a> <http://example.org/lit> "<b xmlns=\\"http://www.w3.org/1999/xhtml\\" class=\\"c\\">bold</b>"^^<\(Self.rdf)XMLLiteral> .
        <http://example.org/base/a> <http://example.org/stated> "v"@en .
        <http://example.org/base/doc#st> <\(Self.rdf)type> <\(Self.rdf)Statement> .
        <http://example.org/base/doc#st> <\(Self.rdf)subject> <http://example.org/base/a> .
        <http://example.org/base/doc#st> <\(Self.rdf)predicate> <http://example.org/stated> .
        <http://example.org/base/doc#st> <\(Self.rdf)object> "v"@en .
        _:bag <\(Self.rdf)type> <\(Self.rdf)Bag> .
        _:bag <\(Self.rdf)_1> "one"@en .
        _:bag <\(Self.rdf)_2> "two"@en .

        """).map(\.triple)
        #expect(Isomorphism.areIsomorphic(graph, Graph(expected)), "\(NTriplesFormatter.document(graph))")
    }

    @Test func streamsChunkByChunk() throws {
        var document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns:ex=\"http://example.org/\">\n"
        for index in 0..<5000 {
            document += "<rdf:Description rdf:about=\"http://example.org/s\(index)\"><ex:p>\(index)</ex:p></rdf:Description>\n"
        }
        document += "</rdf:RDF>\n"
        var chunks = Array(document.utf8).chunked(into: 1000)
        chunks.reverse()
        var count = 0
        try RDFXMLParser().parse(chunks: { chunks.popLast() }) { _ in count += 1 }
        #expect(count == 5000)
    }

    @Test func sinkErrorsPropagate() {
        struct Stop: Error {}
        let document = "<rdf:RDF xmlns:rdf=\"\(Self.rdf)\" xmlns:ex=\"http://example.org/\"><rdf:Description rdf:about=\"http://e/s\" ex:p=\"1\"/></rdf:RDF>"
        #expect(throws: Stop.self) {
            try RDFXMLParser().parse(bytes: Array(document.utf8)) { _ in throw Stop() }
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
