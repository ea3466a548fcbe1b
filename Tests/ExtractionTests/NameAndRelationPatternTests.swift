import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

@Suite struct NamePatternQualityTests {
    static let entries = TestSupport.defaultEntries + [
        TestSupport.entry("Gyeonggi", "Region", ["Gyeonggi Province"]), TestSupport.entry("George", "City"),
        TestSupport.entry("human embryonic stem cell research", "Topic"), TestSupport.entry("clinical research", "Topic"),
        TestSupport.entry("cell therapy", "Method"),
    ]

    func mentions(_ marked: MarkedText, through stage: String = "headline-names") throws -> [(TextRange, String)] {
        let document = try TestSupport.run(marked.plain, through: stage, context: TestSupport.context(lexicon: Self.entries))
        return document.mentions.map { ($0.range, $0.candidateClass) }
    }

    /// Expects exactly the marked mentions, with their classes.
    func expectMentions(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let marked = MarkedText(text)
        let found = try mentions(marked)
        #expect(found.map(\.0) == marked.spans.map(\.range), sourceLocation: sourceLocation)
        #expect(found.map(\.1) == marked.spans.map(\.tag), sourceLocation: sourceLocation)
    }

    @Test func peopleWithInitialsAndHyphenatedNames() throws {
        try expectMentions("Restrictions by President [George W. Bush](Person) were criticised. [Alireza Shoae-Hassani](Person) said so.")
    }

    @Test func surnamesWithASecondCapital() throws {
        try expectMentions("Till worked with [Ernest McCulloch](Person) in 1958. The talk by [Sean O'Brien](Person) was long. Dr. [Anna MacDonald](Person) joined. The iPhone team met.")
    }

    @Test func governmentsAndProgrammePhrases() throws {
        let marked = MarkedText("""
        The [Chinese government](GovernmentAgency) and the [government of the People's Republic of China](GovernmentAgency) issued [ethical guidelines for human embryonic stem cell research](Program) and new [regulations on clinical research for cell therapy](Program).
        """)
        let found = try mentions(marked)
        #expect(found.map(\.0) == marked.spans.map(\.range))
        #expect(found.map(\.1) == marked.spans.map(\.tag))
    }

    @Test func organisationBeforeAPlaceAndCityBeforeARegion() throws {
        try expectMentions("He works at the [Sooam Bioengineering Research Institute](ResearchInstitute) in [Yongin](City), [Gyeonggi Province](Region), and won the [Nobel Prize in Physiology or Medicine](Award).")
    }

    @Test func aTwoWordNameBeforeARegionIsAPlace() throws {
        try expectMentions("She moved to the [Salk Research Institute](ResearchInstitute) ([La Jolla](City), [Gyeonggi](Region)) and met [Anna Berg](Person).")
    }

    @Test func namesJoinedByAndAreTwoUnlessAHeadWordMakesThemOne() throws {
        try expectMentions("Written by [Lars Bolund](Person) and [Yonglun Luo](Person) at the [Stem Cell and Gene Therapy Center](ResearchInstitute).")
    }

    @Test func aFieldBeforeAnOrganisationIsNotPartOfItsName() throws {
        try expectMentions("She was Director of Cardiology of [Kessler University](University) until 2001.")
    }

    @Test func cellTypeTherapiesAndTitleCaseGeneSymbols() throws {
        let context = try TestSupport.context(lexicon: Self.entries + [TestSupport.entry("KLF4", "Gene")])
        let marked = MarkedText("[Hepatocyte transplants](Method) are used to treat [thalassemia](Disease); [Klf4](Gene) and [Oct4](Gene) help.")
        let document = try TestSupport.run(marked.plain, through: "phrase-patterns", context: context)
        #expect(document.mentions.map(\.range) == marked.spans.map(\.range))
        #expect(document.mentions.map(\.candidateClass) == marked.spans.map(\.tag))
        #expect(document.mentions.first?.canonicalLabel == "hepatocyte transplant")
    }

    @Test func headlinesRepeatNamesFoundInTheBody() throws {
        let marked = MarkedText("""
        Lund Scientist Wins [Kyoto Prize](Award) For Stem Cell Work

        The [Kyoto Prize](Award) is an award.
        """)
        let found = try mentions(marked)
        #expect(found.map(\.0) == marked.spans.map(\.range))
        #expect(found.map(\.1) == marked.spans.map(\.tag))
    }

    @Test func aPersonOfAPlaceOrOrganisationIsTwoNames() throws {
        // A person's name, then where the person works or lives: two names, not one organisation.
        try expectMentions("She met [Anna Berg](Person) of [Uppsala University](University). He worked with [Gary Lindqvist](Person) in [Shanghai](City).")
        // A connector inside an organisation's name, or before no place, keeps the run together.
        try expectMentions("Results were shown at the [Karolinska Institute of Cell Biology](ResearchInstitute). Molecular Therapy in October was late.")
    }

    @Test func aKnownNameInsideALongerNameStaysInIt() throws {
        let entries = Self.entries + [TestSupport.entry("New York", "Region"), TestSupport.entry("burn", "Disease", ["burns"])]
        let marked = MarkedText("The [New York Genome Foundation](Organization) was founded by [James Burns](Person). Patients with [burns](Disease) came.")
        let document = try TestSupport.run(marked.plain, through: "headline-names", context: TestSupport.context(lexicon: entries))
        #expect(document.mentions.map(\.range) == marked.spans.map(\.range))
        #expect(document.mentions.map(\.candidateClass) == marked.spans.map(\.tag))
    }

