import OntologyModel
import TextAnnotation

/// Relations stated inside a sentence, from the patterns in `relation-patterns.tsv`: the words
/// between two mentions select a property; the ontology's domain and range must allow it. A
/// relation extends over a coordinated list after its object ("Nature and Cell Stem Cell").
public struct SentenceRelationStage: Stage {
    public let name = "sentence-relations"
    public let requires: Set<AnnotationLayer> = [.tokens, .entities]
    public let assigns: Set<AnnotationLayer> = [.relations]

    static let maximumGap = 12
    static let skippedBeforeMention: Set<String> = ["the", "a", "an"]

    public init() {}

    struct Found: Hashable {
        let subject: Int
        let property: String
        let object: Int
    }

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        var existing = Set(document.relations.compactMap { relation -> Found? in
            if case let .entity(object) = relation.object { return Found(subject: relation.subject, property: relation.property, object: object) }
            return nil
        })
        let entityOfMention = Dictionary(document.entities.enumerated().flatMap { entity in entity.element.mentions.map { ($0, entity.offset) } }, uniquingKeysWith: { first, _ in first })
        let tokenRanges = document.tokenRangesBySentence
        let mentionsBySentence = Dictionary(grouping: document.mentions.indices.filter { entityOfMention[$0] != nil }) { document.mentions[$0].sentence ?? -1 }
        for sentenceIndex in document.sentences.indices {
            let section = document.sections[document.sentences[sentenceIndex].section]
            guard section.kind != .title, section.kind != .heading else { continue }
            let mentions = (mentionsBySentence[sentenceIndex] ?? []).sorted { document.mentions[$0].range < document.mentions[$1].range }
            guard mentions.count > 1 else { continue }
            let tokens = tokenRanges[sentenceIndex]
            for (position, right) in mentions.enumerated() {
                // For each property and direction, the nearest left mention wins.
                var claimed: Set<String> = []
                for leftPosition in stride(from: position - 1, through: 0, by: -1) {
                    let left = mentions[leftPosition]
                    guard let leftEntity = entityOfMention[left], let rightEntity = entityOfMention[right], leftEntity != rightEntity else { continue }
                    let between = betweenTokens(document, tokens, from: document.mentions[left].range.upperBound, to: document.mentions[right].range.lowerBound, rules: context.rules)
                    guard between.count <= Self.maximumGap + 4 else { break }
                    let adjacent = leftPosition == position - 1
                    for pattern in context.rules.relationPatterns {
                        let claim = pattern.property + pattern.direction.rawValue
                        guard !claimed.contains(claim) else { continue }
                        let hasWildcard = pattern.tokens.contains("...")
                        guard adjacent || hasWildcard, Self.matches(between, pattern.tokens) else { continue }
                        let (subject, object) = pattern.direction == .forward ? (leftEntity, rightEntity) : (rightEntity, leftEntity)
                        let subjectClass = document.entities[subject].entityClass, objectClass = document.entities[object].entityClass
                        guard context.ontology.allows(pattern.property, subject: subjectClass, object: objectClass) else { continue }
                        if let wanted = pattern.subjectClass, !context.ontology.isSubclass(subjectClass, of: wanted) { continue }
                        if let wanted = pattern.objectClass, !context.ontology.isSubclass(objectClass, of: wanted) { continue }
                        claimed.insert(claim)
                        let provenance = Provenance(
                            document: document.document.identifier, sentence: sentenceIndex,
                            range: TextRange(document.mentions[left].range.lowerBound, document.mentions[right].range.upperBound),
                            stage: name, rule: pattern.identifier, confidence: pattern.confidence)
                        add(Found(subject: subject, property: pattern.property, object: object), evidence: [left, right], provenance: provenance, to: &document, existing: &existing, ontology: context.ontology)
                        // Coordinated objects after the right mention ("A, B, and C").
                        if pattern.direction == .forward {
                            var previous = right
                            for next in mentions[(position + 1)...] {
                                let gap = betweenTokens(document, tokens, from: document.mentions[previous].range.upperBound, to: document.mentions[next].range.lowerBound, rules: context.rules)
                                guard Self.isCoordination(gap), let nextEntity = entityOfMention[next],
                                      document.entities[nextEntity].entityClass == objectClass else { break }
                                add(Found(subject: subject, property: pattern.property, object: nextEntity), evidence: [left, next], provenance: provenance, to: &document, existing: &existing, ontology: context.ontology)
                                previous = next
                            }
                        }
                    }
                }
            }
        }
    }

    func add(_ found: Found, evidence: [Int], provenance: Provenance, to document: inout AnnotatedDocument, existing: inout Set<Found>, ontology: Ontology) {
        var statement = found
        // A symmetric property is stated once, subject first in label order.
        if ontology.properties[found.property]?.isSymmetric == true,
           document.entities[found.object].preferredLabel < document.entities[found.subject].preferredLabel {
            statement = Found(subject: found.object, property: found.property, object: found.subject)
        }
        guard statement.subject != statement.object, existing.insert(statement).inserted else { return }
        document.relations.append(Relation(subject: statement.subject, property: statement.property, object: .entity(statement.object), evidence: evidence, provenance: provenance))
    }

    /// Folded tokens between two offsets, without determiners and titles right before the second mention.
    func betweenTokens(_ document: AnnotatedDocument, _ tokens: Range<Int>, from lower: Int, to upper: Int, rules: ExtractionRules) -> [String] {
        var words: [String] = []
        for index in tokens where document.tokens[index].range.lowerBound >= lower && document.tokens[index].range.upperBound <= upper {
            words.append(WordTokenizer.fold(document.token(index)))
        }
        while let last = words.last, Self.skippedBeforeMention.contains(last) || rules.personCuesBefore.contains(last.capitalized) || rules.personCuesBefore.contains(last) || last == "." {
            words.removeLast()
        }
        return words
    }

    static func isCoordination(_ gap: [String]) -> Bool {
        gap == [","] || gap == [",", "and"] || gap == ["and"] || gap == [",", "or"] || gap == ["or"]
    }

    /// Glob match of folded tokens against a pattern where `...` stands for up to `maximumGap` tokens.
    static func matches(_ tokens: [String], _ pattern: [String]) -> Bool {
        func match(_ t: Int, _ p: Int) -> Bool {
            if p == pattern.count { return t == tokens.count }
            if pattern[p] == "..." {
                for skip in 0...Self.maximumGap where t + skip <= tokens.count {
                    if match(t + skip, p + 1) { return true }
                }
                return false
            }
            return t < tokens.count && tokens[t] == pattern[p] && match(t + 1, p + 1)
        }
        return match(0, 0)
    }
}
