/// Namespaces and terms the project writes. Each namespace is a caseless enum of constants.
public enum Vocabulary {
    public enum RDF {
        public static let namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        public static let type = IRI(namespace + "type")
        public static let langString = IRI(namespace + "langString")
        public static let xmlLiteral = IRI(namespace + "XMLLiteral")
        public static let first = IRI(namespace + "first")
        public static let rest = IRI(namespace + "rest")
        public static let `nil` = IRI(namespace + "nil")
        public static let statement = IRI(namespace + "Statement")
        public static let subject = IRI(namespace + "subject")
        public static let predicate = IRI(namespace + "predicate")
        public static let object = IRI(namespace + "object")
    }

    public enum RDFS {
        public static let namespace = "http://www.w3.org/2000/01/rdf-schema#"
        public static let label = IRI(namespace + "label")
        public static let comment = IRI(namespace + "comment")
        public static let domain = IRI(namespace + "domain")
        public static let range = IRI(namespace + "range")
        public static let subClassOf = IRI(namespace + "subClassOf")
        public static let subPropertyOf = IRI(namespace + "subPropertyOf")
        public static let `class` = IRI(namespace + "Class")
    }

    public enum OWL {
        public static let namespace = "http://www.w3.org/2002/07/owl#"
        public static let `class` = IRI(namespace + "Class")
        public static let objectProperty = IRI(namespace + "ObjectProperty")
        public static let datatypeProperty = IRI(namespace + "DatatypeProperty")
        public static let annotationProperty = IRI(namespace + "AnnotationProperty")
        public static let ontology = IRI(namespace + "Ontology")
        public static let sameAs = IRI(namespace + "sameAs")
        public static let equivalentClass = IRI(namespace + "equivalentClass")
        public static let unionOf = IRI(namespace + "unionOf")
        public static let symmetricProperty = IRI(namespace + "SymmetricProperty")
    }

    public enum XSD {
        public static let namespace = "http://www.w3.org/2001/XMLSchema#"
        public static let string = IRI(namespace + "string")
        public static let integer = IRI(namespace + "integer")
        public static let decimal = IRI(namespace + "decimal")
        public static let double = IRI(namespace + "double")
        public static let boolean = IRI(namespace + "boolean")
        public static let date = IRI(namespace + "date")
        public static let gYear = IRI(namespace + "gYear")
        public static let gYearMonth = IRI(namespace + "gYearMonth")
        public static let dateTime = IRI(namespace + "dateTime")
        public static let nonNegativeInteger = IRI(namespace + "nonNegativeInteger")
    }

    public enum SKOS {
        public static let namespace = "http://www.w3.org/2004/02/skos/core#"
        public static let altLabel = IRI(namespace + "altLabel")
        public static let prefLabel = IRI(namespace + "prefLabel")
        public static let exactMatch = IRI(namespace + "exactMatch")
    }

    public enum PROV {
        public static let namespace = "http://www.w3.org/ns/prov#"
        public static let wasDerivedFrom = IRI(namespace + "wasDerivedFrom")
        public static let wasGeneratedBy = IRI(namespace + "wasGeneratedBy")
        public static let activity = IRI(namespace + "Activity")
        public static let entity = IRI(namespace + "Entity")
        public static let startedAtTime = IRI(namespace + "startedAtTime")
        public static let endedAtTime = IRI(namespace + "endedAtTime")
        public static let used = IRI(namespace + "used")
        public static let generated = IRI(namespace + "generated")
        public static let wasAssociatedWith = IRI(namespace + "wasAssociatedWith")
        public static let softwareAgent = IRI(namespace + "SoftwareAgent")
    }

    public enum Schema {
        public static let namespace = "https://schema.org/"
    }

    /// NLP Interchange Format 2.0 core.
    public enum NIF {
        public static let namespace = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
        public static let context = IRI(namespace + "Context")
        public static let sentence = IRI(namespace + "Sentence")
        public static let phrase = IRI(namespace + "Phrase")
        public static let string = IRI(namespace + "String")
        public static let offsetBasedString = IRI(namespace + "OffsetBasedString")
        public static let isString = IRI(namespace + "isString")
        public static let sourceUrl = IRI(namespace + "sourceUrl")
        public static let referenceContext = IRI(namespace + "referenceContext")
        public static let beginIndex = IRI(namespace + "beginIndex")
        public static let endIndex = IRI(namespace + "endIndex")
        public static let anchorOf = IRI(namespace + "anchorOf")
        public static let sentenceProperty = IRI(namespace + "sentence")
    }

