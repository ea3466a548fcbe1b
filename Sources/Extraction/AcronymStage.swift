import OntologyModel
import TextAnnotation

/// Acronyms defined in parentheses after a name — "National Health Commission (NHC)",
/// "induced pluripotent stem cells (IPS cells)" — become aliases of that name, and every later
/// use of the acronym in the document becomes a mention of the same thing.
public struct AcronymStage: Stage {
    public let name = "acronyms"
    public let requires: Set<AnnotationLayer> = [.tokens, .mentions]
    public let assigns: Set<AnnotationLayer> = [.mentions]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        var definitions: [(acronym: String, mention: Mention)] = []
        let tokenStarts = Dictionary(document.tokens.enumerated().map { ($0.element.range.lowerBound, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for mention in document.mentions where mention.isName {
            // The token right after the mention must be "(".
            guard let afterIndex = nextToken(after: mention.range.upperBound, document: document, starts: tokenStarts),
                  document.token(afterIndex) == "(" else { continue }
            var close = afterIndex + 1
            while close < document.tokens.count, close - afterIndex <= 4, document.token(close) != ")" { close += 1 }
            guard close < document.tokens.count, document.token(close) == ")", close > afterIndex + 1 else { continue }
            let acronym = document.token(afterIndex + 1)
            // A plural acronym ("iNSCs", "UCs") ends in a lower-case "s" no word gives.
            let singular = acronym.hasSuffix("s") && acronym.count > 2 ? String(acronym.dropLast()) : nil
            let longForm = document.document.text(in: mention.range)
            guard isAcronymLike(acronym),
                  matchesInitials(acronym, longForm: longForm) || singular.map({ isAcronymLike($0) && matchesInitials($0, longForm: longForm) }) == true else { continue }
            let range = TextRange(document.tokens[afterIndex + 1].range.lowerBound, document.tokens[close - 1].range.upperBound)
            document.mentions.removeAll { $0.range.overlaps(range) }
            let provenance = Provenance(document: document.document.identifier, sentence: mention.sentence, range: range, stage: name, rule: "parenthesised-acronym", confidence: 0.85)
            let alias = Mention(range: range, sentence: mention.sentence, candidateClass: mention.candidateClass, canonicalLabel: mention.canonicalLabel, link: mention.link, source: .acronym, provenance: provenance)
            document.mentions.append(alias)
            definitions.append(((afterIndex + 1..<close).map { document.token($0) }.joined(separator: " "), alias))
            // Later uses in the singular or the plural: "iNSCs (…) … iNSC lines", "ESC … ESCs".
            if close == afterIndex + 2 { definitions.append((singular ?? acronym + "s", alias)) }
        }
        // Later uses of a defined acronym, in full ("IPS cells") or by its first word ("IPS").
        // Each token is looked up once among the definitions by their first word (in definition order).
        var byFirstWord: [String: [(words: [String], definition: Mention)]] = [:]
        for (acronym, definition) in definitions {
            let words = acronym.split(separator: " ").map(String.init)
            if let first = words.first { byFirstWord[first, default: []].append((words, definition)) }
        }
        // Which tokens a mention overlaps, so a use is checked against them in constant time.
        var covered = [Bool](repeating: false, count: document.tokens.count)
        if !byFirstWord.isEmpty {
            let starts = document.tokens.map(\.range.lowerBound)
            for mention in document.mentions {
                // The first token that ends after the mention starts, then on while tokens start before it ends.
                var low = 0, high = starts.count
                while low < high {
                    let middle = (low + high) / 2
                    if document.tokens[middle].range.upperBound <= mention.range.lowerBound { low = middle + 1 } else { high = middle }
                }
                var index = low
                while index < starts.count, starts[index] < mention.range.upperBound { covered[index] = true; index += 1 }
            }
        }
        for (index, token) in document.tokens.enumerated() where !covered[index] {
            for (words, definition) in byFirstWord[document.token(index)] ?? [] where token.range.lowerBound > definition.range.upperBound {
                var end = index + 1
                if index + words.count <= document.tokens.count,
                   (0..<words.count).allSatisfy({ document.token(index + $0) == words[$0] && document.tokens[index + $0].sentence == token.sentence }) {
                    end = index + words.count
                }
                let range = TextRange(token.range.lowerBound, document.tokens[end - 1].range.upperBound)
                guard !(index..<end).contains(where: { covered[$0] }) else { continue }
                let provenance = Provenance(document: document.document.identifier, sentence: token.sentence, range: range, stage: name, rule: "acronym-use", confidence: 0.8)
                document.mentions.append(Mention(range: range, sentence: token.sentence, candidateClass: definition.candidateClass, canonicalLabel: definition.canonicalLabel, link: definition.link, source: .acronym, provenance: provenance))
                for covering in index..<end { covered[covering] = true }
            }
        }
        document.sortMentions()
    }

    func nextToken(after offset: Int, document: AnnotatedDocument, starts: [Int: Int]) -> Int? {
        var position = offset
        let scalars = document.document.scalars
        while position < scalars.count, scalars[position] == " " { position += 1 }
        return starts[position]
    }

    /// Two or more capitals, no spaces: NHC, SIBCB, iPSC, MOST.
    func isAcronymLike(_ token: String) -> Bool {
        let uppercase = token.unicodeScalars.filter { $0.isUppercaseFast }.count
        return uppercase >= 2 && token.unicodeScalars.count <= 10
    }

    /// The acronym's letters appear, in order, as initials of the long form's words, starting with
    /// the first word (Schwartz and Hearst's test, on word initials plus inner capitals).
    func matchesInitials(_ acronym: String, longForm: String) -> Bool {
        let letters = acronym.lowercased().unicodeScalars.filter { $0.isAlphabeticFast }
        let words = WordTokenizer.words(longForm).filter { $0.unicodeScalars.first?.isAlphabeticFast == true }
        guard let first = letters.first, let firstWord = words.first, firstWord.lowercased().unicodeScalars.first == first else { return false }
        var letterIndex = letters.startIndex
        for word in words {
            guard letterIndex < letters.endIndex else { break }
            let lower = word.lowercased()
            if lower.unicodeScalars.first == letters[letterIndex] {
                letterIndex = letters.index(after: letterIndex)
                // Letters from inside one word ("MOST" takes O from "of"; "iPSC" takes P, S from one word each).
                for scalar in word.unicodeScalars.dropFirst() where scalar.isUppercaseFast {
                    if letterIndex < letters.endIndex, scalar.properties.lowercaseMapping == String(letters[letterIndex]) {
                        letterIndex = letters.index(after: letterIndex)
                    }
                }
            }
        }
        return letterIndex == letters.endIndex
    }
}
