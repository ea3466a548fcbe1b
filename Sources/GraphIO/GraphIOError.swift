import RDFModel

/// What went wrong reading or writing a graph file. Syntax errors keep their position; I/O
/// errors keep the path.
public enum GraphIOError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case unknownFormat(path: String)
    case syntax(RDFSyntaxError)
    case cannotWrite(format: RDFFormat, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read: \(reason)"
        case let .unwritable(path, reason): "\(path): cannot write: \(reason)"
        case let .unknownFormat(path): "\(path): cannot tell the syntax from the file name; give it with --from/--to (ttl, nt, nq, trig, rdf)"
        case let .syntax(error): error.description
        case let .cannotWrite(format, reason): "cannot write \(format): \(reason)"
        }
    }
}
