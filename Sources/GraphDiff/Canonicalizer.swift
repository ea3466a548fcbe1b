import RDFModel

/// RDF Dataset Canonicalization (W3C RDFC-1.0): gives every blank node a label that depends only on
/// the dataset's structure, so isomorphic datasets produce identical canonical N-Quads.
///
/// Quads without blank nodes are only formatted and sorted; just the quads that mention blank nodes
/// go through the hashing algorithm, so large, mostly ground datasets canonicalize in linear time
/// plus one sort.
public struct Canonicalizer: Sendable {
    /// Default for `workLimit`: over five times what the hardest W3C tests need (43 calls for the
    /// "evil" poison graphs), small enough that a poison clique fails in well under a second.
    public static let defaultWorkLimit = 250
    /// Default for `depthLimit`: keeps the recursion well within a thread's stack.
    public static let defaultDepthLimit = 256

    /// The hash function (`rdfc:hashAlgorithm`).
    public let hash: HashAlgorithm
    /// The most Hash N-Degree Quads calls, recursion included, allowed for one blank node.
    public let workLimit: Int
    /// The deepest Hash N-Degree Quads recursion allowed.
    public let depthLimit: Int

    public init(hash: HashAlgorithm = .sha256, workLimit: Int = Canonicalizer.defaultWorkLimit,
                depthLimit: Int = Canonicalizer.defaultDepthLimit) {
        self.hash = hash
        self.workLimit = workLimit
        self.depthLimit = depthLimit
    }

    /// Canonicalizes a list of quads; duplicates are dropped, as a dataset is a set. With `.stable`
    /// labelling the lines carry diff labels instead of canonical ones (still sorted, still equal for
    /// isomorphic inputs).
    public func canonicalize(_ quads: [Quad],
                             labelling: BlankNodeLabelling = .canonical) throws(CanonicalizationError) -> CanonicalDataset {
        var ground: [Quad] = []
        ground.reserveCapacity(quads.count)
        var withBlanks: [Quad] = []
        var seen: Set<Quad> = []
        for quad in quads {
            if quad.subject.isBlank || quad.object.isBlank || (quad.graph?.isBlank ?? false) {
                if seen.insert(quad).inserted { withBlanks.append(quad) }
            } else {
                ground.append(quad)
            }
        }

        var run = RDFC10Run(quads: withBlanks, algorithm: hash, workLimit: workLimit, depthLimit: depthLimit)
        try run.issueCanonicalIdentifiers()
        let names = labelling == .stable ? run.stableLabels() : nil
        let relabelled = run.relabelledQuads(names: names)

        // Line i belongs to ground[i], or to relabelled[i - ground.count]: no merged copy of the
        // quads, which for a million statements is a few hundred megabytes.
        var lines: [String] = []
        lines.reserveCapacity(ground.count + relabelled.count)
        for quad in ground { lines.append(NTriplesFormatter.line(quad)) }
        for (_, line) in relabelled { lines.append(line) }

        let order = CodePointOrder.sortedIndices(lines)
        var sortedLines: [String] = []
        sortedLines.reserveCapacity(order.count)
        var sortedQuads: [Quad] = []
        sortedQuads.reserveCapacity(order.count)
        for index in order where sortedLines.last != lines[index] {
            sortedLines.append(lines[index])
            sortedQuads.append(index < ground.count ? ground[index] : relabelled[index - ground.count].0)
        }
        return CanonicalDataset(quads: sortedQuads, lines: sortedLines, issuedIdentifiers: run.issuedIdentifiers(names: names))
    }

    /// Canonicalizes a dataset.
    public func canonicalize(_ dataset: Dataset,
                             labelling: BlankNodeLabelling = .canonical) throws(CanonicalizationError) -> CanonicalDataset {
        try canonicalize(dataset.sortedQuads, labelling: labelling)
    }

    /// Canonicalizes a graph (as the default graph of a dataset).
    public func canonicalize(_ graph: Graph,
                             labelling: BlankNodeLabelling = .canonical) throws(CanonicalizationError) -> CanonicalDataset {
        try canonicalize(graph.sortedTriples.map { Quad($0) }, labelling: labelling)
    }
}
