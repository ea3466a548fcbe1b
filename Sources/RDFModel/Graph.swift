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

    /// The triples in canonical order (subject, predicate, object; `Triple.<`).
    public var sortedTriples: [Triple] { sorted(typeFirst: false) }

    /// The triples grouped by subject in canonical order, each subject's `rdf:type` statements
    /// first, then by predicate and object: the order of RDF/XML and Turtle descriptions.
    public var sortedTriplesTypeFirst: [Triple] { sorted(typeFirst: true) }

    private func sorted(typeFirst: Bool) -> [Triple] {
        let triples = Array(self.triples)
        let ranks = TermRanks(triples.lazy.flatMap { [$0.subject, .iri($0.predicate), $0.object] })
        let keys = triples.map { triple -> SIMD4<Int32> in
            let isLater: Int32 = typeFirst && triple.predicate != Vocabulary.RDF.type ? 1 : 0
            return SIMD4(ranks[triple.subject], isLater, ranks[.iri(triple.predicate)], ranks[triple.object])
        }
        return TermRanks.ordered(triples, keys: keys)
    }

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

    /// The quads in canonical order (`Quad.<`: default graph first, then by graph name, subject,
    /// predicate, object).
    public var sortedQuads: [Quad] {
        let quads = Array(self.quads)
        let ranks = TermRanks(quads.lazy.flatMap { quad -> [Term] in
            if let graph = quad.graph { return [graph, quad.subject, .iri(quad.predicate), quad.object] }
            return [quad.subject, .iri(quad.predicate), quad.object]
        })
        // The default graph ranks before every name.
        let keys = quads.map { SIMD4<Int32>($0.graph.map { ranks[$0] + 1 } ?? 0, ranks[$0.subject], ranks[.iri($0.predicate)], ranks[$0.object]) }
        return TermRanks.ordered(quads, keys: keys)
    }

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

/// The distinct terms of some statements ranked in canonical order (`Term.<`), so statements sort
/// by small integer keys: each term is compared while ranking the distinct terms, never again per
/// statement, and no string is copied while sorting.
struct TermRanks {
    private var rank: [Term: Int32] = [:]

    init<S: Sequence>(_ terms: S) where S.Element == Term {
        var distinct = Set<Term>()
        for term in terms { distinct.insert(term) }
        let sorted = distinct.sorted()
        rank.reserveCapacity(sorted.count)
        for (index, term) in sorted.enumerated() { rank[term] = Int32(index) }
    }

    subscript(_ term: Term) -> Int32 { rank[term] ?? -1 }

    /// `elements` sorted by `keys` (compared lexicographically), which are all distinct for
    /// distinct elements.
    static func ordered<Element>(_ elements: [Element], keys: [SIMD4<Int32>]) -> [Element] {
        var order = Array(elements.indices)
        keys.withUnsafeBufferPointer { keys in
            order.sort { left, right in
                let a = keys[left], b = keys[right]
                if a.x != b.x { return a.x < b.x }
                if a.y != b.y { return a.y < b.y }
                if a.z != b.z { return a.z < b.z }
                return a.w < b.w
            }
        }
        return order.map { elements[$0] }
    }
}
