import OntologyModel
import RDFModel
import TextAnnotation

/// One entity of the whole corpus: the per-document entities that name the same thing.
public struct CorpusEntity: Hashable, Sendable {
    public let iri: IRI
    public let entityClass: String
    public let label: String
    public let altLabels: [String]
    /// Compact authority identifiers (`AuthorityLinks`), sorted; none when the merged names
    /// disagree on one authority (two GeoNames features, two genes).
    public let links: [String]
    /// (document index, entity index in that document), sorted.
    public let members: [DocumentEntity]
}

/// An entity inside one annotated document.
public struct DocumentEntity: Hashable, Comparable, Sendable {
    public let document: Int
    public let entity: Int

    public static func < (lhs: DocumentEntity, rhs: DocumentEntity) -> Bool { (lhs.document, lhs.entity) < (rhs.document, rhs.entity) }
}

/// What the corpus merge needs of one entity of a document: its names, class and links.
public struct EntitySummary: Hashable, Sendable {
    public let label: String
    public let entityClass: String
    public let altLabels: [String]
    public let links: [String]

    public init(label: String, entityClass: String, altLabels: [String], links: [String]) {
        self.label = label
        self.entityClass = entityClass
        self.altLabels = altLabels
        self.links = links
    }

    public init(_ entity: Entity) {
        self.init(label: entity.preferredLabel, entityClass: entity.entityClass, altLabels: entity.altLabels.sorted(), links: entity.links.sorted())
    }
}

/// What the corpus merge needs of one document: its identifier and its entities, in the
/// document's entity order. A corpus is merged from these alone, so the documents themselves
/// need not be held while a large corpus is merged.
public struct DocumentSummary: Sendable {
    public let identifier: String
    public let entities: [EntitySummary]

    public init(identifier: String, entities: [EntitySummary]) {
        self.identifier = identifier
        self.entities = entities
    }

    public init(_ annotated: AnnotatedDocument) {
        self.init(identifier: annotated.document.identifier, entities: annotated.entities.map(EntitySummary.init))
    }
}

/// The corpus after the deterministic merge: documents in identifier order, entities by IRI.
public struct MergedCorpus: Sendable {
    /// The documents' identifiers, sorted; document indexes below are positions here.
    public let identifiers: [String]
    /// The annotated documents in the same order when the corpus was merged from them in memory
    /// (`CorpusMerger.merge(_:ontology:)` with documents); empty when merged from summaries.
    public let documents: [AnnotatedDocument]
    public let entities: [CorpusEntity]
    /// Per document, per entity of that document: its index in `entities`.
    private let entityOfMember: [[Int32]]
    private let entityByIRI: [IRI: Int]

    init(identifiers: [String], documents: [AnnotatedDocument], entities: [CorpusEntity], entityCounts: [Int]) {
        self.identifiers = identifiers
        self.documents = documents
        self.entities = entities
        var members = entityCounts.map { [Int32](repeating: -1, count: $0) }
        var byIRI: [IRI: Int] = [:]
        for (index, entity) in entities.enumerated() {
            for member in entity.members { members[member.document][member.entity] = Int32(index) }
            if byIRI[entity.iri] == nil { byIRI[entity.iri] = index }
        }
        entityOfMember = members
        entityByIRI = byIRI
    }

    /// The first corpus entity (in IRI order) minted as `iri`.
    public func entity(iri: IRI) -> CorpusEntity? { entityByIRI[iri].map { entities[$0] } }

    /// The IRI of entity `entity` of document `document`.
    public func iri(document: Int, entity: Int) -> IRI? {
        guard entityOfMember.indices.contains(document), entityOfMember[document].indices.contains(entity) else { return nil }
        let index = entityOfMember[document][entity]
        return index < 0 ? nil : entities[Int(index)].iri
    }
}

/// Merges per-document entities across the corpus. The result depends only on the set of
/// documents, never on their order: documents are sorted by identifier, and every choice
/// (label, class) is made by counts with a fixed tie-break.
public enum CorpusMerger {
    /// Merges documents held in memory; the result keeps them (sorted) in `documents`.
    public static func merge(_ documents: [AnnotatedDocument], ontology: Ontology) -> MergedCorpus {
        let sorted = documents.sorted { $0.document.identifier < $1.document.identifier }
        let merged = merge(summaries: sorted.map(DocumentSummary.init), ontology: ontology)
        return MergedCorpus(identifiers: merged.identifiers, documents: sorted, entities: merged.entities,
                            entityCounts: sorted.map(\.entities.count))
    }

