import Foundation
import RDFModel
import Testing
import TurtleSyntax

@Suite struct TurtleWriterTests {
    let schema = Vocabulary.Schema.namespace

    @Test func prettyLayoutWithUsedPrefixesOnly() {
        let alice = Term.iri(IRI(PrefixMap.kgEntityNamespace + "alice"))
        let graph = Graph([
            Triple(alice, IRI(schema + "name"), .literal(Literal("Alice", language: "EN"))),
            Triple(alice, Vocabulary.RDF.type, .iri(IRI(schema + "Person"))),
            Triple(alice, IRI(schema + "knows"), .iri(IRI("http://example.org/bob"))),
            Triple(alice, IRI(schema + "knows"), .blank(BlankNode("x"))),
            Triple(.blank(BlankNode("x")), IRI(schema + "age"), .literal(Literal("42", datatype: Vocabulary.XSD.integer))),
        ])
        let expected = """
            @prefix schema: <https://schema.org/> .
            @prefix kgr: <https://w3id.org/kg/id/> .

            kgr:alice a schema:Person ;
                schema:knows <http://example.org/bob>, _:x ;
                schema:name "Alice"@en .

            _:x schema:age 42 .

            """
        #expect(TurtleWriter.write(graph) == expected)
    }

    @Test func escapesEveryCharacterThatNeedsIt() throws {
        let text = "quote \" backslash \\ newline \n return \r tab \t bell \u{7} del \u{7F} é 😀"
        let graph = Graph([Triple(.iri(IRI("http://e/s")), IRI("http://e/p"), .literal(Literal(text)))])
        let written = TurtleWriter.write(graph)
        #expect(written == "<http://e/s> <http://e/p> \"quote \\\" backslash \\\\ newline \\n return \\r tab \\t bell \\u0007 del \\u007F é 😀\" .\n")
        let back = try TurtleParser().parse(written)
        #expect(back.first?.object == .literal(Literal(text)))
    }

    @Test(arguments: [
        ("abc", true), ("", true), ("a.b", true), ("a.", false), ("1a", true), ("-a", false), ("a:b", true),
        ("a%20b", true), ("a%2", false), ("a=b", false), ("a/b", false), ("a#b", false), ("_x", true), ("a~", false),
    ])
    func prefixedNameOnlyForValidLocalParts(_ local: String, _ prefixed: Bool) throws {
        let iri = IRI(schema + local)
        let graph = Graph([Triple(.iri(iri), Vocabulary.RDFS.label, .literal(Literal("x")))])
        let written = TurtleWriter.write(graph)
        #expect(written.contains("\nschema:\(local) ") == prefixed, "\(written)")
        let back = try TurtleParser().parse(written)
        #expect(back.first?.subject == .iri(iri))
    }

    @Test(arguments: [
        ("1", Vocabulary.XSD.integer, "1"), ("-05", Vocabulary.XSD.integer, "-05"), ("1.5", Vocabulary.XSD.decimal, "1.5"),
        ("1.", Vocabulary.XSD.decimal, "\"1.\"^^xsd:decimal"), ("1e3", Vocabulary.XSD.double, "1e3"),
        ("INF", Vocabulary.XSD.double, "\"INF\"^^xsd:double"), ("true", Vocabulary.XSD.boolean, "true"),
        ("1", Vocabulary.XSD.boolean, "\"1\"^^xsd:boolean"), ("1", Vocabulary.XSD.decimal, "\"1\"^^xsd:decimal"),
        ("x", IRI("http://e/dt"), "\"x\"^^<http://e/dt>"),
    ])
    func numbersAndBooleansBareOnlyInGrammarForm(_ lexical: String, _ datatype: IRI, _ expected: String) throws {
        let literal = Literal(lexical, datatype: datatype)
        let graph = Graph([Triple(.iri(IRI("http://e/s")), IRI("http://e/p"), .literal(literal))])
        let written = TurtleWriter.write(graph)
        #expect(written.hasSuffix("<http://e/s> <http://e/p> \(expected) .\n"), "\(written)")
        #expect(try TurtleParser().parse(written).first?.object == .literal(literal))
    }

