import RDFModel
import TextAnnotation

/// Everything the corpus merge and the writers need from one extracted document: its text,
/// sentences, mentions, entities and relations with their provenance, plus the keys that say
/// which input and which configuration produced it. One document's result is one file in the
/// work folder; `kg merge` and incremental runs read these instead of extracting again.
public struct DocumentResult: Sendable {
    /// The format version written in the first line; a file of another version is not read.
    public static let formatVersion = 1

    /// Hex SHA-256 of the document's bytes as read (the manifest's hash).
    public let contentHash: String
    /// Hex key of the document's bytes, identifier and extraction configuration (ontology, rules,
    /// lexicons, kg build): a result is reused only while its key is the one a run would compute.
    public let key: String
    /// The annotations, without tokens and sections (no later step reads them).
    public let document: AnnotatedDocument
    /// Warnings about the document from when it was extracted (repairs, limits), shown again on reuse.
    public let warnings: [String]

    public init(contentHash: String, key: String, document: AnnotatedDocument, warnings: [String]) {
        self.contentHash = contentHash
        self.key = key
        self.document = document
        self.warnings = warnings
    }
}

/// A result file that cannot be read, with the line where reading stopped.
public struct DocumentResultError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
