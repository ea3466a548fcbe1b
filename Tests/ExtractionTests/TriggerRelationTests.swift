import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

/// Relations from trigger words (`relation-triggers.tsv`), name parts of people, and pronouns that
/// refer to the person a text is about. The texts are made up: names no lexicon or rule lists.
@Suite struct TriggerRelationTests {
    static let entries = TestSupport.defaultEntries + [
        TestSupport.entry("fibroblast", "CellType"), TestSupport.entry("neuron", "CellType"), TestSupport.entry("Parkinson's disease", "Disease"),
        TestSupport.entry("Stockholm", "City"), TestSupport.entry("Sweden", "Country"), TestSupport.entry("London", "City"),
    ]

    func facts(_ text: String, through stage: String = "trigger-relations") throws -> Set<String> {
        let document = try TestSupport.run(text, through: stage, context: TestSupport.context(lexicon: Self.entries))
        return Set(document.relations.compactMap { relation -> String? in
            guard case let .entity(object) = relation.object else { return nil }
            return "\(document.entities[relation.subject].preferredLabel) \(relation.property) \(document.entities[object].preferredLabel)"
        })
    }

    @Test func regularInflectionsOfATriggerWord() {
        #expect(RelationTrigger.forms(of: "join+") == ["join", "joins", "joined", "joining"])
        #expect(RelationTrigger.forms(of: "locate+") == ["locate", "locates", "located", "locating"])
        #expect(RelationTrigger.forms(of: "study+") == ["study", "studies", "studied", "studying"])
        #expect(RelationTrigger.forms(of: "publish+") == ["publish", "publishes", "published", "publishing"])
        #expect(RelationTrigger.forms(of: "won") == ["won"])
    }

    @Test func verbsBetweenAPersonAndAnOrganisation() throws {
        let found = try facts("Maria Lindqvist joined the Norrland Institute of Cell Biology in 2001. She studied medicine at Uppsala University.")
        #expect(found.contains("Maria Lindqvist affiliatedWith Norrland Institute of Cell Biology"))
        #expect(found.contains("Maria Lindqvist affiliatedWith Uppsala University"))
    }

    @Test func aSurnameAloneIsThePersonNamedBefore() throws {
        let found = try facts("Maria Lindqvist is a biologist. In 2005 Lindqvist headed the Kessler Laboratory of Neurobiology.")
        #expect(found.contains("Kessler Laboratory of Neurobiology ledBy Maria Lindqvist"))
        #expect(found.contains("Maria Lindqvist affiliatedWith Kessler Laboratory of Neurobiology"))
    }

    @Test func aPronounIsThePersonTheTextIsAbout() throws {
        // "he" in the third sentence is Karlsson, the subject of the sentences before, not Nienhuis,
        // the name read last.
        let found = try facts("""
            Erik Karlsson is a geneticist. Karlsson worked with Professor Arthur Nienhuis at the Norrland Institute of Cell Biology. \
            In 1995 he was recruited as a professor to Uppsala University.
            """)
        #expect(found.contains("Erik Karlsson affiliatedWith Uppsala University"))
        #expect(!found.contains("Arthur Nienhuis affiliatedWith Uppsala University"))
    }

    @Test func aTitleBetweenAnOrganisationAndAName() throws {
        let found = try facts("The talk was given by Norrland Institute of Cell Biology director Dr. Maria Lindqvist. Uppsala University professor Erik Karlsson spoke next.")
        #expect(found.contains("Norrland Institute of Cell Biology ledBy Maria Lindqvist"))
        #expect(found.contains("Erik Karlsson affiliatedWith Uppsala University"))
        // Only title modifiers and honorifics may stand around the title: here the names do not touch it.
        let apart = try facts("The Norrland Institute of Cell Biology said its director had resigned; Maria Lindqvist spoke later.")
        #expect(!apart.contains("Norrland Institute of Cell Biology ledBy Maria Lindqvist"))
    }

