import Foundation
import RDFModel
import Testing
import TurtleSyntax

@Suite struct TurtleParserTests {
    /// Parses `text` and returns the error's `line:column: message`, or nil if it parsed.
    func errorAt(_ text: String, dialect: TurtleDialect = .turtle) -> String? {
        do {
            _ = try TurtleParser(dialect: dialect, baseIRI: "http://e/", fileName: "t.ttl").parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        ("<s> <p> <o>", "t.ttl:1:12: expected '.' at the end of the statement"),
        ("<s> <p> <o> .\n<s> <p> \"é\" ;\n  <q> 1 ; oops .", "t.ttl:3:11: expected ':' in the prefixed name 'oops'"),
        ("<s> <p> \"é\" ;\n  <q> ; .", "t.ttl:2:7: expected an object (an IRI, a blank node, a collection or a literal)"),
        ("<s> <p> ex:o .", "t.ttl:1:9: undeclared prefix 'ex:'"),
        ("<s> <p> \"abc\n\" .", "t.ttl:1:13: line break in a string: expected the closing quote or a long (triple-quoted) string"),
        ("# comment\r\n<s> <p> \"\\uD800\" .", "t.ttl:2:10: unicode escape U+D800 is not a Unicode scalar (surrogate or out of range)"),
        ("<s> <p> <a b> .", "t.ttl:1:11: character not allowed in an IRI: expected '>'"),
        ("<s> <p> [ <q> 1 .", "t.ttl:1:17: expected ']' to close the blank node property list"),
        ("\"lit\" <p> <o> .", "t.ttl:1:1: expected a subject"),
        ("<s> <p> 1e .", "t.ttl:1:10: expected digits in the exponent"),
        ("<s> <p> \"é\", éé .", "t.ttl:1:14: expected ':' in the prefixed name 'éé'"),
    ])
    func errorPositionsAreLineAndScalarColumn(_ text: String, _ expected: String) {
        #expect(errorAt(text) == expected)
    }

    @Test func trigGraphErrors() {
        #expect(errorAt("<g> { <s> <p> <o> . @prefix e: <http://e/> . }", dialect: .trig)
            == "t.ttl:1:21: expected a subject")
        #expect(errorAt("<g> { <s> <p> <o> . } .", dialect: .trig) == "t.ttl:1:23: expected a subject or a graph name")
        #expect(errorAt("{ <s> <p> <o> }", dialect: .turtle) == "t.ttl:1:1: expected a subject")
    }

    @Test func fullGrammarSample() throws {
        let text = """
            @base <http://example.org/base/> .
            PREFIX ex: <http://example.org/ns#>
            @prefix : <rel/> .
            :s a ex:T ; ex:p "x"@en-GB, '''long
            "text"''', 1, -2.5, 3E2, true ; ex:q ( 1 [ ex:r ex:o\\.x ] ) ; .
            BASE <other/>
            <z> ex:n ex:a%20b .
            """
        let quads = try TurtleParser().parse(text)
        let s = Term.iri(IRI("http://example.org/base/rel/s"))
        let ex = "http://example.org/ns#"
        #expect(quads.contains(Quad(s, Vocabulary.RDF.type, .iri(IRI(ex + "T")))))
        #expect(quads.contains(Quad(s, IRI(ex + "p"), .literal(Literal("x", language: "en-gb")))))
        #expect(quads.contains(Quad(s, IRI(ex + "p"), .literal(Literal("long\n\"text\"")))))
        #expect(quads.contains(Quad(s, IRI(ex + "p"), .literal(Literal("-2.5", datatype: Vocabulary.XSD.decimal)))))
        #expect(quads.contains(Quad(s, IRI(ex + "p"), .literal(Literal("3E2", datatype: Vocabulary.XSD.double)))))
        #expect(quads.contains(Quad(s, IRI(ex + "p"), .literal(Literal("true", datatype: Vocabulary.XSD.boolean)))))
        #expect(quads.contains { $0.predicate == IRI(ex + "r") && $0.object == .iri(IRI(ex + "o.x")) })
        #expect(quads.contains(Quad(.iri(IRI("http://example.org/base/other/z")), IRI(ex + "n"), .iri(IRI(ex + "a%20b")))))
        #expect(quads.filter { $0.predicate == Vocabulary.RDF.first }.count == 2)
        #expect(quads.count == 14)
    }

    @Test func blankNodesAreScopedPerDocumentButSharedAcrossTriGGraphs() throws {
        let text = "_:x <http://e/p> _:y . <http://e/g> { _:x <http://e/p> [] . }"
        let first = try TurtleParser(dialect: .trig, blankNodePrefix: "d1_").parse(text)
        let second = try TurtleParser(dialect: .trig, blankNodePrefix: "d2_").parse(text)
        #expect(first[0].subject == first[1].subject)
        #expect(first[1].object != first[0].object)
        #expect(Set(first.map(\.subject)).isDisjoint(with: Set(second.map(\.subject))))
        // A label that looks like a generated one must not collide with `[]`.
        let tricky = try TurtleParser().parse("_:anon1 <http://e/p> [] .")
        #expect(tricky[0].subject != tricky[0].object)
    }

    @Test func readsFilesInChunksAndRethrowsSinkErrors() throws {
        struct Stop: Error {}
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kg-turtle-\(getpid()).ttl")
        let body = (0..<500).map { "<http://e/s\($0)> <http://e/p> \"value \($0) é\" .\n" }.joined()
        try Data(body.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var count = 0
        let handle = try FileHandle(forReadingFrom: url)
        try TurtleParser().parse(fileHandle: handle, chunkSize: 13) { _ in count += 1 }
        try handle.close()
        #expect(count == 500)
        let again = try FileHandle(forReadingFrom: url)
        defer { try? again.close() }
        #expect(throws: Stop.self) { try TurtleParser().parse(fileHandle: again) { _ in throw Stop() } }
    }

    @Test func relativeIRIWithoutBaseIsAnError() {
        #expect(throws: RDFSyntaxError.self) { try TurtleParser().parse("<s> <http://e/p> <http://e/o> .") }
    }
}
