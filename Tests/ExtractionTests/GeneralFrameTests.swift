import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

/// The round-2 frames: organisation names in hyphenated modifiers, fields after "professor of",
/// author lines next to a citation, and general relation frames (forbid, "programs at", "cells from").
@Suite struct GeneralFrameTests {
    static let entries = TestSupport.defaultEntries + [
        TestSupport.entry("Pfizer", "Company"), TestSupport.entry("National Institutes of Health", "GovernmentAgency", ["NIH"]),
        TestSupport.entry("biotechnology", "Topic"), TestSupport.entry("Journal of Stem Cell Biology", "Journal"),
        TestSupport.entry("NT5C2", "Gene", ["GMP"]), TestSupport.entry("Good Manufacturing Practice", "Program", ["GMP"]),
        TestSupport.entry("iPSC research", "Topic"), TestSupport.entry("retinal pigment epithelium", "CellType", ["RPE"]),
        TestSupport.entry("pluripotent cell", "CellType"), TestSupport.entry("reproductive cloning", "Method"),
    ]

    func mentions(_ marked: MarkedText, through stage: String = "headline-names") throws -> AnnotatedDocument {
        try TestSupport.run(marked.plain, through: stage, context: TestSupport.context(lexicon: Self.entries))
    }

    func facts(_ text: String, through stage: String = "sentence-relations") throws -> Set<String> {
        let document = try TestSupport.run(text, through: stage, context: TestSupport.context(lexicon: Self.entries))
        return Set(document.relations.compactMap { relation -> String? in
            guard case let .entity(object) = relation.object else { return nil }
            return "\(document.entities[relation.subject].preferredLabel) \(relation.property) \(document.entities[object].preferredLabel)"
        })
    }

    @Test func organisationNamesInsideHyphenatedModifiers() throws {
        let marked = MarkedText("They used [Pfizer](Company)-derived vectors and [NIH](GovernmentAgency)-funded labs, not iPSC-derived ones.")
        let document = try mentions(marked, through: "lexicon")
        #expect(document.mentions.map(\.range) == marked.spans.map(\.range))
        #expect(document.mentions.map(\.candidateClass) == marked.spans.map(\.tag))
        #expect(document.mentions.first?.provenance.rule == "lexicon-hyphenated-modifier:Company")
    }

    @Test func aGeneAliasLosesToAnotherReading() throws {
        let marked = MarkedText("Cells are made to the [GMP](Program) standard.")
        let document = try mentions(marked, through: "lexicon")
        #expect(document.mentions.map(\.range) == marked.spans.map(\.range))
        #expect(document.mentions.map(\.candidateClass) == marked.spans.map(\.tag))
    }

    @Test func fieldsAfterAProfessorCue() throws {
        let marked = MarkedText("He was a professor of [theriogenology](Topic) and [biotechnology](Topic) at [Seoul National University](University), and later professor of [anatomy](Topic).")
        let document = try mentions(marked)
        #expect(document.mentions.map(\.range) == marked.spans.map(\.range))
        #expect(document.mentions.map(\.candidateClass) == marked.spans.map(\.tag))
        #expect(document.mentions.first?.canonicalLabel == "theriogenology")
    }

    @Test func fieldsAfterAFieldOrPioneerCue() throws {
        let marked = MarkedText("He is a pioneer of [xenobiology](Topic) and works in the fields of [glycobiology](Topic) and [protein folding](Topic), and she specializes in [theriogenology](Topic).")
        let document = try mentions(marked)
        #expect(document.mentions.map(\.range) == marked.spans.map(\.range))
        #expect(document.mentions.map(\.candidateClass) == marked.spans.map(\.tag))
    }

    @Test func authorLinesNextToACitation() throws {
        let text = """
        A study of cells

        Journal of Stem Cell Biology. 2021 Mar 3;10:12.

        Maria Lopez, Jan Kowalski, Ahmed Hassan, et al.

        Abstract

        Maria Lopez and Jan Kowalski met in Lund.
        """
        let found = try facts(text, through: "citation-authors")
        #expect(found == [
            "Maria Lopez publishedIn Journal of Stem Cell Biology", "Jan Kowalski publishedIn Journal of Stem Cell Biology",
            "Ahmed Hassan publishedIn Journal of Stem Cell Biology",
        ])
    }

    @Test func aSentenceNamingPeopleIsNoAuthorLine() throws {
        let text = """
        Journal of Stem Cell Biology. 2021 Mar 3;10:12.

        Maria Lopez and Jan Kowalski met in Lund.
        """
        #expect(try facts(text, through: "citation-authors").isEmpty)
    }

    @Test func generalRelationFrames() throws {
        let found = try facts("""
        The ethical guidelines for stem cell research strictly forbid any research aimed at human reproductive cloning. \
        China built world-class iPSC research programs at the Lund Stem Cell Institute, Malmo Cell Center, and other places. \
        Recent work allowed the generation of RPE cells from human pluripotent cells. \
        Maria Lopez, MD, PhD, of the Lund Stem Cell Institute, spoke.
        """)
        #expect(found.contains("reproductive cloning regulatedBy ethical guidelines for stem cell research"))
        #expect(found.contains("Lund Stem Cell Institute researchFocus iPSC research"))
        #expect(found.contains("Malmo Cell Center researchFocus iPSC research"))
        #expect(found.contains("retinal pigment epithelium derivedFrom pluripotent cell"))
        #expect(found.contains("Maria Lopez affiliatedWith Lund Stem Cell Institute"))
    }
}
