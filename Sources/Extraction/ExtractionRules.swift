import Foundation
import OntologyModel

/// A rule file that could not be read, with where.
public struct RuleError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// 1-based column (in characters) where the offending field starts.
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int = 1, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// One data row of a tab-separated rule file: its fields and where each starts, for errors.
struct RuleRow {
    let file: String
    let line: Int
    let fields: [String]
    let columns: [Int]

    subscript(_ index: Int) -> String { index < fields.count ? fields[index] : "" }

    func error(_ message: String, field: Int = 0) -> RuleError {
        RuleError(file: file, line: line, column: field < columns.count ? columns[field] : (columns.last ?? 1), message: message)
    }
}

/// One sentence pattern between two mentions (see `Ontology/rules/relation-patterns.tsv`).
public struct RelationPattern: Hashable, Sendable {
    public enum Direction: String, Sendable { case forward, reverse }

    public init(identifier: String, property: String, direction: Direction, tokens: [String], confidence: Double, subjectClass: String?, objectClass: String?) {
        self.identifier = identifier
        self.property = property
        self.direction = direction
        self.tokens = tokens
        self.confidence = confidence
        self.subjectClass = subjectClass
        self.objectClass = objectClass
    }
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
    /// Lines of page furniture, lower-cased, `*` for any run of characters.
    public var boilerplate: [BoilerplatePattern] = []
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
    /// The relation patterns compiled to word ids.
    public var relationMatcher = RelationPatternMatcher(patterns: [], personCuesBefore: [], words: [:])
    /// The relation triggers compiled to word ids.
    public var triggerMatcher = RelationTriggerMatcher(triggers: [], words: [:])
    /// Folded word sequences that put a following name in a publication context ("published in").
    public var journalCues: [[String]] = []
    /// Words whose presence in a journal title makes it unmistakably a journal ("Journal", "Annals").
    public var journalTitleWords: Set<String> = []
    /// Folded word sequences after which lower-case words name a field ("professor of").
    public var fieldCues: [[String]] = []
    /// The word lists of `word-lists.tsv`, by list name, in file order.
    public var wordLists: [String: [String]] = [:]

    /// Every list `word-lists.tsv` must define.
    public static let requiredWordLists: Set<String> = [
        "name-connectors", "leading-stopwords", "not-name-words", "field-stops", "therapy-heads", "programme-heads",
        "class-priority", "citation-list-words", "value-joiners", "relation-list-words", "relation-clause-words",
        "relation-skipped-words", "relation-kind-words", "relation-attachment-words",
        "trigger-boundary-words", "relation-negation-words", "trigger-hedge-words", "trigger-list-words", "relation-auxiliary-words", "person-pronouns",
        "academic-unit-heads", "academic-field-words", "title-modifier-words", "honorific-words", "degree-words", "copula-words", "verb-particles",
        "unit-heads-1", "unit-heads-2", "unit-heads-3", "cell-compound-suffixes", "cell-type-modifiers",
        "disease-heads", "vague-modifiers", "place-prepositions", "modal-words", "passive-agent-words", "complementizers", "place-compound-suffixes",
        "organisation-pronouns", "possessive-pronouns", "apposition-stop-words", "name-abbreviations", "possessive-name-words", "title-nouns", "marker-suffixes", "method-modifiers", "name-particles",
    ]