    @Test func whatASentenceSaysANameIsRefinesAGeneralClass() throws {
        let document = try TestSupport.run("""
            The Lindqvist Genome Foundation, or LGF, is an American non-profit research institute. The Berg Foundation is a charity.
            """, through: "resolution", context: TestSupport.context(lexicon: Self.entries))
        let classes = Dictionary(document.entities.map { ($0.preferredLabel, $0.entityClass) }, uniquingKeysWith: { first, _ in first })
        #expect(classes["Lindqvist Genome Foundation"] == "ResearchInstitute", "\(classes)")
        #expect(classes["Berg Foundation"] == "Organization", "\(classes)")
    }

    @Test func aFieldNarrowedByAModifierIsOneField() throws {
        let entries = Self.entries + [TestSupport.entry("immunology", "Topic")]
        let document = try TestSupport.run("She is a professor of pediatric immunology. Immunology is a field.", through: "phrase-patterns",
                                           context: TestSupport.context(lexicon: entries))
        let topics = document.mentions.filter { $0.candidateClass == "Topic" }.map { document.document.text(in: $0.range) }
        #expect(topics == ["pediatric immunology", "Immunology"], "\(topics)")
    }

    @Test func acronymUsesKeepTheirWholeForm() throws {
        let marked = MarkedText("Cells known as [induced pluripotent stem cells](CellType) ([IPS cells](CellType)) work. The [IPS cells](CellType) grew.")
        let found = try mentions(marked, through: "acronyms")
        #expect(found.map(\.0) == marked.spans.map(\.range))
    }
}

@Suite struct RelationPatternQualityTests {
    func facts(_ text: String, entries: [LexiconEntry] = TestSupport.defaultEntries) throws -> Set<String> {
        let document = try TestSupport.run(text, through: "sentence-relations", context: TestSupport.context(lexicon: entries))
        return Set(document.relations.compactMap { relation -> String? in
            guard case let .entity(object) = relation.object else { return nil }
            return "\(document.entities[relation.subject].preferredLabel) \(relation.property) \(document.entities[object].preferredLabel)"
        })
    }

    @Test func theVerbBelongsToTheHeadOfAPrepositionalPhrase() throws {
        let found = try facts("The Lund Stem Cell Bank was set up. The establishment of the bank at the Malmo Standards Institute (MSI) was funded by the Swedish Research Council (SRC) and the Nordic Science Council.")
        #expect(found.contains("Lund Stem Cell Bank fundedBy Swedish Research Council"))
        #expect(found.contains("Lund Stem Cell Bank fundedBy Nordic Science Council"))
        #expect(found.contains("Lund Stem Cell Bank partOf Malmo Standards Institute"))
        #expect(!found.contains("Malmo Standards Institute fundedBy Swedish Research Council"))
    }

    @Test func placeListsAreNotContainmentChains() throws {
        let found = try facts("China has several banks in places including Shanghai, Guangdong, and Tianjin. The office is in Shanghai, Guangdong, China.")
        #expect(found.isSuperset(of: ["Shanghai partOf China", "Guangdong partOf China", "Tianjin partOf China"]))
        #expect(!found.contains("Guangdong partOf Tianjin"))
        #expect(found.contains("Shanghai partOf Guangdong"))
    }

    @Test func pronounsAndCoordinatedSubjects() throws {
        let found = try facts("Anna Berg is a Swedish biologist. She was a professor of stem cell research at Lund University. The Swedish Ministry of Science and Technology and Ministry of Health issued official ethical guidelines for stem cell research.")
        #expect(found.contains("Anna Berg affiliatedWith Lund University"))
        #expect(found.contains("Anna Berg researchFocus stem cell research"))
        #expect(found.contains("ethical guidelines for stem cell research regulatedBy Swedish Ministry of Science and Technology"))
        #expect(found.contains("ethical guidelines for stem cell research regulatedBy Ministry of Health"))
    }

    @Test func aKindOfPhraseNamesTheSubject() throws {
        let entries = TestSupport.defaultEntries + [
            TestSupport.entry("stem cell treatment", "Method"), TestSupport.entry("cell therapy", "Method"), TestSupport.entry("cancer", "Disease"),
        ]
        let found = try facts("Stem cell treatments are a type of cell therapy that introduce new cells into adult bodies for possible treatment of cancer.", entries: entries)
        #expect(found == ["stem cell treatment treats cancer"])
    }

    @Test func therapiesListedAfterTheDiseaseTreatIt() throws {
        let entries = TestSupport.defaultEntries + [
            TestSupport.entry("wet AMD", "Disease"), TestSupport.entry("laser photocoagulation", "Method"), TestSupport.entry("photodynamic therapy", "Method"),
        ]
        let found = try facts("Wet AMD, which is characterized by neovascular formation, can be stabilized by currently available therapies, including laser photocoagulation, photodynamic therapy, or a combination.", entries: entries)
        #expect(found == ["laser photocoagulation treats wet AMD", "photodynamic therapy treats wet AMD"])
    }
}
