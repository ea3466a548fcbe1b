import Foundation
import RDFModel

/// An entity of the domain graph: a subject typed with a class of the ontology namespace.
public struct ReportEntity: Hashable, Sendable {
    public let iri: IRI
    /// The classes' local names, sorted (usually one).
    public let classes: [String]
    /// `rdfs:label` (the smallest if there are several), else the IRI.
    public let label: String
    public let altLabels: [String]
    /// `owl:sameAs` and `skos:exactMatch` targets, sorted.
    public let links: [IRI]

    /// The class the picture and the highlights colour it by: the first of `classes`.
    public var primaryClass: String { classes.first ?? "" }
}

/// A NIF mention (`nif:Phrase` with `itsrdf:taIdentRef`) and the activity that found it.
public struct ReportMention: Hashable, Sendable {
    /// Offsets in Unicode scalars into the document text, end exclusive (as NIF counts).
    public let begin: Int
    public let end: Int
    public let entity: IRI
    public let stage: String?
    public let rule: String?
    /// The `kg:confidence` lexical form, as written.
    public let confidence: String?
}

/// One document of the provenance: a `nif:Context` with its text and mentions.
public struct ReportDocument: Hashable, Sendable {
    /// The document IRI (`nif:sourceUrl`), else the context's IRI.
    public let iri: IRI
    /// A short name: the document IRI's path after `/doc/` (the path relative to the input root).
    public let name: String
    public let text: String
    /// Sorted by begin, then longest first, then entity.
    public let mentions: [ReportMention]
}

/// Why a relation holds: one evidence sentence, the mentions in it, the rule and confidence.
public struct ReportEvidence: Hashable, Sendable {
    public let documentName: String
    public let sentence: String
    /// Where the sentence starts in its document (Unicode scalars).
    public let sentenceBegin: Int
    /// The evidence mentions' ranges relative to the sentence start, sorted.
    public let mentionRanges: [Range<Int>]
    public let stage: String?
    public let rule: String?
    public let confidence: String?
}

/// A statement of the domain graph whose predicate is an ontology property.
public struct ReportRelation: Hashable, Sendable {
    public let subject: IRI
    /// The property's local name (`locatedIn`).
    public let property: String
    public let object: Term
    /// Sorted by document, then sentence position; empty when OUT_DIR holds no provenance.
    public let evidence: [ReportEvidence]
}

/// What the report shows, read from an extract output's domain graph and provenance graph.
/// Everything is sorted, so the same graphs give the same model whatever the reading order.
public struct ReportModel: Sendable {
    public let entities: [ReportEntity]
    public let relations: [ReportRelation]
    public let documents: [ReportDocument]
    /// The ontology namespace classes and properties were recognised by.
    public let ontologyNamespace: String
    /// Whether a provenance graph was given (without one there are no texts and no evidence).
    public let hasProvenance: Bool

    public init(entities: [ReportEntity], relations: [ReportRelation], documents: [ReportDocument],
                ontologyNamespace: String = PrefixMap.kgNamespace, hasProvenance: Bool = true) {
        self.entities = entities
        self.relations = relations
        self.documents = documents
        self.ontologyNamespace = ontologyNamespace
        self.hasProvenance = hasProvenance
    }

    /// Builds the model. `domain` is `graph.*` (or a dataset's default graph); `provenance` is
    /// `provenance.*` (or the union of a dataset's named graphs), nil when there is none.
    /// Statements of other shapes are ignored, so any extract output (and most other NIF) reads.
    public static func build(domain: Graph, provenance: Graph?, ontologyNamespace: String = PrefixMap.kgNamespace) -> ReportModel {
        let entities = readEntities(domain, ontologyNamespace)
        let index = provenance.map(SubjectIndex.init) ?? SubjectIndex(Graph())
        let documents = provenance == nil ? [] : readDocuments(index, ontologyNamespace)
        let documentNames = Dictionary(documents.map { (contextKey($0.iri), $0.name) }, uniquingKeysWith: { first, _ in first })
        let relations = readRelations(domain, index, ontologyNamespace, entities: Set(entities.map(\.iri)), contextNames: documentNames)
        return ReportModel(entities: entities, relations: relations, documents: documents,
                           ontologyNamespace: ontologyNamespace, hasProvenance: provenance != nil)
    }

    // MARK: - Reading

