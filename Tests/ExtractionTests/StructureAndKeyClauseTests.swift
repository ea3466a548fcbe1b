import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

@Suite struct InlineKeyClauseTests {
    @Test func splitsAnFAQAnswerIntoKeyClauses() throws {
        let marked = MarkedText("[How are stem cells made?](question) [Overview:](heading) [Methods: viral delivery (old; risky); plasmids](keyValue); [Markers: OCT4, SOX2.](keyValue)")
        let document = try TestSupport.run(marked.plain, through: "structure", context: TestSupport.context())
        #expect(document.sections.map(\.kind.rawValue) == marked.spans.map(\.tag))
        #expect(document.sections.map(\.range) == marked.spans.map(\.range))
        let values = document.sections.compactMap(\.value).map { document.document.text(in: $0) }
        #expect(values == ["viral delivery (old; risky); plasmids", "OCT4, SOX2"])
    }

    @Test func leavesProseWithOneColonAlone() throws {
        let document = try TestSupport.run("The result: a new cell line, made in Shanghai.", through: "structure", context: TestSupport.context())
        #expect(document.sections.map(\.kind) == [.paragraph])
    }

    @Test func semicolonsInsideParenthesesDoNotSplitSentences() throws {
        let marked = MarkedText("[Sendai virus (RNA virus; non-integrating) is used; ][plasmids are not.]")
        let document = try TestSupport.run(marked.plain, through: "sentences", context: TestSupport.context())
        let texts = document.sentences.map { document.document.text(in: $0.range) }
        #expect(texts == ["Sendai virus (RNA virus; non-integrating) is used;", "plasmids are not."])
    }

    @Test func questionSubjectTakesTheKeyClauseValues() throws {
        let context = try TestSupport.context(lexicon: TestSupport.defaultEntries + [
            TestSupport.entry("lentiviral transduction", "Method"), TestSupport.entry("retroviral transduction", "Method"),
            TestSupport.entry("cardiomyocyte", "CellType"), TestSupport.entry("SSEA-4", "Biomarker"),
        ])
        let text = "What are induced pluripotent stem cells? Basics: reprogramming methods: retroviral/lentiviral transduction (original method; integrating); episomal plasmid delivery (non-integrating); Characterization criteria: pluripotency marker expression (OCT4, SSEA-4); karyotype analysis; Differentiation potential: hepatocytes, cardiomyocytes."
        let document = try TestSupport.run(text, through: "sentence-relations", context: context)
        let facts = Set(document.relations.compactMap { relation -> String? in
            guard case let .entity(object) = relation.object else { return nil }
            return "\(document.entities[relation.subject].preferredLabel) \(relation.property) \(document.entities[object].preferredLabel)"
        })
        #expect(facts.isSuperset(of: [
            "induced pluripotent stem cell producedBy retroviral transduction",
            "induced pluripotent stem cell producedBy lentiviral transduction",
            "induced pluripotent stem cell producedBy episomal plasmid delivery",
            "induced pluripotent stem cell hasMarker Oct4", "induced pluripotent stem cell hasMarker SSEA-4",
            "induced pluripotent stem cell differentiatesInto hepatocyte", "induced pluripotent stem cell differentiatesInto cardiomyocyte",
        ]))
        // The note in parentheses names markers, so "pluripotency marker expression" is no method.
        #expect(!document.entities.contains { $0.preferredLabel == "pluripotency marker expression" })
        let retroviral = try #require(document.entities.first { $0.preferredLabel == "retroviral transduction" })
        #expect(retroviral.altLabels == ["retroviral/lentiviral transduction"])
    }
}

@Suite struct KeyValueMentionTests {
    @Test func aPlaceBeforeItsRegionIsACity() throws {
        let marked = MarkedText("""
        = Lund Society =

        - Headquarters: [Evanston](City), [Guangdong](Region), [China](Country)
        """)
        let document = try TestSupport.run(marked.plain, through: "key-value-mentions", context: TestSupport.context())
        let found = document.mentions.filter { $0.range.lowerBound > 20 }
        #expect(found.map(\.range) == marked.spans.map(\.range))
        #expect(found.map(\.candidateClass) == marked.spans.map(\.tag))
    }

