/// Moving IRIs from one namespace to another (`kg extract --base`): every IRI that starts with
/// `from` starts with `to` instead; every other term, and every literal, is unchanged.
public struct Rebasing: Sendable {
    public let from: String
    public let to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public func iri(_ iri: IRI) -> IRI {
        iri.value.hasPrefix(from) ? IRI(to + iri.value.dropFirst(from.count)) : iri
    }

    public func term(_ term: Term) -> Term {
        if case let .iri(value) = term { return .iri(iri(value)) }
        return term
    }

    public func triple(_ triple: Triple) -> Triple {
        Triple(term(triple.subject), iri(triple.predicate), term(triple.object))
    }

    public func graph(_ graph: Graph) -> Graph {
        Graph(graph.triples.lazy.map { Triple(term($0.subject), iri($0.predicate), term($0.object)) })
    }

    public func dataset(_ dataset: Dataset) -> Dataset {
        Dataset(dataset.quads.lazy.map { Quad(term($0.subject), iri($0.predicate), term($0.object), graph: $0.graph.map(term)) })
    }

    /// The prefix table with every namespace that starts with `from` moved too.
    public func prefixes(_ map: PrefixMap) -> PrefixMap {
        PrefixMap(map.entries.map { ($0.prefix, $0.namespace.hasPrefix(from) ? to + $0.namespace.dropFirst(from.count) : $0.namespace) })
    }
}
