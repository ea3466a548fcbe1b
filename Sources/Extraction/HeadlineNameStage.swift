import OntologyModel
import TextAnnotation

/// Headlines capitalise every word, so the name-pattern stage reads no names from them; a
/// multi-word name it found in the body is recognised where a headline repeats it.
public struct HeadlineNameStage: Stage {
    public let name = "headline-names"
    public let requires: Set<AnnotationLayer> = [.tokens, .mentions]
    public let assigns: Set<AnnotationLayer> = [.mentions]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        propagateIntoHeadlines(&document)
        document.sortMentions()
    }

    /// Headlines capitalise every word, so names are not read from them directly; a name found in
    /// the body is, though, recognised where a headline repeats it ("… Wins Kyoto Prize").
    func propagateIntoHeadlines(_ document: inout AnnotatedDocument) {
        let names = document.mentions.filter { $0.isName && $0.source == .namePattern && WordTokenizer.words($0.canonicalLabel).count > 1 }
        let ranges = document.tokenRangesBySentence
        for (sentenceIndex, tokenRange) in ranges.enumerated() where !tokenRange.isEmpty {
            let kind = document.sections[document.sentences[sentenceIndex].section].kind
            guard kind == .title || kind == .heading else { continue }
            let words = tokenRange.map { document.token($0) }
            for found in names.sorted(by: { $0.range.length > $1.range.length }) {
                let target = WordTokenizer.words(document.document.text(in: found.range))
                guard target.count <= words.count else { continue }
                for start in 0...(words.count - target.count) where Array(words[start..<(start + target.count)]) == target {
                    let first = tokenRange.lowerBound + start, last = first + target.count - 1
                    let range = TextRange(document.tokens[first].range.lowerBound, document.tokens[last].range.upperBound)
                    let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "headline-repeats-name", confidence: found.provenance.confidence)
                    document.propose(Mention(range: range, sentence: sentenceIndex, candidateClass: found.candidateClass, canonicalLabel: found.canonicalLabel, source: .namePattern, provenance: provenance), .longerNameWinsOverOthers)
                }
            }
            // "= James Till =" over "James Edgar Till (1931 – 2025) was …": a title naming a person
            // by first and last name only, where the body gives a middle name too.
            guard kind == .title, words.count >= 2 else { continue }
            for found in names where found.candidateClass == "Person" {
                let target = WordTokenizer.words(document.document.text(in: found.range))
                guard target.count > 2, let first = target.first, let last = target.last else { continue }
                for start in 0..<(words.count - 1) where words[start] == first && words[start + 1] == last {
                    let lower = tokenRange.lowerBound + start
                    let range = TextRange(document.tokens[lower].range.lowerBound, document.tokens[lower + 1].range.upperBound)
                    guard !document.hasMention(overlapping: range) else { continue }
                    let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "title-shortens-name", confidence: found.provenance.confidence)
                    document.propose(Mention(range: range, sentence: sentenceIndex, candidateClass: "Person", canonicalLabel: found.canonicalLabel, source: .namePattern, provenance: provenance), .longerNameWinsOverOthers)
                }
            }
        }
    }
}
