import Foundation
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
    /// How many document entities it merges.
    public let memberCount: Int
}

/// Folds the entities of documents into name groups as the documents come, in any order and from
/// several threads: one group per name key and class family (the name identity of resolution),
/// holding counts of its labels and classes and the sets of its other names and links. So the
/// merge holds one record per distinct entity, not one per entity of every document, and memory
/// grows with the number of distinct entities rather than with the text.
public final class CorpusAccumulator: @unchecked Sendable {
    struct GroupKey: Hashable { let name: String; let family: String }
    struct Group {
        var labels: [String: Int] = [:]
        var classes: [String: Int] = [:]
        var alternatives: Set<String> = []
        var links: Set<String> = []
        var members = 0
    }

    let ontology: Ontology
    private let lock = NSLock()
    private var groupOfKey: [GroupKey: Int32] = [:]
    private var groups: [Group] = []
    // Labels and classes repeat across documents: each is keyed once.
    private var keyOfLabel: [String: String] = [:]
    private var familyOfClass: [String: String] = [:]
    private var propertyIDs: [String: Int32] = [:]
    private var properties: [String] = []
    /// The relations of every document, by group: a relation stated in a thousand documents is
    /// one entry.
    private var relations: Set<RelationKey> = []
    private var literalIDs: [Literal: Int32] = [:]
    private var literals: [Literal] = []

    /// A relation between groups (or a group and `literals[-1 - object]`).
    struct RelationKey: Hashable {
        let subject: Int32
        let property: Int32
        let object: Int32
    }

    public init(ontology: Ontology) { self.ontology = ontology }

