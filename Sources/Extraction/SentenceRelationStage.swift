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
    /// Skipped right before the second mention: determiners, and "human", the adjective that
    /// qualifies nearly every cell or tissue in this domain ("from human pluripotent cells").
    static let skippedBeforeMention: Set<String> = ["the", "a", "an", "human"]

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
                    guard between.count <= 2 * Self.maximumGap else { break }
                    let adjacent = leftPosition == position - 1
                    for pattern in context.rules.relationPatterns {
                        let claim = pattern.property + pattern.direction.rawValue
                        guard !claimed.contains(claim) else { continue }
                        let hasWildcard = pattern.tokens.contains("...")
                        guard adjacent || hasWildcard, Self.matches(between, pattern.tokens) else { continue }
                        // "the bank at NIBSC was funded by …": the verb's subject is the head the
                        // prepositional phrase hangs on, not the name inside it.
                        let leftHead = attachmentHead(of: leftPosition, in: mentions, entityOfMention: entityOfMention, document: document, tokens: tokens, rules: context.rules)
                        let headFits = context.ontology.allows(pattern.property, subject: document.entities[leftHead].entityClass, object: document.entities[rightEntity].entityClass)
                        let leftSubject = pattern.tokens.first == "..." && headFits ? leftHead : leftEntity
                        let (subject, object) = pattern.direction == .forward ? (leftSubject, rightEntity) : (rightEntity, leftEntity)
                        guard subject != object else { continue }
                        if context.ontology.isSubclass(document.entities[leftEntity].entityClass, of: "Place"), pattern.tokens == [","],
                           !isAscendingPlaceChain(around: leftPosition, in: mentions, entityOfMention: entityOfMention, document: document, tokens: tokens, rules: context.rules) { continue }
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
                        // Coordinated names before the left mention ("A and B issued X") share its role.
                        if pattern.tokens.first != "..." {
                            var following = left
                            for earlier in mentions[..<leftPosition].reversed() {
                                let gap = betweenTokens(document, tokens, from: document.mentions[earlier].range.upperBound, to: document.mentions[following].range.lowerBound, rules: context.rules)
                                // A bare comma before the left name is apposition or a place chain, not a list.
                                guard Self.isCoordination(gap), gap.contains("and") || gap.contains("or"),
                                      let earlierEntity = entityOfMention[earlier] else { break }
                                let found = pattern.direction == .forward
                                    ? Found(subject: earlierEntity, property: pattern.property, object: object)
                                    : Found(subject: subject, property: pattern.property, object: earlierEntity)
                                if context.ontology.allows(pattern.property, subject: document.entities[found.subject].entityClass, object: document.entities[found.object].entityClass) {
                                    add(found, evidence: [earlier, right], provenance: provenance, to: &document, existing: &existing, ontology: context.ontology)
                                }
                                following = earlier
                            }
                        }
                        // Coordinated names after the right mention ("A, B, and C", "diseases such as A
                        // and B") share its role, whether object (forward) or subject (reverse).
                        let rightClass = document.entities[rightEntity].entityClass
                        var previous = right
                        for next in mentions[(position + 1)...] {
                            let gap = betweenTokens(document, tokens, from: document.mentions[previous].range.upperBound, to: document.mentions[next].range.lowerBound, rules: context.rules)
                            guard pattern.tokens != [","], Self.isCoordination(gap), let nextEntity = entityOfMention[next] else { break }
                            // "in Yongin, Gyeonggi Province": a wider place after a comma is where the
                            // first one lies, not another member of a list.
                            if gap == [","], context.ontology.isSubclass(rightClass, of: "Place"),
                               isAscendingPlaceChain(around: mentions.firstIndex(of: previous) ?? position, in: mentions, entityOfMention: entityOfMention, document: document, tokens: tokens, rules: context.rules) { break }
                            let nextClass = document.entities[nextEntity].entityClass
                            guard context.ontology.isSubclass(nextClass, of: rightClass) || context.ontology.isSubclass(rightClass, of: nextClass)
                                    || (pattern.direction == .forward ? context.ontology.allows(pattern.property, subject: subjectClass, object: nextClass)
                                        : context.ontology.allows(pattern.property, subject: nextClass, object: objectClass)) else { break }
                            let found = pattern.direction == .forward
                                ? Found(subject: subject, property: pattern.property, object: nextEntity)
                                : Found(subject: nextEntity, property: pattern.property, object: object)
                            let nextSubjectClass = document.entities[found.subject].entityClass, nextObjectClass = document.entities[found.object].entityClass
                            if context.ontology.allows(pattern.property, subject: nextSubjectClass, object: nextObjectClass) {
                                add(found, evidence: [left, next], provenance: provenance, to: &document, existing: &existing, ontology: context.ontology)
                            }
                            previous = next
                        }
                    }
                }
            }
        }
        addLeaderAffiliations(&document, existing: &existing, ontology: context.ontology)
    }

    /// Whoever leads an organisation is affiliated with it (the gold guidelines state both).
    func addLeaderAffiliations(_ document: inout AnnotatedDocument, existing: inout Set<Found>, ontology: Ontology) {
        for relation in document.relations where relation.property == "ledBy" {
            guard case let .entity(leader) = relation.object,
                  ontology.allows("affiliatedWith", subject: document.entities[leader].entityClass, object: document.entities[relation.subject].entityClass) else { continue }
            let provenance = Provenance(document: relation.provenance.document, sentence: relation.provenance.sentence, range: relation.provenance.range,
                                        stage: name, rule: "leader-is-affiliated", confidence: relation.provenance.confidence * 0.9)
            add(Found(subject: leader, property: "affiliatedWith", object: relation.subject), evidence: relation.evidence, provenance: provenance, to: &document, existing: &existing, ontology: ontology)
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

    /// Words that continue a list: "A, B, and C", "diseases such as A", "both A and B", "A (B)".
    static let listWords: Set<String> = [",", "and", "or", "such", "as", "including", "both", "either", "like", "plus", "(", ")", "e.g", "."]

    static func isCoordination(_ gap: [String]) -> Bool {
        let words = withoutAsides(gap)
        return !words.isEmpty && words.count <= 4 && words.allSatisfy { listWords.contains($0) }
    }

    /// The gap without closed parenthetical asides: "macular degeneration (trial started in 2010),
    /// glaucoma" is still a list.
    static func withoutAsides(_ gap: [String]) -> [String] {
        var words: [String] = []
        var index = 0
        while index < gap.count {
            if gap[index] == "(", let close = gap[(index + 1)...].firstIndex(of: ")"), close - index <= 12, close + 1 < gap.count {
                index = close + 1
                continue
            }
            words.append(gap[index])
            index += 1
        }
        return words
    }

    /// Follows `X at/of/in Y` back from the mention at `position` to X, while X's entity is a different
    /// organisation or event; the entity of the mention reached.
    func attachmentHead(of position: Int, in mentions: [Int], entityOfMention: [Int: Int], document: AnnotatedDocument, tokens: Range<Int>, rules: ExtractionRules) -> Int {
        var current = position
        while current > 0 {
            let gap = betweenTokens(document, tokens, from: document.mentions[mentions[current - 1]].range.upperBound, to: document.mentions[mentions[current]].range.lowerBound, rules: rules)
            let sameEntity = entityOfMention[mentions[current - 1]] == entityOfMention[mentions[current]]
            // "Stem cell treatments are a type of cell therapy that …": the kind names the subject.
            let isKindOf = gap.count <= 5 && gap.count >= 2 && ["type", "kind", "form"].contains(gap[gap.count - 2]) && gap.last == "of"
            guard sameEntity || isKindOf || (gap.count == 1 && ["at", "of", "in", "within", "under"].contains(gap[0])) else { break }
            current -= 1
        }
        return entityOfMention[mentions[current]] ?? entityOfMention[mentions[position]] ?? 0
    }

    /// A comma between places states containment only when the chain of comma-separated places
    /// widens step by step ("Evanston, Illinois, United States"), not in a list ("Beijing, Guangdong,
    /// Shanghai, and Tianjin").
    func isAscendingPlaceChain(around position: Int, in mentions: [Int], entityOfMention: [Int: Int], document: AnnotatedDocument, tokens: Range<Int>, rules: ExtractionRules) -> Bool {
        func rank(_ mention: Int) -> Int? {
            guard let entity = entityOfMention[mentions[mention]] else { return nil }
            switch document.entities[entity].entityClass {
            case "City": return 0
            case "Region": return 1
            case "Country": return 2
            default: return nil
            }
        }
        func linked(_ a: Int, _ b: Int) -> Bool {
            let gap = betweenTokens(document, tokens, from: document.mentions[mentions[a]].range.upperBound, to: document.mentions[mentions[b]].range.lowerBound, rules: rules)
            return !gap.isEmpty && gap.allSatisfy { $0 == "," || $0 == "and" || $0 == "or" }
        }
        var lower = position, upper = position
        while lower > 0, rank(lower - 1) != nil, linked(lower - 1, lower) { lower -= 1 }
        while upper + 1 < mentions.count, rank(upper + 1) != nil, linked(upper, upper + 1) { upper += 1 }
        var previous = -1
        for index in lower...upper {
            guard let value = rank(index), value > previous else { return false }
            previous = value
        }
        return true
    }

    /// At most this many modifier words stand where a pattern has `~`.
    static let maximumModifiers = 3

    /// Words that end a noun phrase's modifiers: `~` never crosses them, so "X, the new director of
    /// Y" matches `, the ~ director of` but "X, who met the director of Y" does not.
    static let clauseWords: Set<String> = [
        ",", ";", ":", "(", ")", ".", "-", "–", "—", "of", "at", "in", "by", "for", "from", "to", "with", "on", "and", "or",
        "who", "which", "that", "is", "was", "are", "were", "has", "had", "have", "be", "been", "not",
    ]

    /// Glob match of folded tokens against a pattern: `...` stands for up to `maximumGap` tokens,
    /// `~` for up to `maximumModifiers` modifier words (adjectives, determiners: "the founding",
    /// "a senior"), and `a|b|c` for any one of the alternatives ("director|head|president").
    static func matches(_ tokens: [String], _ pattern: [String]) -> Bool {
        func match(_ t: Int, _ p: Int) -> Bool {
            if p == pattern.count { return t == tokens.count }
            if pattern[p] == "..." {
                for skip in 0...Self.maximumGap where t + skip <= tokens.count {
                    if match(t + skip, p + 1) { return true }
                }
                return false
            }
            if pattern[p] == "~" {
                var skip = 0
                while true {
                    if match(t + skip, p + 1) { return true }
                    guard skip < Self.maximumModifiers, t + skip < tokens.count, !clauseWords.contains(tokens[t + skip]) else { return false }
                    skip += 1
                }
            }
            guard t < tokens.count else { return false }
            let word = pattern[p]
            let fits = word.contains("|") && word.count > 1 ? word.split(separator: "|").contains { $0 == tokens[t] } : tokens[t] == word
            return fits && match(t + 1, p + 1)
        }
        return match(0, 0)
    }
}
