import OntologyModel
import RDFModel
import TextAnnotation

/// The dataset form of the corpus: entity descriptions merged across documents in the default
/// graph, and one named graph per document (its IRI from the document's relative path) holding
/// the facts extracted from it with their NIF and PROV-O provenance.
public enum DatasetBuilder {
    /// The dataset and, from the same per-document provenance, every document's provenance in one
    /// graph (for `provenance.ttl` / `provenance.rdf`, since Turtle and RDF/XML cannot hold named
    /// graphs). Each document's provenance is mapped once.
    public static func build(_ corpus: MergedCorpus, ontology: Ontology) -> (dataset: Dataset, provenance: Graph) {
        var dataset = Dataset(defaultGraph: GraphBuilder.descriptions(corpus, ontology: ontology))
        var provenance = Graph()
        for index in corpus.documents.indices {
            let name = Term.iri(DocumentIRIs.document(corpus.documents[index].document.identifier))
            let evidence = ProvenanceMapper.provenance(corpus, document: index, ontology: ontology)
            provenance.formUnion(evidence)
            var graph = GraphBuilder.relations(corpus, document: index, ontology: ontology)
            graph.formUnion(evidence)
            for triple in graph { dataset.insert(Quad(triple, graph: name)) }
        }
        return (dataset, provenance)
    }

    public static func dataset(_ corpus: MergedCorpus, ontology: Ontology) -> Dataset {
        build(corpus, ontology: ontology).dataset
    }
}
