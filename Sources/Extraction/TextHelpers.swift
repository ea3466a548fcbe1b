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

    /// Adds `mention` when `policy` allows it next to the mentions already there; whether it did.
    /// The one place that decides how a new name meets existing ones: it never cuts through
    /// another mention; it may replace the names strictly inside it ("Shanghai Stem Cell
    /// Institute" over "Shanghai"); it may yield to a mention of exactly its span.
    @discardableResult
    mutating func propose(_ mention: Mention, _ policy: MentionPolicy) -> Bool {
        let range = mention.range
        let refused = mentions.contains { existing in
            (policy.yieldsToSameSpan && existing.range == range) || (existing.range.overlaps(range) && !range.contains(existing.range))
        }
        guard !refused else { return false }
        if policy.replacesInnerNames { removeMentions(inside: range) }
        mentions.append(mention)
        return true
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

extension AnnotatedDocument {
    /// Runs `body` once per sentence that has tokens, with `mentions` holding only that sentence's
    /// mentions, then puts every mention back. A pass whose work stays inside a sentence pays for
    /// the sentence's mentions, not the document's, so a document of 50,000 names stays linear.
    /// Mentions outside any sentence are left untouched.
    mutating func forEachSentence(_ body: (inout AnnotatedDocument, _ sentence: Int, _ tokens: Range<Int>) -> Void) {
        var pending = Dictionary(grouping: mentions) { $0.sentence ?? -1 }
        var collected = pending.removeValue(forKey: -1) ?? []
        collected.reserveCapacity(mentions.count)
        for (sentence, tokens) in tokenRangesBySentence.enumerated() where !tokens.isEmpty {
            mentions = pending.removeValue(forKey: sentence) ?? []
            body(&self, sentence, tokens)
            collected += mentions
        }
        for sentence in pending.keys.sorted() { collected += pending[sentence] ?? [] }
        mentions = collected
    }

    /// The index of the token that starts at `offset`, by binary search (tokens are in text order).
    func tokenIndex(startingAt offset: Int) -> Int? { tokenIndex(where: \.lowerBound, is: offset) }

    /// The index of the token that ends at `offset`, by binary search.
    func tokenIndex(endingAt offset: Int) -> Int? { tokenIndex(where: \.upperBound, is: offset) }

    /// The token whose `bound` equals `offset`; both bounds grow with the token index.
    private func tokenIndex(where bound: KeyPath<TextRange, Int>, is offset: Int) -> Int? {
        var low = 0, high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].range[keyPath: bound] < offset { low = middle + 1 } else { high = middle }
        }
        return low < tokens.count && tokens[low].range[keyPath: bound] == offset ? low : nil
    }
}

/// How a proposed mention meets the mentions already found (see `AnnotatedDocument.propose`).
struct MentionPolicy {
    /// An existing mention of exactly the same span wins.
    var yieldsToSameSpan: Bool
    /// The names strictly inside the new one are dropped.
    var replacesInnerNames: Bool

    /// A longer name replaces the names inside it.
    static let longerNameWins = MentionPolicy(yieldsToSameSpan: false, replacesInnerNames: true)
    /// As `longerNameWins`, but a mention already found for exactly this span stays.
    static let longerNameWinsOverOthers = MentionPolicy(yieldsToSameSpan: true, replacesInnerNames: true)
    /// Added beside the names inside it, unless one has exactly this span.
    static let besideInnerNames = MentionPolicy(yieldsToSameSpan: true, replacesInnerNames: false)
}

/// Character classes with an ASCII fast path: Unicode property look-ups are slow, nearly all text
/// is ASCII, and for ASCII the answers are these ranges exactly.
extension Unicode.Scalar {
    var isWhiteSpaceFast: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }

    var isUppercaseFast: Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return properties.isUppercase
    }

    var isLowercaseFast: Bool {
        if value < 0x80 { return value >= 0x61 && value <= 0x7A }
        return properties.isLowercase
    }

    var isAlphabeticFast: Bool {
        if value < 0x80 { return (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) }
        return properties.isAlphabetic
    }
}

/// Whether a token starts with an upper-case letter.
func isCapitalised(_ token: String) -> Bool {
    guard let first = token.unicodeScalars.first else { return false }
    return first.isUppercaseFast
}

/// The organisation classes whose names end before a place ("… Institute in Yongin") and that can
/// own a programme ("the ISSCR guidelines").
let organizationClasses: Set<String> = ["Organization", "ResearchInstitute", "University", "Company", "GovernmentAgency", "Association", "Biobank"]

extension AnnotatedDocument {
    /// The entity of each mention (the first entity that lists it), by mention index; nil for a
    /// mention no entity holds.
    var entityOfEachMention: [Int?] {
        var result = [Int?](repeating: nil, count: mentions.count)
        for (entityIndex, entity) in entities.enumerated() {
            for mention in entity.mentions where result.indices.contains(mention) && result[mention] == nil {
                result[mention] = entityIndex
            }
        }
        return result
    }
}

extension AnnotatedDocument {
    /// At most this many tokens inside a parenthetical that relations read past.
    static let maximumTransparentParenthetical = 8

    /// The tokens of one sentence (`tokens`) that relation stages read past: a short parenthetical
    /// that names nothing new — an abbreviation of the name right before it ("National Heart Lung
    /// and Blood Institute (NHLBI) at the National Institutes of Health"), years ("Professor Arthur
    /// W. Nienhuis (1983-1986) at …"), a role ("James Burns (Co-Founder), Dr. Arnold Caplan"). Such
    /// an aside stands outside the sentence's grammar, so the words around it join as if it were
    /// not there. A parenthetical naming another entity ("Fox Chase Cancer Center (Philadelphia)")
    /// stays: it states something. `mentions` are the sentence's mentions in text order. The
    /// result is indexed from `tokens.lowerBound`.
    func transparentTokens(in tokens: Range<Int>, mentions: [Int], entityOfMention: [Int?]) -> [Bool] {
        var hidden = [Bool](repeating: false, count: tokens.count)
        var index = tokens.lowerBound
        while index < tokens.upperBound {
            defer { index += 1 }
            guard token(index) == "(" else { continue }
            var close = index + 1
            while close < tokens.upperBound, close - index <= Self.maximumTransparentParenthetical + 1, token(close) != ")", token(close) != "(" { close += 1 }
            guard close < tokens.upperBound, token(close) == ")", close > index + 1 else { continue }
            let inner = TextRange(self.tokens[index].range.upperBound, self.tokens[close].range.lowerBound)
            let opening = self.tokens[index].range.lowerBound
            // The name the aside follows: the mention ending right before "(".
            let before = mentions.last { self.mentions[$0].range.upperBound <= opening }
            let beforeTouches = before.map { mention in index > tokens.lowerBound && self.tokens[index - 1].range.upperBound == self.mentions[mention].range.upperBound } ?? false
            let inside = mentions.filter { inner.contains(self.mentions[$0].range) || self.mentions[$0].range.overlaps(inner) }
            let namesNothingNew = inside.allSatisfy { mention in
                beforeTouches && before.map { entityOfMention[$0] != nil && entityOfMention[$0] == entityOfMention[mention] } == true
            }
            guard namesNothingNew else { continue }
            for hiddenIndex in index...close { hidden[hiddenIndex - tokens.lowerBound] = true }
            index = close
        }
        return hidden
    }
}
