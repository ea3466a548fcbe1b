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
        var index = EntityIndex()
        for (mentionIndex, mention) in document.mentions.enumerated() {
            let key = Self.matchKey(mention.canonicalLabel)
            if let found = findEntity(for: mention, key: key, index: index, ontology: context.ontology) {
                index.entities[found].mentions.append(mentionIndex)
                if let link = mention.link { index.entities[found].links.insert(link) }
                index.add(key, to: found)
                continue
            }
            guard mention.isName else { continue }
            index.entities.append(Entity(
                preferredLabel: mention.canonicalLabel, entityClass: mention.candidateClass, mentions: [mentionIndex],
                links: mention.link.map { [$0] } ?? [], provenance: mention.provenance))
            index.add(key, to: index.entities.count - 1)
        }
        document.entities = index.entities.map { finish($0, document: document) }
        refineClassesFromPredicates(&document, rules: context.rules, ontology: context.ontology)
    }

    /// At most this many modifiers between "is a" and the kind it names ("an American non-profit research institute").
    static let maximumKindModifiers = 6

    /// "The New York Stem Cell Foundation, or NYSCF, is an American non-profit research institute":
    /// what a sentence says a name is (a noun of `descriptions.tsv` after "is a") refines a class
    /// its head word left general (Foundation → Organization), never replaces a specific one.
    func refineClassesFromPredicates(_ document: inout AnnotatedDocument, rules: ExtractionRules, ontology: Ontology) {
        let stops: Set<String> = [",", ".", ";", ":", "(", "that", "which", "who", "whose", "of", "in", "for", "with", "and", "or", "at", "on"]
        for entityIndex in document.entities.indices {
            let current = document.entities[entityIndex].entityClass
            for mentionIndex in document.entities[entityIndex].mentions where document.mentions[mentionIndex].isName {
                guard let last = document.tokenIndex(endingAt: document.mentions[mentionIndex].range.upperBound) else { continue }
                let sentence = document.tokens[last].sentence
                func word(_ index: Int) -> String? {
                    index < document.tokens.count && document.tokens[index].sentence == sentence ? document.foldedToken(index) : nil
                }
                var next = last + 1
                // ", or NYSCF,": an apposition naming it again.
                if word(next) == ",", let close = (next + 1...next + 4).first(where: { word($0) == "," }) { next = close + 1 }
                guard let verb = word(next), ["is", "was"].contains(verb), let article = word(next + 1), ["a", "an"].contains(article) else { continue }
                var found: String?
                var index = next + 2
                while index <= next + 2 + Self.maximumKindModifiers, let first = word(index), !stops.contains(first) {
                    if let second = word(index + 1), let kind = rules.descriptions[first + " " + second] {
                        found = kind
                        index += 2
                        continue
                    }
                    if let kind = rules.descriptions[first] { found = kind }
                    index += 1
                }
                if let found, found != current, ontology.isSubclass(found, of: current) {
                    document.entities[entityIndex].entityClass = found
                    break
                }
            }
        }
    }

    /// The entities found so far, indexed by every name key they answer to, so finding a mention's
    /// entity costs a few look-ups however many entities the document has.
    struct EntityIndex {
        var entities: [Entity] = []
        /// Name key → entities holding it, in creation order.
        var byKey: [String: [Int]] = [:]
        /// A person's name parts, sorted and joined → entities with a key of those parts.
        var personBySortedParts: [String: [Int]] = [:]
        /// One name part → person entities with a key of several parts that starts or ends with it.
        var personByOuterPart: [String: [Int]] = [:]
        /// A one-word key → person entities holding it.
        var personBySingleWord: [String: [Int]] = [:]
        /// Class and length of a long key without spaces → entities, for spelling variants.
        var bySqueezedLength: [String: [(entity: Int, squeezed: [Unicode.Scalar], letters: LetterCounts)]] = [:]

        mutating func add(_ key: String, to entity: Int) {
            guard !(byKey[key]?.contains(entity) ?? false) else { return }
            byKey[key, default: []].append(entity)
            let entityClass = entities[entity].entityClass
            if entityClass == "Person" {
                let parts = key.split(separator: " ").map(String.init)
                if parts.count > 1 {
                    personBySortedParts[parts.sorted().joined(separator: " "), default: []].append(entity)
                    personByOuterPart[parts[0], default: []].append(entity)
                    if let last = parts.last, last != parts[0] { personByOuterPart[last, default: []].append(entity) }
                } else if parts.count == 1 {
                    personBySingleWord[parts[0], default: []].append(entity)
                }
            }
            let squeezed = Array(key.unicodeScalars.filter { $0 != " " })
            if squeezed.count >= 13 {
                bySqueezedLength["\(entityClass) \(squeezed.count)", default: []].append((entity, squeezed, LetterCounts(squeezed)))
            }
        }
    }

    /// How many earlier long names of one class and length a name is compared with for spelling variants.
    static let spellingVariantWindow = 64

    /// Lower case, punctuation folded, a final plural `s` dropped.
    static func matchKey(_ label: String) -> String { NameKey.singular(label) }

    func compatible(_ lhs: String, _ rhs: String, _ ontology: Ontology) -> Bool {
        lhs == rhs || ontology.isSubclass(lhs, of: rhs) || ontology.isSubclass(rhs, of: lhs)
    }

    /// The most recent entity the mention names: the same name key in a compatible class; for a
    /// person, the same name parts in any order or one part of the full name; for a long name, a
    /// spelling variant (one or two letters apart once spaces are removed).
    func findEntity(for mention: Mention, key: String, index: EntityIndex, ontology: Ontology) -> Int? {
        if let same = index.byKey[key]?.filter({ compatible(index.entities[$0].entityClass, mention.candidateClass, ontology) }).max() {
            return same
        }
        if mention.candidateClass == "Person" {
            let parts = key.split(separator: " ").map(String.init)
            var candidates: [Int] = []
            if parts.count > 1 {
                candidates += index.personBySortedParts[parts.sorted().joined(separator: " ")] ?? []
                candidates += index.personBySingleWord[parts[0]] ?? []
                if let last = parts.last { candidates += index.personBySingleWord[last] ?? [] }
            } else if parts.count == 1 {
                candidates += index.personByOuterPart[parts[0]] ?? []
            }
            return candidates.max()
        }
        let squeezed = Array(key.unicodeScalars.filter { $0 != " " })
        guard squeezed.count >= 15 else { return nil }
        let letters = LetterCounts(squeezed)
        // Only the most recent names of each length are compared, so a document naming thousands
        // of institutes stays linear; a variant is nearly always written close to the first spelling.
        var best: Int?
        for length in (squeezed.count - 2)...(squeezed.count + 2) {
            for (entity, other, otherLetters) in (index.bySqueezedLength["\(mention.candidateClass) \(length)"] ?? []).suffix(Self.spellingVariantWindow)
            where entity > (best ?? -1) && index.entities[entity].entityClass == mention.candidateClass
                && letters.distance(to: otherLetters) <= 4 && Self.editDistance(other, squeezed, limit: 2) <= 2 {
                best = entity
            }
        }
        return best
    }

    /// Label, alternative labels and class from the entity's mentions.
    func finish(_ entity: Entity, document: AnnotatedDocument) -> Entity {
        var result = entity
        let names = entity.mentions.map { document.mentions[$0] }.filter(\.isName)
        // A lexicon label is canonical; otherwise the first of the longest names.
        let lexiconNamed = names.first { $0.source == .lexicon }
        let wordCounts = names.map { WordTokenizer.words($0.canonicalLabel).count }
        let longest = names.indices.max {
            (wordCounts[$0], -names[$0].range.lowerBound) < (wordCounts[$1], -names[$1].range.lowerBound)
        }.map { names[$0] }
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

    /// Levenshtein distance, giving up past `limit` (then `limit + 1`). Only the diagonal band of
    /// width `2 × limit + 1` is computed, in two reused rows, so a comparison costs O(length × limit).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a == b { return 0 }
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let beyond = limit + 1
        var previous = [Int](repeating: beyond, count: b.count + 1)
        var current = previous
        for j in 0...min(b.count, limit) { previous[j] = j }
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            current[low - 1] = low - 1 == 0 && i <= limit ? i : beyond
            var rowMinimum = current[low - 1]
            for j in stride(from: low, through: high, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                let value = min(substitution, previous[j] + 1, current[j - 1] + 1, beyond)
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if high < b.count { current[high + 1] = beyond }
            if rowMinimum > limit { return beyond }
            swap(&previous, &current)
        }
        return min(previous[b.count], beyond)
    }
}

/// How often each scalar occurs in a name, folded into 32 buckets. Two edits change at most four
/// counts by one, so names whose counts differ by more cannot be within edit distance 2: a cheap
/// test before the real one.
struct LetterCounts {
    private var counts = [UInt8](repeating: 0, count: 32)

    init(_ scalars: [Unicode.Scalar]) {
        for scalar in scalars { counts[Int(scalar.value & 31)] &+= 1 }
    }

    /// The sum of the absolute differences of the counts.
    func distance(to other: LetterCounts) -> Int {
        var total = 0
        for index in 0..<32 { total += abs(Int(counts[index]) - Int(other.counts[index])) }
        return total
    }
}