    @Test func aTitleAfterAPossessive() throws {
        let found = try facts("The Norrland Institute of Cell Biology opened in 1990. The institute's director, Dr. Maria Lindqvist, spoke first.")
        #expect(found.contains("Norrland Institute of Cell Biology ledBy Maria Lindqvist"))
        let before = try facts("The Norrland Institute of Cell Biology opened in 1990. Erik Karlsson was the institute's founding director.")
        #expect(before.contains("Norrland Institute of Cell Biology ledBy Erik Karlsson"))
    }

    @Test func aUnitOfAnOrganisationAfterAPossessiveOrInIts() throws {
        let found = try facts("She holds a chair at Norrland University's Department of Physiology. Later he worked at the Kessler University in its Faculty of Medicine.")
        #expect(found.contains("Department of Physiology partOf Norrland University"))
        #expect(found.contains("Faculty of Medicine partOf Kessler University"))
    }

    @Test func cellsDerivedFromAndExpressing() throws {
        let found = try facts("The neurons were derived from fibroblasts. Neurons expressing Sox2 survived in patients with Parkinson's disease.")
        #expect(found.contains("neuron derivedFrom fibroblast"))
        #expect(found.contains("neuron hasMarker Sox2"))
    }

    @Test func aNegationOrAClauseBoundaryStopsATrigger() throws {
        let negated = try facts("The neurons were not derived from fibroblasts.")
        #expect(!negated.contains("neuron derivedFrom fibroblast"))
        let lacking = try facts("The neurons lack expression of Sox2.")
        #expect(!lacking.contains("neuron hasMarker Sox2"))
        let boundary = try facts("Maria Lindqvist stayed in Sweden; the Norrland Institute of Cell Biology joined a network.")
        #expect(!boundary.contains("Maria Lindqvist affiliatedWith Norrland Institute of Cell Biology"))
    }

    @Test func aPassiveVerbAfterAnAppositionHasTheSentenceSubject() throws {
        let found = try facts("The Norrland Institute of Cell Biology, located within Uppsala University, is funded by the Wallenberg Foundation.")
        #expect(found.contains("Norrland Institute of Cell Biology fundedBy Wallenberg Foundation"))
        #expect(!found.contains("Uppsala University fundedBy Wallenberg Foundation"))
    }

    @Test func listsShareTheRelationAndSkipTheirPlaces() throws {
        let found = try facts("Maria Lindqvist was a postdoctoral fellow at the Norrland Institute of Cell Biology, Stockholm, and Uppsala University.")
        #expect(found.contains("Maria Lindqvist affiliatedWith Norrland Institute of Cell Biology"))
        #expect(found.contains("Maria Lindqvist affiliatedWith Uppsala University"))
    }

    @Test func aPronounInsideANameIsNoMention() throws {
        // Once crashed the trigger stage: in "led by William M. He then became …" the name pattern
        // reads "William M. He", and the pronoun "He" inside it became a second, overlapping mention.
        let text = "Maria Lindqvist founded the company. It was led from 2005 to late 2010 by William M. He then became a fellow at Uppsala University, Stockholm and the Norrland Institute of Cell Biology."
        let document = try TestSupport.run(text, through: "trigger-relations", context: TestSupport.context(lexicon: Self.entries))
        for (index, mention) in document.mentions.enumerated() {
            #expect(!document.mentions[(index + 1)...].contains { $0.range.overlaps(mention.range) }, "\(mention.canonicalLabel) overlaps another mention")
        }
    }

    @Test func listItemsUnderAHeadingRelateToWhatTheTitleNames() throws {
        let text = "= Maria Lindqvist =\n\nMaria Lindqvist is a Swedish neuroscientist.\n\n== Awards and honours ==\n- 2007 Kessler Prize\n- 2013 Norrland Medal\n\n== Family ==\n- 2015 Stockholm Prize\n"
        let found = try facts(text)
        #expect(found.contains("Maria Lindqvist receivedAward Kessler Prize"))
        #expect(found.contains("Maria Lindqvist receivedAward Norrland Medal"))
        // Under a heading with no trigger, a list states nothing.
        #expect(!found.contains("Maria Lindqvist receivedAward Stockholm Prize"))
    }