    /// Adds one document's entities and relations; returns its entities' groups, in the
    /// document's entity order.
    @discardableResult
    public func add(_ document: AnnotatedDocument) -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        let entityGroups = document.entities.map { entity in
            let group = groupLocked(entity)
            groups[Int(group)].labels[entity.preferredLabel, default: 0] += 1
            groups[Int(group)].classes[entity.entityClass, default: 0] += 1
            groups[Int(group)].alternatives.formUnion(entity.altLabels)
            groups[Int(group)].links.formUnion(entity.links)
            groups[Int(group)].members += 1
            return group
        }
        for relation in document.relations where entityGroups.indices.contains(relation.subject) {
            let object: Int32
            switch relation.object {
            case let .entity(entity):
                guard entityGroups.indices.contains(entity) else { continue }
                object = entityGroups[entity]
            case let .literal(literal):
                if let id = literalIDs[literal] {
                    object = -1 - id
                } else {
                    let id = Int32(literals.count)
                    literals.append(literal)
                    literalIDs[literal] = id
                    object = -1 - id
                }
            }
            relations.insert(RelationKey(subject: entityGroups[relation.subject], property: propertyLocked(relation.property), object: object))
        }
        return entityGroups
    }

    /// The groups of a document's entities, as `add` gave them, without counting them again
    /// (for a document read back after the merge).
    public func groups(of entities: [Entity]) -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return entities.map(groupLocked)
    }

    /// The group of an entity's name key and class family, made when new; the lock is held.
    private func groupLocked(_ entity: Entity) -> Int32 {
        let name = keyOfLabel[entity.preferredLabel] ?? {
            let key = CorpusMerger.matchKey(entity.preferredLabel)
            keyOfLabel[entity.preferredLabel] = key
            return key
        }()
        let family = familyOfClass[entity.entityClass] ?? {
            let found = CorpusMerger.family(of: entity.entityClass, ontology)
            familyOfClass[entity.entityClass] = found
            return found
        }()
        let key = GroupKey(name: name, family: family)
        if let found = groupOfKey[key] { return found }
        let group = Int32(groups.count)
        groups.append(Group())
        groupOfKey[key] = group
        return group
    }

    private func propertyLocked(_ name: String) -> Int32 {
        if let id = propertyIDs[name] { return id }
        let id = Int32(properties.count)
        properties.append(name)
        propertyIDs[name] = id
        return id
    }

    /// The relation triples of every document added, with the merged entities' IRIs.
    func relationTriples(entities: [CorpusEntity], entityOfGroup: [Int32], ontology: Ontology) -> Graph {
        lock.lock()
        defer { lock.unlock() }
        var graph = Graph()
        func iri(_ group: Int32) -> IRI? {
            guard entityOfGroup.indices.contains(Int(group)), entityOfGroup[Int(group)] >= 0 else { return nil }
            return entities[Int(entityOfGroup[Int(group)])].iri
        }
        for relation in relations {
            guard let subject = iri(relation.subject) else { continue }
            let object: Term
            if relation.object >= 0 {
                guard let target = iri(relation.object) else { continue }
                object = .iri(target)
            } else {
                object = .literal(literals[Int(-1 - relation.object)])
            }
            graph.insert(Triple(.iri(subject), ontology.iri(properties[Int(relation.property)]), object))
        }
        return graph
    }

    /// The corpus entities, sorted by IRI, and the index of each group's entity among them.
    ///
    /// Groups whose labels mint the same IRI name the same thing as far as the graph can tell
    /// ("Café Institute" and "Cafe Institute"): they become one entity, never two with one IRI.
    /// Merging can change a group's label and so its IRI: repeat until every IRI is one group's.
    func entities() -> (entities: [CorpusEntity], entityOfGroup: [Int32]) {
        lock.lock()
        defer { lock.unlock() }
        func sum(_ members: [Int32], _ counts: (Group) -> [String: Int]) -> [String: Int] {
            var total: [String: Int] = [:]
            for member in members {
                for (value, count) in counts(groups[Int(member)]) { total[value, default: 0] += count }
            }
            return total
        }
        var merged = groups.indices.map { [Int32($0)] }
        var minted: [IRI: [Int32]] = [:]
        while true {
            minted = [:]
            for members in merged {
                let iri = EntityMinter.iri(entityClass: CorpusMerger.mostCommon(sum(members, \.classes)),
                                           label: CorpusMerger.mostCommon(sum(members, \.labels)))
                minted[iri, default: []].append(contentsOf: members)
            }
            if minted.count == merged.count { break }
            merged = Array(minted.values)
        }
        var entities: [CorpusEntity] = []
        entities.reserveCapacity(minted.count)
        for (iri, members) in minted {
            let labels = sum(members, \.labels)
            let label = CorpusMerger.mostCommon(labels)
            var alternatives = Set(labels.keys)
            var links: Set<String> = []
            for member in members {
                alternatives.formUnion(groups[Int(member)].alternatives)
                links.formUnion(groups[Int(member)].links)
            }
            alternatives.remove(label)
            entities.append(CorpusEntity(
                iri: iri, entityClass: CorpusMerger.mostCommon(sum(members, \.classes)), label: label,
                altLabels: alternatives.sorted(), links: CorpusMerger.agreedLinks(Array(links)),
                memberCount: members.reduce(0) { $0 + groups[Int($1)].members }))
        }
        // Sorted through their indices: moving whole entities (labels, links) in the sort cost
        // more than comparing their IRIs.
        let order = entities.indices.sorted { entities[$0].iri < entities[$1].iri }
        entities = order.map { entities[$0] }
        var entityOfGroup = [Int32](repeating: -1, count: groups.count)
        var indexOfIRI: [IRI: Int32] = [:]
        for (index, entity) in entities.enumerated() { indexOfIRI[entity.iri] = Int32(index) }
        for (iri, members) in minted {
            for member in members { entityOfGroup[Int(member)] = indexOfIRI[iri] ?? -1 }
        }
        return (entities, entityOfGroup)
    }
}

/// What the corpus-level steps keep of one document while the corpus is merged: its identifier
/// and how many relations it states. Its entities and relations went into the
/// ``CorpusAccumulator`` it was made with; its annotations are read again when its named graph is
/// written. So a document costs the merge a few bytes, and memory grows with the number of
/// distinct entities and relations, not with the number of documents.
public struct DocumentSummary: Sendable {
    public let identifier: String
    public let relationCount: Int

    /// Summarizes a document, adding its entities and relations to `accumulator`.
    public init(_ annotated: AnnotatedDocument, accumulator: CorpusAccumulator) {
        identifier = annotated.document.identifier
        relationCount = annotated.relations.count
        accumulator.add(annotated)
    }
}

/// The corpus after the deterministic merge: documents in identifier order, entities by IRI.
public struct MergedCorpus: Sendable {
    /// The documents' identifiers, sorted; document indexes below are positions here.
    public let identifiers: [String]
    /// The annotated documents in the same order when the corpus was merged from them in memory
    /// (`CorpusMerger.merge(_:ontology:)`); empty when merged from summaries.
    public let documents: [AnnotatedDocument]
    public let entities: [CorpusEntity]
    /// Every relation of the corpus with its entities' IRIs (the domain graph's relations).
    public let relations: Graph
    /// Per group of the accumulator: its index in `entities`.
    let entityOfGroup: [Int32]
    /// The groups of the entities of the documents in `documents` (empty when merged from
    /// summaries), and of the one document ``resolving(_:as:)`` added.
    private let groupsOfDocument: [[Int32]]
    private let resolved: (document: Int, groups: [Int32])?
    private let entityByIRI: [IRI: Int]

