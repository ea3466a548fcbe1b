/// The graph a Graph Store Protocol request addresses: the store's default graph or one named
/// by an IRI.
public enum GraphTarget: Hashable, Sendable, Comparable, CustomStringConvertible {
    case defaultGraph
    /// A named graph. The IRI is sent as given; the server judges whether it is valid.
    case named(String)

    public var description: String {
        switch self {
        case .defaultGraph: "the default graph"
        case let .named(iri): "<\(iri)>"
        }
    }

    /// The group graph pattern that matches every triple of this graph in a SPARQL query.
    public var countingPattern: String {
        switch self {
        case .defaultGraph: "{ ?s ?p ?o }"
        case let .named(iri): "{ GRAPH <\(iri)> { ?s ?p ?o } }"
        }
    }

    /// The default graph sorts first, then named graphs by IRI, so plans run in a stable order.
    public static func < (lhs: GraphTarget, rhs: GraphTarget) -> Bool {
        switch (lhs, rhs) {
        case (.defaultGraph, .defaultGraph): false
        case (.defaultGraph, .named): true
        case (.named, .defaultGraph): false
        case let (.named(a), .named(b)): Array(a.utf8).lexicographicallyPrecedes(b.utf8)
        }
    }
}