    @Test func invalidBlankLabelsAreRenamedDeterministicallyWithoutCollisions() throws {
        let graph = Graph([
            Triple(.blank(BlankNode("a b")), IRI("http://e/p"), .blank(BlankNode("b6120")) ),
            Triple(.blank(BlankNode("b612062")), IRI("http://e/p"), .blank(BlankNode("ok."))),
        ])
        let written = TurtleWriter.write(graph)
        #expect(written == TurtleWriter.write(Graph(graph.sortedTriples.reversed())))
        let back = try TurtleParser().parse(written)
        #expect(Isomorphism.areIsomorphic(graph, Graph(back.map(\.triple))))
        #expect(Set(back.flatMap { [$0.subject, $0.object] }).count == 4)
    }

    @Test func trigWritesDefaultGraphFirstThenNamedGraphsSorted() throws {
        let s = Term.iri(IRI("http://e/s")), p = IRI("http://e/p")
        let dataset = Dataset([
            Quad(s, p, .literal(Literal("in b")), graph: .iri(IRI("http://e/b"))),
            Quad(s, p, .literal(Literal("in blank")), graph: .blank(BlankNode("g"))),
            Quad(s, p, .literal(Literal("default"))),
            Quad(s, p, .literal(Literal("in a")), graph: .iri(IRI("http://e/a"))),
        ])
        let expected = """
            <http://e/s> <http://e/p> "default" .

            <http://e/a> {
                <http://e/s> <http://e/p> "in a" .
            }

            <http://e/b> {
                <http://e/s> <http://e/p> "in b" .
            }

            _:g {
                <http://e/s> <http://e/p> "in blank" .
            }

            """
        #expect(TriGWriter.write(dataset) == expected)
        let back = try TurtleParser(dialect: .trig).parse(expected)
        #expect(Isomorphism.areIsomorphic(dataset, Dataset(back)))
    }

    /// The interned writer hands its document out in pieces; joined, they are the value writer's
    /// bytes whatever the piece size, with the header of used prefixes first.
    @Test(arguments: [1, 40, 300, Int.max])
    func internedWriterInPiecesGivesTheValueWritersBytes(_ chunkSize: Int) throws {
        let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
        let people = (0..<12).map { Term.iri(IRI("http://example.org/person/\($0)")) }
        var quads: [Quad] = []
        for (index, person) in people.enumerated() {
            quads.append(Quad(person, Vocabulary.RDF.type, .iri(IRI("http://xmlns.com/foaf/0.1/Person"))))
            quads.append(Quad(person, IRI(rdfs + "label"), .literal(Literal("Person \(index)", language: "en"))))
            quads.append(Quad(person, IRI("http://example.org/p"), .literal(Literal("\(index)", datatype: Vocabulary.XSD.integer))))
            quads.append(Quad(person, IRI("http://example.org/p"), .literal(Literal("x\(index)")), graph: .iri(IRI("http://example.org/g/\(index % 3)"))))
        }
        let dataset = Dataset(quads)
        let defaultGraph = Dataset(quads.filter { $0.graph == nil })
        for (data, trig) in [(dataset, true), (defaultGraph, false)] {
            var pieces: [[UInt8]] = []
            InternedTurtleWriter.write(InternedDataset(data), trig: trig, chunkSize: chunkSize) { (piece: UnsafeBufferPointer<UInt8>) throws(Never) in
                pieces.append(Array(piece))
            }
            let expected = trig ? TriGWriter.write(data) : TurtleWriter.write(data.defaultGraph)
            #expect(String(decoding: pieces.joined(), as: UTF8.self) == expected)
            #expect(expected.hasPrefix("@prefix"))
            if chunkSize == 40 { #expect(pieces.count > 10) }
        }
    }

    @Test func emptyGraphIsEmptyText() {
        #expect(TurtleWriter.write(Graph()) == "")
        #expect(TriGWriter.write(Dataset()) == "")
    }
}
