import Foundation
import OntologyModel
import TextAnnotation

extension AnnotatedDocument {
    /// The text of tokens `range` (indices into `tokens`), from the first token's start to the last's end.
    func text(ofTokens range: Range<Int>) -> String {
        guard let first = range.first, let last = range.last else { return "" }
        return document.text(in: TextRange(tokens[first].range.lowerBound, tokens[last].range.upperBound))
    }

    /// The text of one token.
    func token(_ index: Int) -> String { index < tokenTexts.count ? tokenTexts[index] : document.text(in: tokens[index].range) }

    /// The folded text of one token.
    func foldedToken(_ index: Int) -> String { index < foldedTokens.count ? foldedTokens[index] : WordTokenizer.fold(token(index)) }

    /// Token index ranges per sentence (tokens are stored in sentence order).
    var tokenRangesBySentence: [Range<Int>] {
        var ranges = Array(repeating: 0..<0, count: sentences.count)
        var start = 0
        while start < tokens.count {
            let sentence = tokens[start].sentence
            var end = start
            while end < tokens.count, tokens[end].sentence == sentence { end += 1 }
            ranges[sentence] = start..<end
            start = end
        }
        return ranges
    }

    /// Whether any existing mention overlaps `range`.
    func hasMention(overlapping range: TextRange) -> Bool {
        mentions.contains { $0.range.overlaps(range) }
    }

    /// Removes mentions strictly inside `range` (a longer name wins over the names inside it).
    mutating func removeMentions(inside range: TextRange) {
        mentions.removeAll { range.contains($0.range) && $0.range != range }
    }

    /// Keeps mentions in text order, so every later stage can rely on it.
    mutating func sortMentions() {
        mentions.sort { ($0.range, $0.candidateClass) < ($1.range, $1.candidateClass) }
    }
}

