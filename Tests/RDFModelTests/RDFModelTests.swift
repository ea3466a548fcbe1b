import Testing
@testable import RDFModel

@Suite struct NTriplesTests {
    @Test func parsesAndFormatsEscapes() throws {
        let text = "<http://a/s> <http://a/p> \"x\\ty\\u00E9\\\"\"@EN-gb .\n_:b1 <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> <http://g> .\n"
        let quads = try NTriplesParser(quads: true).parse(text)
        #expect(quads.count == 2)
        #expect(quads[0].object == .literal(Literal("x\ty\u{E9}\"", language: "en-gb")))
        #expect(quads[0].description == "<http://a/s> <http://a/p> \"x\\ty\u{E9}\\\"\"@en-gb .")
        #expect(quads[1].graph == .iri(IRI("http://g")))
    }

    @Test func reportsLineAndColumn() {
        #expect {
            _ = try NTriplesParser(quads: false, fileName: "f.nt").parse("\n<http://a> <http://b> oops .\n")
        } throws: { error in
            (error as? RDFSyntaxError)?.description == "f.nt:2:23: expected an IRI, a blank node or a literal"
        }
    }

    @Test func rejectsRelativeIRI() {
        #expect(throws: RDFSyntaxError.self) { try NTriplesParser(quads: false).parse("<a> <http://b> <http://c> .") }
    }
}

@Suite struct IRIResolutionTests {
    // RFC 3986 section 5.4 examples.
    @Test(arguments: [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("#s", "http://a/b/c/d;p?q#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("..", "http://a/b/"), ("../..", "http://a/"),
        ("../../../g", "http://a/g"), ("g;x=1/../y", "http://a/b/c/y"), ("/./g", "http://a/g"),
    ])
    func resolvesRFCExamples(reference: String, expected: String) {
        #expect(IRIResolver.resolve(reference, against: "http://a/b/c/d;p?q") == expected)
    }
}

@Suite struct IsomorphismTests {
    let p = IRI("http://x/p")

    @Test func renamedBlankNodesAreIsomorphic() {
        let a = Graph([Triple(.blank(BlankNode("a")), p, .blank(BlankNode("b"))), Triple(.blank(BlankNode("b")), p, .blank(BlankNode("a")))])
        let b = Graph([Triple(.blank(BlankNode("y")), p, .blank(BlankNode("x"))), Triple(.blank(BlankNode("x")), p, .blank(BlankNode("y")))])
        #expect(Isomorphism.areIsomorphic(a, b))
    }

    @Test func differentShapesAreNot() {
        let a = Graph([Triple(.blank(BlankNode("a")), p, .blank(BlankNode("a"))), Triple(.blank(BlankNode("b")), p, .blank(BlankNode("b")))])
        let b = Graph([Triple(.blank(BlankNode("a")), p, .blank(BlankNode("b"))), Triple(.blank(BlankNode("b")), p, .blank(BlankNode("a")))])
        #expect(!Isomorphism.areIsomorphic(a, b))
    }
}
