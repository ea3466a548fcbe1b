import Foundation

/// Where a store takes graphs (the Graph Store Protocol URL) and answers queries (SPARQL).
public struct GraphStoreEndpoint: Sendable, Hashable {
    /// The Graph Store Protocol service URL, e.g. `http://localhost:7878/store`.
    public let store: URL
    /// The SPARQL query URL, e.g. `http://localhost:7878/query`; nil when it cannot be derived.
    public let query: URL?

    /// An endpoint with an explicit query URL, or one derived from the store URL's form.
    public init(store: URL, query: URL? = nil) {
        self.store = store
        self.query = query ?? Self.derivedQueryURL(from: store)
    }

    /// The URL of one graph: `STORE?default` or `STORE?graph=IRI` (IRI percent-encoded), keeping
    /// any query items the store URL already has.
    public func url(for target: GraphTarget) -> URL {
        var text = store.absoluteString
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        let separator = text.contains("?") ? "&" : "?"
        switch target {
        case .defaultGraph:
            text += separator + "default"
        case let .named(iri):
            text += separator + "graph=" + Self.percentEncodedQueryValue(iri)
        }
        // Every character outside the unreserved set is percent-encoded above, so this parses.
        return URL(string: text) ?? store
    }

    /// The query URL for the store URL forms of the common servers:
    /// Oxigraph `/store` → `/query`, Fuseki `/DATASET/data` → `/DATASET/sparql`,
    /// GraphDB `/repositories/REPO/rdf-graphs/service` → `/repositories/REPO`,
    /// Virtuoso `/sparql-graph-crud[-auth]` → `/sparql`. Nil for any other form.
    public static func derivedQueryURL(from store: URL) -> URL? {
        guard var components = URLComponents(url: store, resolvingAgainstBaseURL: false) else { return nil }
        var path = components.percentEncodedPath
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let rewrites: [(suffix: String, replacement: String)] = [
            ("/rdf-graphs/service", ""),
            ("/sparql-graph-crud-auth", "/sparql"),
            ("/sparql-graph-crud", "/sparql"),
            ("/store", "/query"),
            ("/data", "/sparql"),
        ]
        guard let rewrite = rewrites.first(where: { path.hasSuffix($0.suffix) }) else { return nil }
        path = String(path.dropLast(rewrite.suffix.count)) + rewrite.replacement
        components.percentEncodedPath = path.isEmpty ? "/" : path
        components.percentEncodedQuery = nil
        components.fragment = nil
        return components.url
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters, so `#`, `&`, `=`, `+`
    /// and spaces in an IRI cannot change the meaning of the query string.
    static func percentEncodedQueryValue(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
