import OntologyModel
import TextAnnotation

/// Once a text has named a person in full ("Maria Svensson"), it refers to them by one part of the
/// name ("Svensson headed …", "Svensson's group"). This stage marks such parts as mentions of a
/// person, so resolution joins them to the full name and relations reach them. A part two people
/// share is left alone, and so is a part that is the edge of a longer capitalised run.
public struct PersonNamePartStage: Stage {
    public let name = "person-name-parts"
    public let requires: Set<AnnotationLayer> = [.tokens, .mentions]
    public let assigns: Set<AnnotationLayer> = [.mentions]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        addCompanyShortNames(&document, rules: context.rules)
        let rules = context.rules
        // First and last name part of every full person name → its name; nil when two names share it.
        var owner: [String: String?] = [:]
        for mention in document.mentions where mention.isName && mention.candidateClass == "Person" {
            let words = WordTokenizer.words(document.document.text(in: mention.range))
            guard words.count > 1, let first = words.first, let last = words.last else { continue }
            for part in Set([first, last]) where Self.isNamePart(part, rules: rules) {
                if let known = owner[part], known != mention.canonicalLabel { owner[part] = .some(nil) } else { owner[part] = mention.canonicalLabel }
            }
        }
        guard !owner.isEmpty else { return }
        let identifier = document.document.identifier
        document.forEachSentence { document, sentence, tokens in
            for index in tokens {
                let word = document.token(index)
                guard let known = owner[word], known != nil else { continue }
                let range = document.tokens[index].range
                guard !document.hasMention(overlapping: range) else { continue }
                // "Svensson Hall", "Anna Svensson": the part edges a longer name, not this person.
                if index + 1 < tokens.upperBound, Self.isCapitalised(document.token(index + 1)) { continue }
                if index > tokens.lowerBound {
                    let previous = document.token(index - 1)
                    if Self.isCapitalised(previous), !rules.personCuesBefore.contains(previous) { continue }
                }
                let provenance = Provenance(document: identifier, sentence: sentence, range: range, stage: name, rule: "part-of-person-name", confidence: 0.7)
                document.propose(Mention(range: range, sentence: sentence, candidateClass: "Person", canonicalLabel: word, source: .namePattern, provenance: provenance), .besideInnerNames)
            }
        }
        document.sortMentions()
    }

    /// A company named in full with a corporate head word ("Osiris Therapeutics", "Acme
    /// Pharmaceuticals, Inc.") is referred to by the words before the head ("Osiris began …"):
    /// those words alone, not edging a longer capitalised run, are a mention of the company.
    func addCompanyShortNames(_ document: inout AnnotatedDocument, rules: ExtractionRules) {
        var owner: [[String]: Mention?] = [:]
        for mention in document.mentions where mention.isName && mention.candidateClass == "Company" {
            var words = WordTokenizer.words(document.document.text(in: mention.range)).filter { $0 != "," && $0 != "." }
            while let last = words.last, rules.headWords[last] == "Company" { words.removeLast() }
            guard !words.isEmpty, words.count < WordTokenizer.words(document.document.text(in: mention.range)).count,
                  words.count <= 2, words.allSatisfy({ Self.isNamePart($0, rules: rules) }) else { continue }
            if let known = owner[words], known?.canonicalLabel != mention.canonicalLabel { owner[words] = .some(nil) } else { owner[words] = mention }
        }
        guard !owner.isEmpty else { return }
        // By first word, so each token is looked up once.
        let byFirstWord = Dictionary(grouping: owner.keys.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }) { $0[0] }
        let identifier = document.document.identifier
        document.forEachSentence { document, sentence, tokens in
            for index in tokens {
                for words in byFirstWord[document.token(index)] ?? [] {
                    let known = owner[words] ?? nil
                    guard let known, index + words.count <= tokens.upperBound,
                          (0..<words.count).allSatisfy({ document.token(index + $0) == words[$0] }) else { continue }
                    let end = index + words.count
                    // "Osiris Therapeutics" itself, "Osiris Hall": the words edge a longer name.
                    if end < tokens.upperBound, Self.isCapitalised(document.token(end)) { continue }
                    if index > tokens.lowerBound, Self.isCapitalised(document.token(index - 1)) { continue }
                    let range = TextRange(document.tokens[index].range.lowerBound, document.tokens[end - 1].range.upperBound)
                    guard !document.hasMention(overlapping: range) else { continue }
                    let provenance = Provenance(document: identifier, sentence: sentence, range: range, stage: name, rule: "company-short-name", confidence: 0.7)
                    document.propose(Mention(range: range, sentence: sentence, candidateClass: known.candidateClass, canonicalLabel: known.canonicalLabel,
                                             link: known.link, source: .namePattern, provenance: provenance), .besideInnerNames)
                }
            }
        }
        document.sortMentions()
    }

    /// A capitalised word of letters (hyphens allowed), not an initial and not a function word.
    static func isNamePart(_ word: String, rules: ExtractionRules) -> Bool {
        word.count >= 3 && isCapitalised(word) && word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "-" }
            && !rules.leadingStopwords.contains(word) && !rules.notNameWords.contains(word) && !rules.personCuesBefore.contains(word)
    }

    static func isCapitalised(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }
}