    static func readEntities(_ domain: Graph, _ namespace: String) -> [ReportEntity] {
        var classes: [IRI: Set<String>] = [:]
        var labels: [IRI: [String]] = [:]
        var altLabels: [IRI: Set<String>] = [:]
        var links: [IRI: Set<IRI>] = [:]
        for triple in domain {
            guard let subject = triple.subject.iri else { continue }
            switch triple.predicate {
            case Vocabulary.RDF.type:
                if let type = triple.object.iri, type.value.hasPrefix(namespace), type.value.count > namespace.count {
                    classes[subject, default: []].insert(String(type.value.dropFirst(namespace.count)))
                }
            case Vocabulary.RDFS.label:
                if let literal = triple.object.literal { labels[subject, default: []].append(literal.lexicalForm) }
            case Vocabulary.SKOS.altLabel:
                if let literal = triple.object.literal { altLabels[subject, default: []].insert(literal.lexicalForm) }
            case Vocabulary.OWL.sameAs, Vocabulary.SKOS.exactMatch:
                if let object = triple.object.iri { links[subject, default: []].insert(object) }
            default:
                break
            }
        }
        return classes.keys.sorted().map { iri in
            ReportEntity(iri: iri, classes: (classes[iri] ?? []).sorted(by: codePointOrder),
                         label: (labels[iri] ?? []).min(by: codePointOrder) ?? iri.value,
                         altLabels: (altLabels[iri] ?? []).sorted(by: codePointOrder), links: (links[iri] ?? []).sorted())
        }
    }

    static func readDocuments(_ index: SubjectIndex, _ namespace: String) -> [ReportDocument] {
        let stage = IRI(namespace + "stage"), rule = IRI(namespace + "rule"), confidence = IRI(namespace + "confidence")
        var mentionsByContext: [Term: [ReportMention]] = [:]
        for subject in index.subjects(withPredicate: Vocabulary.ITSRDF.taIdentRef) {
            guard let context = index.first(subject, Vocabulary.NIF.referenceContext),
                  let begin = index.integer(subject, Vocabulary.NIF.beginIndex),
                  let end = index.integer(subject, Vocabulary.NIF.endIndex),
                  let entity = index.first(subject, Vocabulary.ITSRDF.taIdentRef)?.iri else { continue }
            let activity = index.first(subject, Vocabulary.PROV.wasGeneratedBy)
            mentionsByContext[context, default: []].append(ReportMention(
                begin: begin, end: end, entity: entity,
                stage: activity.flatMap { index.first($0, stage)?.literal?.lexicalForm },
                rule: activity.flatMap { index.first($0, rule)?.literal?.lexicalForm },
                confidence: index.first(subject, confidence)?.literal?.lexicalForm))
        }
        var documents: [ReportDocument] = []
        for context in index.subjects(withPredicate: Vocabulary.NIF.isString) {
            guard let text = index.first(context, Vocabulary.NIF.isString)?.literal?.lexicalForm else { continue }
            let iri = index.first(context, Vocabulary.NIF.sourceUrl)?.iri ?? context.iri ?? IRI(context.description)
            let mentions = (mentionsByContext[context] ?? []).sorted { lhs, rhs in
                if lhs.begin != rhs.begin { return lhs.begin < rhs.begin }
                if lhs.end != rhs.end { return lhs.end > rhs.end }
                return (lhs.entity, lhs.rule ?? "", lhs.stage ?? "") < (rhs.entity, rhs.rule ?? "", rhs.stage ?? "")
            }
            documents.append(ReportDocument(iri: iri, name: documentName(iri), text: text, mentions: mentions))
        }
        // Two contexts of one document (not written by kg, but possible) stay apart, in text order.
        return documents.sorted { ($0.name, $0.iri, $0.text) < ($1.name, $1.iri, $1.text) }
    }

