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
