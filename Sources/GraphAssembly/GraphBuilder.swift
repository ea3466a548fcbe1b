import OntologyModel
import RDFModel
import TextAnnotation

/// Turns the merged corpus into the domain graph: types, labels, alternative labels, links to
/// public identifiers (`AuthorityLinks`) and the extracted relations. Provenance is mapped separately (`ProvenanceMapper`).
public enum GraphBuilder {
    /// The default graph: every entity description plus every relation.
    public static func graph(_ corpus: MergedCorpus, ontology: Ontology) -> Graph {
        var graph = descriptions(corpus, ontology: ontology)
        graph.formUnion(corpus.relations)
        return graph
    }

    /// Types, labels, alternative labels and authority links of every entity.
    public static func descriptions(_ corpus: MergedCorpus, ontology: Ontology) -> Graph {
        var graph = Graph()
        for entity in corpus.entities {
            let subject = Term.iri(entity.iri)
            graph.insert(Triple(subject, Vocabulary.RDF.type, .iri(ontology.iri(entity.entityClass))))
            graph.insert(Triple(subject, Vocabulary.RDFS.label, .literal(Literal(entity.label, language: "en"))))
            for alternative in entity.altLabels {
                graph.insert(Triple(subject, Vocabulary.SKOS.altLabel, .literal(Literal(alternative, language: "en"))))
            }
            for link in entity.links {
                if let triple = AuthorityLinks.triple(subject, link) { graph.insert(triple) }
            }
        }
        return graph
    }

    /// The relation triples extracted from one document held by the corpus.
    public static func relations(_ corpus: MergedCorpus, document index: Int, ontology: Ontology) -> Graph {
        relations(corpus, document: index, annotated: corpus.documents[index], ontology: ontology)
    }

    /// The relation triples extracted from document `index` of the corpus, given its annotations
    /// (`annotated`, read back when the corpus was merged from summaries).
    public static func relations(_ corpus: MergedCorpus, document index: Int, annotated: AnnotatedDocument, ontology: Ontology) -> Graph {
        var graph = Graph()
        for relation in annotated.relations {
            if let triple = triple(for: relation, in: corpus, document: index, ontology: ontology) { graph.insert(triple) }
        }
        return graph
    }

    /// The triple a relation states, or nil when an end has no IRI.
    public static func triple(for relation: Relation, in corpus: MergedCorpus, document index: Int, ontology: Ontology) -> Triple? {
        guard let subject = corpus.iri(document: index, entity: relation.subject) else { return nil }
        let object: Term
        switch relation.object {
        case let .entity(entity):
            guard let iri = corpus.iri(document: index, entity: entity) else { return nil }
            object = .iri(iri)
        case let .literal(literal):
            object = .literal(literal)
        }
        return Triple(.iri(subject), ontology.iri(relation.property), object)
    }
}