    /// Statements about entities with an ontology property; `entities` keeps out the provenance's
    /// own `kg:confidence`/`kg:stage` statements when a dataset's graphs are read as one.
    static func readRelations(_ domain: Graph, _ index: SubjectIndex, _ namespace: String, entities: Set<IRI>,
                              contextNames: [String: String]) -> [ReportRelation] {
        let rule = IRI(namespace + "rule"), stage = IRI(namespace + "stage"), confidence = IRI(namespace + "confidence")
        // Statement records by the statement they describe.
        var records: [Triple: [Term]] = [:]
        for record in index.subjects(withPredicate: Vocabulary.RDF.predicate) {
            guard let subject = index.first(record, Vocabulary.RDF.subject), let predicate = index.first(record, Vocabulary.RDF.predicate)?.iri,
                  predicate.value.hasPrefix(namespace), let object = index.first(record, Vocabulary.RDF.object) else { continue }
            records[Triple(subject, predicate, object), default: []].append(record)
        }
        var relations: [ReportRelation] = []
        for triple in domain.sortedTriples {
            guard let subject = triple.subject.iri, entities.contains(subject), triple.predicate.value.hasPrefix(namespace),
                  triple.predicate.value.count > namespace.count else { continue }
            var evidence: [ReportEvidence] = []
            for record in records[triple] ?? [] {
                let activity = index.first(record, Vocabulary.PROV.wasGeneratedBy)
                let recordStage = activity.flatMap { index.first($0, stage)?.literal?.lexicalForm }
                let recordRule = activity.flatMap { index.first($0, rule)?.literal?.lexicalForm }
                let recordConfidence = index.first(record, confidence)?.literal?.lexicalForm
                // The record derives from its sentence and its mentions; a mention names its sentence.
                var sentences: Set<Term> = []
                var mentions: [Term] = []
                for source in index.all(record, Vocabulary.PROV.wasDerivedFrom) {
                    if index.all(source, Vocabulary.RDF.type).contains(.iri(Vocabulary.NIF.sentence)) {
                        sentences.insert(source)
                    } else {
                        mentions.append(source)
                        if let sentence = index.first(source, Vocabulary.NIF.sentenceProperty) { sentences.insert(sentence) }
                    }
                }
                for sentence in sentences {
                    guard let text = index.first(sentence, Vocabulary.NIF.anchorOf)?.literal?.lexicalForm,
                          let begin = index.integer(sentence, Vocabulary.NIF.beginIndex) else { continue }
                    let length = text.unicodeScalars.count
                    let ranges = mentions.compactMap { mention -> Range<Int>? in
                        guard index.first(mention, Vocabulary.NIF.sentenceProperty) == sentence,
                              let from = index.integer(mention, Vocabulary.NIF.beginIndex),
                              let to = index.integer(mention, Vocabulary.NIF.endIndex),
                              from >= begin, to >= from, to - begin <= length else { return nil }
                        return (from - begin)..<(to - begin)
                    }.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
                    let context = index.first(sentence, Vocabulary.NIF.referenceContext)
                    let name = context.flatMap { contextNames[contextKey($0)] } ?? context.map { documentName($0.iri ?? IRI($0.description)) } ?? ""
                    evidence.append(ReportEvidence(documentName: name, sentence: text, sentenceBegin: begin, mentionRanges: ranges,
                                                   stage: recordStage, rule: recordRule, confidence: recordConfidence))
                }
            }
            let sorted = Set(evidence).sorted { lhs, rhs in
                (lhs.documentName, lhs.sentenceBegin, lhs.rule ?? "", lhs.sentence) < (rhs.documentName, rhs.sentenceBegin, rhs.rule ?? "", rhs.sentence)
            }
            relations.append(ReportRelation(subject: subject, property: String(triple.predicate.value.dropFirst(namespace.count)),
                                            object: triple.object, evidence: sorted))
        }
        return relations
    }

    /// A document's context and its sentences' `nif:referenceContext` are the same term; the
    /// names map is keyed by the document IRI, so a context term maps through its IRI without the fragment.
    static func contextKey(_ term: Term) -> String { contextKey(term.iri ?? IRI(term.description)) }

    static func contextKey(_ iri: IRI) -> String {
        iri.value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? iri.value
    }

    /// `…/id/doc/dir/001.txt` → `dir/001.txt`; any other IRI → its last path segment, else itself.
    static func documentName(_ iri: IRI) -> String {
        let value = contextKey(iri)
        let name: Substring
        if let range = value.range(of: "/doc/", options: .backwards) {
            name = value[range.upperBound...]
        } else if let slash = value.lastIndex(of: "/"), value.index(after: slash) < value.endIndex {
            name = value[value.index(after: slash)...]
        } else {
            name = Substring(value)
        }
        return String(name).removingPercentEncoding ?? String(name)
    }
}

/// Sorts strings in code point order (the project's canonical order), independent of locale.
func codePointOrder(_ lhs: String, _ rhs: String) -> Bool { lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) }

/// The provenance graph indexed by subject, objects sorted, so look-ups are deterministic.
struct SubjectIndex {
    private var objects: [Term: [IRI: [Term]]] = [:]
    private var subjectsByPredicate: [IRI: [Term]] = [:]

    init(_ graph: Graph) {
        for triple in graph {
            objects[triple.subject, default: [:]][triple.predicate, default: []].append(triple.object)
            subjectsByPredicate[triple.predicate, default: []].append(triple.subject)
        }
        for (subject, predicates) in objects {
            for (predicate, values) in predicates { objects[subject]?[predicate] = values.sorted() }
        }
        for (predicate, subjects) in subjectsByPredicate { subjectsByPredicate[predicate] = Array(Set(subjects)).sorted() }
    }

    /// The subjects that have `predicate`, sorted.
    func subjects(withPredicate predicate: IRI) -> [Term] { subjectsByPredicate[predicate] ?? [] }

    func all(_ subject: Term, _ predicate: IRI) -> [Term] { objects[subject]?[predicate] ?? [] }

    /// The smallest object (several values would be malformed provenance; the choice stays deterministic).
    func first(_ subject: Term, _ predicate: IRI) -> Term? { all(subject, predicate).first }

    /// An integer-valued literal (NIF offsets), nil when absent, malformed or negative.
    func integer(_ subject: Term, _ predicate: IRI) -> Int? {
        guard let lexical = first(subject, predicate)?.literal?.lexicalForm, let value = Int(lexical), value >= 0 else { return nil }
        return value
    }
}
