import RDFModel

/// The difference between two datasets, blank-node aware: both sides are canonicalized with RDFC-1.0
/// first, so relabelled blank nodes, reordered statements or another syntax make no difference.
/// Blank nodes carry content-derived diff labels (`BlankNodeLabelling.stable`) rather than RDFC-1.0
/// numbers, so a change to one blank node's statements does not renumber unrelated blank nodes and
/// show all their statements as removed and added.
public struct GraphDifference: Sendable, Equatable {
    /// Quads only in the old dataset (diff labels of the old side), sorted by line.
    public let removed: [Quad]
    /// Quads only in the new dataset (diff labels of the new side), sorted by line.
    public let added: [Quad]
    /// The canonical N-Quads lines of `removed`, in the same order.
    public let removedLines: [String]
    /// The canonical N-Quads lines of `added`, in the same order.
    public let addedLines: [String]
    /// `rdf:type` objects of each removed quad's subject in the old dataset (sorted, possibly empty).
    public let removedClasses: [[Term]]
    /// `rdf:type` objects of each added quad's subject in the new dataset (sorted, possibly empty).
    public let addedClasses: [[Term]]

    /// True when the datasets are isomorphic.
    public var isEmpty: Bool { removed.isEmpty && added.isEmpty }

    /// Canonicalizes both sides with diff labels, then takes the set difference.
    public init(old: [Quad], new: [Quad], canonicalizer: Canonicalizer = Canonicalizer()) throws(CanonicalizationError) {
        self.init(old: try canonicalizer.canonicalize(old, labelling: .stable),
                  new: try canonicalizer.canonicalize(new, labelling: .stable))
    }

    /// The set difference of two canonical datasets: one merge pass over their sorted lines. Both
    /// should have the same labelling; `.stable` reports only what changed.
    public init(old: CanonicalDataset, new: CanonicalDataset) {
        var removedIndices: [Int] = [], addedIndices: [Int] = []
        var left = 0, right = 0
        while left < old.lines.count, right < new.lines.count {
            let oldLine = old.lines[left], newLine = new.lines[right]
            if oldLine == newLine {
                left += 1
                right += 1
            } else if CodePointOrder.less(oldLine, newLine) {
                removedIndices.append(left)
                left += 1
            } else {
                addedIndices.append(right)
                right += 1
            }
        }
        removedIndices.append(contentsOf: left..<old.lines.count)
        addedIndices.append(contentsOf: right..<new.lines.count)

        removed = removedIndices.map { old.quads[$0] }
        removedLines = removedIndices.map { old.lines[$0] }
        added = addedIndices.map { new.quads[$0] }
        addedLines = addedIndices.map { new.lines[$0] }
        removedClasses = Self.classes(of: removed, in: old.quads)
        addedClasses = Self.classes(of: added, in: new.quads)
    }

    /// The classes of each changed quad's subject. Only the changed subjects are looked up, so a
    /// small change to a large dataset costs one scan.
    private static func classes(of changed: [Quad], in all: [Quad]) -> [[Term]] {
        guard !changed.isEmpty else { return [] }
        var classesBySubject: [Term: Set<Term>] = [:]
        for quad in changed { classesBySubject[quad.subject] = [] }
        for quad in all where quad.predicate == Vocabulary.RDF.type && classesBySubject[quad.subject] != nil {
            classesBySubject[quad.subject, default: []].insert(quad.object)
        }
        return changed.map { quad in
            (classesBySubject[quad.subject] ?? []).sorted { CodePointOrder.less($0.description, $1.description) }
        }
    }
}
