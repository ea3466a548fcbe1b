import OntologyModel
import TextAnnotation

/// The values of `- Key: value` lines name things even when nothing else recognises them: a value
/// with no mention yet becomes a mention of the class the key implies (`Key People:` → Person).
public struct KeyValueMentionStage: Stage {
    public let name = "key-value-mentions"
    public let requires: Set<AnnotationLayer> = [.structure, .tokens, .mentions]
    public let assigns: Set<AnnotationLayer> = [.mentions]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        for section in document.sections where section.kind == .keyValue {
            guard let key = section.key, let value = section.value,
                  let rule = context.rules.keys[WordTokenizer.fold(document.document.text(in: key))],
                  let valueClass = rule.valueClass else { continue }
            for part in Self.valueParts(value, in: document.document.scalars) where !document.hasMention(overlapping: part) {
                let trimmed = stripCues(part, document: document, rules: context.rules)
                guard trimmed.length > 0 else { continue }
                let sentence = document.sentenceIndex(containing: trimmed.lowerBound)
                let provenance = Provenance(document: document.document.identifier, sentence: sentence, range: trimmed, stage: name, rule: "key:\(document.document.text(in: key))", confidence: 0.7)
                document.mentions.append(Mention(range: trimmed, sentence: sentence, candidateClass: valueClass, canonicalLabel: document.document.text(in: trimmed), provenance: provenance))
            }
        }
        document.sortMentions()
    }

    /// The comma- or semicolon-separated parts of a value, trimmed.
    static func valueParts(_ value: TextRange, in scalars: [Unicode.Scalar]) -> [TextRange] {
        var parts: [TextRange] = []
        var start = value.lowerBound
        for index in value.lowerBound...value.upperBound where index == value.upperBound || scalars[index] == "," || scalars[index] == ";" {
            var lower = start, upper = index
            while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
            while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
            if upper > lower { parts.append(TextRange(lower, upper)) }
            start = index + 1
        }
        return parts
    }

    func stripCues(_ range: TextRange, document: AnnotatedDocument, rules: ExtractionRules) -> TextRange {
        var lower = range.lowerBound
        for token in document.tokens where token.range.lowerBound >= lower && token.range.upperBound <= range.upperBound {
            let word = document.document.text(in: token.range)
            guard rules.personCuesBefore.contains(word) || word == "." else { break }
            lower = token.range.upperBound
            let scalars = document.document.scalars
            while lower < range.upperBound, scalars[lower].properties.isWhitespace { lower += 1 }
        }
        return TextRange(lower, range.upperBound)
    }
}