    /// Merges the summaries of documents that are not held in memory (`documents` stays empty).
    public static func merge(summaries unsorted: [DocumentSummary], ontology: Ontology) -> MergedCorpus {
        let sorted = unsorted.sorted { $0.identifier < $1.identifier }
        struct GroupKey: Hashable { let name: String; let family: String }
        var groups: [GroupKey: [DocumentEntity]] = [:]
        // Labels and classes repeat across documents: each is keyed once.
        var keyOfLabel: [String: String] = [:]
        var familyOfClass: [String: String] = [:]
        for (documentIndex, document) in sorted.enumerated() {
            for (entityIndex, entity) in document.entities.enumerated() {
                let name = keyOfLabel[entity.label] ?? {
                    let key = matchKey(entity.label)
                    keyOfLabel[entity.label] = key
                    return key
                }()
                let entityFamily = familyOfClass[entity.entityClass] ?? {
                    let found = family(of: entity.entityClass, ontology)
                    familyOfClass[entity.entityClass] = found
                    return found
                }()
                let key = GroupKey(name: name, family: entityFamily)
                groups[key, default: []].append(DocumentEntity(document: documentIndex, entity: entityIndex))
            }
        }
        // Groups whose labels mint the same IRI name the same thing as far as the graph can tell
        // ("Café Institute" and "Cafe Institute"): they become one entity, never two with one IRI.
        // Merging can change a group's label and so its IRI: repeat until every IRI is one group's.
        var merged = Array(groups.values)
        var minted: [IRI: [DocumentEntity]] = [:]
        while true {
            minted = [:]
            for members in merged {
                let parts = members.map { sorted[$0.document].entities[$0.entity] }
                let iri = EntityMinter.iri(entityClass: mostCommon(parts.map(\.entityClass)), label: mostCommon(parts.map(\.label)))
                minted[iri, default: []].append(contentsOf: members)
            }
            if minted.count == merged.count { break }
            merged = Array(minted.values)
        }
        var entities: [CorpusEntity] = []
        entities.reserveCapacity(minted.count)
        for (iri, unsortedMembers) in minted {
            let members = unsortedMembers.sorted()
            let parts = members.map { sorted[$0.document].entities[$0.entity] }
            let label = mostCommon(parts.map(\.label))
            let entityClass = mostCommon(parts.map(\.entityClass))
            var alternatives = Set(parts.flatMap(\.altLabels))
            alternatives.formUnion(parts.map(\.label))
            alternatives.remove(label)
            entities.append(CorpusEntity(
                iri: iri, entityClass: entityClass, label: label,
                altLabels: alternatives.sorted(), links: agreedLinks(parts.flatMap(\.links)), members: members))
        }
        entities.sort { $0.iri < $1.iri }
        return MergedCorpus(identifiers: sorted.map(\.identifier), documents: [], entities: entities, entityCounts: sorted.map(\.entities.count))
    }

    /// The links of an entity's parts, dropping every authority the parts disagree on: one
    /// entity is never linked to two GeoNames features or two genes.
    static func agreedLinks(_ links: [String]) -> [String] {
        let distinct = Set(links)
        let byAuthority = Dictionary(grouping: distinct) { $0.prefix { $0 != ":" } }
        return byAuthority.values.filter { $0.count == 1 }.flatMap { $0 }.sorted()
    }

    /// The name identity of resolution (`NameKey.singular`: case, punctuation and a plural `s`
    /// ignored), so a corpus merges exactly the names a document would.
    static func matchKey(_ label: String) -> String { NameKey.singular(label) }

    /// Classes that may name the same thing: the top-level ancestor inside the ontology.
    static func family(of entityClass: String, _ ontology: Ontology) -> String {
        ontology.ancestors(of: entityClass).last { ontology.classes[$0] != nil } ?? entityClass
    }

    /// The most frequent value; ties go to the smallest in code-point order.
    static func mostCommon(_ values: [String]) -> String {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.min { ($1.value, $0.key) < ($0.value, $1.key) }?.key ?? ""
    }
}
