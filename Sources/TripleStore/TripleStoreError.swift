import Foundation

/// What went wrong talking to a triple store. Every case keeps the URL it was about.
public enum TripleStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server could not be reached (refused, timed out, name unknown) after all tries.
    case unreachable(url: String, reason: String, attempts: Int)
    /// The server answered with an error status; `serverText` is the body it sent.
    case rejected(url: String, status: Int, serverText: String, attempts: Int)
    /// The server answered 2xx but not in a form we understand (e.g. a count query).
    case badResponse(url: String, reason: String)
    /// The input file to send could not be opened.
    case unreadableFile(path: String, reason: String)
    /// `--verify` needs a query endpoint and none was given or derivable.
    case noQueryEndpoint(store: String)

    public var description: String {
        switch self {
        case let .unreachable(url, reason, attempts):
            "cannot reach \(url) (\(attempts) \(attempts == 1 ? "try" : "tries")): \(reason)"
        case let .rejected(url, status, serverText, attempts):
            "\(url) answered HTTP \(status)\(attempts > 1 ? " after \(attempts) tries" : "")"
                + (serverText.isEmpty ? "" : ": \(Self.trimmed(serverText))")
        case let .badResponse(url, reason):
            "\(url): unexpected answer: \(reason)"
        case let .unreadableFile(path, reason):
            "\(path): cannot read: \(reason)"
        case let .noQueryEndpoint(store):
            "cannot derive a SPARQL query endpoint from \(store); give one with --query-endpoint"
        }
    }

    /// Server text on one line and bounded, so an HTML error page cannot flood the terminal.
    static func trimmed(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return collapsed.count > 500 ? String(collapsed.prefix(500)) + "…" : collapsed
    }
}