    @Test func degreesAfterANameAreNotPeople() throws {
        let marked = MarkedText("""
        = Lund Society =

        - Key People: [Derrick J. Rossi](Person), PhD; [Robert Lanza](Person), M.D.: Chief Scientific Officer
        """)
        let document = try TestSupport.run(marked.plain, through: "key-value-mentions", context: TestSupport.context())
        let found = document.mentions.filter { $0.range.lowerBound > 20 }
        #expect(found.map(\.range) == marked.spans.map(\.range))
        #expect(found.map(\.candidateClass) == marked.spans.map(\.tag))
    }

    @Test func numberedInfoboxKeysUseTheirRule() throws {
        let rules = try TestSupport.context().rules
        #expect(rules.keyRule("Leader Name2")?.property == "ledBy")
        #expect(rules.keyRule("groundbreaking discovery")?.property == "discoveredBy")
        #expect(rules.keyRule("Leader Title") == nil)
    }
}

@Suite struct JournalContextTests {
    @Test func journalTitlesNeedAPublicationContext() throws {
        let context = try TestSupport.context(lexicon: TestSupport.defaultEntries + [
            TestSupport.entry("Science", "Journal"), TestSupport.entry("Focus", "Journal"), TestSupport.entry("Stem Cell Research & Therapy", "Journal"),
        ])
        let marked = MarkedText("Nature of Science matters. Focus groups met. It appeared in the journals [Nature](Journal) and [Science](Journal). See [Stem Cell Research & Therapy](Journal). Chinese teams publishing in [Nature](Journal), [Science](Journal), and [Cell Stem Cell](Journal).")
        let document = try TestSupport.run(marked.plain, through: "lexicon", context: context)
        #expect(document.mentions.map(\.range) == marked.spans.map(\.range))
        #expect(document.mentions.map(\.candidateClass) == marked.spans.map(\.tag))
    }

    @Test func aCitationLineIsAPublicationContextAcrossItsPeriod() throws {
        let context = try TestSupport.context(lexicon: TestSupport.defaultEntries + [
            TestSupport.entry("Frontiers in Molecular Neuroscience", "Journal"), TestSupport.entry("Focus", "Journal"),
        ])
        // The period after the title ends a sentence; the year after it is in the next one.
        let marked = MarkedText("[Frontiers in Molecular Neuroscience](Journal). 2017 Oct 30;10:348.\n\nFocus. Groups met in 2017.")
        let document = try TestSupport.run(marked.plain, through: "lexicon", context: context)
        #expect(document.mentions.map(\.range) == marked.spans.map(\.range))
        #expect(document.mentions.map(\.candidateClass) == marked.spans.map(\.tag))
    }

    @Test func mixedCaseNamesEndingInANounMatchInThePlural() {
        let lexicon = Lexicon(entries: [TestSupport.entry("natural killer cell", "CellType", ["NK cell"]), TestSupport.entry("T cell", "CellType")])
        let found = lexicon.matches(in: ["T", "cells", "and", "NK", "cells", "but", "t", "cells"])
        #expect(found.map(\.tokens) == [0..<2, 3..<5])
    }
}

@Suite struct StructureWordCountTests {
    /// The word count that tells headings from prose is `split(separator: " ")`'s, made without
    /// the words, including where a space and a combining mark form one character.
    @Test(arguments: ["", " ", "one", "  two  words ", "a b c d e f g", "tab\tis not a separator",
                      "Café  de   Flore", "x \u{301}y", "\u{301} lead", "trail \u{301}", "日本 語  テキスト", "e\u{301} a"])
    func countsAsSplitDoes(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        #expect(StructureStage.spaceSeparatedWordCount(scalars[...], text: text) == text.split(separator: " ").count)
    }
}

@Suite struct TherapyLabelTests {
    /// A therapy label ends in the singular when its last word is a plural therapy head, and only then.
    @Test func singularLastHead() {
        let heads: Set<String> = ["therapy", "therapies", "transplant", "transplants", "infusion", "infusions"]
        #expect(PhrasePatternStage.singularLastHead("gene therapies", heads: heads) == "gene therapy")
        #expect(PhrasePatternStage.singularLastHead("stem cell transplants", heads: heads) == "stem cell transplant")
        #expect(PhrasePatternStage.singularLastHead("infusions", heads: heads) == "infusion")
        #expect(PhrasePatternStage.singularLastHead("gene therapy", heads: heads) == "gene therapy")
        #expect(PhrasePatternStage.singularLastHead("sequence analysis", heads: heads) == "sequence analysis")
        #expect(PhrasePatternStage.singularLastHead("", heads: heads) == "")
    }
}
