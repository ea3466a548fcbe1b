import OntologyModel
import TextAnnotation

/// Groups mentions into entities: the same name (up to case, punctuation and plural), the same
/// person in either name order (Zeng Fanyi = Fanyi Zeng) or by one part of the name (Chen →
/// Chen Haijia), acronyms and descriptions already pointing at their name, and spelling variants
/// of long names (Jiao Tong / Jiatong). Two names that merely share a word stay apart.
public struct ResolutionStage: Stage {
    public let name = "resolution"
    public let requires: Set<AnnotationLayer> = [.mentions]
    public let assigns: Set<AnnotationLayer> = [.entities]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        var entities: [Entity] = []
        var keysByEntity: [[String]] = []
        for (index, mention) in document.mentions.enumerated() {
            let key = Self.matchKey(mention.canonicalLabel)
            if let found = findEntity(for: mention, key: key, entities: entities, keys: keysByEntity, ontology: context.ontology) {
                entities[found].mentions.append(index)
                if let sameAs = mention.sameAs { entities[found].sameAs.insert(sameAs) }
                if !keysByEntity[found].contains(key) { keysByEntity[found].append(key) }
                continue
            }
            guard mention.isName else { continue }
            entities.append(Entity(
                preferredLabel: mention.canonicalLabel, entityClass: mention.candidateClass, mentions: [index],
                sameAs: mention.sameAs.map { [$0] } ?? [], provenance: mention.provenance))
            keysByEntity.append([key])
        }
        document.entities = entities.map { finish($0, document: document) }
    }

    /// Lower case, punctuation folded, a final plural `s` dropped.
    static func matchKey(_ label: String) -> String { NameKey.singular(label) }

    func compatible(_ lhs: String, _ rhs: String, _ ontology: Ontology) -> Bool {
        lhs == rhs || ontology.isSubclass(lhs, of: rhs) || ontology.isSubclass(rhs, of: lhs)
    }

    func findEntity(for mention: Mention, key: String, entities: [Entity], keys: [[String]], ontology: Ontology) -> Int? {
        // The same name.
        if let same = entities.indices.last(where: { keys[$0].contains(key) && compatible(entities[$0].entityClass, mention.candidateClass, ontology) }) {
            return same
        }
        if mention.candidateClass == "Person" {
            let parts = key.split(separator: " ").map(String.init)
            for candidate in entities.indices.reversed() where entities[candidate].entityClass == "Person" {
                for known in keys[candidate] {
                    let knownParts = known.split(separator: " ").map(String.init)
                    if parts.count > 1, parts.sorted() == knownParts.sorted() { return candidate }
                    if parts.count == 1, knownParts.count > 1, knownParts.first == parts[0] || knownParts.last == parts[0] { return candidate }
                    if knownParts.count == 1, parts.count > 1, parts.first == knownParts[0] || parts.last == knownParts[0] { return candidate }
                }
            }
            return nil
        }
        // Spelling variants of long names: one or two letters apart once spaces are removed.
        let squeezed = key.replacingOccurrences(of: " ", with: "")
        guard squeezed.count >= 15 else { return nil }
        return entities.indices.last { candidate in
            entities[candidate].entityClass == mention.candidateClass && keys[candidate].contains { known in
                let other = known.replacingOccurrences(of: " ", with: "")
                return abs(other.count - squeezed.count) <= 2 && Self.editDistance(Array(other.unicodeScalars), Array(squeezed.unicodeScalars), limit: 2) <= 2
            }
        }
    }

    /// Label, alternative labels and class from the entity's mentions.
    func finish(_ entity: Entity, document: AnnotatedDocument) -> Entity {
        var result = entity
        let names = entity.mentions.map { document.mentions[$0] }.filter(\.isName)
        func wordCount(_ mention: Mention) -> Int { WordTokenizer.words(mention.canonicalLabel).count }
        // A lexicon label is canonical; otherwise the first of the longest names.
        let lexiconNamed = names.first { $0.provenance.stage == "lexicon" }
        let longest = names.max { wordCount($0) < wordCount($1) || (wordCount($0) == wordCount($1) && $0.range.lowerBound > $1.range.lowerBound) }
        if let label = (lexiconNamed ?? longest)?.canonicalLabel { result.preferredLabel = label }
        let best = names.max { ($0.provenance.confidence, -$0.range.lowerBound) < ($1.provenance.confidence, -$1.range.lowerBound) }
        if let best { result.entityClass = best.candidateClass }
        let labelKey = Self.matchKey(result.preferredLabel)
        var alternatives: Set<String> = []
        var seenKeys: Set<String> = [labelKey]
        for mention in names {
            let surface = document.document.text(in: mention.range)
            let key = Self.matchKey(surface)
            if seenKeys.insert(key).inserted { alternatives.insert(surface) }
        }
        result.altLabels = alternatives
        if let first = names.first { result.provenance = first.provenance }
        return result
    }

    /// Levenshtein distance, giving up past `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a == b { return 0 }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            var rowMinimum = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
