import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

/// General noun-phrase and clause grammar the name, phrase and relation stages read: appositions,
/// compound names of cell types, methods and disease groups, names of people and institutions from
/// several languages, and triggers that do not apply in the passive voice or before a clause. The
/// texts are made up: names no lexicon or rule lists.
@Suite struct GeneralGrammarTests {
    static let entries = TestSupport.defaultEntries + [
        TestSupport.entry("mesenchymal stem cell", "CellType", ["mesenchymal stromal cell"]), TestSupport.entry("stem cell", "CellType"),
        TestSupport.entry("neural stem cell", "CellType"), TestSupport.entry("retinal pigment epithelium", "CellType", ["RPE cell"]),
        TestSupport.entry("hematopoietic stem cell transplantation", "Method"), TestSupport.entry("multiple sclerosis", "Disease"),
        TestSupport.entry("limbal stem cell deficiency", "Disease"), TestSupport.entry("Boston", "City"),
        TestSupport.entry("Massachusetts", "Region"),
        LexiconEntry(label: "ABCB5", altLabels: [], entityClass: "Gene", wikidata: nil, extra: [:]),
    ]

    func run(_ text: String, through stage: String = "trigger-relations") throws -> AnnotatedDocument {
        try TestSupport.run(text, through: stage, context: TestSupport.context(lexicon: Self.entries))
    }

    func names(_ document: AnnotatedDocument) -> [String: String] {
        Dictionary(document.mentions.map { (document.document.text(in: $0.range), $0.candidateClass) }, uniquingKeysWith: { first, _ in first })
    }

    func facts(_ document: AnnotatedDocument) -> Set<String> {
        Set(document.relations.compactMap { relation -> String? in
            guard case let .entity(object) = relation.object else { return nil }
            return "\(document.entities[relation.subject].preferredLabel) \(relation.property) \(document.entities[object].preferredLabel)"
        })
    }

    @Test func aNameInAppositionWithADescriptionTakesItsClass() throws {
        let found = names(try run("He joined Gryphex, a blood stem cell technology firm. Later he joined a regenerative medicine firm, Biomora, as its CEO. The San Diego-based startup Cellara develops therapies.", through: "name-patterns"))
        #expect(found["Gryphex"] == "Company")
        #expect(found["Biomora"] == "Company")
        #expect(found["Cellara"] == "Company")
    }

    @Test func compoundCellTypesAndHyphenatedModifiers() throws {
        let document = try run("Bone marrow-derived mesenchymal stem cells were compared with iPSC-derived RPE cells. ABCB5-positive stem cells treat limbal stem cell deficiency. Induced neural stem cells were made.", through: "sentence-relations")
        let found = names(document)
        #expect(found["Bone marrow-derived mesenchymal stem cells"] == "CellType")
        #expect(found["ABCB5-positive stem cells"] == "CellType")
        #expect(found["Induced neural stem cells"] == "CellType")
        let relations = facts(document)
        #expect(relations.contains("retinal pigment epithelium derivedFrom induced pluripotent stem cell"), "\(relations)")
        #expect(relations.contains("ABCB5-positive stem cell hasMarker ABCB5"), "\(relations)")
    }

    @Test func aMethodModifierAndDiseaseGroups() throws {
        let document = try run("Autologous hematopoietic stem cell transplantation was used to treat multiple sclerosis. The company develops treatments for retinal degenerative diseases and other diseases.", through: "phrase-patterns")
        let found = names(document)
        #expect(found["Autologous hematopoietic stem cell transplantation"] == "Method")
        #expect(found["retinal degenerative diseases"] == "Disease")
        #expect(found["other diseases"] == nil)
    }

    @Test func namesInManyLanguagesAndListsOfThem() throws {
        let found = names(try run("The work was led by Jan van der Berg and Maria de la Cruz. Hans Keller of the University of Heidelberg and Søren Østergaard spoke. Jean Dubois of the Institut Pasteur and the Center for iPS Cell Research and Application agreed.", through: "name-patterns"))
        #expect(found["Jan van der Berg"] == "Person")
        #expect(found["Maria de la Cruz"] == "Person")
        #expect(found["University of Heidelberg"] == "University")
        #expect(found["Søren Østergaard"] == "Person")
        #expect(found["Institut Pasteur"] == "ResearchInstitute")
        #expect(found["Center for iPS Cell Research and Application"] == "ResearchInstitute")
    }

    @Test func possessivesOrdinalsAndCommaListsInsideNames() throws {
        let found = names(try run("She trained at St. Jude Children's Research Hospital and at the National Heart, Lung, and Blood Institute. The 21st Century Cures Act passed.", through: "name-patterns"))
        #expect(found["St. Jude Children's Research Hospital"] == "Organization")
        #expect(found["National Heart, Lung, and Blood Institute"] == "ResearchInstitute")
        #expect(found["21st Century Cures Act"] == "Program")
    }

    @Test func aPlaceBasedModifierLocatesTheOrganisation() throws {
        let relations = facts(try run("Helix Biologics, a Boston-based biotechnology company, reported results.", through: "sentence-relations"))
        #expect(relations.contains("Helix Biologics locatedIn Boston"), "\(relations)")
    }

    @Test func noTriggerInThePassiveOrBeforeAClause() throws {
        let relations = facts(try run("Maria Lindqvist discovered that induced pluripotent stem cells age. The Kessler Program was funded through a grant from the Norrland Research Council."))
        #expect(!relations.contains("induced pluripotent stem cell discoveredBy Maria Lindqvist"), "\(relations)")
        #expect(!relations.contains("Norrland Research Council fundedBy Kessler Program"), "\(relations)")
    }

    @Test func anArticleAboutAnOrganisationSaysItAndIts() throws {
        let relations = facts(try run("Kessler Institute of Cell Biology\n\nThe Kessler Institute of Cell Biology is a research centre in Stockholm. Its current director is Professor Maria Lindqvist."))
        #expect(relations.contains("Kessler Institute of Cell Biology ledBy Maria Lindqvist"), "\(relations)")
    }
}
