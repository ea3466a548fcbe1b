import Testing
@testable import RDFModel

@Suite struct InternedDatasetTests {
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    /// Terms whose N-Triples bytes sort differently from their values (escapes, `"` and `\`,
    /// language tags, datatypes, a lexical form that is a prefix of another).
    static let terms: [Term] = [
        .iri(IRI("http://example.org/a")), .iri(IRI("http://example.org/a b")), .iri(IRI("http://example.org/ab")),
        .iri(IRI("http://example.org/é")), .blank(BlankNode("b1")), .blank(BlankNode("b10")), .blank(BlankNode("a")),
        .literal(Literal("a")), .literal(Literal("a\"b")), .literal(Literal("a#")), .literal(Literal("a\tb")),
        .literal(Literal("a", language: "en")), .literal(Literal("a", language: "EN-gb")), .literal(Literal("a", language: "de")),
        .literal(Literal("a", datatype: IRI(xsd + "token"))), .literal(Literal("1", datatype: IRI(xsd + "integer"))),
        .literal(Literal("1", datatype: IRI(xsd + "decimal"))), .literal(Literal("")), .literal(Literal("ab")),
        .literal(Literal("a\\", datatype: IRI("http://example.org/t\"x"))), .literal(Literal("a\u{7F}")),
        // Lengths around the sort's 8-byte digits (7, 15), and a NUL that pads like the end.
        .literal(Literal("abcdefg")), .literal(Literal("abcdefgh")), .literal(Literal("abcdefg\u{0}")),
        .literal(Literal("abcdefg\u{0}\u{0}x")), .literal(Literal("abcdefghijklmno")), .literal(Literal("abcdefghijklmnop")),
        .literal(Literal("abcdefghijklmno", language: "en")), .iri(IRI("http://example.org/entity/1234567")),
        .iri(IRI("http://example.org/entity/12345678")), .iri(IRI("http://example.org/entity/1234567/")),
    ]

    @Test func internsEachTermOnceAndDecodesIt() {
        var table = TermTable()
        let ids = Self.terms.map { table.intern($0) }
        #expect(Set(ids).count == Self.terms.count)
        #expect(Self.terms.map { table.intern($0) } == ids)
        #expect(ids.map { table.term($0) } == Self.terms)
        #expect(table.terms() == Self.terms)
        #expect(Self.terms.map { table.id(of: $0) } == ids)
        #expect(table.id(of: .iri(IRI("http://example.org/missing"))) == nil)
    }

    @Test func ranksInBothOrders() {
        var table = TermTable()
        for term in Self.terms.reversed() { _ = table.intern(term) }
        let canonical = table.ranks(.canonical)
        let byCanonical = (0..<table.count).sorted { canonical[$0] < canonical[$1] }.map { table.term(TermID($0)) }
        #expect(byCanonical == Self.terms.sorted())
        let bytes = table.ranks(.ntriplesBytes)
        let byBytes = (0..<table.count).sorted { bytes[$0] < bytes[$1] }.map { table.term(TermID($0)) }
        #expect(byBytes == Self.terms.sorted { Array($0.description.utf8).lexicographicallyPrecedes(Array($1.description.utf8)) })
    }

