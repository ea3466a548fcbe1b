import OntologyModel
import RDFModel
import TextAnnotation

/// The dataset form of the corpus: entity descriptions merged across documents in the default
/// graph, and one named graph per document (its IRI from the document's relative path) holding
/// the facts extracted from it with their NIF and PROV-O provenance.
public enum DatasetBuilder {
    public static func dataset(_ corpus: MergedCorpus, ontology: Ontology) -> Dataset {
        var dataset = Dataset(defaultGraph: GraphBuilder.descriptions(corpus, ontology: ontology))
        for index in corpus.documents.indices {
            let name = Term.iri(DocumentIRIs.document(corpus.documents[index].document.identifier))
            var graph = GraphBuilder.relations(corpus, document: index, ontology: ontology)
            graph.formUnion(ProvenanceMapper.provenance(corpus, document: index, ontology: ontology))
            for triple in graph { dataset.insert(Quad(triple, graph: name)) }
        }
        return dataset
    }

    /// Every document's provenance in one graph (for `provenance.ttl` / `provenance.rdf`, since
    /// Turtle and RDF/XML cannot hold named graphs).
    public static func provenanceGraph(_ corpus: MergedCorpus, ontology: Ontology) -> Graph {
        var graph = Graph()
        for index in corpus.documents.indices { graph.formUnion(ProvenanceMapper.provenance(corpus, document: index, ontology: ontology)) }
        return graph
    }
}
