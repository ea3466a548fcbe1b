/// Why canonicalization gave up. RDFC-1.0 is exponential on some inputs ("poison" datasets such as
/// cliques of blank nodes), so the work is bounded and exceeding the bound is an error, not a hang.
public enum CanonicalizationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One blank node needed more Hash N-Degree Quads calls (recursion included) than the limit allows.
    case tooComplex(limit: Int)
    /// The Hash N-Degree Quads recursion went deeper than the limit (long chains of look-alike blank nodes).
    case tooDeep(limit: Int)

    public var description: String {
        switch self {
        case let .tooComplex(limit):
            "dataset too complex to canonicalize: a blank node needed more than \(limit) Hash N-Degree Quads calls "
                + "(RDFC-1.0 work limit); the blank nodes are too symmetric (e.g. a clique). Raise the work limit to try harder."
        case let .tooDeep(limit):
            "dataset too complex to canonicalize: Hash N-Degree Quads recursion deeper than \(limit) "
                + "(a long chain of blank nodes that look alike); raise the depth limit to try harder."
        }
    }
}
