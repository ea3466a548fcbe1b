/// A set of triples. Insertion order is irrelevant: `sortedTriples` gives the canonical order.
public struct Graph: Hashable, Sendable, Sequence {
    public private(set) var triples: Set<Triple>

    public init() { triples = [] }
    public init<S: Sequence>(_ triples: S) where S.Element == Triple { self.triples = Set(triples) }

    public var count: Int { triples.count }
    public var isEmpty: Bool { triples.isEmpty }

    /// Adds a triple; returns false if it was already there.
    @discardableResult
    public mutating func insert(_ triple: Triple) -> Bool {
        // `update(with:)` hands back only a replaced duplicate; `insert` would copy (retain) every
        // new member just to return it, which shows up when reading a million statements.
        triples.update(with: triple) == nil
    }

    public mutating func formUnion(_ other: Graph) { triples.formUnion(other.triples) }

    public func contains(_ triple: Triple) -> Bool { triples.contains(triple) }

    public var sortedTriples: [Triple] { triples.sorted() }

    public func makeIterator() -> Set<Triple>.Iterator { triples.makeIterator() }
}

/// A set of quads: a default graph plus named graphs.
public struct Dataset: Hashable, Sendable, Sequence {
    public private(set) var quads: Set<Quad>

    public init() { quads = [] }
    public init<S: Sequence>(_ quads: S) where S.Element == Quad { self.quads = Set(quads) }
    /// A dataset whose default graph is `graph`.
    public init(defaultGraph graph: Graph) { quads = Set(graph.triples.map { Quad($0) }) }

    public var count: Int { quads.count }
    public var isEmpty: Bool { quads.isEmpty }

    @discardableResult
    public mutating func insert(_ quad: Quad) -> Bool { quads.update(with: quad) == nil }

    public mutating func formUnion(_ other: Dataset) { quads.formUnion(other.quads) }

    public var sortedQuads: [Quad] { quads.sorted() }

    /// The graph names in canonical order (the default graph, `nil`, first when present).
    public var graphNames: [Term?] {
        let names = Set(quads.map(\.graph))
        return names.sorted { lhs, rhs in
            guard let left = lhs else { return rhs != nil }
            guard let right = rhs else { return false }
            return left < right
        }
    }

    /// The triples of one graph (`nil` = the default graph).
    public func graph(named name: Term?) -> Graph {
        Graph(quads.lazy.filter { $0.graph == name }.map(\.triple))
    }

    /// The default graph.
    public var defaultGraph: Graph { graph(named: nil) }

    public func makeIterator() -> Set<Quad>.Iterator { quads.makeIterator() }
}
