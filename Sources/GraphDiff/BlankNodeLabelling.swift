/// Which labels `Canonicalizer` gives blank nodes.
public enum BlankNodeLabelling: Sendable, Equatable {
    /// RDFC-1.0 labels `c14n0`, `c14n1`, …: the W3C canonical form. One added or changed blank node
    /// can renumber many others, as the numbers follow the hash order of the whole dataset.
    case canonical
    /// Labels for diffing: `b` + 16 hex digits of a hash of the blank node's own statements (its
    /// RDFC-1.0 first-degree hash when unique, else its N-degree hash), so an edit relabels only the
    /// blank nodes whose hash depends on it. Isomorphic datasets still give identical lines; blank
    /// nodes that cannot be told apart (automorphic ones) keep their canonical labels. Not RDFC-1.0
    /// output.
    case stable
}
