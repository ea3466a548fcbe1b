import OntologyModel
import TextAnnotation

/// Definite descriptions — "the institute", "The blood bank" — refer back to the nearest earlier
/// mention of a fitting class; they become (non-name) mentions of it.
public struct DescriptionStage: Stage {
    public let name = "descriptions"
    public let requires: Set<AnnotationLayer> = [.tokens, .mentions]
    public let assigns: Set<AnnotationLayer> = [.mentions]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let rules = context.rules
        var added: [Mention] = []
        let attachmentWords = rules.words("relation-attachment-words")
        // The name the document's title gives: what the text is about.
        let titleMention = document.mentions.filter { mention in
            mention.isName && mention.sentence.map { document.sections[document.sentences[$0].section].kind == .title } == true
        }.min { $0.range < $1.range }
        for index in document.tokens.indices where document.foldedToken(index) == "the" {
            for length in [2, 1] {
                let end = index + 1 + length
                guard end <= document.tokens.count, document.tokens[end - 1].sentence == document.tokens[index].sentence else { continue }
                let phrase = ((index + 1)..<end).map { document.foldedToken($0) }.joined(separator: " ")
                guard let wanted = rules.descriptions[phrase] else { continue }
                // "the Institute of …" is part of a name, not a description.
                if end < document.tokens.count, let first = document.token(end).unicodeScalars.first, first.isUppercaseFast { break }
                if (index + 1..<end).contains(where: { document.token($0).unicodeScalars.first?.isUppercaseFast == true }) && index > 0 {
                    if document.tokens[index - 1].sentence == document.tokens[index].sentence { break }
                }
                let range = TextRange(document.tokens[index].range.lowerBound, document.tokens[end - 1].range.upperBound)
                guard !document.hasMention(overlapping: range) else { break }
                guard let nearest = document.mentions.last(where: {
                    $0.range.upperBound <= range.lowerBound && $0.isName && context.ontology.isSubclass($0.candidateClass, of: wanted)
                }) else { break }
                let sentence = document.tokens[index].sentence
                // In a text about an organisation, "the company" is that organisation, not the last
                // company named in passing ("acquired by Astellas Pharma … the company's CSO"),
                // unless a fitting name stands earlier in the same sentence.
                // A name earlier in the sentence that only says where someone works ("X, professor
                // at Harvard Medical School, served as the organization's first president") is
                // the object of a preposition, not what the sentence is about.
                var antecedent = nearest
                let isPrepositionalObject = document.tokenIndex(startingAt: nearest.range.lowerBound).map { start in
                    var before = start - 1
                    if before >= 0, document.foldedToken(before) == "the" { before -= 1 }
                    return before >= 0 && attachmentWords.contains(document.foldedToken(before))
                } ?? false
                if nearest.sentence != sentence || isPrepositionalObject, let subject = titleMention, subject.range.upperBound <= range.lowerBound,
                   context.ontology.isSubclass(subject.candidateClass, of: wanted) {
                    antecedent = subject
                }
                let provenance = Provenance(document: document.document.identifier, sentence: sentence, range: range, stage: name, rule: "definite-description:\(phrase)", confidence: 0.6)
                added.append(Mention(range: range, sentence: sentence, candidateClass: antecedent.candidateClass, canonicalLabel: antecedent.canonicalLabel,
                                     link: antecedent.link, isName: false, source: .description, provenance: provenance))
                break
            }
        }
        // "It was established in 2002 …", "Its current director is …": in a text whose title is an
        // organisation's name, a sentence-initial "It" and the possessive "its" (organisation-pronouns)
        // refer to that organisation.
        let organisationPronouns = rules.words("organisation-pronouns"), possessivePronouns = rules.words("possessive-pronouns")
        if let subject = titleMention, organizationClasses.contains(subject.candidateClass), let titleSentence = subject.sentence,
           document.tokens.indices.filter({ document.tokens[$0].sentence == titleSentence })
               .allSatisfy({ subject.range.contains(document.tokens[$0].range) || !document.token($0).unicodeScalars.contains(where: { $0.isAlphabeticFast }) }) {
            for index in document.tokens.indices where organisationPronouns.contains(document.foldedToken(index)) {
                let token = document.tokens[index], word = document.token(index)
                guard token.range.lowerBound >= subject.range.upperBound, !document.hasMention(overlapping: token.range) else { continue }
                let isPossessive = possessivePronouns.contains(document.foldedToken(index))
                let startsSentence = index == 0 || document.tokens[index - 1].sentence != token.sentence
                guard isPossessive || (startsSentence && isCapitalised(word)) else { continue }
                let provenance = Provenance(document: document.document.identifier, sentence: token.sentence, range: token.range, stage: name, rule: "organisation-pronoun", confidence: 0.5)
                added.append(Mention(range: token.range, sentence: token.sentence, candidateClass: subject.candidateClass, canonicalLabel: subject.canonicalLabel,
                                     link: subject.link, isName: false, source: .description, provenance: provenance))
            }
        }
        // A personal pronoun refers to the first person named earlier in its sentence, else to
        // the first person of the latest sentence that named one: the person the text is about
        // ("Karlsson worked with Nienhuis. He …" is Karlsson), not merely the latest name.
        let pronouns = rules.words("person-pronouns")
        let people = document.mentions.filter { $0.isName && $0.candidateClass == "Person" }.sorted { $0.range < $1.range }
        let titlePerson = titleMention.flatMap { $0.candidateClass == "Person" ? $0 : nil }
        var nextPerson = 0
        // The mentions (in text order) that start before the current token ends, and the furthest
        // any of them reaches: a token overlaps a mention exactly when that reach passes its start.
        let spans = document.mentions.map(\.range).sorted { $0.lowerBound < $1.lowerBound }
        var nextMention = 0, reach = 0
        var currentSentence = -1
        var firstInSentence: Mention?, subjectOfText: Mention?
        for index in document.tokens.indices {
            let range = document.tokens[index].range, sentence = document.tokens[index].sentence
            if sentence != currentSentence {
                subjectOfText = firstInSentence ?? subjectOfText
                firstInSentence = nil
                currentSentence = sentence
            }
            while nextPerson < people.count, people[nextPerson].range.upperBound <= range.lowerBound {
                if people[nextPerson].sentence == sentence, firstInSentence == nil { firstInSentence = people[nextPerson] }
                subjectOfText = subjectOfText ?? people[nextPerson]
                nextPerson += 1
            }
            while nextMention < spans.count, spans[nextMention].lowerBound < range.upperBound {
                reach = max(reach, spans[nextMention].upperBound)
                nextMention += 1
            }
            // "He Jiankui": a pronoun's spelling inside a name is the name.
            guard reach <= range.lowerBound, pronouns.contains(document.foldedToken(index)),
                  var antecedent = firstInSentence ?? subjectOfText else { continue }
            // In a text whose title names a person (a biography), "he" and "she" are that person
            // unless another person opens the sentence: "Caplan isolated the cells. She then …" is
            // still the subject of the biography.
            if let titlePerson, titlePerson.range.upperBound <= range.lowerBound,
               firstInSentence == nil || firstInSentence?.canonicalLabel == titlePerson.canonicalLabel {
                antecedent = titlePerson
            }
            firstInSentence = firstInSentence ?? antecedent
            let provenance = Provenance(document: document.document.identifier, sentence: sentence, range: range, stage: name, rule: "pronoun", confidence: 0.5)
            added.append(Mention(range: range, sentence: sentence, candidateClass: "Person", canonicalLabel: antecedent.canonicalLabel, link: antecedent.link, isName: false, source: .description, provenance: provenance))
        }
        document.mentions += added
        document.sortMentions()
    }
}
