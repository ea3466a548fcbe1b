import OntologyModel
import TextAnnotation

/// The values of `Key: value` lines name things even when nothing else recognises them: a value
/// with no mention yet becomes a mention of the class the key implies (`Key People:` → Person,
/// `reprogramming methods:` → Method). Notes in parentheses are not part of the value, and
/// `retroviral/lentiviral transduction` names two things.
public struct KeyValueMentionStage: Stage {
    public let name = "key-value-mentions"
    public let requires: Set<AnnotationLayer> = [.structure, .tokens, .mentions]
    public let assigns: Set<AnnotationLayer> = [.mentions]

    /// Longest value part (in words) read as one name.
    static let maximumWords = 5

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let rules = context.rules
        let scalars = document.document.scalars
        for section in document.sections where section.kind == .keyValue {
            guard let key = section.key, let value = section.value,
                  let rule = rules.keyRule(document.document.text(in: key)),
                  let valueClass = rule.valueClass else { continue }
            let parts = Self.valueParts(value, in: scalars)
            for (partIndex, part) in parts.enumerated() {
                // A part whose parenthesised note lists things ("marker expression (OCT4, SOX2)")
                // is a description of those things, not a name; a note naming one thing
                // ("synthetic mRNA (Moderna-derived technology)") only comments on the name.
                if part.note.map({ note in document.mentions.filter { note.contains($0.range) }.count >= 2 }) == true { continue }
                let alternatives = slashAlternatives(part.name, document: document)
                if alternatives.count > 1 {
                    // Each alternative may already be known; a known one inside the whole is fine.
                    for (label, range) in alternatives {
                        let sentence = document.sentenceIndex(containing: range.lowerBound)
                        let provenance = Provenance(document: document.document.identifier, sentence: sentence, range: range, stage: name, rule: "key-slash:\(document.document.text(in: key))", confidence: 0.65)
                        document.propose(Mention(range: range, sentence: sentence, candidateClass: valueClass, canonicalLabel: label, source: .keyValue, provenance: provenance), .besideInnerNames)
                    }
                    continue
                }
                var range = part.name
                // "Derrick J. Rossi, PhD", "Robert Lanza, MD: Chief Scientific Officer": a part of a
                // people value that starts with a degree is post-nominal letters, not a person.
                if valueClass == "Person", let firstWord = document.document.text(in: range).split(whereSeparator: { !$0.isLetter && $0 != "." }).first,
                   rules.degreeWords.contains(firstWord.lowercased().replacingOccurrences(of: ".", with: "")) {
                    continue
                }
                if let first = document.mentions.first(where: { $0.range.overlaps(range) }) {
                    guard let prefix = prefixBefore(first.range.lowerBound, in: range, document: document, rules: rules) else { continue }
                    range = prefix
                }
                range = stripCues(range, document: document, rules: rules)
                guard range.length > 0, isNameLike(range, document: document) else { continue }
                let sentence = document.sentenceIndex(containing: range.lowerBound)
                let provenance = Provenance(document: document.document.identifier, sentence: sentence, range: range, stage: name, rule: "key:\(document.document.text(in: key))", confidence: 0.7)
                // "Evanston, Illinois, United States": a place named before its region is a city.
                var chosenClass = valueClass
                if valueClass == "Place", partIndex + 1 < parts.count,
                   document.mentions.contains(where: { parts[partIndex + 1].name.contains($0.range) && ($0.candidateClass == "Region" || $0.candidateClass == "Country") }) {
                    chosenClass = "City"
                }
                document.mentions.append(Mention(range: range, sentence: sentence, candidateClass: chosenClass, canonicalLabel: document.document.text(in: range), source: .keyValue, provenance: provenance))
            }
        }
        document.sortMentions()
    }

    /// One part of a value: the name and the parenthesised note after it, if any.
    struct Part {
        let name: TextRange
        let note: TextRange?
    }

    /// The comma- or semicolon-separated parts of a value (separators inside parentheses do not
    /// count), trimmed, each without its parenthesised note.
    static func valueParts(_ value: TextRange, in scalars: [Unicode.Scalar]) -> [Part] {
        var parts: [Part] = []
        var start = value.lowerBound
        var depth = 0
        var noteStart: Int?
        var noteEnd: Int?
        for index in value.lowerBound...value.upperBound {
            if index < value.upperBound {
                let scalar = scalars[index]
                if scalar == "(" {
                    if depth == 0, noteStart == nil { noteStart = index }
                    depth += 1
                    continue
                }
                if scalar == ")" {
                    depth = max(0, depth - 1)
                    if depth == 0 { noteEnd = index + 1 }
                    continue
                }
                guard depth == 0, scalar == "," || scalar == ";" else { continue }
            }
            let nameEnd = noteStart ?? index
            var lower = start, upper = min(nameEnd, index)
            while lower < upper, scalars[lower].isWhiteSpaceFast { lower += 1 }
            while upper > lower, scalars[upper - 1].isWhiteSpaceFast || scalars[upper - 1] == "." { upper -= 1 }
            if upper > lower {
                let note = noteStart.map { TextRange($0, noteEnd ?? index) }
                parts.append(Part(name: TextRange(lower, upper), note: note))
            }
            start = index + 1
            noteStart = nil
            noteEnd = nil
        }
        return parts
    }

    /// The words of `range` before `offset` when they end in a joiner ("gene correction plus").
    func prefixBefore(_ offset: Int, in range: TextRange, document: AnnotatedDocument, rules: ExtractionRules) -> TextRange? {
        let tokens = document.tokens.indices.filter { range.contains(document.tokens[$0].range) && document.tokens[$0].range.upperBound <= offset }
        guard let last = tokens.last, rules.valueJoiners.contains(document.foldedToken(last)), tokens.count >= 3,
              let first = tokens.first else { return nil }
        return TextRange(document.tokens[first].range.lowerBound, document.tokens[last - 1].range.upperBound)
    }

    /// Short, with letters, and not a clause ("no genetic material" is a note, not a name).
    func isNameLike(_ range: TextRange, document: AnnotatedDocument) -> Bool {
        let words = WordTokenizer.words(document.document.text(in: range)).filter { $0.unicodeScalars.contains(where: { $0.isAlphabeticFast }) }
        guard !words.isEmpty, words.count <= Self.maximumWords else { return false }
        return !words.contains { ["no", "not", "is", "are", "was", "were", "any", "all", "the", "a", "an"].contains(WordTokenizer.fold($0)) }
    }

    /// `A/B head` names `A head` (over the whole span) and `B head` (over `B head`).
    func slashAlternatives(_ range: TextRange, document: AnnotatedDocument) -> [(String, TextRange)] {
        let text = document.document.text(in: range)
        let scalars = document.document.scalars
        guard let slash = (range.lowerBound..<range.upperBound).first(where: { scalars[$0] == "/" }),
              let space = (slash..<range.upperBound).first(where: { scalars[$0] == " " }),
              !(range.lowerBound..<slash).contains(where: { scalars[$0] == " " }) else { return [(text, range)] }
        let head = document.document.text(in: TextRange(space, range.upperBound))
        let first = document.document.text(in: TextRange(range.lowerBound, slash)) + head
        let second = TextRange(slash + 1, range.upperBound)
        return [(first, range), (document.document.text(in: second), second)]
    }

    func stripCues(_ range: TextRange, document: AnnotatedDocument, rules: ExtractionRules) -> TextRange {
        var lower = range.lowerBound
        for token in document.tokens where token.range.lowerBound >= lower && token.range.upperBound <= range.upperBound {
            let word = document.document.text(in: token.range)
            guard rules.personCuesBefore.contains(word) || word == "." else { break }
            lower = token.range.upperBound
            let scalars = document.document.scalars
            while lower < range.upperBound, scalars[lower].isWhiteSpaceFast { lower += 1 }
        }
        return TextRange(lower, range.upperBound)
    }
}
