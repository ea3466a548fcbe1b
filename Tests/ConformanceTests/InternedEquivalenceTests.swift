import Foundation
import GraphIO
import RDFModel
import Testing
import TestSupport

/// The interned path (terms interned from bytes, statements as ids, writers from ids) must give
/// exactly what the value path (`Quad`s, `Dataset`, the `Term` writers) gives, on every W3C test
/// input and expected result: same statements, same errors, same bytes.
@Suite struct InternedEquivalenceTests {
    static let lineCases = ["rdf-n-triples", "rdf-n-quads"].flatMap(W3CSuites.cases)
    static let evalCases = ["rdf-turtle", "rdf-trig", "rdf-xml", "rdf-n-triples", "rdf-n-quads"].flatMap {
        W3CSuites.cases($0).filter { $0.kind == .eval || $0.kind == .positiveSyntax }
    }

    /// Interning straight from N-Triples / N-Quads line bytes reads the same statements as the
    /// `Quad` reader, and refuses the same inputs with the same message and position.
    @Test(arguments: lineCases)
    func readsLinesLikeTheValueReader(_ test: W3CCase) throws {
        let quads = test.suite == "rdf-n-quads"
        let bytes = Array(try Data(contentsOf: test.actionPath))
        let parser = NTriplesParser(quads: quads, fileName: "input")
        var valueResult: Result<Dataset, Failure>
        do {
            var dataset = Dataset()
            var reader = ByteLineReader(bytes: bytes)
            try parser.parse(&reader) { dataset.insert($0) }
            valueResult = .success(dataset)
        } catch {
            valueResult = .failure(Failure(error))
        }
        var internedResult: Result<Dataset, Failure>
        do {
            var interned = InternedDataset()
            var reader = ByteLineReader(bytes: bytes)
            try parser.parse(&reader, into: &interned)
            internedResult = .success(interned.dataset())
        } catch {
            internedResult = .failure(Failure(error))
        }
        #expect(internedResult == valueResult)
        // Validating alone (what `kg load` does) counts every statement, duplicates included.
        var validated: Result<Int, Failure>
        do {
            var reader = ByteLineReader(bytes: bytes)
            validated = .success(try parser.validate(&reader))
        } catch {
            validated = .failure(Failure(error))
        }
        var counted: Result<Int, Failure>
        do {
            var reader = ByteLineReader(bytes: bytes)
            var count = 0
            try parser.parse(&reader) { _ in count += 1 }
            counted = .success(count)
        } catch {
            counted = .failure(Failure(error))
        }
        #expect(validated == counted)
    }

    static let turtleCases = ["rdf-turtle", "rdf-trig"].flatMap(W3CSuites.cases)

    /// Reading Turtle / TriG into an interned dataset (objects interned from their bytes) gives the
    /// statements of the `Quad` reader, and the same error for every negative test.
    @Test(arguments: turtleCases)
    func readsTurtleLikeTheValueReader(_ test: W3CCase) {
        var value: Result<Dataset, Failure>
        do { value = .success(try GraphReader.dataset(path: test.actionPath.path, baseIRI: test.actionIRI)) } catch { value = .failure(Failure(error)) }
        var interned: Result<Dataset, Failure>
        do {
            interned = .success(try GraphReader.interned(path: test.actionPath.path, baseIRI: test.actionIRI).dataset())
        } catch {
            interned = .failure(Failure(error))
        }
        #expect(interned == value)
    }

    static func outcome(_ body: () throws -> [UInt8]) -> Result<[UInt8], Failure> {
        do { return .success(try body()) } catch { return .failure(Failure(error)) }
    }

    /// Every writer gives the same bytes from an interned dataset as from the `Dataset`.
    @Test(arguments: evalCases)
    func writesTheSameBytes(_ test: W3CCase) throws {
        let dataset = try GraphReader.dataset(path: test.actionPath.path, baseIRI: test.actionIRI)
        let interned = InternedDataset(dataset)
        #expect(interned.dataset() == dataset)
        for format in RDFFormat.allCases {
            let expected = Self.outcome { try GraphWriter.serialize(dataset, as: format) }
            let produced = Self.outcome { try GraphWriter.serialize(interned, as: format) }
            #expect(produced == expected, "\(format)")
        }
    }
}

extension InternedEquivalenceTests {
    static let s = Term.iri(IRI("http://ex.org/é?a=1&b=2")), p = IRI("http://ex.org/p"), q = IRI("http://schema.org/name")

    /// Terms that need escaping or checks in some syntax, and terms some writer must refuse.
    static let trickyGraphs: [[Triple]] = [
        [Triple(s, p, .literal(Literal("a<b>&c\"d'e\tf\ng\rh é 東"))),
         Triple(s, q, .iri(IRI("http://ex.org/x\"y<z>"))),
         Triple(.blank(BlankNode("_x")), p, .blank(BlankNode("a b"))),
         Triple(.blank(BlankNode("b.1")), Vocabulary.RDF.type, .literal(Literal("<a>b</a>", datatype: Vocabulary.RDF.xmlLiteral))),
         Triple(s, p, .literal(Literal("<a>b", datatype: Vocabulary.RDF.xmlLiteral))),
         Triple(s, p, .literal(Literal("x", datatype: IRI("http://ex.org/dt?a&b=é")))),
         Triple(s, p, .literal(Literal("x", language: "EN-gb"))),
         Triple(s, p, .literal(Literal("12", datatype: Vocabulary.XSD.integer))),
         Triple(s, p, .literal(Literal("1.5e3", datatype: IRI("http://www.w3.org/2001/XMLSchema#double")))),
         Triple(s, p, .literal(Literal(""))),
         Triple(.iri(IRI("http://ex.org/a%20b")), IRI("http://www.w3.org/2000/01/rdf-schema#label"), .iri(IRI("http://ex.org/ns#a.b")))],
        [Triple(.iri(IRI("http://ex.org/a/./b")), p, .literal(Literal("x")))],
        [Triple(s, p, .literal(Literal("bad \u{FFFE}")))],
        [Triple(s, p, .iri(IRI("relative")))],
        [Triple(s, IRI("http://ex.org/p/1"), .literal(Literal("x")))],
        [Triple(s, p, .literal(Literal("x", language: "en_GB")))],
    ]

    @Test(arguments: trickyGraphs.indices)
    func writesTrickyTermsTheSame(_ index: Int) {
        let dataset = Dataset(defaultGraph: Graph(Self.trickyGraphs[index]))
        let interned = InternedDataset(dataset)
        for format in RDFFormat.allCases {
            let expected = Self.outcome { try GraphWriter.serialize(dataset, as: format) }
            #expect(Self.outcome { try GraphWriter.serialize(interned, as: format) } == expected, "\(format)")
        }
    }
}

/// An error's text, so results can be compared.
struct Failure: Error, Equatable {
    let message: String
    init(_ error: any Error) { message = "\(error)" }
}