    init(identifiers: [String], documents: [AnnotatedDocument], entities: [CorpusEntity], relations: Graph,
         entityOfGroup: [Int32], groupsOfDocument: [[Int32]]) {
        self.identifiers = identifiers
        self.documents = documents
        self.entities = entities
        self.relations = relations
        self.entityOfGroup = entityOfGroup
        self.groupsOfDocument = groupsOfDocument
        resolved = nil
        var byIRI: [IRI: Int] = [:]
        for (index, entity) in entities.enumerated() where byIRI[entity.iri] == nil { byIRI[entity.iri] = index }
        entityByIRI = byIRI
    }

    private init(_ corpus: MergedCorpus, resolving document: Int, groups: [Int32]) {
        identifiers = corpus.identifiers
        documents = corpus.documents
        entities = corpus.entities
        relations = corpus.relations
        entityOfGroup = corpus.entityOfGroup
        groupsOfDocument = corpus.groupsOfDocument
        entityByIRI = corpus.entityByIRI
        resolved = (document, groups)
    }

    /// This corpus able to name the entities of document `index`, read back as `annotated`
    /// (a corpus merged from summaries keeps no document's entities). Nothing is copied.
    public func resolving(_ annotated: AnnotatedDocument, as index: Int, accumulator: CorpusAccumulator) -> MergedCorpus {
        MergedCorpus(self, resolving: index, groups: accumulator.groups(of: annotated.entities))
    }

    /// The corpus entity minted as `iri`.
    public func entity(iri: IRI) -> CorpusEntity? { entityByIRI[iri].map { entities[$0] } }

    /// The IRI of entity `entity` of document `document`.
    public func iri(document: Int, entity: Int) -> IRI? {
        let groups: [Int32]
        if let resolved, resolved.document == document {
            groups = resolved.groups
        } else if groupsOfDocument.indices.contains(document) {
            groups = groupsOfDocument[document]
        } else {
            return nil
        }
        guard groups.indices.contains(entity) else { return nil }
        let group = Int(groups[entity])
        guard entityOfGroup.indices.contains(group), entityOfGroup[group] >= 0 else { return nil }
        return entities[Int(entityOfGroup[group])].iri
    }
}

/// Merges per-document entities across the corpus. The result depends only on the set of
/// documents, never on their order: documents are sorted by identifier, and every choice
/// (label, class) is made by counts with a fixed tie-break.
public enum CorpusMerger {
    /// Merges documents held in memory; the result keeps them (sorted) in `documents`.
    public static func merge(_ documents: [AnnotatedDocument], ontology: Ontology) -> MergedCorpus {
        let sorted = documents.sorted { $0.document.identifier < $1.document.identifier }
        let accumulator = CorpusAccumulator(ontology: ontology)
        let groups = sorted.map { accumulator.add($0) }
        return merge(identifiers: sorted.map(\.document.identifier), documents: sorted, groupsOfDocument: groups, accumulator: accumulator)
    }

    /// Merges the summaries of documents that are not held in memory (`documents` stays empty);
    /// `accumulator` is the one the summaries were made with.
    public static func merge(summaries: [DocumentSummary], accumulator: CorpusAccumulator) -> MergedCorpus {
        merge(identifiers: summaries.map(\.identifier).sorted(), documents: [], groupsOfDocument: [], accumulator: accumulator)
    }

    private static func merge(identifiers: [String], documents: [AnnotatedDocument], groupsOfDocument: [[Int32]],
                              accumulator: CorpusAccumulator) -> MergedCorpus {
        let (entities, entityOfGroup) = accumulator.entities()
        let relations = accumulator.relationTriples(entities: entities, entityOfGroup: entityOfGroup, ontology: accumulator.ontology)
        return MergedCorpus(identifiers: identifiers, documents: documents, entities: entities, relations: relations,
                            entityOfGroup: entityOfGroup, groupsOfDocument: groupsOfDocument)
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
    static func mostCommon(_ counts: [String: Int]) -> String {
        counts.min { ($1.value, $0.key) < ($0.value, $1.key) }?.key ?? ""
    }
}
