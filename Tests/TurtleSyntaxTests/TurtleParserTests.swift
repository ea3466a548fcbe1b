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

    /// Documents that take every branch of the interned reader's fast paths (IRIs, prefixed names,
    /// strings, language tags, datatypes, numbers) and their fallbacks, including errors.
    static let internedTexts: [String] = [
        "@prefix ex: <http://e/ns#> . ex:s ex:p ex:o.x , ex:a.b.c , ex:o. ex:s ex:p ex:o .",
        "@prefix ex: <http://e/ns#> . ex:s a ex:T ; ex:p ex:a\\.b , ex:a%20b , ex:é , ex:aé , ex: , ex::x , ex:1a , ex:_a , ex:a-b .",
        "@prefix ex: <http://e/ns#> . ex:s ex:p ex:-a .",
        "@prefix ex: <http://e/ns#> . ex:s ex:p ex:a.%41 , ex:a..b , ex:a.é .",
        "@prefix e.x: <http://e/ns#> . e.x:s e.x:p e.x:o . PREFIX : <http://e/empty#> :s :p :o .",
        """
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <http://e/s> <http://e/p> "a\\tb" , "a\tb" , "q\\"x" , 'single' , "\\u0041" , "\\'" , \"\"\"long
        x\"\"\" , "" , "é東" , "x"@EN-gb , "y" @en , "x"^^xsd:string , "x"^^<http://www.w3.org/2001/XMLSchema#string> ,
        "x"^^xsd:integer , "x" ^^ xsd:date , "x"^^<rel> , "x"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> ,
        "ctl\u{7F}" , "\\U0001F600" , "\\\\" .
        """,
        "<http://e/s> <http://e/p> <http://e/é> , <rel> , <http://e/\\u0041> , <urn:x> , <#frag> , <//host/p> .",
        "<http://e/s> <p> 1 , -2.5 , 3E2 , +1 , .5 , 1.0e-3 , true , false , 7.",
        "<http://e/s> <http://e/p> <http://e/a b> .",
        "<http://e/s> <http://e/p> \"unterminated .",
        "<http://e/s> <http://e/p> \"x\"@ .",
        "<http://e/s> <http://e/p> \"x\"^^ 1 .",
        "<http://e/s> <http://e/p> ex:o .",
        "@prefix ex: <http://e/ns#> . [ ex:p \"x\" ] ex:q ( 1 \"a\"@en ex:o [] ) . _:b ex:p _:c .",
        "@prefix ex: <http://a/> . ex:s ex:p ex:o . @prefix ex: <http://b/> . ex:s ex:p ex:o .",
    ]

    /// Ill-formed UTF-8 (a bad continuation, an encoded surrogate) and a well-formed 4-byte scalar.
    static let encodingCases: [[UInt8]] = [
        Array("<http://e/s> <http://e/p> \"bad ".utf8) + [0xC3, 0x28] + Array("\" .".utf8),
        Array("<http://e/s> <http://e/p> <http://e/".utf8) + [0xED, 0xA0, 0x80] + Array("> .".utf8),
        Array("<http://e/s> <http://e/p> \"ok ".utf8) + [0xF0, 0x9F, 0x98, 0x80] + Array("\" .".utf8),
    ]

    static let internedCases: [[UInt8]] = internedTexts.map { Array($0.utf8) } + encodingCases

    static let internedTriGCases: [[UInt8]] = [
        "@prefix ex: <http://e/ns#> . GRAPH ex:g { ex:s ex:p \"x\" } { ex:s ex:p ex:o } _:g { ex:s a ex:T }",
    ].map { Array($0.utf8) }

    /// The outcome of one reading: the statements and their N-Quads document (which shows each
    /// term's canonical form), or the error's text.
    enum Outcome: Equatable {
        case statements(Dataset, [UInt8])
        case failure(String)
    }

    static func valueOutcome(_ bytes: [UInt8], _ parser: TurtleParser) -> Outcome {
        var dataset = Dataset()
        do {
            try parser.parse(bytes: bytes) { dataset.insert($0) }
            return .statements(dataset, Array(NTriplesFormatter.document(dataset).utf8))
        } catch {
            return .failure("\(error)")
        }
    }

    static func internedOutcome(_ bytes: [UInt8], _ parser: TurtleParser, chunkSize: Int) -> Outcome {
        var offset = 0
        var dataset = InternedDataset()
        do {
            try parser.parse(chunks: {
                guard offset < bytes.count else { return nil }
                defer { offset += chunkSize }
                return Array(bytes[offset..<min(bytes.count, offset + chunkSize)])
            }, into: &dataset)
            return .statements(dataset.dataset(), dataset.nquadsBytes())
        } catch {
            return .failure("\(error)")
        }
    }

    /// Reading into an interned dataset gives the value reader's statements and errors, whole or
    /// in chunks so small that every token straddles them.
    @Test(arguments: (internedCases.map { ($0, TurtleDialect.turtle) } + internedTriGCases.map { ($0, TurtleDialect.trig) }).indices)
    func readingIntoAnInternedDatasetMatchesTheValueReader(_ index: Int) {
        let (bytes, dialect) = index < Self.internedCases.count
            ? (Self.internedCases[index], TurtleDialect.turtle) : (Self.internedTriGCases[index - Self.internedCases.count], .trig)
        let parser = TurtleParser(dialect: dialect, baseIRI: "http://e/base/", fileName: "t.ttl")
        let expected = Self.valueOutcome(bytes, parser)
        for chunkSize in [1, 3, 7, 64, 1 << 20] {
            #expect(Self.internedOutcome(bytes, parser, chunkSize: chunkSize) == expected, "chunks of \(chunkSize)")
        }
    }
}
