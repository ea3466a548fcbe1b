import Testing
import RDFModel
@testable import GraphDiff

struct CanonicalizerTests {
    static func parse(_ text: String) throws -> [Quad] { try NTriplesParser(quads: true).parse(text) }

    @Test func relabelledAndReorderedInputsGiveTheSameBytes() throws {
        let first = try Self.parse("""
            _:a <http://ex/knows> _:b .
            _:b <http://ex/knows> _:a .
            _:a <http://ex/name> "A" .
            <http://ex/s> <http://ex/p> "x"@en <http://ex/g> .
            """)
        let second = try Self.parse("""
            <http://ex/s> <http://ex/p> "x"@en <http://ex/g> .
            _:y <http://ex/name> "A" .
            _:x <http://ex/knows> _:y .
            _:y <http://ex/knows> _:x .
            """)
        let left = try Canonicalizer().canonicalize(first)
        let right = try Canonicalizer().canonicalize(second)
        #expect(left.nquads == right.nquads)
        #expect(left.issuedIdentifiers["a"] == right.issuedIdentifiers["y"])
        #expect(left.quads.count == 4)
        #expect(left.nquads.hasPrefix("<http://ex/s> <http://ex/p> \"x\"@en <http://ex/g> .\n"))
    }

    @Test func duplicatesAreDroppedAndLinesSortedByCodePoint() throws {
        let quads = try Self.parse("""
            <http://ex/s> <http://ex/p> "\\u00E9" .
            <http://ex/s> <http://ex/p> "z" .
            <http://ex/s> <http://ex/p> "z" .
            _:b <http://ex/p> "z" .
            _:b <http://ex/p> "z" .
            """)
        let result = try Canonicalizer().canonicalize(quads)
        #expect(result.lines == [
            "<http://ex/s> <http://ex/p> \"z\" .",
            "<http://ex/s> <http://ex/p> \"é\" .",
            "_:c14n0 <http://ex/p> \"z\" .",
        ])
        #expect(result.quads.map(\.description) == result.lines)
        #expect(result.issuedIdentifiers == ["b": "c14n0"])
    }

    @Test func cliqueFailsWithTypedError() throws {
        var text = ""
        for i in 0..<6 { for j in 0..<6 { text += "_:n\(i) <http://ex/p> _:n\(j) .\n" } }
        let quads = try Self.parse(text)
        #expect(throws: CanonicalizationError.tooComplex(limit: 20)) { try Canonicalizer(workLimit: 20).canonicalize(quads) }
        let message = CanonicalizationError.tooComplex(limit: 20).description
        #expect(message.contains("more than 20 Hash N-Degree Quads calls"))
    }

    @Test func longChainOfLookAlikesHitsTheDepthLimit() throws {
        var text = ""
        for i in 0..<40 { text += "_:n\(i) <http://ex/next> _:n\(i + 1) .\n" }
        // A closed ring: every node looks alike, so Hash N-Degree Quads walks the whole ring.
        text += "_:n40 <http://ex/next> _:n0 .\n"
        let quads = try Self.parse(text)
        #expect(throws: CanonicalizationError.tooDeep(limit: 10)) {
            try Canonicalizer(workLimit: 100_000, depthLimit: 10).canonicalize(quads)
        }
        #expect(try Canonicalizer(workLimit: 100_000).canonicalize(quads).quads.count == 41)
    }

    @Test func sha384ChangesLabelsOnlyWhereHashesDecide() throws {
        let quads = try Self.parse("_:a <http://ex/p> <http://ex/o> .\n")
        #expect(try Canonicalizer(hash: .sha384).canonicalize(quads).nquads == "_:c14n0 <http://ex/p> <http://ex/o> .\n")
    }
}
