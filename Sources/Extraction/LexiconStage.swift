import OntologyModel
import TextAnnotation

/// Finds names the lexicons know, longest match first, in every sentence.
public struct LexiconStage: Stage {
    public let name = "lexicon"
    public let requires: Set<AnnotationLayer> = [.tokens]
    public let assigns: Set<AnnotationLayer> = [.mentions]

    /// When one span names things of several classes, the first class listed here wins.
    static let classPriority = [
        "Country", "City", "Region", "Journal", "Gene", "Biomarker", "CellType", "Disease", "Organism",
        "Method", "Topic", "Award", "Program", "GovernmentAgency", "University", "ResearchInstitute",
        "Company", "Association", "Biobank", "Organization", "Event", "Person", "Place",
    ]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let lexicon = context.lexicon
        for (sentenceIndex, tokenRange) in document.tokenRangesBySentence.enumerated() where !tokenRange.isEmpty {
            let words = tokenRange.map { document.token($0) }
            var bySpan: [Range<Int>: [LexiconMatch]] = [:]
            var spans: [Range<Int>] = []
            for match in lexicon.matches(in: words) {
                if bySpan[match.tokens] == nil { spans.append(match.tokens) }
                bySpan[match.tokens, default: []].append(match)
            }
            for span in spans {
                guard let candidates = bySpan[span], let chosen = choose(candidates, lexicon: lexicon) else { continue }
                let entry = lexicon.entries[chosen.entry]
                let first = tokenRange.lowerBound + span.lowerBound
                let last = tokenRange.lowerBound + span.upperBound - 1
                let range = TextRange(document.tokens[first].range.lowerBound, document.tokens[last].range.upperBound)
                let isProper = chosen.surfaceForm != chosen.surfaceForm.lowercased()
                let provenance = Provenance(
                    document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name,
                    rule: "lexicon:\(entry.entityClass)", confidence: isProper ? 0.9 : 0.8)
                document.mentions.append(Mention(
                    range: range, sentence: sentenceIndex, candidateClass: entry.entityClass, canonicalLabel: entry.label,
                    sameAs: entry.wikidata, provenance: provenance))
            }
        }
        document.sortMentions()
    }

    /// Proper-name entries beat common-noun entries; then the class priority; then the lexicon order.
    func choose(_ candidates: [LexiconMatch], lexicon: Lexicon) -> LexiconMatch? {
        func rank(_ match: LexiconMatch) -> (Int, Int, Int) {
            let isProper = match.surfaceForm != match.surfaceForm.lowercased()
            let entry = lexicon.entries[match.entry]
            let priority = Self.classPriority.firstIndex(of: entry.entityClass) ?? Self.classPriority.count
            return (isProper ? 0 : 1, priority, match.entry)
        }
        return candidates.min { rank($0) < rank($1) }
    }
}
