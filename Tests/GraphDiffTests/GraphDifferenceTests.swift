import Foundation
import Testing
import RDFModel
@testable import GraphDiff

struct GraphDifferenceTests {
    static func parse(_ text: String) throws -> [Quad] { try NTriplesParser(quads: true).parse(text) }

    static let old = """
        <http://ex/alice> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/Person> .
        <http://ex/alice> <http://ex/name> "Alice" .
        <http://ex/alice> <http://ex/age> "30" .
        <http://ex/alice> <http://ex/address> _:addr .
        _:addr <http://ex/city> "Paris" .
        <http://ex/bob> <http://ex/name> "Bob" .
        """

    @Test func relabelledBlankNodesAndReorderedLinesAreNoDifference() throws {
        let reordered = """
            _:other <http://ex/city> "Paris" .
            <http://ex/bob> <http://ex/name> "Bob" .
            <http://ex/alice> <http://ex/address> _:other .
            <http://ex/alice> <http://ex/age> "30" .
            <http://ex/alice> <http://ex/name> "Alice" .
            <http://ex/alice> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/Person> .
            <http://ex/alice> <http://ex/age> "30" .
            """
        let difference = try GraphDifference(old: Self.parse(Self.old), new: Self.parse(reordered))
        #expect(difference.isEmpty)
        #expect(DiffRendering.unified(difference) == "")
        #expect(DiffRendering.stat(difference) == "0 removed, 0 added\n")
    }

    static func changed() throws -> GraphDifference {
        let new = """
            <http://ex/alice> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/Person> .
            <http://ex/alice> <http://ex/name> "Alice" .
            <http://ex/alice> <http://ex/age> "31" .
            <http://ex/alice> <http://ex/address> _:a .
            _:a <http://ex/city> "Paris" .
            <http://ex/bob> <http://ex/name> "Bob" .
            <http://ex/bob> <http://ex/email> "bob@ex" .
            """
        return try GraphDifference(old: parse(old), new: parse(new))
    }

    @Test func unifiedForm() throws {
        #expect(DiffRendering.unified(try Self.changed()) == """
            - <http://ex/alice> <http://ex/age> "30" .
            + <http://ex/alice> <http://ex/age> "31" .
            + <http://ex/bob> <http://ex/email> "bob@ex" .

            """)
    }

    @Test func statSummary() throws {
        let difference = try Self.changed()
        let statistics = DiffStatistics(difference)
        #expect(statistics.predicates == [
            .init(key: "http://ex/age", removed: 1, added: 1),
            .init(key: "http://ex/email", removed: 0, added: 1),
        ])
        #expect(statistics.classes == [
            .init(key: "http://ex/Person", removed: 1, added: 1),
            .init(key: DiffStatistics.untypedKey, removed: 0, added: 1),
        ])
        #expect(DiffRendering.stat(difference) == """
            1 removed, 2 added
            predicates:
              -1 +1  http://ex/age
              -0 +1  http://ex/email
            classes:
              -1 +1  http://ex/Person
              -0 +1  (untyped)

            """)
    }

    @Test func jsonFormIsStableAndValid() throws {
        let json = DiffRendering.json(try Self.changed())
        #expect(json == """
            {
              "removed": [
                "<http://ex/alice> <http://ex/age> \\"30\\" ."
              ],
              "added": [
                "<http://ex/alice> <http://ex/age> \\"31\\" .",
                "<http://ex/bob> <http://ex/email> \\"bob@ex\\" ."
              ],
              "stat": {
                "removed": 1,
                "added": 2,
                "predicates": {
                  "http://ex/age": {"removed": 1, "added": 1},
                  "http://ex/email": {"removed": 0, "added": 1}
                },
                "classes": {
                  "http://ex/Person": {"removed": 1, "added": 1},
                  "(untyped)": {"removed": 0, "added": 1}
                }
              }
            }

            """)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["added"] as? [String])?.count == 2)
    }

    @Test func changedBlankNodeStatementsShowWithCanonicalLabels() throws {
        let new = Self.old.replacingOccurrences(of: "\"Paris\"", with: "\"Lyon\"")
        let difference = try GraphDifference(old: Self.parse(Self.old), new: Self.parse(new))
        #expect(difference.removedLines == ["_:c14n0 <http://ex/city> \"Paris\" ."])
        #expect(difference.addedLines == ["_:c14n0 <http://ex/city> \"Lyon\" ."])
        #expect(DiffStatistics(difference).classes == [.init(key: DiffStatistics.untypedKey, removed: 1, added: 1)])
    }

    /// 20,000 statements, 1% of them changed, blank nodes relabelled on the new side: exact counts.
    @Test func twentyThousandStatementsOnePercentChanged() throws {
        var old: [Quad] = [], new: [Quad] = []
        let type = Vocabulary.RDF.type
        for subject in 0..<2_000 {
            let node = Term.iri(IRI("http://ex/item/\(subject)"))
            let kind = Term.iri(IRI(subject % 2 == 0 ? "http://ex/Even" : "http://ex/Odd"))
            old.append(Quad(node, type, kind))
            new.append(Quad(node, type, kind))
            for property in 0..<8 {
                let predicate = IRI("http://ex/p\(property)")
                let value = Term.literal(Literal("v\(subject)-\(property)"))
                old.append(Quad(node, predicate, value))
                // Every 80th statement of this kind changes value: 16,000 / 80 = 200 changes (1%).
                let changed = (subject * 8 + property) % 80 == 0
                new.append(Quad(node, predicate, changed ? .literal(Literal("changed")) : value))
            }
            // One blank node per subject, labelled differently on each side.
            old.append(Quad(node, IRI("http://ex/note"), .blank(BlankNode("old\(subject)"))))
            old.append(Quad(.blank(BlankNode("old\(subject)")), IRI("http://ex/text"), .literal(Literal("n\(subject)"))))
            new.append(Quad(.blank(BlankNode("new\(subject)")), IRI("http://ex/text"), .literal(Literal("n\(subject)"))))
            new.append(Quad(node, IRI("http://ex/note"), .blank(BlankNode("new\(subject)"))))
        }
        #expect(old.count == 22_000)
        let difference = try GraphDifference(old: old, new: new.reversed())
        #expect(difference.removed.count == 200)
        #expect(difference.added.count == 200)
        let statistics = DiffStatistics(difference)
        #expect(statistics.predicates.map(\.key) == ["http://ex/p0"])
        #expect(statistics.classes == [.init(key: "http://ex/Even", removed: 200, added: 200)])
    }
}
