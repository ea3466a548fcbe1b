/// Where something sits in a source file: 1-based line and column (column counts Unicode scalars).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int
    public var column: Int

    public init(file: String? = nil, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, or `line:column` without a file.
    public var description: String {
        if let file { return "\(file):\(line):\(column)" }
        return "\(line):\(column)"
    }
}

/// A syntax error in an RDF document, with the position and what was expected.
public struct RDFSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// A copy that names the file it came from.
    public func inFile(_ file: String) -> RDFSyntaxError {
        var copy = self
        copy.location.file = file
        return copy
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}

/// A graph that cannot be written in a given syntax (for example a predicate with no XML QName).
public struct RDFWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
