/// The RDF syntaxes kg writes; it reads all but JSON-LD.
public enum RDFFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    case turtle = "ttl"
    case ntriples = "nt"
    case nquads = "nq"
    case trig = "trig"
    case rdfxml = "rdf"
    case jsonld = "jsonld"

    /// From a file name's extension (`.ttl .nt .nq .trig .rdf .jsonld`, plus `.owl .xml .rdfxml`).
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        self.init(flag: String(fileName[fileName.index(after: dot)...]))
    }

    /// From a command-line name: `ttl nt nq trig rdf` and the usual long names.
    public init?(flag: String) {
        switch flag.lowercased() {
        case "ttl", "turtle": self = .turtle
        case "nt", "ntriples", "n-triples": self = .ntriples
        case "nq", "nquads", "n-quads": self = .nquads
        case "trig": self = .trig
        case "rdf", "rdfxml", "rdf/xml", "xml", "owl": self = .rdfxml
        case "jsonld", "json-ld": self = .jsonld
        default: return nil
        }
    }

    /// Whether the syntax can hold named graphs.
    public var holdsDatasets: Bool { self == .nquads || self == .trig || self == .jsonld }

    /// Whether kg can read the syntax (JSON-LD it only writes).
    public var isReadable: Bool { self != .jsonld }

    public var fileExtension: String { rawValue }

    /// The media type for HTTP `Content-Type`.
    public var mediaType: String {
        switch self {
        case .turtle: "text/turtle"
        case .ntriples: "application/n-triples"
        case .nquads: "application/n-quads"
        case .trig: "application/trig"
        case .rdfxml: "application/rdf+xml"
        case .jsonld: "application/ld+json"
        }
    }

    public var description: String {
        switch self {
        case .turtle: "Turtle"
        case .ntriples: "N-Triples"
        case .nquads: "N-Quads"
        case .trig: "TriG"
        case .rdfxml: "RDF/XML"
        case .jsonld: "JSON-LD"
        }
    }
}
