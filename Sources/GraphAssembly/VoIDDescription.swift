import RDFModel
import TextAnnotation

/// A VoID description of the published dataset: sizes, classes and properties used, the number of
/// source documents and the syntaxes it is published in. Counts are of the domain graph
/// (`graph.nt`). The documents themselves are listed in `manifest.tsv` (and are the named graphs),
/// not here, so the description stays small whatever the size of the corpus.
public enum VoIDDescription {
    public static let datasetIRI = IRI(PrefixMap.kgEntityNamespace + "dataset")

    /// W3C format IRIs of the syntaxes.
    public static let formatIRIs: [String: String] = [
        "ttl": "http://www.w3.org/ns/formats/Turtle", "nt": "http://www.w3.org/ns/formats/N-Triples",
        "rdf": "http://www.w3.org/ns/formats/RDF_XML", "trig": "http://www.w3.org/ns/formats/TriG",
        "nq": "http://www.w3.org/ns/formats/N-Quads",
    ]

    /// `formats`: the file extensions written (`ttl`, `nt`, …).
    public static func graph(for domain: Graph, documentCount: Int, formats: [String], ontologyNamespace: String) -> Graph {
        var graph = Graph()
        let dataset = Term.iri(datasetIRI)
        func count(_ value: Int) -> Term { .literal(Literal(String(value), datatype: Vocabulary.XSD.integer)) }
        graph.insert(Triple(dataset, Vocabulary.RDF.type, .iri(Vocabulary.VoID.dataset)))
        graph.insert(Triple(dataset, Vocabulary.DCTerms.title, .literal(Literal("Knowledge graph extracted by kg", language: "en"))))
        graph.insert(Triple(dataset, Vocabulary.VoID.vocabulary, .iri(IRI(ontologyNamespace))))
        // Only counts are taken, so the triples are read in no particular order (sorting a large
        // domain graph of values cost more than all the counting).
        let triples = Array(domain.triples)
        let types = triples.filter { $0.predicate == Vocabulary.RDF.type }
        let entities = Set(types.map(\.subject))
        let classes = Dictionary(grouping: types, by: \.object).mapValues { Set($0.map(\.subject)).count }
        let properties = Dictionary(grouping: triples, by: \.predicate).mapValues(\.count)
        graph.insert(Triple(dataset, Vocabulary.VoID.triples, count(triples.count)))
        graph.insert(Triple(dataset, Vocabulary.VoID.entities, count(entities.count)))
        graph.insert(Triple(dataset, Vocabulary.VoID.classes, count(classes.count)))
        graph.insert(Triple(dataset, Vocabulary.VoID.properties, count(properties.count)))
        graph.insert(Triple(dataset, Vocabulary.VoID.distinctSubjects, count(Set(triples.map(\.subject)).count)))
        graph.insert(Triple(dataset, Vocabulary.VoID.distinctObjects, count(Set(triples.map(\.object)).count)))
        graph.insert(Triple(dataset, Vocabulary.VoID.documents, count(documentCount)))
        for format in formats {
            if let iri = formatIRIs[format] { graph.insert(Triple(dataset, Vocabulary.VoID.feature, .iri(IRI(iri)))) }
        }
        for (type, members) in classes {
            guard let iri = type.iri else { continue }
            let partition = Term.iri(IRI(datasetIRI.value + "/class/" + localName(iri)))
            graph.insert(Triple(dataset, Vocabulary.VoID.classPartition, partition))
            graph.insert(Triple(partition, Vocabulary.VoID.class, type))
            graph.insert(Triple(partition, Vocabulary.VoID.entities, count(members)))
        }
        for (property, uses) in properties {
            let partition = Term.iri(IRI(datasetIRI.value + "/property/" + EntityMinter.slug(PrefixMap.standard.split(property).map { "\($0.prefix)-\($0.local)" } ?? property.value)))
            graph.insert(Triple(dataset, Vocabulary.VoID.propertyPartition, partition))
            graph.insert(Triple(partition, Vocabulary.VoID.property, .iri(property)))
            graph.insert(Triple(partition, Vocabulary.VoID.triples, count(uses)))
        }
        return graph
    }

    /// The part of an IRI after its last `#` or `/`.
    static func localName(_ iri: IRI) -> String {
        let value = iri.value
        guard let cut = value.lastIndex(where: { $0 == "#" || $0 == "/" }) else { return EntityMinter.slug(value) }
        return EntityMinter.slug(String(value[value.index(after: cut)...]))
    }
}