    @Test func aFieldModifyingTheKindOfOrganisation() throws {
        let entries = Self.entries + [TestSupport.entry("regenerative medicine", "Topic")]
        let document = try TestSupport.run("Norrland Cell Therapeutics is an Australian regenerative medicine company based in Stockholm.",
                                           through: "trigger-relations", context: TestSupport.context(lexicon: entries))
        let found = document.relations.map { "\(document.entities[$0.subject].preferredLabel) \($0.property) \($0.object)" }
        #expect(document.relations.contains { $0.property == "researchFocus" && document.entities[$0.subject].preferredLabel == "Norrland Cell Therapeutics" }, "\(found)")
    }

    @Test func aPlaceNameInsideAPersonsNameIsTheName() throws {
        let entries = Self.entries + [TestSupport.entry("Elizabeth", "City"), TestSupport.entry("Magdalena", "Region")]
        let document = try TestSupport.run("It was founded by Mary Elizabeth Bunzel in 2005. Magdalena Lindqvist joined it. Elizabeth is a city.",
                                           through: "resolution", context: TestSupport.context(lexicon: entries))
        let people = Set(document.entities.filter { $0.entityClass == "Person" }.map(\.preferredLabel))
        #expect(people.contains("Mary Elizabeth Bunzel"))
        #expect(people.contains("Magdalena Lindqvist"))
        // On its own the place is still a place.
        #expect(document.entities.contains { $0.preferredLabel == "Elizabeth" && $0.entityClass == "City" })
    }

    @Test func aPartnershipBetweenTwoOrganisations() throws {
        let found = try facts("The trial is a partnership between Norrland Cell Therapeutics and Uppsala University.")
        #expect(found.contains("Norrland Cell Therapeutics collaboratesWith Uppsala University"), "\(found)")
    }

    @Test func theProvenanceNamesTheTrigger() throws {
        let document = try TestSupport.run("Maria Lindqvist was recruited by Uppsala University.", through: "trigger-relations",
                                           context: TestSupport.context(lexicon: Self.entries))
        let relation = try #require(document.relations.first { $0.property == "affiliatedWith" })
        #expect(relation.provenance.stage == "trigger-relations")
        #expect(relation.provenance.rule == "affiliatedWith.employed-by")
        #expect(relation.provenance.confidence > 0 && relation.provenance.confidence <= 1)
    }

    @Test func anAsideThatNamesNothingNewIsReadPast() throws {
        // An abbreviation of the name before it, or years, stand outside the sentence's grammar.
        let found = try facts("""
            Erik Karlsson worked with Professor Arthur Nienhuis (1983-1986) at the Norrland Heart Institute (NHI) at Uppsala University.
            """, through: "trigger-relations")
        #expect(found.contains("Arthur Nienhuis affiliatedWith Norrland Heart Institute"), "\(found)")
        #expect(found.contains("Norrland Heart Institute partOf Uppsala University"), "\(found)")
        // An aside that names a place says something: the words around it do not join.
        let place = try facts("Arthur Nienhuis (Stockholm) at the Norrland Heart Institute spoke first.")
        #expect(!place.contains("Arthur Nienhuis affiliatedWith Norrland Heart Institute"), "\(place)")
    }

