import RDFModel

/// A class of the ontology, by local name.
public struct OntologyClass: Hashable, Sendable {
    public let localName: String
    public let iri: IRI
    public let label: String
    public let comment: String
    /// Local names of the direct superclasses inside the ontology's namespace.
    public let superclasses: [String]
}

/// An object or data property of the ontology.
public struct OntologyProperty: Hashable, Sendable {
    public let localName: String
    public let iri: IRI
    public let label: String
    public let comment: String
    /// Local names of the classes allowed as subject (a union), empty when unrestricted.
    public let domain: [String]
    /// Local names of the classes allowed as object, empty when unrestricted or a datatype.
    public let range: [String]
    public let isSymmetric: Bool
    public let isObjectProperty: Bool
}

/// The core ontology: classes, properties, hierarchy, domain and range. Read-only once loaded.
public struct Ontology: Sendable {
    public let namespace: String
    public let classes: [String: OntologyClass]
    public let properties: [String: OntologyProperty]

    public init(namespace: String, classes: [String: OntologyClass], properties: [String: OntologyProperty]) {
        self.namespace = namespace
        self.classes = classes
        self.properties = properties
    }

    /// The IRI of a class or property local name in the ontology's namespace.
    public func iri(_ localName: String) -> IRI { IRI(namespace + localName) }

    /// Whether `subclass` equals `superclass` or descends from it.
    public func isSubclass(_ subclass: String, of superclass: String) -> Bool {
        var seen: Set<String> = []
        var queue = [subclass]
        while let current = queue.popLast() {
            if current == superclass { return true }
            guard seen.insert(current).inserted, let known = classes[current] else { continue }
            queue.append(contentsOf: known.superclasses)
        }
        return false
    }

    /// Every ancestor of a class, itself included, nearest first.
    public func ancestors(of localName: String) -> [String] {
        var result: [String] = []
        var queue = [localName]
        while !queue.isEmpty {
            let current = queue.removeFirst()
            guard !result.contains(current) else { continue }
            result.append(current)
            queue.append(contentsOf: classes[current]?.superclasses ?? [])
        }
        return result
    }

    /// Whether an instance of `subjectClass` may be the subject of `property` (its domain).
    public func admits(_ property: String, subject subjectClass: String) -> Bool {
        guard let known = properties[property] else { return false }
        return known.domain.isEmpty || known.domain.contains { isSubclass(subjectClass, of: $0) }
    }

    /// Whether an instance of `objectClass` may be the object of the object property `property` (its range).
    public func admits(_ property: String, object objectClass: String) -> Bool {
        guard let known = properties[property], known.isObjectProperty else { return false }
        return known.range.isEmpty || known.range.contains { isSubclass(objectClass, of: $0) }
    }

    /// Whether `property` may link a `subjectClass` to an `objectClass` (nil object class for literals).
    public func allows(_ property: String, subject subjectClass: String, object objectClass: String?) -> Bool {
        guard let known = properties[property] else { return false }
        let domainOK = known.domain.isEmpty || known.domain.contains { isSubclass(subjectClass, of: $0) }
        guard domainOK else { return false }
        guard let objectClass else { return !known.isObjectProperty }
        return known.isObjectProperty && (known.range.isEmpty || known.range.contains { isSubclass(objectClass, of: $0) })
    }
}
