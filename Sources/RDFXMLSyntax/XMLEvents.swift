/// One attribute of an element, with the namespace its prefix resolved to.
struct XMLAttribute: Sendable {
    var prefix: String?
    var localName: String
    var namespace: String?
    var value: String

    /// The qualified name as written in the document.
    var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }
}

/// A start tag after namespace processing: what the RDF/XML grammar consumes.
struct XMLElementStart: Sendable {
    var prefix: String?
    var localName: String
    var namespace: String?
    var attributes: [XMLAttribute]

    var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }
    /// The element's IRI (namespace + local name), or nil for an element in no namespace.
    var iri: String? { namespace.map { $0 + localName } }
}