    @Test func aChainOfEverLargerUnitsIsContainment() throws {
        let found = try facts("""
            Erik Karlsson served as chief of the Molecular Genetics Section, Developmental and Metabolic Biology Branch, Norrland Heart Institute, Uppsala University.
            """)
        #expect(found.contains("Molecular Genetics Section partOf Developmental and Metabolic Biology Branch"), "\(found)")
        #expect(found.contains("Developmental and Metabolic Biology Branch partOf Norrland Heart Institute"), "\(found)")
        #expect(found.contains("Norrland Heart Institute partOf Uppsala University"), "\(found)")
        #expect(found.contains("Molecular Genetics Section ledBy Erik Karlsson"), "\(found)")
        // The larger units are not further sections he led.
        #expect(!found.contains("Developmental and Metabolic Biology Branch ledBy Erik Karlsson"), "\(found)")
        // A list joined by "and" is a list, whatever the order of its units.
        let list = try facts("Maria Lindqvist has worked at the Norrland Heart Institute, Uppsala University and Kessler College.")
        #expect(!list.contains("Norrland Heart Institute partOf Uppsala University"), "\(list)")
    }

    @Test func whoeverWorksInAUnitWorksForWhatItIsPartOf() throws {
        let found = try facts("Erik Karlsson is a professor in the Department of Cell Biology, Uppsala University.")
        #expect(found.contains("Erik Karlsson affiliatedWith Department of Cell Biology"), "\(found)")
        #expect(found.contains("Erik Karlsson affiliatedWith Uppsala University"), "\(found)")
        // Only where one sentence joins them: a unit said elsewhere to be part of it carries nothing.
        let apart = try facts("The Department of Cell Biology is part of Uppsala University. Erik Karlsson is a professor in the Department of Cell Biology.")
        #expect(!apart.contains("Erik Karlsson affiliatedWith Uppsala University"), "\(apart)")
    }

    @Test func aSecondTitleAfterAndHasTheFirstOnesHolder() throws {
        let found = try facts("Maria Lindqvist is a member of the Norrland Academy of Sciences and a fellow of the Kessler Society.")
        #expect(found.contains("Maria Lindqvist affiliatedWith Kessler Society"), "\(found)")
        #expect(!found.contains("Norrland Academy of Sciences affiliatedWith Kessler Society"), "\(found)")
        // Other people's posts: "researchers from X" are not the subject's.
        let others = try facts("Erik Karlsson, who heads the Norrland Heart Institute, met researchers from Uppsala University.")
        #expect(!others.contains("Erik Karlsson affiliatedWith Uppsala University"), "\(others)")
    }

    @Test func aBiographysPronounsAreItsSubject() throws {
        let found = try facts("""
            = Maria Lindqvist =

            Maria Lindqvist is a biologist. The cells were first isolated by Erik Karlsson. She is a researcher at Uppsala University.
            """)
        #expect(found.contains("Maria Lindqvist affiliatedWith Uppsala University"), "\(found)")
        #expect(!found.contains("Erik Karlsson affiliatedWith Uppsala University"), "\(found)")
    }

    @Test func theCompanyIsTheOneTheTextIsAbout() throws {
        let found = try facts("""
            = Norrland Cell Therapeutics =

            Norrland Cell Therapeutics is a biotechnology company. In 2015 it was bought by Kessler Pharmaceuticals. The company is headquartered in Stockholm.
            """)
        #expect(found.contains("Norrland Cell Therapeutics locatedIn Stockholm"), "\(found)")
        #expect(!found.contains("Kessler Pharmaceuticals locatedIn Stockholm"), "\(found)")
    }

    @Test func aTitleNoOrganisationOwnsIsAPostAtTheOneTheTextIsAbout() throws {
        let found = try facts("""
            = Norrland Stem Cell Network =

            The Norrland Stem Cell Network is a research network. Scientific leadership is provided by the Scientific Director, Dr. Maria Lindqvist. \
            In 2007, Erik Karlsson, formerly a professor at Uppsala University, took over as CEO.
            """)
        #expect(found.contains("Norrland Stem Cell Network ledBy Maria Lindqvist"), "\(found)")
        #expect(found.contains("Norrland Stem Cell Network ledBy Erik Karlsson"), "\(found)")
        // A title another organisation in the sentence owns is not a post at the text's subject.
        let owned = try facts("""
            = Norrland Stem Cell Network =

            The Norrland Stem Cell Network is a research network. Erik Karlsson joined Uppsala University as director.
            """)
        #expect(!owned.contains("Norrland Stem Cell Network ledBy Erik Karlsson"), "\(owned)")
    }

