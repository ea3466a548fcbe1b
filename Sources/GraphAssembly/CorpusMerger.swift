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

    private let ontology: Ontology
    private let lock = NSLock()
    private var groupOfKey: [GroupKey: Int32] = [:]
    private var groups: [Group] = []
    // Labels and classes repeat across documents: each is keyed once.
    private var keyOfLabel: [String: String] = [:]
    private var familyOfClass: [String: String] = [:]
    private var propertyIDs: [String: Int32] = [:]
    private var properties: [String] = []

    public init(ontology: Ontology) { self.ontology = ontology }

    /// Adds one document's entities; returns each one's group, in the document's entity order.
    public func add(_ entities: [Entity]) -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return entities.map { entity in
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
            let group: Int32
            if let found = groupOfKey[key] {
                group = found
            } else {
                group = Int32(groups.count)
                groups.append(Group())
                groupOfKey[key] = group
            }
            groups[Int(group)].labels[entity.preferredLabel, default: 0] += 1
            groups[Int(group)].classes[entity.entityClass, default: 0] += 1
            groups[Int(group)].alternatives.formUnion(entity.altLabels)
            groups[Int(group)].links.formUnion(entity.links)
            groups[Int(group)].members += 1
            return group
        }
    }

    /// The id of a property name (relations keep ids, not strings).
    public func propertyID(_ name: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = propertyIDs[name] { return id }
        let id = Int32(properties.count)
        properties.append(name)
        propertyIDs[name] = id
        return id
    }

    /// The property name of an id `propertyID` made.
    public func property(_ id: Int32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return properties[Int(id)]
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
        entities.sort { $0.iri < $1.iri }
        var entityOfGroup = [Int32](repeating: -1, count: groups.count)
        var indexOfIRI: [IRI: Int32] = [:]
        for (index, entity) in entities.enumerated() { indexOfIRI[entity.iri] = Int32(index) }
        for (iri, members) in minted {
            for member in members { entityOfGroup[Int(member)] = indexOfIRI[iri] ?? -1 }
        }
        return (entities, entityOfGroup)
    }
}

/// What the domain graph needs of one relation of a document: its ends (entity indexes in the
/// document, or a literal of `DocumentSummary.literals`) and its property (a
/// ``CorpusAccumulator/propertyID(_:)``).
public struct RelationSummary: Hashable, Sendable {
    public let subject: Int32
    public let property: Int32
    /// An entity index, or `-1 - i` for `literals[i]`.
    public let object: Int32
}

/// What the corpus-level steps need of one document without its text or provenance: its
/// identifier, the group of each of its entities in a ``CorpusAccumulator`` (in the document's
/// entity order), and its relations. A corpus is merged, and its domain graph built, from these
/// alone, so the documents themselves need not be held while a large corpus is merged.
public struct DocumentSummary: Sendable {
    public let identifier: String
    public let groups: [Int32]
    public let relations: [RelationSummary]
    /// The literal objects of `relations` (rare: dates, amounts).
    public let literals: [Literal]

    /// Summarizes a document, adding its entities to `accumulator`.
    public init(_ annotated: AnnotatedDocument, accumulator: CorpusAccumulator) {
        identifier = annotated.document.identifier
        groups = accumulator.add(annotated.entities)
        var literals: [Literal] = []
        relations = annotated.relations.map { relation in
            let object: Int32
            switch relation.object {
            case let .entity(entity): object = Int32(entity)
            case let .literal(literal):
                literals.append(literal)
                object = -Int32(literals.count)
            }
            return RelationSummary(subject: Int32(relation.subject), property: accumulator.propertyID(relation.property), object: object)
        }
        self.literals = literals
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
    /// Per document, per entity of that document: its group in the accumulator (the summaries'
    /// own arrays, not copies).
    let groupsOfDocument: [[Int32]]
    /// Per group: its index in `entities`.
    let entityOfGroup: [Int32]
    private let entityByIRI: [IRI: Int]

    init(identifiers: [String], documents: [AnnotatedDocument], entities: [CorpusEntity], groupsOfDocument: [[Int32]], entityOfGroup: [Int32]) {
        self.identifiers = identifiers
        self.documents = documents
        self.entities = entities
        self.groupsOfDocument = groupsOfDocument
        self.entityOfGroup = entityOfGroup
        var byIRI: [IRI: Int] = [:]
        for (index, entity) in entities.enumerated() where byIRI[entity.iri] == nil { byIRI[entity.iri] = index }
        entityByIRI = byIRI
    }

    /// The corpus entity minted as `iri`.
    public func entity(iri: IRI) -> CorpusEntity? { entityByIRI[iri].map { entities[$0] } }

    /// The IRI of entity `entity` of document `document`.
    public func iri(document: Int, entity: Int) -> IRI? {
        guard groupsOfDocument.indices.contains(document), groupsOfDocument[document].indices.contains(entity) else { return nil }
        let group = Int(groupsOfDocument[document][entity])
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
        let merged = merge(summaries: sorted.map { DocumentSummary($0, accumulator: accumulator) }, accumulator: accumulator)
        return MergedCorpus(identifiers: merged.identifiers, documents: sorted, entities: merged.entities,
                            groupsOfDocument: merged.groupsOfDocument, entityOfGroup: merged.entityOfGroup)
    }

    /// Merges the summaries of documents that are not held in memory (`documents` stays empty);
    /// `accumulator` is the one the summaries were made with.
    public static func merge(summaries unsorted: [DocumentSummary], accumulator: CorpusAccumulator) -> MergedCorpus {
        let sorted = unsorted.sorted { $0.identifier < $1.identifier }
        let (entities, entityOfGroup) = accumulator.entities()
        return MergedCorpus(identifiers: sorted.map(\.identifier), documents: [], entities: entities,
                            groupsOfDocument: sorted.map(\.groups), entityOfGroup: entityOfGroup)
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
