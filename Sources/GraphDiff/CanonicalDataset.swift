import RDFModel

/// The result of RDFC-1.0: the dataset with canonical blank node labels (or diff labels, with
/// `.stable` labelling), in canonical order.
public struct CanonicalDataset: Sendable, Equatable {
    /// The relabelled quads, without duplicates, in the order of `lines`.
    public let quads: [Quad]
    /// The canonical N-Quads line of each quad (no newline), sorted by code point.
    public let lines: [String]
    /// Input blank node label → canonical label (`c14n0`, …) or diff label, both without `_:`.
    public let issuedIdentifiers: [String: String]

    public init(quads: [Quad], lines: [String], issuedIdentifiers: [String: String]) {
        self.quads = quads
        self.lines = lines
        self.issuedIdentifiers = issuedIdentifiers
    }

    /// The canonical N-Quads document: every line followed by LF.
    public var nquads: String {
        var out = ""
        out.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            out += line
            out += "\n"
        }
        return out
    }
}