    @Test func aPostInAFieldIsAResearchFocusAndStillAnAffiliation() throws {
        let entries = Self.entries + [TestSupport.entry("immunology", "Topic"), TestSupport.entry("biology", "Topic")]
        let document = try TestSupport.run("""
            Maria Lindqvist is a doctor and researcher in biology. She became Professor of Immunology at Uppsala University in 1991.
            """, through: "trigger-relations", context: TestSupport.context(lexicon: entries))
        let found = Set(document.relations.compactMap { relation -> String? in
            guard case let .entity(object) = relation.object else { return nil }
            return "\(document.entities[relation.subject].preferredLabel) \(relation.property) \(document.entities[object].preferredLabel)"
        })
        #expect(found.contains("Maria Lindqvist researchFocus biology"), "\(found)")
        #expect(found.contains("Maria Lindqvist researchFocus immunology"), "\(found)")
        // "Professor" inside the longer "Professor of" still states the post at the university.
        #expect(found.contains("Maria Lindqvist affiliatedWith Uppsala University"), "\(found)")
    }

    @Test func aTitleNamingAPersonWithoutTheMiddleNameIsThatPerson() throws {
        let document = try TestSupport.run("""
            = Erik Karlsson =

            Erik Karlsson
            - Fields: Biophysics

            Erik Gustav Karlsson (born 1931) was a Swedish biophysicist.
            """, through: "key-value-relations", context: TestSupport.context(lexicon: Self.entries + [TestSupport.entry("biophysics", "Topic")]))
        let found = document.relations.map { "\(document.entities[$0.subject].preferredLabel) \($0.property)" }
        #expect(found.contains("Erik Gustav Karlsson researchFocus"), "\(found)")
    }

    @Test func aVerbWithNoSubjectInATextAboutAnOrganisationIsSaidOfIt() throws {
        let found = try facts("""
            = Norrland Stem Cell Network =

            The Norrland Stem Cell Network is a research network. The research team was funded by the Kessler Foundation.
            """)
        #expect(found.contains("Norrland Stem Cell Network fundedBy Kessler Foundation"), "\(found)")
        // A headline that merely names an organisation does not make the text about it.
        let news = try facts("""
            Ground Broken for New Norrland Stem Cell Network

            The research team was funded by the Kessler Foundation.
            """)
        #expect(!news.contains("Norrland Stem Cell Network fundedBy Kessler Foundation"), "\(news)")
    }

    @Test func attendingAUniversityAndTherapiesForKindsOfDisease() throws {
        let found = try facts("Maria Lindqvist attended Uppsala University. Maria Lindqvist never attended the Kessler College of Medicine.", through: "trigger-relations")
        #expect(found.contains("Maria Lindqvist affiliatedWith Uppsala University"), "\(found)")
        #expect(!found.contains("Maria Lindqvist affiliatedWith Kessler College of Medicine"), "\(found)")
        let entries = Self.entries + [TestSupport.entry("stem cell treatment", "Method"), TestSupport.entry("osteoporosis", "Disease"), TestSupport.entry("arthritis", "Disease")]
        let document = try TestSupport.run("Novartis develops stem cell treatments for bone disorders, such as osteoporosis and arthritis.",
                                           through: "sentence-relations", context: TestSupport.context(lexicon: entries))
        let treats = document.relations.filter { $0.property == "treats" }.compactMap { relation -> String? in
            guard case let .entity(object) = relation.object else { return nil }
            return document.entities[object].preferredLabel
        }
        // "bone disorders" names a group of diseases (phrase-patterns disease-group), which the
        // treatments are for, as are its members after "such as".
        #expect(Set(treats) == ["bone disorder", "osteoporosis", "arthritis"], "\(treats)")
    }
}
