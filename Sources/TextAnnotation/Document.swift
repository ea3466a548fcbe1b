/// A source text. Offsets everywhere are in Unicode scalars (code points), as NIF counts them.
public struct Document: Hashable, Sendable {
    /// Path relative to the input root, with `/` separators; it names the document in IRIs and provenance.
    public let identifier: String
    public let text: String
    /// The text as scalars, so ranges index in O(1).
    public let scalars: [Unicode.Scalar]

    public init(identifier: String, text: String) {
        self.identifier = identifier
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    /// The text covered by `range`.
    public func text(in range: TextRange) -> String {
        let lower = max(0, min(range.lowerBound, scalars.count))
        let upper = max(lower, min(range.upperBound, scalars.count))
        return Self.string(scalars[lower..<upper])
    }

    /// The string of some scalars; nearly all text is ASCII, one byte per scalar, built in one step.
    public static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        if scalars.allSatisfy({ $0.value < 0x80 }) {
            return String(unsafeUninitializedCapacity: scalars.count) { buffer in
                for (index, scalar) in scalars.enumerated() { buffer[index] = UInt8(truncatingIfNeeded: scalar.value) }
                return scalars.count
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// 1-based line and column of a scalar offset, for diagnostics.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for scalar in scalars.prefix(offset) {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// A half-open range of Unicode-scalar offsets into `Document.text`.
public struct TextRange: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let lowerBound: Int
    public let upperBound: Int

    public init(_ lowerBound: Int, _ upperBound: Int) {
        self.lowerBound = lowerBound
        self.upperBound = max(lowerBound, upperBound)
    }

    public var length: Int { upperBound - lowerBound }
    public func contains(_ other: TextRange) -> Bool { lowerBound <= other.lowerBound && other.upperBound <= upperBound }
    public func overlaps(_ other: TextRange) -> Bool { lowerBound < other.upperBound && other.lowerBound < upperBound }

    public static func < (lhs: TextRange, rhs: TextRange) -> Bool {
        (lhs.lowerBound, lhs.upperBound) < (rhs.lowerBound, rhs.upperBound)
    }

    public var description: String { "\(lowerBound)..<\(upperBound)" }
}