    /// A table large enough that the sort's groups go to two threads ranks exactly as one thread
    /// (the value order of the terms) would.
    @Test func ranksALargeTableInBothOrders() {
        var terms = Self.terms
        for index in 0..<110_000 {
            switch index % 5 {
            case 0: terms.append(.iri(IRI("http://example.org/entity/\(index * 7919 % 110_000)")))
            case 1: terms.append(.literal(Literal("value \(index % 9_000)", language: ["en", "de", "fr-ca"][index % 3])))
            case 2: terms.append(.literal(Literal("\(index % 13_000)", datatype: IRI(Self.xsd + ["integer", "decimal", "string"][index % 3]))))
            case 3: terms.append(.blank(BlankNode("b\(index)")))
            default: terms.append(.literal(Literal("shared prefix of many literals \(index) é")))
            }
        }
        var table = TermTable()
        for term in terms.reversed() { _ = table.intern(term) }
        let distinct = table.terms()
        #expect(table.count > 1 << 16)
        let canonical = table.ranks(.canonical)
        let byCanonical = (0..<table.count).sorted { canonical[$0] < canonical[$1] }.map { distinct[$0] }
        // Compared for the first difference: printing two arrays this long would take minutes.
        let canonicalOrder = distinct.sorted()
        #expect(byCanonical.indices.first { byCanonical[$0] != canonicalOrder[$0] } == nil)
        let bytes = table.ranks(.ntriplesBytes)
        let lines = (0..<table.count).map { table.ntriples(TermID($0)) }
        let orderedByRank = (0..<table.count).sorted { bytes[$0] < bytes[$1] }.map { lines[$0] }
        let byteOrder = lines.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(orderedByRank.indices.first { orderedByRank[$0] != byteOrder[$0] } == nil)
    }

    /// Sorted views drop duplicates and match the value order of `Quad` and of the N-Quads lines.
    @Test func sortsStatementsLikeTheValueAPI() {
        let p = IRI("http://example.org/p"), type = Vocabulary.RDF.type
        var quads: [Quad] = []
        for (index, subject) in Self.terms.prefix(7).enumerated() {
            for object in Self.terms where index % 2 == 0 || object.isBlank {
                quads.append(Quad(subject, index % 3 == 0 ? type : p, object, graph: index == 4 ? .iri(IRI("http://example.org/g")) : nil))
            }
            quads.append(Quad(subject, p, Self.terms[index]))
        }
        var interned = InternedDataset()
        for quad in quads + quads { interned.insert(quad) }
        #expect(interned.statements.count == quads.count * 2)
        func values(_ statements: [InternedStatement], _ data: InternedDataset) -> [Quad] {
            statements.map { data.quad($0) }
        }
        let dataset = Dataset(quads)
        #expect(values(interned.sorted(.canonical), interned) == dataset.sortedQuads)
        #expect(interned.nquadsBytes() == NTriplesFormatter.documentBytes(dataset.quads))
        #expect(interned.dataset() == dataset)
        let graph = Graph(quads.filter { $0.graph == nil }.map(\.triple))
        var defaultOnly = InternedDataset()
        for triple in graph { defaultOnly.insert(Quad(triple)) }
        let typeFirst = values(defaultOnly.sorted(.canonical, typeFirst: true), defaultOnly).map(\.triple)
        #expect(typeFirst == graph.sortedTriplesTypeFirst)
    }

    /// Interning from line bytes takes the general reader for non-canonical terms, and refuses a
    /// relative IRI even inside a datatype.
    @Test func internsLinesInCanonicalForm() throws {
        let text = """
        <http://a> <http://p> "x"^^<http://www.w3.org/2001/XMLSchema#string> .
        <http://a> <http://p> "x" .
        <http://a> <http://p> "x"@EN .
        <http://a> <http://p> "x"@en .
        <http://a> <http://p> "\\u0078"@en .
        <http://\\u0061> <http://p> "tab\there" .
        _:b <http://p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .

        """
        var reader = ByteLineReader(bytes: Array(text.utf8))
        var interned = InternedDataset()
        try NTriplesParser(quads: false).parse(&reader, into: &interned)
        #expect(interned.statements.count == 7)
        #expect(String(decoding: interned.nquadsBytes(), as: UTF8.self) == """
        <http://a> <http://p> "tab\\there" .
        <http://a> <http://p> "x" .
        <http://a> <http://p> "x"@en .
        _:b <http://p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .

        """)
        var bad = ByteLineReader(bytes: Array("<http://a> <http://p> \"x\"^^<t> .".utf8))
        var ignored = InternedDataset()
        #expect(throws: RDFSyntaxError.self) { try NTriplesParser(quads: false).parse(&bad, into: &ignored) }
    }
}
