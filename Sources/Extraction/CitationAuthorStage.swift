import OntologyModel
import TextAnnotation

/// A line that only lists people ("A, B, C, et al.") next to a citation line naming a journal
/// ("Stem Cell Research & Therapy. 2022 May 26;13:217") is an author line: each author published
/// in that journal.
public struct CitationAuthorStage: Stage {
    public let name = "citation-authors"
    public let requires: Set<AnnotationLayer> = [.structure, .tokens, .entities]
    public let assigns: Set<AnnotationLayer> = [.relations]

    /// How many sections away from the author line the citation may be.
    static let reach = 2

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        var existing = Set(document.relations.compactMap { relation -> [Int]? in
            guard relation.property == "publishedIn", case let .entity(object) = relation.object else { return nil }
            return [relation.subject, object]
        })
        for (sectionIndex, section) in document.sections.enumerated() where section.kind == .paragraph || section.kind == .title || section.kind == .heading {
            let authors = authorMentions(in: section.range, document: document, rules: context.rules)
            guard !authors.isEmpty else { continue }
            guard let (journalMention, journal) = citedJournal(near: sectionIndex, document: document) else { continue }
            for mention in authors {
                guard let author = document.entityIndex(ofMention: mention),
                      context.ontology.allows("publishedIn", subject: document.entities[author].entityClass, object: document.entities[journal].entityClass),
                      existing.insert([author, journal]).inserted else { continue }
                let provenance = Provenance(document: document.document.identifier, sentence: document.mentions[mention].sentence,
                                            range: section.range, stage: name, rule: "author-line", confidence: 0.7)
                document.relations.append(Relation(subject: author, property: "publishedIn", object: .entity(journal), evidence: [mention, journalMention], provenance: provenance))
            }
        }
    }

    /// The person mentions of a section that holds nothing but names and list punctuation; empty
    /// when anything else is there (a sentence that mentions people is not an author line).
    func authorMentions(in range: TextRange, document: AnnotatedDocument, rules: ExtractionRules) -> [Int] {
        let inside = document.mentions.indices.filter { range.contains(document.mentions[$0].range) && document.mentions[$0].isName }
        guard !inside.isEmpty, inside.allSatisfy({ document.mentions[$0].candidateClass == "Person" }) else { return [] }
        for token in document.tokens where range.contains(token.range) {
            if inside.contains(where: { document.mentions[$0].range.contains(token.range) }) { continue }
            guard rules.citationListWords.contains(WordTokenizer.fold(document.document.text(in: token.range))) else { return [] }
        }
        // One name alone is an author line only with "et al.".
        let text = document.document.text(in: range)
        return inside.count >= 2 || text.contains("et al") ? inside : []
    }

    /// The first journal mention in a nearby section that reads as a citation (it holds digits:
    /// a year, volume or pages), with its entity.
    func citedJournal(near sectionIndex: Int, document: AnnotatedDocument) -> (Int, Int)? {
        let order = (1...Self.reach).flatMap { [sectionIndex - $0, sectionIndex + $0] }
        for candidate in order where document.sections.indices.contains(candidate) {
            let range = document.sections[candidate].range
            let text = document.document.text(in: range)
            guard text.unicodeScalars.contains(where: { $0.properties.numericType != nil }) else { continue }
            for mention in document.mentions.indices where range.contains(document.mentions[mention].range) && document.mentions[mention].candidateClass == "Journal" {
                if let entity = document.entityIndex(ofMention: mention) { return (mention, entity) }
            }
        }
        return nil
    }
}
