import Foundation
import OntologyModel

/// Folded words interned as small integers, so the relation stage compares numbers, never strings.
/// Built once when the rules load; a document word the rules never mention gets `unknown`.
public struct TokenVocabulary: Sendable {
    /// The id of every word no rule names: it equals no pattern literal.
    public static let unknown: Int32 = -1
    private var ids: [String: Int32] = [:]

    public init() {}

    /// The id of a folded word, adding it when new.
    @discardableResult
    public mutating func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(ids.count)
        ids[word] = id
        return id
    }

    /// The id of a folded word, or `unknown`.
    public func id(of word: String) -> Int32 { ids[word] ?? Self.unknown }
}

/// One element of a compiled relation pattern.
enum PatternElement: Hashable, Sendable {
    /// One token that is any of these word ids.
    case word([Int32])
    /// `...`: up to `RelationPatternMatcher.maximumGap` tokens of any kind.
    case gap
    /// `~`: up to `RelationPatternMatcher.maximumModifiers` modifier words (never a clause word).
    case modifiers
}

/// A relation pattern compiled to word ids, with what the stage asks of it precomputed. A class,
/// so the relation stage reads a pattern without copying (retaining) its strings.
public final class CompiledRelationPattern: Sendable {
    public let pattern: RelationPattern
    let elements: [PatternElement]
    /// `...` anywhere: the pattern may span other mentions.
    let hasGap: Bool
    /// `...` first: the subject is the head the left mention's phrase hangs on.
    let startsWithGap: Bool
    /// Exactly `,`: an apposition or a place chain.
    let isBareComma: Bool
    /// The only length a gap-free, modifier-free pattern matches.
    let fixedLength: Int?
    /// Numbers `property` + direction: for each, the nearest left mention claims the relation.
    let claim: Int
    /// The words the first token must be, when the pattern starts with a word.
    let firstWords: [Int32]?

    /// What the stage asks of a pattern, worked out once from its elements.
    init(pattern: RelationPattern, elements: [PatternElement], claim: Int) {
        self.pattern = pattern
        self.elements = elements
        self.claim = claim
        hasGap = elements.contains(.gap)
        startsWithGap = elements.first == .gap
        isBareComma = pattern.tokens == [","]
        fixedLength = elements.contains { $0 == .gap || $0 == .modifiers } ? nil : elements.count
        if case let .word(words)? = elements.first { firstWords = words } else { firstWords = nil }
    }
}

/// Pattern indices by the word the words between two mentions start with, in file order: the
/// patterns starting with that word plus those starting with `...` or `~`.
struct CandidateTable: Sendable {
    var byFirstWord: [Int32: [Int]] = [:]
    /// For words starting with a word no pattern starts with, or for no words.
    var otherwise: [Int] = []

    func candidates(for tokens: ArraySlice<Int32>) -> [Int] {
        guard let first = tokens.first else { return otherwise }
        return byFirstWord[first] ?? otherwise
    }

    /// The same table keeping only the patterns `keep` accepts.
    func filter(_ keep: (Int) -> Bool) -> CandidateTable {
        CandidateTable(byFirstWord: byFirstWord.mapValues { $0.filter(keep) }, otherwise: otherwise.filter(keep))
    }
}

/// Every relation pattern compiled once, plus the word classes the relation stage tests gaps against.
public struct RelationPatternMatcher: Sendable {
    /// At most this many tokens stand where a pattern has `...`.
    static let maximumGap = 12
    /// At most this many modifier words stand where a pattern has `~`.
    static let maximumModifiers = 3

    public private(set) var vocabulary = TokenVocabulary()
    public private(set) var patterns: [CompiledRelationPattern] = []
    /// How many distinct property-and-direction claims the patterns make.
    public private(set) var claimCount = 0
    /// The patterns that may match the words between two mentions.
    private var candidates = CandidateTable()
    /// The same holding only patterns with a `...` gap: the only ones a pair of mentions with other
    /// mentions between them can match.
    private var gapCandidates = CandidateTable()
    /// Words that end a noun phrase's modifiers: `~` never crosses them.
    private(set) var clauseWords: Set<Int32> = []
    /// Words that continue a list ("A, B, and C", "diseases such as A").
    private(set) var listWords: Set<Int32> = []
    /// Words skipped right before the second mention (determiners, "human", titles before a name).
    private(set) var skippedBeforeMention: Set<Int32> = []
    let comma: Int32, and: Int32, or: Int32, openParenthesis: Int32, closeParenthesis: Int32, of: Int32
    /// Words that deny a relation stated between two mentions ("was not funded by").
    private(set) var negationWords: Set<Int32> = []
    /// Auxiliaries that make the word after them a finite verb ("is funded by").
    private(set) var auxiliaryWords: Set<Int32> = []
    let kindWords: Set<Int32>
    let attachmentWords: Set<Int32>

