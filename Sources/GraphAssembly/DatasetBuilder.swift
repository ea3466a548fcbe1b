import Dispatch
import Foundation
import OntologyModel
import RDFModel
import TextAnnotation

/// The dataset form of the corpus: entity descriptions merged across documents in the default
/// graph, and one named graph per document (its IRI from the document's relative path) holding
/// the facts extracted from it with their NIF and PROV-O provenance.
public enum DatasetBuilder {
    /// The dataset and, from the same per-document provenance, every document's provenance in one
    /// graph (for `provenance.ttl` / `provenance.rdf`, since Turtle and RDF/XML cannot hold named
    /// graphs). Each document's provenance is mapped once. `statementKeys` holds, per document
    /// identifier, a key of its named graph's statements (the manifest's, for `kg load --sync`).
    /// Documents are mapped on up to `jobs` threads; the result does not depend on `jobs`.
    public static func build(_ corpus: MergedCorpus, ontology: Ontology, jobs: Int = 1)
        -> (dataset: Dataset, provenance: Graph, statementKeys: [String: String]) {
        let documents = ParallelMap.map(corpus.documents.indices, jobs: jobs) { index -> (name: Term, relations: Graph, evidence: Graph, key: String) in
            let relations = GraphBuilder.relations(corpus, document: index, ontology: ontology)
            let evidence = ProvenanceMapper.provenance(corpus, document: index, ontology: ontology)
            var statements = relations
            statements.formUnion(evidence)
            return (.iri(DocumentIRIs.document(corpus.identifiers[index])), relations, evidence,
                    ContentKey.hex(statements.sortedTriples.map(NTriplesFormatter.line)))
        }
        // The dataset and the provenance graph are two independent unions of the same per-document
        // graphs: with two or more jobs they are built at the same time.
        let descriptions = GraphBuilder.descriptions(corpus, ontology: ontology)
        let unions = ParallelMap.map(0..<2, jobs: min(jobs, 2)) { part -> (dataset: Dataset?, provenance: Graph?) in
            if part == 0 {
                var dataset = Dataset(defaultGraph: descriptions)
                for document in documents {
                    for triple in document.relations { dataset.insert(Quad(triple, graph: document.name)) }
                    for triple in document.evidence { dataset.insert(Quad(triple, graph: document.name)) }
                }
                return (dataset, nil)
            }
            var provenance = Graph()
            for document in documents { provenance.formUnion(document.evidence) }
            return (nil, provenance)
        }
        var keys: [String: String] = [:]
        for (index, document) in documents.enumerated() { keys[corpus.identifiers[index]] = document.key }
        let dataset = unions[0].dataset ?? Dataset(), provenance = unions[1].provenance ?? Graph()
        return (dataset, provenance, keys)
    }

    /// What document `index`'s named graph holds, for writers that take the corpus one document
    /// at a time: its relations (also the domain graph's), every statement of the named graph
    /// (relations and provenance, repeats allowed), and the activity descriptions among them
    /// (the only provenance two documents share).
    public static func namedGraph(_ corpus: MergedCorpus, document index: Int, annotated: AnnotatedDocument, ontology: Ontology)
        -> (relations: Graph, statements: [Triple], activities: [Triple]) {
        let relations = GraphBuilder.relations(corpus, document: index, annotated: annotated, ontology: ontology)
        var statements = Array(relations)
        var activities: [Triple] = []
        for triple in ProvenanceMapper.triples(corpus, document: index, annotated: annotated, ontology: ontology) {
            statements.append(triple)
            if case let .iri(subject) = triple.subject, subject.value.hasPrefix(ProvenanceMapper.activityNamespace) {
                activities.append(triple)
            }
        }
        return (relations, statements, activities)
    }

    public static func dataset(_ corpus: MergedCorpus, ontology: Ontology) -> Dataset {
        build(corpus, ontology: ontology).dataset
    }
}

/// `map` over a range on up to `jobs` threads, results in index order whatever the scheduling.
public enum ParallelMap {
    public static func map<Result: Sendable>(_ indices: Range<Int>, jobs: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
        let workers = max(1, min(jobs, indices.count))
        guard workers > 1 else { return indices.map(transform) }
        let slots = ResultSlots<Result>(count: indices.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = indices.lowerBound + worker
            while index < indices.upperBound {
                slots.set(index - indices.lowerBound, transform(index))
                index += workers
            }
        }
        return slots.values()
    }

    /// Each slot is written by exactly one worker, and read only after all have finished.
    private final class ResultSlots<Result>: @unchecked Sendable {
        private var slots: [Result?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }
        func values() -> [Result] { slots.compactMap { $0 } }
    }
}
