import Foundation
import OntologyModel

/// A rule file that could not be read, with where.
public struct RuleError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line):1: \(message)" }
}

/// One sentence pattern between two mentions (see `Ontology/rules/relation-patterns.tsv`).
public struct RelationPattern: Hashable, Sendable {
    public enum Direction: String, Sendable { case forward, reverse }
    public let identifier: String
    public let property: String
    public let direction: Direction
    /// Literal tokens, with `...` for any run of words.
    public let tokens: [String]
    public let confidence: Double
    /// Classes the subject and object must belong to (beyond domain and range), when given.
    public let subjectClass: String?
    public let objectClass: String?
}

/// `- Key: value` handling for one key.
public struct KeyRule: Hashable, Sendable {
    /// The property linking the subject to each value; nil when the key only types its values.
    public let property: String?
    /// The class a value gets when nothing else types it; nil for literal values.
    public let valueClass: String?
    /// Whether the value is a literal (a date), not names.
    public let isLiteral: Bool
}

/// Every rule the stages use, loaded from `Ontology/rules/`.
public struct ExtractionRules: Sendable {
    public var boilerplate: [String] = []
    public var abbreviations: Set<String> = []
    /// Head word → class.
    public var headWords: [String: String] = [:]
    public var personCuesBefore: Set<String> = []
    /// Multi-word cues after a name, as folded token lists.
    public var personCuesAfter: [[String]] = []
    /// Folded key → rule.
    public var keys: [String: KeyRule] = [:]
    /// Folded noun phrase → class.
    public var descriptions: [String: String] = [:]
    public var relationPatterns: [RelationPattern] = []
    /// Folded word sequences that put a following name in a publication context ("published in").
    public var journalCues: [[String]] = []
    /// Words whose presence in a journal title makes it unmistakably a journal ("Journal", "Annals").
    public var journalTitleWords: Set<String> = []
    /// Folded word sequences after which lower-case words name a field ("professor of").
    public var fieldCues: [[String]] = []

    public init() {}

    /// The rule of a key: the whole key, else its longest rule-bearing ending
    /// ("groundbreaking discovery" → "discovery").
    public func keyRule(_ key: String) -> KeyRule? {
        var words = WordTokenizer.words(key).map(WordTokenizer.fold).filter { $0.unicodeScalars.contains { WordTokenizer.isWordScalar($0) } }
        // Infobox keys number their repeats: "Leader Name2".
        if let last = words.last, last.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            let trimmed = String(String.UnicodeScalarView(last.unicodeScalars.reversed().drop { $0.properties.numericType != nil }.reversed()))
            words[words.count - 1] = trimmed
        }
        for start in words.indices {
            if let rule = keys[words[start...].joined(separator: " ")] { return rule }
        }
        return nil
    }

    /// Reads every rule file of a directory; properties and classes must exist in `ontology`.
    public static func load(from directory: URL, ontology: Ontology) throws(RuleError) -> ExtractionRules {
        var rules = ExtractionRules()
        func lines(_ name: String) throws(RuleError) -> [(Int, [String])] {
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw RuleError(file: url.path, line: 1, message: "cannot read the rule file")
            }
            var result: [(Int, [String])] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                result.append((index + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }))
            }
            return result
        }
        func checkClass(_ name: String, _ file: String, _ line: Int) throws(RuleError) {
            if ontology.classes[name] == nil { throw RuleError(file: directory.appendingPathComponent(file).path, line: line, message: "unknown class '\(name)'") }
        }
        func checkProperty(_ name: String, _ file: String, _ line: Int) throws(RuleError) {
            if ontology.properties[name] == nil { throw RuleError(file: directory.appendingPathComponent(file).path, line: line, message: "unknown property '\(name)'") }
        }

        rules.boilerplate = try lines("boilerplate.txt").map { $0.1[0].lowercased() }
        rules.abbreviations = Set(try lines("abbreviations.txt").map { $0.1[0] })
        for (line, columns) in try lines("head-words.tsv").dropFirst() where columns.count >= 2 {
            try checkClass(columns[1], "head-words.tsv", line)
            rules.headWords[columns[0]] = columns[1]
        }
        for (_, columns) in try lines("person-cues.tsv").dropFirst() where columns.count >= 2 {
            if columns[1] == "before" {
                rules.personCuesBefore.insert(columns[0])
            } else {
                rules.personCuesAfter.append(WordTokenizer.words(columns[0]).map(WordTokenizer.fold))
            }
        }
        for (line, columns) in try lines("keys.tsv").dropFirst() where columns.count >= 2 {
            // `-` as the property: the key only types its values; `-` as the class: its values are
            // related but never become mentions on their own.
            let property = columns[1] == "-" ? nil : columns[1]
            if let property { try checkProperty(property, "keys.tsv", line) }
            let classColumn = columns.count > 2 ? columns[2] : ""
            let valueClass = classColumn.isEmpty || classColumn == "-" ? nil : classColumn
            if let valueClass { try checkClass(valueClass, "keys.tsv", line) }
            rules.keys[WordTokenizer.fold(columns[0])] = KeyRule(property: property, valueClass: valueClass, isLiteral: classColumn.isEmpty)
        }
        for (_, columns) in try lines("journal-cues.tsv").dropFirst() where columns.count >= 2 {
            if columns[1] == "title-word" {
                rules.journalTitleWords.insert(columns[0])
            } else {
                rules.journalCues.append(WordTokenizer.words(columns[0]).map(WordTokenizer.fold))
            }
        }
        for (_, columns) in try lines("field-cues.tsv").dropFirst() where !columns[0].isEmpty {
            rules.fieldCues.append(WordTokenizer.words(columns[0]).map(WordTokenizer.fold))
        }
        for (line, columns) in try lines("descriptions.tsv").dropFirst() where columns.count >= 2 {
            try checkClass(columns[1], "descriptions.tsv", line)
            rules.descriptions[WordTokenizer.fold(columns[0])] = columns[1]
        }
        for (line, columns) in try lines("relation-patterns.tsv").dropFirst() {
            guard columns.count >= 4, let direction = RelationPattern.Direction(rawValue: columns[1]), let confidence = Double(columns[3]) else {
                throw RuleError(file: directory.appendingPathComponent("relation-patterns.tsv").path, line: line, message: "expected property, direction (forward|reverse), between, confidence")
            }
            try checkProperty(columns[0], "relation-patterns.tsv", line)
            let subjectClass = columns.count > 4 && !columns[4].isEmpty ? columns[4] : nil
            let objectClass = columns.count > 5 && !columns[5].isEmpty ? columns[5] : nil
            for name in [subjectClass, objectClass].compactMap({ $0 }) { try checkClass(name, "relation-patterns.tsv", line) }
            let tokens = columns[2].split(separator: " ").map { String($0) == "..." ? "..." : WordTokenizer.fold(String($0)) }
            rules.relationPatterns.append(RelationPattern(
                identifier: "relation-patterns.tsv:\(line)", property: columns[0], direction: direction, tokens: tokens, confidence: confidence,
                subjectClass: subjectClass, objectClass: objectClass))
        }
        return rules
    }
}
