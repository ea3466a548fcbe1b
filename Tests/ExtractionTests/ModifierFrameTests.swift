import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

/// Round-3 frames: modifier gaps (`~`) and alternatives (`a|b`) in relation patterns, lists with
/// parenthetical asides, and the general frames built on them (titles in apposition, prizes later
/// in the clause, funding in both voices, parts, treatments, issuing bodies).
@Suite struct ModifierFrameTests {
    static let entries = TestSupport.defaultEntries + [
        TestSupport.entry("Lund Stem Cell Institute", "ResearchInstitute"), TestSupport.entry("Malmo University", "University"),
        TestSupport.entry("Nordic Cell Company", "Company"), TestSupport.entry("Baltic Research Council", "GovernmentAgency"),
        TestSupport.entry("Kyoto Prize", "Award"), TestSupport.entry("Lasker Award", "Award"),
        TestSupport.entry("cell therapy", "Method"), TestSupport.entry("glaucoma", "Disease"), TestSupport.entry("retinitis pigmentosa", "Disease"),
        TestSupport.entry("macular degeneration", "Disease"), TestSupport.entry("cell therapy guidelines", "Program"),
        TestSupport.entry("regenerative medicine", "Topic"), TestSupport.entry("Uppsala", "City"),
    ]

    func facts(_ text: String) throws -> Set<String> {
        let document = try TestSupport.run(text, through: "sentence-relations", context: TestSupport.context(lexicon: Self.entries))
        return Set(document.relations.compactMap { relation -> String? in
            guard case let .entity(object) = relation.object else { return nil }
            return "\(document.entities[relation.subject].preferredLabel) \(relation.property) \(document.entities[object].preferredLabel)"
        })
    }

    @Test func modifierGapsAndAlternatives() throws {
        let pattern = [",", "the", "~", "director|head", "of"]
        #expect(try TestSupport.matches([",", "the", "director", "of"], pattern))
        #expect(try TestSupport.matches([",", "the", "founding", "scientific", "head", "of"], pattern))
        // A modifier gap never crosses a verb, a preposition or a comma, nor more than three words.
        #expect(try !TestSupport.matches([",", "the", "man", "who", "met", "director", "of"], pattern))
        #expect(try !TestSupport.matches([",", "the", "a", "b", "c", "d", "director", "of"], pattern))
        #expect(try !TestSupport.matches([",", "the", "president", "of"], pattern))
        // A trailing gap takes the adjectives before the object ("Director of the new …").
        #expect(try TestSupport.matches(["director", "of", "new"], ["director|head", "of", "~"]))
    }

    @Test func listsSkipParentheticalAsides() throws {
        #expect(try TestSupport.isCoordination(["(", "trial", "started", "in", "2010", ")", ","]))
        #expect(try TestSupport.isCoordination(["("]))
        #expect(try !TestSupport.isCoordination(["(", "trial", ")", "was", "run", "in"]))
    }

    @Test func titlesAndPositionsInApposition() throws {
        let found = try facts("""
        Maria Lopez, the founding director of the Lund Stem Cell Institute, spoke first. \
        Jan Kowalski, a senior researcher at Malmo University, agreed. \
        Ahmed Hassan, Director of the new Nordic Cell Company, left early.
        """)
        #expect(found.contains("Lund Stem Cell Institute ledBy Maria Lopez"))
        #expect(found.contains("Maria Lopez affiliatedWith Lund Stem Cell Institute"))
        #expect(found.contains("Jan Kowalski affiliatedWith Malmo University"))
        #expect(!found.contains("Malmo University ledBy Jan Kowalski"))
        #expect(found.contains("Nordic Cell Company ledBy Ahmed Hassan"))
    }

    @Test func prizesLaterInTheClause() throws {
        let found = try facts("Maria Lopez received in 2010 the Kyoto Prize. Jan Kowalski was awarded the 2009 Lasker Award for his work.")
        #expect(found.contains("Maria Lopez receivedAward Kyoto Prize"))
        #expect(found.contains("Jan Kowalski receivedAward Lasker Award"))
        #expect(!found.contains("Maria Lopez receivedAward Lasker Award"))
    }

    @Test func fundingInBothVoices() throws {
        let found = try facts("""
        The Baltic Research Council funds the Lund Stem Cell Institute. \
        Malmo University received grants from the Baltic Research Council.
        """)
        #expect(found.contains("Lund Stem Cell Institute fundedBy Baltic Research Council"))
        #expect(found.contains("Malmo University fundedBy Baltic Research Council"))
        #expect(!found.contains("Baltic Research Council fundedBy Lund Stem Cell Institute"))
    }

    @Test func partsPlacesFocusTreatmentsAndIssuers() throws {
        let found = try facts("""
        The Lund Stem Cell Institute, a research unit of Malmo University, opened. The Lund Stem Cell Institute is a company based in Uppsala. \
        The Nordic Cell Company is focused on regenerative medicine. \
        The firm sells cell therapy for macular degeneration (trial started in 2010), retinitis pigmentosa and glaucoma. \
        The cell therapy guidelines issued by the Baltic Research Council apply.
        """)
        #expect(found.contains("Lund Stem Cell Institute partOf Malmo University"))
        #expect(found.contains("Lund Stem Cell Institute locatedIn Uppsala"))
        #expect(found.contains("Nordic Cell Company researchFocus regenerative medicine"))
        #expect(found.contains("cell therapy treats macular degeneration"))
        #expect(found.contains("cell therapy treats retinitis pigmentosa"))
        #expect(found.contains("cell therapy treats glaucoma"))
        #expect(found.contains("cell therapy guidelines regulatedBy Baltic Research Council"))
    }
}
