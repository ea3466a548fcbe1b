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

/// The corpus after the deterministic merge: documents in identifier order, entities by IRI.
public struct MergedCorpus: Sendable {
    public let documents: [AnnotatedDocument]
    public let entities: [CorpusEntity]
    private let iriByMember: [DocumentEntity: IRI]
    private let entityByIRI: [IRI: Int]

    init(documents: [AnnotatedDocument], entities: [CorpusEntity]) {
        self.documents = documents
        self.entities = entities
        var map: [DocumentEntity: IRI] = [:]
        var byIRI: [IRI: Int] = [:]
        for (index, entity) in entities.enumerated() {
            for member in entity.members { map[member] = entity.iri }
            if byIRI[entity.iri] == nil { byIRI[entity.iri] = index }
        }
        iriByMember = map
        entityByIRI = byIRI
    }

    /// The first corpus entity (in IRI order) minted as `iri`.
    public func entity(iri: IRI) -> CorpusEntity? { entityByIRI[iri].map { entities[$0] } }

    /// The IRI of entity `entity` of document `document`.
    public func iri(document: Int, entity: Int) -> IRI? { iriByMember[DocumentEntity(document: document, entity: entity)] }
}

/// Merges per-document entities across the corpus. The result depends only on the set of
/// documents, never on their order: documents are sorted by identifier, and every choice
/// (label, class) is made by counts with a fixed tie-break.
public enum CorpusMerger {
    public static func merge(_ documents: [AnnotatedDocument], ontology: Ontology) -> MergedCorpus {
        let sorted = documents.sorted { $0.document.identifier < $1.document.identifier }
        struct GroupKey: Hashable { let name: String; let family: String }
        var groups: [GroupKey: [DocumentEntity]] = [:]
        // Labels and classes repeat across documents: each is keyed once.
        var keyOfLabel: [String: String] = [:]
        var familyOfClass: [String: String] = [:]
        for (documentIndex, document) in sorted.enumerated() {
            for (entityIndex, entity) in document.entities.enumerated() {
                let name = keyOfLabel[entity.preferredLabel] ?? {
                    let key = matchKey(entity.preferredLabel)
                    keyOfLabel[entity.preferredLabel] = key
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
                let iri = EntityMinter.iri(entityClass: mostCommon(parts.map(\.entityClass)), label: mostCommon(parts.map(\.preferredLabel)))
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
            let label = mostCommon(parts.map(\.preferredLabel))
            let entityClass = mostCommon(parts.map(\.entityClass))
            var alternatives = Set(parts.flatMap(\.altLabels))
            alternatives.formUnion(parts.map(\.preferredLabel))
            alternatives.remove(label)
            entities.append(CorpusEntity(
                iri: iri, entityClass: entityClass, label: label,
                altLabels: alternatives.sorted(), links: agreedLinks(parts.flatMap(\.links)), members: members))
        }
        entities.sort { $0.iri < $1.iri }
        return MergedCorpus(documents: sorted, entities: entities)
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