    /// Lower-case words allowed inside a name when a capitalised word follows ("of", "de").
    public var nameConnectors: Set<String> = []
    /// Capitalised function words that start sentences but never names ("The", "However").
    public var leadingStopwords: Set<String> = []
    /// Capitalised words that make a short capitalised run unlikely to be a person ("National").
    public var notNameWords: Set<String> = []
    /// Words that end a field named after a field cue.
    public var fieldStops: Set<String> = []
    /// Nouns that make a cell type before them a therapy.
    public var therapyHeads: Set<String> = []
    /// Nouns that head a lower-case programme phrase.
    public var programmeHeads: Set<String> = []
    /// Classes in the order that decides a lexicon span naming several.
    public var classPriority: [String] = []
    /// Words and marks allowed between author names of a citation line.
    public var citationListWords: Set<String> = []
    /// Words that join two values of a `Key: value` line.
    public var valueJoiners: Set<String> = []
    /// Head words of a unit that belongs to a university when it is "of" an academic field.
    public var academicUnitHeads: Set<String> = []
    /// Capitalised names of academic fields ("Physiology", "Medicine").
    public var academicFields: Set<String> = []
    /// Academic degrees and post-nominal letters, folded without periods ("phd", "md", "frs"):
    /// after a person's name, never a name.
    public var degreeWords: Set<String> = []
    /// Prepositions that make a lone word before them a verb ("… and *works in* …"), not a field.
    public var verbParticles: Set<String> = []
    /// Words that end the modifiers of a description noun: "a firm *spun* out of …" still ends in
    /// "firm", but "a member *of* the society" is no society.
    public var appositionStops: Set<String> = []
    /// Prepositions after which a capitalised name with no other clue is a place, not a person ("in La Jolla").
    public var placePrepositions: Set<String> = []
    /// Abbreviations whose full stop stays inside a name ("St. Jude").
    public var nameAbbreviations: Set<String> = []
    /// Nouns for groups of people whose possessive stays inside a name ("Children's Hospital").
    public var possessiveNameWords: Set<String> = []
    /// Nouns of posts and occupations (folded): "Cardiologist of X" names a post at X.
    public var titleNouns: Set<String> = []
    /// Lower-case particles inside people's names ("van der", "de la").
    public var nameParticles: Set<String> = []
    /// The second part of a hyphenated modifier whose first part is a cell's marker ("CD34-positive").
    public var markerSuffixes: Set<String> = []
    /// Word lists the phrase stage reads for every document, as sets made once.
    public var cellCompoundSuffixes: Set<String> = [], cellTypeModifiers: Set<String> = [], methodModifiers: Set<String> = [], diseaseHeads: Set<String> = []
    /// Words that never start a modifier (clause, skipped and sentence-opening function words, folded).
    public var functionWords: Set<String> = []
    /// Words that never classify a disease group: function words, vague modifiers and the words of
    /// relation triggers ("treat disease").
    public var nonClassifyingWords: Set<String> = []

    /// The rank of each unit head word (`unit-heads-1` … `unit-heads-3`): 1 for the smallest part
    /// of an organisation ("section"), 3 for the largest that is still a part ("institute").
    public var unitHeadRanks: [String: Int] = [:]
    /// The rank of an organisation unit no head word names: a whole organisation.
    public static let wholeOrganisationRank = 4

    /// How large a part of an organisation a name denotes, by its smallest unit head word
    /// ("Developmental and Metabolic Neurology Branch" 2, "National Institute for …" 3, "Lund
    /// University" 4): a chain "A, B, C" of organisations states containment when it ascends.
    public func unitRank(of label: String) -> Int {
        WordTokenizer.foldedWords(label).compactMap { unitHeadRanks[$0] }.min() ?? Self.wholeOrganisationRank
    }

    /// The words of a list as a set (empty for a list that is not defined).
    /// The words of a list as a set. Stages ask for lists per document, so the sets are made once
    /// when the rules are loaded; a list set afterwards (tests) is made on the spot.
    public func words(_ list: String) -> Set<String> { wordSets[list] ?? Set(wordLists[list] ?? []) }
    private var wordSets: [String: Set<String>] = [:]

    public init() {}

    /// The rule of a key: the whole key, else its longest rule-bearing ending
    /// ("groundbreaking discovery" → "discovery").
    public func keyRule(_ key: String) -> KeyRule? {
        var words = WordTokenizer.words(key).map(WordTokenizer.fold).filter { $0.unicodeScalars.contains { WordTokenizer.isWordScalar($0) } }
        // Infobox keys number their repeats: "Leader Name2".
        if let last = words.last, last.unicodeScalars.contains(where: { $0.isAlphabeticFast }) {
            let trimmed = String(String.UnicodeScalarView(last.unicodeScalars.reversed().drop { $0.properties.numericType != nil }.reversed()))
            words[words.count - 1] = trimmed
        }
        for start in words.indices {
            if let rule = keys[words[start...].joined(separator: " ")] { return rule }
        }
        return nil
    }

