import Foundation
import Testing
@testable import Extraction
import OntologyModel
import TextAnnotation

/// The engine's guarantees: compiled rules agree with their definition, rule files load strictly,
/// and no document makes a stage slower than linear (checked by counting, never by the clock).
@Suite struct EngineTests {
    /// Plain Levenshtein distance over whole rows, the definition the banded version must agree with.
    static func fullEditDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    @Test func bandedEditDistanceAgreesWithTheDefinitionUpToTheLimit() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abc".unicodeScalars)
        for _ in 0..<3_000 {
            let a = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            for limit in 1...3 {
                let expected = min(Self.fullEditDistance(a, b), limit + 1)
                #expect(ResolutionStage.editDistance(a, b, limit: limit) == expected, "\(a) \(b) limit \(limit)")
            }
        }
    }

    @Test func compiledPatternsMatchWordsGapsModifiersAndAlternatives() throws {
        #expect(try TestSupport.matches(["based", "in"], ["based", "in"]))
        #expect(try !TestSupport.matches(["based", "in", "x"], ["based", "in"]))
        #expect(try TestSupport.matches(["was", "later", "formed", "in"], ["...", "formed", "in"]))
        #expect(try TestSupport.matches(["head", "of"], ["director|head", "of"]))
        #expect(try !TestSupport.matches(["chair", "of"], ["director|head", "of"]))
        #expect(try TestSupport.matches(["|"], ["|"]))
    }

    @Test func boilerplateGlobsMatchWholeLines() {
        #expect(StructureStage.matches("follow us on twitter", pattern: "follow us on *"))
        #expect(!StructureStage.matches("please follow us on twitter", pattern: "follow us on *"))
        #expect(StructureStage.matches("updated 10:30 am today", pattern: "updated * am *"))
        #expect(!StructureStage.matches("updated", pattern: "updated * am *"))
        #expect(StructureStage.matches("like us on facebook", pattern: "like us on facebook"))
        #expect(StructureStage.matches("ab", pattern: "a*b"))
        #expect(!StructureStage.matches("a", pattern: "a*a"))
    }

    /// A copy of the real rules folder with one file replaced.
    func rulesFolder(replacing name: String, with text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent("Ontology/rules"), to: folder)
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return folder
    }

    func loadError(_ name: String, _ text: String) throws -> String? {
        let folder = try rulesFolder(replacing: name, with: text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ontology = try OntologyLoader.load(from: TestSupport.root.appendingPathComponent("Ontology"), includeLexicons: false).ontology
        do {
            _ = try ExtractionRules.load(from: folder, ontology: ontology)
            return nil
        } catch {
            return error.description.replacingOccurrences(of: folder.path + "/", with: "")
        }
    }

    @Test func ruleFilesLoadStrictlyWithFileLineAndColumn() throws {
        let header = "id\tproperty\tdirection\tbetween\tconfidence\tsubject\tobject\n"
        #expect(try loadError("relation-patterns.tsv", header + "a.b\tlocatedIn\tforward\tin\n")
                == "relation-patterns.tsv:2:23: expected id, property, direction, between, confidence (5 tab-separated fields, found 4)")
        #expect(try loadError("relation-patterns.tsv", header + "a.b\tlivesIn\tforward\tin\t0.5\n")
                == "relation-patterns.tsv:2:5: unknown property 'livesIn'")
        #expect(try loadError("relation-patterns.tsv", header + "a.b\tlocatedIn\tsideways\tin\t0.5\n")
                == "relation-patterns.tsv:2:15: direction must be forward or reverse, not 'sideways'")
        #expect(try loadError("relation-patterns.tsv", header + "a.b\tlocatedIn\tforward\tin\t0.5\tPlanet\n")
                == "relation-patterns.tsv:2:30: unknown class 'Planet'")
        #expect(try loadError("relation-patterns.tsv", header + "a.b\tlocatedIn\tforward\tin\t0.5\na.b\tpartOf\tforward\tof\t0.5\n")
                == "relation-patterns.tsv:3:1: rule id 'a.b' is used twice")
        #expect(try loadError("head-words.tsv", "head\tclass\nCongress\tEvent\nCongress\tGovernmentAgency\n")
                == "head-words.tsv:3:1: 'Congress' is defined again with another meaning")
        #expect(try loadError("person-cues.tsv", "cue\tside\nDr\tabove\n") == "person-cues.tsv:2:4: side must be before or after, not 'above'")
        #expect(try loadError("relation-patterns.tsv", header + "a.b\tlocatedIn\tforward\tin\t0.5\n") == nil)
        #expect(try loadError("word-lists.tsv", "list\tword\nnot-a-list\tx\n")?.hasPrefix("word-lists.tsv:2:1: unknown word list 'not-a-list'; known: ") == true)
        #expect(try loadError("word-lists.tsv", "list\tword\nname-connectors\tof\n") == "word-lists.tsv:1:1: the word list 'academic-field-words' is missing")
        let triggerHeader = "id\tproperty\tsubject\ttrigger\tconfidence\n"
        #expect(try loadError("relation-triggers.tsv", triggerHeader + "a.join\taffiliatedWith\tabove\tjoin+\t0.6\n")
                == "relation-triggers.tsv:2:23: subject must be before, after, title, modifier, between, possessor, possessed, topic, adjacent-before or adjacent-after, not 'above'")
        #expect(try loadError("relation-triggers.tsv", triggerHeader + "a.join\taffiliatedWith\tbefore\tjoin+\t0.6\na.join\tledBy\tafter\tled\t0.6\n")
                == "relation-triggers.tsv:3:1: rule id 'a.join' is used twice")
        #expect(try loadError("relation-triggers.tsv", triggerHeader + "a.join\taffiliatedWith\tbefore\tjoin+\t0.6\tPeople\n")
                == "relation-triggers.tsv:2:40: unknown class 'People'")
    }

    @Test func everyShippedPatternHasAStableIdentifier() throws {
        let rules = try TestSupport.context().rules
        #expect(!rules.relationPatterns.isEmpty)
        #expect(rules.relationPatterns.allSatisfy { !$0.identifier.contains(":") && !$0.identifier.isEmpty })
        #expect(Set(rules.relationPatterns.map(\.identifier)).count == rules.relationPatterns.count)
    }

    @Test func aLineWithNoSentenceEndIsCutIntoBoundedSentences() throws {
        let text = String(repeating: "word, ", count: 5_000)
        let document = try TestSupport.run(text, through: "sentences", context: TestSupport.context())
        #expect(document.sentences.count >= 15)
        #expect(document.sentences.allSatisfy { $0.range.length <= SentenceStage.maximumSentenceLength })
        // Nothing is lost: the sentences cover every word.
        #expect(document.sentences.first?.range.lowerBound == 0)
        #expect(zip(document.sentences, document.sentences.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
        #expect(document.sentences.last?.range.upperBound == text.unicodeScalars.count - 1)
        // The user is told: the CLI prints the notice as a warning naming the file.
        #expect(document.notices.count == 1)
        #expect(document.notices.first?.hasSuffix("cut at 2000 characters (no sentence end found)") == true)
        let ordinary = try TestSupport.run("A short text. It ends.", through: "sentences", context: TestSupport.context())
        #expect(ordinary.notices.isEmpty)
    }

    @Test func manyPeopleAndInstitutesResolveToOneEntityEach() throws {
        // The document that once took quadratic time: every name is new, so resolution must find
        // each mention's entity by index. Counting entities checks the result, not the clock.
        let names = (0..<400).map { index -> String in
            let letters = Array("abcdefghij")
            let code = String(String(index).map { letters[Int(String($0))!] })
            return "Professor Ann\(code) Lee\(code) spoke. The Kura\(code)sa\(code)wa\(code) University opened."
        }
        let document = try TestSupport.run(names.joined(separator: " "), through: "resolution", context: TestSupport.context())
        #expect(document.entities.filter { $0.entityClass == "Person" }.count == 400)
        #expect(document.entities.filter { $0.entityClass == "University" }.count == 400)
    }

    /// A stage that declares it only adds relations but drops a mention.
    struct MentionDroppingStage: Stage {
        let name = "drops-a-mention"
        let requires: Set<AnnotationLayer> = [.entities]
        let assigns: Set<AnnotationLayer> = [.relations]
        func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
            if !document.mentions.isEmpty { document.mentions.removeLast() }
        }
    }

    @Test func thePipelineRefusesStagesThatChangeMentionsAfterResolution() throws {
        #expect(throws: StageError.self) {
            try StageRegistry.pipeline(["structure", "sentences", "tokens", "lexicon", "resolution", "phrase-patterns"])
        }
        let stages = try StageRegistry.pipeline(["structure", "sentences", "tokens", "lexicon", "name-patterns", "resolution"]).stages
        let pipeline = try Pipeline(stages: stages + [MentionDroppingStage()])
        let error = #expect(throws: StageError.self) {
            try pipeline.run(Document(identifier: "t.txt", text: "Professor Anna Lindqvist visited Shanghai."), in: TestSupport.context())
        }
        #expect(error?.message == "changed the mentions after entities were resolved")
        #expect(error?.stage == "drops-a-mention")
    }

    @Test func mentionsSayWhichKindOfEvidenceFoundThem() throws {
        let document = try TestSupport.run("Professor Anna Lindqvist visited Shanghai.", through: "name-patterns", context: TestSupport.context())
        #expect(document.mentions.contains { $0.source == .namePattern && $0.candidateClass == "Person" })
        #expect(document.mentions.contains { $0.source == .lexicon })
    }

    @Test func eachPatternStageDoesItsOwnJob() throws {
        let text = """
        Lund Scientist Wins Kyoto Prize For Stem Cell Work

        The Kyoto Prize went to her. Hepatocyte transplants followed, and the Chinese government approved them.
        """
        let context = try TestSupport.context(lexicon: TestSupport.defaultEntries + [TestSupport.entry("hepatocyte", "CellType")])
        let names = try TestSupport.run(text, through: "name-patterns", context: context)
        let phrases = try TestSupport.run(text, through: "phrase-patterns", context: context)
        let headlines = try TestSupport.run(text, through: "headline-names", context: context)
        func labels(_ document: AnnotatedDocument) -> Set<String> { Set(document.mentions.map { document.document.text(in: $0.range) }) }
        // Capitalised names only from the name patterns.
        #expect(labels(names).contains("Kyoto Prize"))
        #expect(!labels(names).contains("Chinese government"))
        // Phrases (a government by its nation, a cell-type therapy) from the phrase patterns.
        #expect(labels(phrases).isSuperset(of: ["Chinese government", "Hepatocyte transplants"]))
        // The headline repeats a name found in the body only once the headline stage has run.
        let inHeadline = { (document: AnnotatedDocument) in document.mentions.filter { $0.range.upperBound <= 50 }.count }
        #expect(inHeadline(phrases) == 0)
        #expect(inHeadline(headlines) == 1)
    }
}
