import Foundation
import OntologyModel
@testable import Extraction
import TextAnnotation

/// Test input with expected spans marked inline: `[Shanghai Stem Cell Institute](ResearchInstitute)`,
/// or `[a sentence.]` without a tag.
/// `plain` is the text without markers; `spans` the marked ranges (in scalars) and their tags.
struct MarkedText {
    let plain: String
    let spans: [(range: TextRange, tag: String)]

    init(_ marked: String) {
        var plainScalars = String.UnicodeScalarView()
        var spans: [(TextRange, String)] = []
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        var openAt: [Int] = []
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "[" {
                openAt.append(plainScalars.count)
                index += 1
            } else if scalar == "]", let start = openAt.popLast() {
                var tag = ""
                index += 1
                if index < scalars.count, scalars[index] == "(" {
                    var close = index + 1
                    while close < scalars.count, scalars[close] != ")" { close += 1 }
                    tag = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                    index = close + 1
                }
                spans.append((TextRange(start, plainScalars.count), tag))
            } else {
                plainScalars.append(scalar)
                index += 1
            }
        }
        plain = String(plainScalars)
        self.spans = spans.sorted { $0.0 < $1.0 }
    }
}

enum TestSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The real ontology and rules with a small lexicon, so unit tests stay fast.
    static func context(lexicon entries: [LexiconEntry] = defaultEntries) throws -> StageContext {
        let bundle = try OntologyLoader.load(from: root.appendingPathComponent("Ontology"), includeLexicons: false)
        let rules = try ExtractionRules.load(from: root.appendingPathComponent("Ontology/rules"), ontology: bundle.ontology)
        return StageContext(ontology: bundle.ontology, lexicon: Lexicon(entries: entries), rules: rules)
    }

    static func entry(_ label: String, _ entityClass: String, _ alternatives: [String] = []) -> LexiconEntry {
        LexiconEntry(label: label, altLabels: alternatives, entityClass: entityClass, wikidata: nil, extra: [:])
    }

    static let defaultEntries = [
        entry("China", "Country", ["People's Republic of China"]), entry("Shanghai", "City"), entry("Tianjin", "City"),
        entry("Guangdong", "Region"), entry("Nature", "Journal"), entry("Cell Stem Cell", "Journal"),
        entry("stem cell research", "Topic"), entry("induced pluripotent stem cell", "CellType", ["iPS cell", "iPSC"]),
        entry("hepatocyte", "CellType"), entry("thalassemia", "Disease"), entry("Oct4", "Gene", ["OCT4"]), entry("Sox2", "Gene"),
        entry("mouse", "Organism", ["mice"]),
    ]

    /// Runs the named stages of the default order up to and including `last`.
    static func run(_ text: String, through last: String, context: StageContext) throws -> AnnotatedDocument {
        let order = StageRegistry.defaultOrder
        let names = Array(order.prefix(through: order.firstIndex(of: last) ?? order.count - 1))
        return try StageRegistry.pipeline(names).run(Document(identifier: "test.txt", text: text), in: context)
    }

    /// Whether folded words match one relation pattern, compiled with the real word lists.
    static func matches(_ words: [String], _ pattern: [String]) throws -> Bool {
        let rules = try context().rules
        let matcher = RelationPatternMatcher(
            patterns: [RelationPattern(identifier: "test", property: "-", direction: .forward, tokens: pattern, confidence: 1, subjectClass: nil, objectClass: nil)],
            personCuesBefore: [], words: rules.wordLists)
        return matcher.matches(ArraySlice(words.map { matcher.vocabulary.id(of: $0) }), matcher.patterns[0])
    }

    /// Whether folded words only continue a list, with the real word lists.
    static func isCoordination(_ words: [String]) throws -> Bool {
        let matcher = try context().rules.relationMatcher
        return matcher.isCoordination(ArraySlice(words.map { matcher.vocabulary.id(of: $0) }))
    }
}
