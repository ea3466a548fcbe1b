import RDFModel

/// Counts of a difference per predicate and per class of the subject, as `--stat` shows them.
public struct DiffStatistics: Sendable, Equatable {
    /// One row: a predicate or class (IRI without brackets, `_:label`, or `(untyped)`) with its counts.
    public struct Row: Sendable, Equatable {
        public let key: String
        public let removed: Int
        public let added: Int
    }

    /// The row key for changed quads whose subject has no `rdf:type`.
    public static let untypedKey = "(untyped)"

    public let removed: Int
    public let added: Int
    /// Sorted by key (code point order).
    public let predicates: [Row]
    /// Sorted by key, `(untyped)` last. A quad whose subject has several classes counts once for each.
    public let classes: [Row]

    public init(_ difference: GraphDifference) {
        removed = difference.removed.count
        added = difference.added.count
        var byPredicate: [String: (removed: Int, added: Int)] = [:]
        var byClass: [String: (removed: Int, added: Int)] = [:]
        for quad in difference.removed { byPredicate[quad.predicate.value, default: (0, 0)].removed += 1 }
        for quad in difference.added { byPredicate[quad.predicate.value, default: (0, 0)].added += 1 }
        for classes in difference.removedClasses {
            for key in Self.keys(classes) { byClass[key, default: (0, 0)].removed += 1 }
        }
        for classes in difference.addedClasses {
            for key in Self.keys(classes) { byClass[key, default: (0, 0)].added += 1 }
        }
        predicates = Self.rows(byPredicate)
        let classRows = Self.rows(byClass)
        classes = classRows.filter { $0.key != Self.untypedKey } + classRows.filter { $0.key == Self.untypedKey }
    }

    private static func keys(_ classes: [Term]) -> [String] {
        if classes.isEmpty { return [untypedKey] }
        return classes.map { $0.iri?.value ?? $0.description }
    }

    private static func rows(_ counts: [String: (removed: Int, added: Int)]) -> [Row] {
        counts.keys.sorted(by: CodePointOrder.less).map { key in
            let count = counts[key] ?? (0, 0)
            return Row(key: key, removed: count.removed, added: count.added)
        }
    }
}
