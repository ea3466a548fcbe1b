import RDFModel

/// `manifest.tsv` of an output folder: each document, the SHA-256 of its bytes and the named
/// graph that holds its facts, sorted by document. `kg load --sync` compares two manifests to
/// send only the named graphs that changed.
public enum Manifest {
    public static let fileName = "manifest.tsv"
    static let header = "document\tsha256\tgraph"

    /// One document of a manifest.
    public struct Entry: Hashable, Sendable {
        public let document: String
        public let sha256: String
        public let graph: IRI

        public init(document: String, sha256: String, graph: IRI) {
            self.document = document
            self.sha256 = sha256
            self.graph = graph
        }
    }

    /// The manifest of `documents`; identifiers are escaped as in result files (`\t`, `\n`, …).
    public static func text(_ documents: [String], contentHashes: [String: String], graph: (String) -> IRI) -> String {
        var out = "# kg manifest: each document (its path under the input folder), the SHA-256 of its bytes, its named graph\n"
        out += header + "\n"
        for document in documents.sorted() {
            out += [DocumentResultCodec.escape(document), contentHashes[document] ?? "", graph(document).value].joined(separator: "\t") + "\n"
        }
        return out
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
            guard fields.count == 3, let document = DocumentResultCodec.unescape(fields[0]), !fields[2].isEmpty else {
                throw DocumentResultError(file: file, line: index + 1, reason: "a row is document<tab>sha256<tab>graph")
            }
            entries.append(Entry(document: document, sha256: String(fields[1]), graph: IRI(String(fields[2]))))
        }
        guard sawHeader else { throw DocumentResultError(file: file, line: 1, reason: "not a kg manifest (no header)") }
        return entries
    }
}
