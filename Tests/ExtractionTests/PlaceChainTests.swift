import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

/// A place name with several readings takes the one the place before it lies in.
@Suite struct PlaceChainTests {
    static let entries = TestSupport.defaultEntries + [
        LexiconEntry(label: "Kingsford", altLabels: [], entityClass: "City", wikidata: nil, extra: ["parent": "Westmark"]),
        LexiconEntry(label: "Westmark", altLabels: [], entityClass: "City", wikidata: nil, extra: ["parent": "Eastland", "population": "2000000"]),
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

    /// "Ontario", "Virginia": a region's name is the region, not a smaller city of that name
    /// elsewhere; a city in the region of its name ("Zürich") keeps it.
    @Test func aRegionsNameIsTheRegionOverAnUnrelatedSmallCity() throws {
        let entries = TestSupport.defaultEntries + [
            LexiconEntry(label: "Ostmark", altLabels: [], entityClass: "City", wikidata: nil, extra: ["parent": "Eastland", "population": "150000"]),
            LexiconEntry(label: "Ostmark", altLabels: [], entityClass: "Region", wikidata: nil, extra: ["parent": "Norland"]),
            LexiconEntry(label: "Sudmark", altLabels: [], entityClass: "City", wikidata: nil, extra: ["parent": "Sudmark", "population": "150000"]),
            LexiconEntry(label: "Sudmark", altLabels: [], entityClass: "Region", wikidata: nil, extra: ["parent": "Norland"]),
        ]
        let document = try TestSupport.run("The institute is in Ostmark. The clinic is in Sudmark.", through: "lexicon", context: TestSupport.context(lexicon: entries))
        let classes = Dictionary(document.mentions.map { ($0.canonicalLabel, $0.candidateClass) }, uniquingKeysWith: { first, _ in first })
        #expect(classes["Ostmark"] == "Region")
        #expect(classes["Sudmark"] == "City")
    }

    /// Towns of `minor=1` are read only before their own region or country.
    @Test func aSmallTownIsReadOnlyBeforeItsRegion() throws {
        let entries = TestSupport.defaultEntries + [
            LexiconEntry(label: "Brookfield", altLabels: [], entityClass: "City", wikidata: nil, extra: ["parent": "Westmark", "country": "NL", "minor": "1"]),
            LexiconEntry(label: "Westmark", altLabels: [], entityClass: "Region", wikidata: nil, extra: ["parent": "Norland", "country": "NL"]),
        ]
        let placed = try TestSupport.run("The company is in Brookfield, Westmark.", through: "lexicon", context: TestSupport.context(lexicon: entries))
        #expect(placed.mentions.contains { $0.canonicalLabel == "Brookfield" && $0.candidateClass == "City" })
        let alone = try TestSupport.run("Brookfield said the results were good.", through: "lexicon", context: TestSupport.context(lexicon: entries))
        #expect(!alone.mentions.contains { $0.canonicalLabel == "Brookfield" })
    }
}

/// A lexicon name links to its authority only when no other entry of its class answers to it.
@Suite struct LexiconLinkTests {
    static let entries = TestSupport.defaultEntries + [
        LexiconEntry(label: "Kingsford", altLabels: [], entityClass: "City", wikidata: nil, extra: ["geonames": "101"]),
        LexiconEntry(label: "Westmark", altLabels: [], entityClass: "City", wikidata: nil, extra: ["geonames": "201"]),
        LexiconEntry(label: "Westmark", altLabels: [], entityClass: "City", wikidata: nil, extra: ["geonames": "202"]),
        LexiconEntry(label: "fibroblast", altLabels: [], entityClass: "CellType", wikidata: nil, extra: ["cl": "CL:0000057"]),
    ]

    @Test func anUnambiguousNameIsLinkedAnAmbiguousOneIsNot() throws {
        let document = try TestSupport.run("Fibroblasts from Kingsford and Westmark.", through: "lexicon", context: TestSupport.context(lexicon: Self.entries))
        let links = Dictionary(document.mentions.map { ($0.canonicalLabel, $0.link) }, uniquingKeysWith: { first, _ in first })
        #expect(links["fibroblast"] == .some("CL:0000057"))
        #expect(links["Kingsford"] == .some("geonames:101"))
        #expect(links["Westmark"] == .some(nil))
    }
}

/// Organisational units: a department of an academic field is a university's, of anything else a
/// government's; a head word after one generic word ("Research Group") names no organisation.
@Suite struct AcademicUnitTests {
    @Test func aGenericKindIsNoName() throws {
        let document = try TestSupport.run("She led an independent Research Group at the Norrland Institute of Cell Biology.",
                                           through: "headline-names", context: TestSupport.context())
        let labels = Set(document.mentions.map(\.canonicalLabel))
        #expect(!labels.contains("Research Group"))
        #expect(labels.contains("Norrland Institute of Cell Biology"))
    }

    @Test func aDepartmentOfAFieldIsAUniversitys() throws {
        let document = try TestSupport.run("She moved from the Department of Laboratory Medicine to the Department of Health.",
                                           through: "headline-names", context: TestSupport.context())
        let classes = Dictionary(document.mentions.map { ($0.canonicalLabel, $0.candidateClass) }, uniquingKeysWith: { first, _ in first })
        #expect(classes["Department of Laboratory Medicine"] == "University")
        #expect(classes["Department of Health"] == "GovernmentAgency")
    }
}