    /// Internationalization Tag Set, as NIF uses it for entity links.
    public enum ITSRDF {
        public static let namespace = "http://www.w3.org/2005/11/its/rdf#"
        public static let taIdentRef = IRI(namespace + "taIdentRef")
    }

    /// Vocabulary of Interlinked Datasets.
    public enum VoID {
        public static let namespace = "http://rdfs.org/ns/void#"
        public static let dataset = IRI(namespace + "Dataset")
        public static let triples = IRI(namespace + "triples")
        public static let entities = IRI(namespace + "entities")
        public static let classes = IRI(namespace + "classes")
        public static let properties = IRI(namespace + "properties")
        public static let distinctSubjects = IRI(namespace + "distinctSubjects")
        public static let distinctObjects = IRI(namespace + "distinctObjects")
        public static let documents = IRI(namespace + "documents")
        public static let feature = IRI(namespace + "feature")
        public static let classPartition = IRI(namespace + "classPartition")
        public static let propertyPartition = IRI(namespace + "propertyPartition")
        public static let `class` = IRI(namespace + "class")
        public static let property = IRI(namespace + "property")
        public static let vocabulary = IRI(namespace + "vocabulary")
        public static let dataDump = IRI(namespace + "dataDump")
    }

    public enum DCTerms {
        public static let namespace = "http://purl.org/dc/terms/"
        public static let source = IRI(namespace + "source")
        public static let title = IRI(namespace + "title")
        public static let description = IRI(namespace + "description")
        public static let created = IRI(namespace + "created")
        public static let hasVersion = IRI(namespace + "hasVersion")
    }
}

/// The fixed prefix table every writer uses, so output bytes never depend on the input's prefixes.
public struct PrefixMap: Sendable, Hashable {
    /// Prefix → namespace, in writing order.
    public let entries: [(prefix: String, namespace: String)]

    public init(_ entries: [(prefix: String, namespace: String)]) { self.entries = entries }

    public static func == (lhs: PrefixMap, rhs: PrefixMap) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.prefix == $1.prefix && $0.namespace == $1.namespace }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.prefix)
            hasher.combine(entry.namespace)
        }
    }

    /// The project's namespace for the core ontology and minted entities.
    public static let kgNamespace = "https://w3id.org/kg/ontology#"
    /// The namespace for minted entity IRIs.
    public static let kgEntityNamespace = "https://w3id.org/kg/id/"

    /// The standard table: rdf, rdfs, owl, xsd, skos, prov, schema, nif, itsrdf, void, dcterms, kg, kgr.
    public static let standard = PrefixMap([
        ("rdf", Vocabulary.RDF.namespace),
        ("rdfs", Vocabulary.RDFS.namespace),
        ("owl", Vocabulary.OWL.namespace),
        ("xsd", Vocabulary.XSD.namespace),
        ("skos", Vocabulary.SKOS.namespace),
        ("prov", Vocabulary.PROV.namespace),
        ("schema", Vocabulary.Schema.namespace),
        ("nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"),
        ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
        ("void", "http://rdfs.org/ns/void#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("wd", "http://www.wikidata.org/entity/"),
        ("kg", kgNamespace),
        ("kgr", kgEntityNamespace),
    ])

    /// The longest namespace that is a prefix of `iri`, with the remaining local part.
    public func split(_ iri: IRI) -> (prefix: String, local: String)? {
        var best: (prefix: String, local: String, length: Int)?
        for entry in entries where iri.value.hasPrefix(entry.namespace) {
            let length = entry.namespace.utf8.count
            if best == nil || length > (best?.length ?? 0) {
                best = (entry.prefix, String(iri.value.dropFirst(entry.namespace.count)), length)
            }
        }
        return best.map { ($0.prefix, $0.local) }
    }

    public func namespace(for prefix: String) -> String? {
        entries.first { $0.prefix == prefix }?.namespace
    }
}
