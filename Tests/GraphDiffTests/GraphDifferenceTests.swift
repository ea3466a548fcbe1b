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

    @Test func changedBlankNodeStatementsShowWithContentDerivedLabels() throws {
        let new = Self.old.replacingOccurrences(of: "\"Paris\"", with: "\"Lyon\"")
        let difference = try GraphDifference(old: Self.parse(Self.old), new: Self.parse(new))
        // The address is named by the statement pointing at it, which did not change.
        let label = "_:b" + HashAlgorithm.sha256.hexDigest("<http://ex/alice> <http://ex/address> _:a .\n").prefix(16)
        #expect(difference.removedLines == ["\(label) <http://ex/city> \"Paris\" ."])
        #expect(difference.addedLines == ["\(label) <http://ex/city> \"Lyon\" ."])
        #expect(DiffStatistics(difference).classes == [.init(key: DiffStatistics.untypedKey, removed: 1, added: 1)])
    }

    /// 100 people, each with an address held by a blank node; `label` names the blank nodes.
    static func addressBook(label: String, street: (Int) -> String = { "\($0) Main Street" }) -> [String] {
        (0..<100).flatMap { person in
            [
                "<http://ex/person/\(person)> <http://schema.org/address> _:\(label)\(person) .",
                "_:\(label)\(person) <http://schema.org/streetAddress> \"\(street(person))\" .",
                "_:\(label)\(person) <http://schema.org/postalCode> \"\(10_000 + person % 7)\" .",
            ]
        }
    }

    @Test func oneChangedBlankNodeRecordIsOneChangedLine() throws {
        let old = Self.addressBook(label: "old")
        let new = Self.addressBook(label: "new") { $0 == 42 ? "42 High Street" : "\($0) Main Street" }
        let difference = try GraphDifference(old: Self.parse(old.joined(separator: "\n")),
                                             new: Self.parse(new.reversed().joined(separator: "\n")))
        #expect(difference.removedLines.count == 1)
        #expect(difference.addedLines.count == 1)
        #expect(difference.removedLines.first?.hasSuffix("<http://schema.org/streetAddress> \"42 Main Street\" .") == true)
        #expect(difference.addedLines.first?.hasSuffix("<http://schema.org/streetAddress> \"42 High Street\" .") == true)
        // Same blank node on both sides.
        #expect(difference.removedLines.first?.prefix(20) == difference.addedLines.first?.prefix(20))
    }

    @Test func oneAddedBlankNodeRecordAddsOnlyItsLines() throws {
        let old = Self.addressBook(label: "x")
        let new = Self.addressBook(label: "y") + [
            "<http://ex/person/100> <http://schema.org/address> _:extra .",
            "_:extra <http://schema.org/streetAddress> \"100 Main Street\" .",
        ]
        let difference = try GraphDifference(old: Self.parse(old.joined(separator: "\n")),
                                             new: Self.parse(new.shuffledDeterministically().joined(separator: "\n")))
        #expect(difference.removedLines.isEmpty)
        #expect(difference.addedLines.count == 2)
        #expect(difference.addedLines.allSatisfy { $0.contains("100") })
    }

    @Test func tiedAndAutomorphicBlankNodesStillMatchUpToRelabelling() throws {
        // Two indistinguishable cycles and nested anonymous nodes: labels fall back to N-degree
        // hashes and canonical labels, and relabelled copies still show no difference.
        let old = """
            _:a <http://ex/knows> _:b .
            _:b <http://ex/knows> _:a .
            _:c <http://ex/knows> _:d .
            _:d <http://ex/knows> _:c .
            <http://ex/s> <http://ex/p> _:e .
            _:e <http://ex/q> _:f .
            _:e <http://ex/q> _:g .
            _:f <http://ex/v> "1" .
            _:g <http://ex/v> "1" .
            """
        let new = """
            _:g2 <http://ex/v> "1" .
            _:e2 <http://ex/q> _:f2 .
            _:d2 <http://ex/knows> _:a2 .
            _:a2 <http://ex/knows> _:d2 .
            _:b2 <http://ex/knows> _:c2 .
            _:c2 <http://ex/knows> _:b2 .
            _:f2 <http://ex/v> "1" .
            <http://ex/s> <http://ex/p> _:e2 .
            _:e2 <http://ex/q> _:g2 .
            """
        let difference = try GraphDifference(old: Self.parse(old), new: Self.parse(new))
        #expect(difference.isEmpty)
        let changed = try GraphDifference(old: Self.parse(old),
                                          new: Self.parse(new.replacingOccurrences(of: "_:g2 <http://ex/v> \"1\"", with: "_:g2 <http://ex/v> \"2\"")))
        #expect(changed.removedLines.count >= 1)
        #expect(changed.addedLines.contains { $0.hasSuffix("<http://ex/v> \"2\" .") })
    }

    @Test func canonicalizeKeepsRDFCLabelsByDefault() throws {
        let quads = try Self.parse(Self.old)
        #expect(try Canonicalizer().canonicalize(quads).issuedIdentifiers == ["addr": "c14n0"])
        #expect(try Canonicalizer().canonicalize(quads, labelling: .stable).issuedIdentifiers["addr"]?.hasPrefix("b") == true)
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

private extension Array {
    /// A fixed reordering (every 7th element first, and so on), so tests stay deterministic.
    func shuffledDeterministically() -> [Element] {
        (0..<7).flatMap { start in stride(from: start, to: count, by: 7).map { self[$0] } }
    }
}
