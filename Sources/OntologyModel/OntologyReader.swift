import RDFModel

/// Why an ontology could not be used.
public struct OntologyError: Error, Hashable, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}

/// Builds an `Ontology` from the triples of its Turtle file and checks it against the contract.
public enum OntologyReader {
    /// The local names every ontology must define (the design contract).
    public static let contractClasses = [
        "Person", "Organization", "ResearchInstitute", "University", "Company", "GovernmentAgency", "Association",
        "Biobank", "Place", "Country", "City", "Region", "Journal", "Event", "Award", "Program", "CellType", "Gene",
        "Biomarker", "Disease", "Organism", "Method", "Topic",
    ]
    public static let contractObjectProperties = [
        "locatedIn", "partOf", "affiliatedWith", "ledBy", "fundedBy", "publishedIn", "researchFocus",
        "collaboratesWith", "discoveredBy", "receivedAward", "differentiatesInto", "derivedFrom",
        "reprogrammingFactor", "hasMarker", "treats", "regulatedBy", "producedBy",
    ]
    public static let contractDataProperties = ["date"]

    /// Interprets `triples` (the ontology file's graph). `sourceText` and `fileName` locate errors.
    public static func ontology(from triples: [Triple], namespace: String, sourceText: String, fileName: String) throws(OntologyError) -> Ontology {
        var bySubject: [Term: [Triple]] = [:]
        for triple in triples { bySubject[triple.subject, default: []].append(triple) }

        func values(_ subject: Term, _ predicate: IRI) -> [Term] {
            (bySubject[subject] ?? []).filter { $0.predicate == predicate }.map(\.object).sorted()
        }
        func text(_ subject: Term, _ predicate: IRI) -> String? {
            values(subject, predicate).compactMap { $0.literal?.lexicalForm }.first
        }
        func localName(_ term: Term) -> String? {
            guard let iri = term.iri, iri.value.hasPrefix(namespace) else { return nil }
            return String(iri.value.dropFirst(namespace.count))
        }
        /// A class expression: a named class, or an owl:unionOf list of them.
        func classNames(_ term: Term) -> [String] {
            if let name = localName(term) { return [name] }
            guard let list = values(term, Vocabulary.OWL.unionOf).first else { return [] }
            var names: [String] = []
            var node = list
            var guardCount = 0
            while node != .iri(Vocabulary.RDF.nil), guardCount < 1000 {
                guardCount += 1
                names += values(node, Vocabulary.RDF.first).flatMap(classNames)
                guard let next = values(node, Vocabulary.RDF.rest).first else { break }
                node = next
            }
            return names
        }
        func location(of name: String) -> SourceLocation {
            let lines = sourceText.split(separator: "\n", omittingEmptySubsequences: false)
            let needle = "kg:\(name) "
            let line = lines.firstIndex { $0.hasPrefix(needle) }.map { $0 + 1 } ?? lines.count
            return SourceLocation(file: fileName, line: line, column: 1)
        }

        var classes: [String: OntologyClass] = [:]
        var properties: [String: OntologyProperty] = [:]
        for subject in bySubject.keys.sorted() {
            guard let name = localName(subject) else { continue }
            let types = Set(values(subject, Vocabulary.RDF.type).compactMap(\.iri))
            let label = text(subject, Vocabulary.RDFS.label)
            let comment = text(subject, Vocabulary.RDFS.comment)
            if types.contains(Vocabulary.OWL.class) {
                guard let label, let comment else {
                    throw OntologyError("class kg:\(name) needs rdfs:label and rdfs:comment", at: location(of: name))
                }
                let supers = values(subject, Vocabulary.RDFS.subClassOf).compactMap(localName)
                classes[name] = OntologyClass(localName: name, iri: IRI(namespace + name), label: label, comment: comment, superclasses: supers)
            } else if types.contains(Vocabulary.OWL.objectProperty) || types.contains(Vocabulary.OWL.datatypeProperty) {
                guard let label, let comment else {
                    throw OntologyError("property kg:\(name) needs rdfs:label and rdfs:comment", at: location(of: name))
                }
                let isObject = types.contains(Vocabulary.OWL.objectProperty)
                let domain = values(subject, Vocabulary.RDFS.domain).flatMap(classNames)
                let range = values(subject, Vocabulary.RDFS.range).flatMap(classNames)
                if isObject, domain.isEmpty || range.isEmpty {
                    throw OntologyError("object property kg:\(name) needs rdfs:domain and rdfs:range", at: location(of: name))
                }
                properties[name] = OntologyProperty(
                    localName: name, iri: IRI(namespace + name), label: label, comment: comment, domain: domain.sorted(),
                    range: range.sorted(), isSymmetric: types.contains(Vocabulary.OWL.symmetricProperty), isObjectProperty: isObject)
            }
        }
        for name in contractClasses where classes[name] == nil {
            throw OntologyError("the contract class kg:\(name) is missing (declare it as an owl:Class)", at: location(of: name))
        }
        for name in contractObjectProperties where properties[name]?.isObjectProperty != true {
            throw OntologyError("the contract property kg:\(name) is missing (declare it as an owl:ObjectProperty)", at: location(of: name))
        }
        for name in contractDataProperties where properties[name] == nil {
            throw OntologyError("the contract property kg:\(name) is missing", at: location(of: name))
        }
        return Ontology(namespace: namespace, classes: classes, properties: properties)
    }
}
