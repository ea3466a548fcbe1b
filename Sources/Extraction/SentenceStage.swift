import OntologyModel
import TextAnnotation

/// Splits every non-boilerplate section into sentences. A full stop ends a sentence only when the
/// next word starts a new one and the word before is not an abbreviation, an initial or a number.
/// Semicolons split too: the `a; b; c` lists of FAQ pages read best as separate clauses.
public struct SentenceStage: Stage {
    public let name = "sentences"
    public let requires: Set<AnnotationLayer> = [.structure]
    public let assigns: Set<AnnotationLayer> = [.sentences]

    /// A run of text with no sentence end (a 12 MB line) is cut into pieces of at most this many
    /// scalars, at a space where there is one, so every later stage sees bounded sentences.
    public static let maximumSentenceLength = 2_000

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let scalars = document.document.scalars
        let abbreviations = context.rules.abbreviations
        var sentences: [Sentence] = []
        var cuts = 0
        for (sectionIndex, section) in document.sections.enumerated() where section.kind != .boilerplate && section.kind != .hashtags {
            var start = section.range.lowerBound
            var index = start
            let end = section.range.upperBound
            // Semicolons inside parentheses separate notes about one item, not clauses.
            var depth = 0
            while index < end {
                if index - start >= Self.maximumSentenceLength {
                    var cut = index
                    while cut > start + Self.maximumSentenceLength / 2, !scalars[cut - 1].isWhiteSpaceFast { cut -= 1 }
                    if cut <= start + Self.maximumSentenceLength / 2 { cut = index }
                    appendTrimmed(scalars, start, cut, section: sectionIndex, to: &sentences)
                    start = cut
                    depth = 0
                    cuts += 1
                }
                let scalar = scalars[index]
                if scalar == "(" { depth += 1 } else if scalar == ")" { depth = max(0, depth - 1) }
                if scalar == ";", depth > 0 { index += 1; continue }
                if isBoundary(scalars, at: index, sectionEnd: end, abbreviations: abbreviations) {
                    depth = 0
                    var closing = index + 1
                    while closing < end, scalars[closing] == "\"" || scalars[closing] == "\u{201D}" || scalars[closing] == ")" || scalars[closing] == "'" { closing += 1 }
                    appendTrimmed(scalars, start, closing, section: sectionIndex, to: &sentences)
                    start = closing
                    index = closing
                    continue
                }
                index += 1
            }
            appendTrimmed(scalars, start, end, section: sectionIndex, to: &sentences)
        }
        document.sentences = sentences
        if cuts > 0 {
            document.notices.append("\(cuts) sentence\(cuts == 1 ? "" : "s") cut at \(Self.maximumSentenceLength) characters (no sentence end found)")
        }
    }

    func appendTrimmed(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, section: Int, to sentences: inout [Sentence]) {
        var lower = start, upper = end
        while lower < upper, scalars[lower].isWhiteSpaceFast { lower += 1 }
        while upper > lower, scalars[upper - 1].isWhiteSpaceFast { upper -= 1 }
        if upper > lower { sentences.append(Sentence(range: TextRange(lower, upper), section: section)) }
    }

    func isBoundary(_ scalars: [Unicode.Scalar], at index: Int, sectionEnd: Int, abbreviations: Set<String>) -> Bool {
        let scalar = scalars[index]
        if scalar == ";" { return true }
        guard scalar == "." || scalar == "!" || scalar == "?" else { return false }
        // What follows: closing quotes, then white space, then the next sentence's first scalar.
        var next = index + 1
        while next < sectionEnd, scalars[next] == "\"" || scalars[next] == "\u{201D}" || scalars[next] == ")" || scalars[next] == "'" { next += 1 }
        if next >= sectionEnd { return false }
        guard scalars[next].isWhiteSpaceFast else { return false }
        while next < sectionEnd, scalars[next].isWhiteSpaceFast { next += 1 }
        guard next < sectionEnd else { return false }
        let following = scalars[next]
        let startsSentence = following.isUppercaseFast || following.properties.numericType != nil
            || following == "\"" || following == "\u{201C}" || following == "(" || following == "'"
        guard startsSentence else { return false }
        guard scalar == "." else { return true }
        // The word before the stop.
        var wordStart = index
        while wordStart > 0, !scalars[wordStart - 1].isWhiteSpaceFast, scalars[wordStart - 1] != "(" { wordStart -= 1 }
        let word = Document.string(scalars[wordStart..<index])
        if abbreviations.contains(word) { return false }
        // A single capital letter is an initial ("Shinya Y. Yamanaka"); dotted forms ("U.S.") too.
        if word.unicodeScalars.count == 1, let only = word.unicodeScalars.first, only.isUppercaseFast { return false }
        if word.contains(".") && word.unicodeScalars.filter({ $0.isAlphabeticFast }).count <= 4 { return false }
        return true
    }
}
