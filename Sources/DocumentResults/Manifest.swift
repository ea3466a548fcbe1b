import RDFModel

/// `manifest.tsv` of an output folder: each document, the SHA-256 of its bytes, the named graph
/// that holds its facts and a key of that graph's statements, sorted by document. `kg load --sync`
/// compares two manifests to send only the named graphs that changed: by the statements' key,
/// because a document whose bytes did not change can still get other statements (another
/// document changed the label an entity's IRI is minted from, or kg itself changed).
public enum Manifest {
    public static let fileName = "manifest.tsv"
    static let header = "document\tsha256\tgraph\tstatements"

    /// The lines before the documents' (a comment and the column names).
    public static let heading = "# kg manifest: each document (its path under the input folder), the SHA-256 of its bytes, its named graph, a key of the graph's statements\n"
        + header + "\n"

    /// One document's line (with its newline); a manifest is `heading` and the lines sorted by document.
    public static func line(_ entry: Entry) -> String {
        [DocumentResultCodec.escape(entry.document), entry.sha256, entry.graph.value, entry.statements].joined(separator: "\t") + "\n"
    }

    /// One document of a manifest.
    public struct Entry: Hashable, Sendable {
        public let document: String
        public let sha256: String
        public let graph: IRI
        /// A key of the named graph's statements (empty when the run wrote no dataset).
        public let statements: String

        public init(document: String, sha256: String, graph: IRI, statements: String) {
            self.document = document
            self.sha256 = sha256
            self.graph = graph
            self.statements = statements
        }
    }

    /// The manifest of `documents`; identifiers are escaped as in result files (`\t`, `\n`, …).
    /// `statements` maps a document to the key of its named graph's statements.
    public static func text(_ documents: [String], contentHashes: [String: String], statements: [String: String] = [:], graph: (String) -> IRI) -> String {
        var out = heading
        for document in documents.sorted() {
            out += line(Entry(document: document, sha256: contentHashes[document] ?? "", graph: graph(document), statements: statements[document] ?? ""))
        }
        return out
    }

    /// What changed from `old` (what a store holds) to `new`: the named graphs to replace (new, or
    /// with other statements, or of unknown statements) and those to delete (no longer listed).
    public static func changes(from old: [Entry], to new: [Entry]) -> (replace: [Entry], delete: [Entry], unchanged: [Entry]) {
        let before = Dictionary(old.map { ($0.graph, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(new.map(\.graph))
        var replace: [Entry] = [], unchanged: [Entry] = []
        for entry in new {
            if let earlier = before[entry.graph], !entry.statements.isEmpty, earlier.statements == entry.statements {
                unchanged.append(entry)
            } else {
                replace.append(entry)
            }
        }
        return (replace, old.filter { !after.contains($0.graph) }, unchanged)
    }

    /// Reads a manifest written by `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(DocumentResultError) -> [Entry] {
        var entries: [Entry] = []
        var sawHeader = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            if !sawHeader {
                guard line == header else { throw DocumentResultError(file: file, line: index + 1, reason: "expected the header '\(header.replacingOccurrences(of: "\t", with: "<tab>"))'") }
                sawHeader = true
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let document = DocumentResultCodec.unescape(fields[0].utf8), !fields[2].isEmpty else {
                throw DocumentResultError(file: file, line: index + 1, reason: "a row is document<tab>sha256<tab>graph<tab>statements")
            }
            entries.append(Entry(document: document, sha256: String(fields[1]), graph: IRI(String(fields[2])), statements: String(fields[3])))
        }
        guard sawHeader else { throw DocumentResultError(file: file, line: 1, reason: "not a kg manifest (no header)") }
        return entries
    }
}