    /// Reads every rule file of a directory; properties and classes must exist in `ontology`.
    /// Loading is strict: a short row, an unknown class or property, or one key given two meanings
    /// is an error naming the file, line and column.
    public static func load(from directory: URL, ontology: Ontology) throws(RuleError) -> ExtractionRules {
        var rules = ExtractionRules()
        /// The data rows of a file (the header row of a TSV dropped), each with at least `minimum` fields.
        func rows(_ name: String, header: Bool, minimum: Int, expected: String) throws(RuleError) -> [RuleRow] {
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw RuleError(file: url.path, line: 1, message: "cannot read the rule file")
            }
            var result: [RuleRow] = []
            var sawHeader = !header
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                if !sawHeader { sawHeader = true; continue }
                var fields: [String] = [], columns: [Int] = []
                var column = 1
                for field in line.split(separator: "\t", omittingEmptySubsequences: false) {
                    fields.append(field.trimmingCharacters(in: .whitespaces))
                    columns.append(column)
                    column += field.count + 1
                }
                let row = RuleRow(file: url.path, line: index + 1, fields: fields, columns: columns)
                guard fields.count >= minimum, !fields[..<minimum].contains(where: \.isEmpty) else {
                    throw row.error("expected \(expected) (\(minimum) tab-separated fields, found \(fields.filter { !$0.isEmpty }.count))", field: min(fields.count, minimum) - 1)
                }
                result.append(row)
            }
            return result
        }
        func checkClass(_ row: RuleRow, _ field: Int) throws(RuleError) {
            if ontology.classes[row[field]] == nil { throw row.error("unknown class '\(row[field])'", field: field) }
        }
        func checkProperty(_ row: RuleRow, _ field: Int) throws(RuleError) {
            if ontology.properties[row[field]] == nil { throw row.error("unknown property '\(row[field])'", field: field) }
        }
        /// Records `key` → `meaning`; the same key with another meaning is an error.
        func define<Value: Equatable>(_ key: String, _ meaning: Value, in table: inout [String: Value], _ row: RuleRow) throws(RuleError) {
            if let earlier = table[key], earlier != meaning { throw row.error("'\(key)' is defined again with another meaning") }
            table[key] = meaning
        }

        rules.boilerplate = try rows("boilerplate.txt", header: false, minimum: 1, expected: "a phrase").map { BoilerplatePattern($0[0].lowercased()) }
        rules.abbreviations = Set(try rows("abbreviations.txt", header: false, minimum: 1, expected: "an abbreviation").map { $0[0] })
        for row in try rows("head-words.tsv", header: true, minimum: 2, expected: "head, class") {
            try checkClass(row, 1)
            try define(row[0], row[1], in: &rules.headWords, row)
        }
        for row in try rows("person-cues.tsv", header: true, minimum: 2, expected: "cue, side (before|after)") {
            switch row[1] {
            case "before": rules.personCuesBefore.insert(row[0])
            case "after": rules.personCuesAfter.append(WordTokenizer.words(row[0]).map(WordTokenizer.fold))
            default: throw row.error("side must be before or after, not '\(row[1])'", field: 1)
            }
        }
        for row in try rows("keys.tsv", header: true, minimum: 2, expected: "key, property (or -), value class (- or empty for literals)") {
            // `-` as the property: the key only types its values; `-` as the class: its values are
            // related but never become mentions on their own.
            let property = row[1] == "-" ? nil : row[1]
            if property != nil { try checkProperty(row, 1) }
            let classColumn = row[2]
            let valueClass = classColumn.isEmpty || classColumn == "-" ? nil : classColumn
            if valueClass != nil { try checkClass(row, 2) }
            try define(WordTokenizer.fold(row[0]), KeyRule(property: property, valueClass: valueClass, isLiteral: classColumn.isEmpty), in: &rules.keys, row)
        }
        for row in try rows("journal-cues.tsv", header: true, minimum: 2, expected: "phrase, kind (cue|title-word)") {
            switch row[1] {
            case "title-word": rules.journalTitleWords.insert(row[0])
            case "cue": rules.journalCues.append(WordTokenizer.words(row[0]).map(WordTokenizer.fold))
            default: throw row.error("kind must be cue or title-word, not '\(row[1])'", field: 1)
            }
        }
        for row in try rows("field-cues.tsv", header: true, minimum: 1, expected: "a cue") {
            rules.fieldCues.append(WordTokenizer.words(row[0]).map(WordTokenizer.fold))
        }
        for row in try rows("descriptions.tsv", header: true, minimum: 2, expected: "noun, class") {
            try checkClass(row, 1)
            try define(WordTokenizer.fold(row[0]), row[1], in: &rules.descriptions, row)
        }
        let wordListRows = try rows("word-lists.tsv", header: true, minimum: 2, expected: "list, word")
        for row in wordListRows {
            guard requiredWordLists.contains(row[0]) else {
                throw row.error("unknown word list '\(row[0])'; known: \(requiredWordLists.sorted().joined(separator: ", "))")
            }
            rules.wordLists[row[0], default: []].append(row[1])
        }
        if let missing = requiredWordLists.subtracting(rules.wordLists.keys).sorted().first {
            throw RuleError(file: directory.appendingPathComponent("word-lists.tsv").path, line: 1, message: "the word list '\(missing)' is missing")
        }
        rules.wordSets = rules.wordLists.mapValues(Set.init)
        rules.nameConnectors = rules.words("name-connectors")
        rules.leadingStopwords = rules.words("leading-stopwords")
        rules.notNameWords = rules.words("not-name-words")
        rules.fieldStops = rules.words("field-stops")
        rules.therapyHeads = rules.words("therapy-heads")
        rules.programmeHeads = rules.words("programme-heads")
        rules.classPriority = rules.wordLists["class-priority"] ?? []
        rules.citationListWords = rules.words("citation-list-words")
        rules.valueJoiners = rules.words("value-joiners")
        rules.academicUnitHeads = rules.words("academic-unit-heads")
        rules.academicFields = rules.words("academic-field-words")
        rules.degreeWords = rules.words("degree-words")
        rules.verbParticles = rules.words("verb-particles")
        rules.placePrepositions = rules.words("place-prepositions")
        rules.appositionStops = rules.words("apposition-stop-words")
        rules.nameAbbreviations = rules.words("name-abbreviations")
        rules.possessiveNameWords = rules.words("possessive-name-words")
        rules.titleNouns = rules.words("title-nouns")
        rules.nameParticles = rules.words("name-particles")
        rules.markerSuffixes = rules.words("marker-suffixes")
        rules.cellCompoundSuffixes = rules.words("cell-compound-suffixes")
        rules.cellTypeModifiers = rules.words("cell-type-modifiers")
        rules.methodModifiers = rules.words("method-modifiers")
        rules.diseaseHeads = rules.words("disease-heads")
        rules.functionWords = rules.words("relation-clause-words").union(rules.words("relation-skipped-words")).union(rules.leadingStopwords.map(WordTokenizer.fold))
        for rank in 1...3 {
            for word in rules.wordLists["unit-heads-\(rank)"] ?? [] { rules.unitHeadRanks[WordTokenizer.fold(word)] = rank }
        }
        for (index, name) in rules.classPriority.enumerated() where ontology.classes[name] == nil {
            throw RuleError(file: directory.appendingPathComponent("word-lists.tsv").path, line: 1, message: "class-priority entry \(index + 1) names an unknown class '\(name)'")
        }
        /// The columns relation patterns and triggers share: a unique id, a property, a
        /// confidence, and the optional subject and object classes.
        struct RelationColumns { let confidence: Double; let subjectClass: String?; let objectClass: String? }
        func relationColumns(_ row: RuleRow, identifiers: inout Set<String>) throws(RuleError) -> RelationColumns {
            guard identifiers.insert(row[0]).inserted else { throw row.error("rule id '\(row[0])' is used twice") }
            try checkProperty(row, 1)
            guard let confidence = Double(row[4]), (0...1).contains(confidence) else { throw row.error("confidence must be a number from 0 to 1, not '\(row[4])'", field: 4) }
            if !row[5].isEmpty { try checkClass(row, 5) }
            if !row[6].isEmpty { try checkClass(row, 6) }
            return RelationColumns(confidence: confidence, subjectClass: row[5].isEmpty ? nil : row[5], objectClass: row[6].isEmpty ? nil : row[6])
        }
        var patternIdentifiers: Set<String> = []
        for row in try rows("relation-patterns.tsv", header: true, minimum: 5, expected: "id, property, direction, between, confidence") {
            let columns = try relationColumns(row, identifiers: &patternIdentifiers)
            guard let direction = RelationPattern.Direction(rawValue: row[2]) else { throw row.error("direction must be forward or reverse, not '\(row[2])'", field: 2) }
            let tokens = row[3].split(separator: " ").map { String($0) == "..." ? "..." : WordTokenizer.fold(String($0)) }
            rules.relationPatterns.append(RelationPattern(
                identifier: row[0], property: row[1], direction: direction, tokens: tokens, confidence: columns.confidence,
                subjectClass: columns.subjectClass, objectClass: columns.objectClass))
        }
        rules.relationMatcher = RelationPatternMatcher(patterns: rules.relationPatterns, personCuesBefore: rules.personCuesBefore, words: rules.wordLists)
        var triggers: [RelationTrigger] = []
        var triggerIdentifiers: Set<String> = []
        for row in try rows("relation-triggers.tsv", header: true, minimum: 5, expected: "id, property, subject (before|after|title|modifier|between), trigger, confidence") {
            let columns = try relationColumns(row, identifiers: &triggerIdentifiers)
            guard let side = RelationTrigger.SubjectSide(rawValue: row[2]) else { throw row.error("subject must be before, after, title, modifier, between, possessor, possessed, topic, adjacent-before or adjacent-after, not '\(row[2])'", field: 2) }
            let words = row[3].split(separator: " ").map { position in
                position.split(separator: "|").flatMap { RelationTrigger.forms(of: WordTokenizer.fold(String($0))) }
            }
            triggers.append(RelationTrigger(identifier: row[0], property: row[1], subjectSide: side, words: words, confidence: columns.confidence,
                                            subjectClass: columns.subjectClass, objectClass: columns.objectClass))
        }
        rules.triggerMatcher = RelationTriggerMatcher(triggers: triggers, words: rules.wordLists)
        rules.nonClassifyingWords = rules.functionWords.union(rules.words("vague-modifiers")).union(triggers.flatMap { $0.words.flatMap { $0 } })
        return rules
    }
}
