import Foundation
import Testing
@testable import GraphAssembly
import RDFModel

/// Links to public identifiers: the right predicate and IRI per authority, nothing for an
/// unknown or malformed identifier, and no link where the merged names disagree.
@Suite struct AuthorityLinkTests {
    let subject = Term.iri(IRI("https://w3id.org/kg/id/CellType/fibroblast"))

    @Test func eachAuthorityHasItsIRIAndPredicate() throws {
        let cases: [(String, IRI, String)] = [
            ("CL:0000057", Vocabulary.SKOS.exactMatch, "http://purl.obolibrary.org/obo/CL_0000057"),
            ("MONDO:0005015", Vocabulary.SKOS.exactMatch, "http://purl.obolibrary.org/obo/MONDO_0005015"),
            ("NCBITaxon:10090", Vocabulary.SKOS.exactMatch, "http://purl.obolibrary.org/obo/NCBITaxon_10090"),
            ("EFO:0009922", Vocabulary.SKOS.exactMatch, "http://www.ebi.ac.uk/efo/EFO_0009922"),
            ("ncbigene:5460", Vocabulary.SKOS.exactMatch, "https://identifiers.org/ncbigene:5460"),
            ("geonames:2643743", Vocabulary.OWL.sameAs, "https://sws.geonames.org/2643743/"),
            ("wikidata:Q42", Vocabulary.OWL.sameAs, "http://www.wikidata.org/entity/Q42"),
        ]
        for (compact, predicate, iri) in cases {
            let triple = try #require(AuthorityLinks.triple(subject, compact))
            #expect(triple.predicate == predicate, "\(compact)")
            #expect(triple.object == .iri(IRI(iri)), "\(compact)")
        }
    }

    @Test func unknownOrMalformedIdentifiersAreNotLinked() {
        for compact in ["CL", "CL:", "foo:12", "CL:00 57", "geonames:12/../x", "wikidata:<Q42>"] {
            #expect(AuthorityLinks.triple(subject, compact) == nil, "\(compact)")
        }
    }

    @Test func partsThatDisagreeOnAnAuthorityAreNotLinkedToIt() {
        #expect(CorpusMerger.agreedLinks(["geonames:1", "geonames:1", "wikidata:Q1"]) == ["geonames:1", "wikidata:Q1"])
        #expect(CorpusMerger.agreedLinks(["geonames:1", "geonames:2", "wikidata:Q1"]) == ["wikidata:Q1"])
    }

    /// Every link in the committed output has the shape of its authority's identifiers.
    @Test func everyLinkInTheOutputMatchesItsAuthority() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lines = try String(contentsOf: root.appendingPathComponent("Output/graph.nt"), encoding: .utf8).split(separator: "\n")
        let patterns = [
            #"<http://purl\.obolibrary\.org/obo/(CL|MONDO|NCBITaxon)_[0-9]+>"#, #"<http://www\.ebi\.ac\.uk/efo/EFO_[0-9]+>"#,
            #"<https://identifiers\.org/ncbigene:[0-9]+>"#, #"<https://sws\.geonames\.org/[0-9]+/>"#, #"<http://www\.wikidata\.org/entity/Q[0-9]+>"#,
        ].map { try! Regex("^" + $0 + " \\.$") }
        var links = 0
        for line in lines where line.contains("core#exactMatch> ") || line.contains("owl#sameAs> ") {
            links += 1
            let object = line.split(separator: " ", maxSplits: 2)[2]
            #expect(patterns.contains { object.wholeMatch(of: $0) != nil }, "\(line)")
        }
        #expect(links > 0)
    }
}
