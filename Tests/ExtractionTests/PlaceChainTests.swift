import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

/// A place name with several readings takes the one the place before it lies in.
@Suite struct PlaceChainTests {
    static let entries = TestSupport.defaultEntries + [
        LexiconEntry(label: "Kingsford", altLabels: [], entityClass: "City", wikidata: nil, extra: ["parent": "Westmark"]),
        LexiconEntry(label: "Westmark", altLabels: [], entityClass: "City", wikidata: nil, extra: ["parent": "Eastland"]),
        LexiconEntry(label: "Westmark", altLabels: [], entityClass: "Region", wikidata: nil, extra: ["parent": "Norland"]),
        LexiconEntry(label: "Norland", altLabels: [], entityClass: "Country", wikidata: nil, extra: [:]),
    ]

    func classes(_ text: String) throws -> [String: String] {
        let document = try TestSupport.run(text, through: "lexicon", context: TestSupport.context(lexicon: Self.entries))
        return Dictionary(document.mentions.map { ($0.canonicalLabel, $0.candidateClass) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aCityThenItsRegion() throws {
        #expect(try classes("The institute is based in Kingsford, Westmark, Norland.")["Westmark"] == "Region")
    }

    @Test func withoutAPlaceBeforeTheClassPriorityDecides() throws {
        #expect(try classes("The institute is based in Westmark.")["Westmark"] == "City")
    }
}