    /// Compiles `patterns`; `personCuesBefore` are the titles that stand before a name ("Professor"),
    /// `words` the word lists of `word-lists.tsv` (the `relation-…` lists are read).
    public init(patterns: [RelationPattern], personCuesBefore: Set<String>, words: [String: [String]]) {
        var vocabulary = TokenVocabulary()
        func ids(_ words: [String]) -> Set<Int32> { Set(words.map { vocabulary.intern($0) }) }
        clauseWords = ids(words["relation-clause-words"] ?? [])
        listWords = ids(words["relation-list-words"] ?? [])
        // The titles before a name are skipped as the folded words they match.
        var skipped = words["relation-skipped-words"] ?? []
        for cue in personCuesBefore {
            let folded = WordTokenizer.fold(cue)
            if folded == cue || folded.capitalized == cue { skipped.append(folded) }
        }
        skippedBeforeMention = ids(skipped)
        kindWords = ids(words["relation-kind-words"] ?? [])
        attachmentWords = ids(words["relation-attachment-words"] ?? [])
        negationWords = ids(words["relation-negation-words"] ?? [])
        auxiliaryWords = ids(words["relation-auxiliary-words"] ?? [])
        comma = vocabulary.intern(",")
        and = vocabulary.intern("and")
        or = vocabulary.intern("or")
        openParenthesis = vocabulary.intern("(")
        closeParenthesis = vocabulary.intern(")")
        of = vocabulary.intern("of")
        var claims: [String: Int] = [:]
        for pattern in patterns {
            let elements: [PatternElement] = pattern.tokens.map { token in
                if token == "..." { return .gap }
                if token == "~" { return .modifiers }
                if token.contains("|"), token.count > 1 {
                    return .word(token.split(separator: "|").map { vocabulary.intern(String($0)) })
                }
                return .word([vocabulary.intern(token)])
            }
            let claim = claims[pattern.property + pattern.direction.rawValue, default: claims.count]
            claims[pattern.property + pattern.direction.rawValue] = claim
            self.patterns.append(CompiledRelationPattern(pattern: pattern, elements: elements, claim: claim))
        }
        claimCount = claims.count
        let open = self.patterns.indices.filter { self.patterns[$0].firstWords == nil }
        candidates.otherwise = open
        var starting: [Int32: [Int]] = [:]
        for (index, compiled) in self.patterns.enumerated() {
            for word in Set(compiled.firstWords ?? []) { starting[word, default: []].append(index) }
        }
        for (word, indices) in starting { candidates.byFirstWord[word] = (indices + open).sorted() }
        let gapPatterns = Set(self.patterns.indices.filter { self.patterns[$0].hasGap })
        gapCandidates = candidates.filter { gapPatterns.contains($0) }
        self.vocabulary = vocabulary
    }

    /// The indices of the patterns that may match `tokens`, in file order: a pattern whose first
    /// word differs is never among them.
    /// `gapsOnly`: only the patterns with a `...` gap.
    func candidates(for tokens: ArraySlice<Int32>, gapsOnly: Bool = false) -> [Int] {
        gapsOnly ? gapCandidates.candidates(for: tokens) : candidates.candidates(for: tokens)
    }

    /// Whether the word ids between two mentions match a compiled pattern.
    func matches(_ tokens: ArraySlice<Int32>, _ compiled: CompiledRelationPattern) -> Bool {
        if let length = compiled.fixedLength, length != tokens.count { return false }
        if let first = compiled.firstWords {
            guard let word = tokens.first, first.count == 1 ? first[0] == word : first.contains(word) else { return false }
        }
        return compiled.elements.withUnsafeBufferPointer { elements in
            tokens.withUnsafeBufferPointer { words in
                Self.match(words, 0, elements, 0, clauseWords: clauseWords)
            }
        }
    }

    /// Whether `words[t...]` matches `elements[p...]`; a plain recursive function over buffers, so
    /// no closure context is allocated per call.
    private static func match(_ words: UnsafeBufferPointer<Int32>, _ t: Int, _ elements: UnsafeBufferPointer<PatternElement>, _ p: Int, clauseWords: Set<Int32>) -> Bool {
        if p == elements.count { return t == words.count }
        switch elements[p] {
        case .gap:
            var skip = 0
            while skip <= maximumGap, t + skip <= words.count {
                if match(words, t + skip, elements, p + 1, clauseWords: clauseWords) { return true }
                skip += 1
            }
            return false
        case .modifiers:
            var skip = 0
            while true {
                if match(words, t + skip, elements, p + 1, clauseWords: clauseWords) { return true }
                guard skip < maximumModifiers, t + skip < words.count, !clauseWords.contains(words[t + skip]) else { return false }
                skip += 1
            }
        case let .word(alternatives):
            guard t < words.count else { return false }
            let word = words[t]
            let fits = alternatives.count == 1 ? alternatives[0] == word : alternatives.contains(word)
            return fits && match(words, t + 1, elements, p + 1, clauseWords: clauseWords)
        }
    }

    /// Whether a gap only continues a list: "A, B, and C", "diseases such as A", "A (B)".
    func isCoordination(_ gap: ArraySlice<Int32>) -> Bool {
        let words = withoutAsides(gap)
        return !words.isEmpty && words.count <= 4 && words.allSatisfy { listWords.contains($0) }
    }

    /// The gap without closed parenthetical asides: "macular degeneration (trial started in 2010),
    /// glaucoma" is still a list.
    func withoutAsides(_ gap: ArraySlice<Int32>) -> [Int32] {
        var words: [Int32] = []
        var index = gap.startIndex
        while index < gap.endIndex {
            if gap[index] == openParenthesis, let close = gap[(index + 1)...].firstIndex(of: closeParenthesis),
               close - index <= 12, close + 1 < gap.endIndex {
                index = close + 1
                continue
            }
            words.append(gap[index])
            index += 1
        }
        return words
    }
}
