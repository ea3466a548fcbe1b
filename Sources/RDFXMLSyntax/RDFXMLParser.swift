public import RDFModel

/// A streaming RDF/XML reader (RDF 1.1 XML Syntax) on libxml2's SAX2 push parser.
///
/// It never loads DTDs, resolves external entities or touches the network; documents that declare
/// entities, or refer to entities other than the predefined ones, are rejected.
public struct RDFXMLParser: Sendable {
    /// The IRI relative references resolve against (the document's retrieval IRI), unless xml:base says otherwise.
    public var baseIRI: String?
    /// The name errors report as their file.
    public var fileName: String?

    public init(baseIRI: String? = nil, fileName: String? = nil) {
        self.baseIRI = baseIRI
        self.fileName = fileName
    }

    /// Parses a whole document held in memory. Throws `RDFSyntaxError`, or whatever `sink` throws.
    public func parse(bytes: [UInt8], sink: (Triple) throws -> Void) throws {
        var delivered = false
        try parse(chunks: {
            defer { delivered = true }
            return delivered ? nil : bytes
        }, sink: sink)
    }

    /// Parses a document that arrives in chunks (for example from a `FileHandle`); `chunks` returns nil at the end.
    /// Triples reach `sink` while the document is still being read.
    public func parse(chunks: () throws -> [UInt8]?, sink: (Triple) throws -> Void) throws {
        try SAXDriver.parse(baseIRI: baseIRI, fileName: fileName, nextChunk: chunks, sink: sink)
    }

    /// Parses a document held in a string.
    public func parse(_ text: String) throws(RDFSyntaxError) -> [Triple] {
        var triples: [Triple] = []
        do {
            try parse(bytes: Array(text.utf8)) { triples.append($0) }
        } catch let error as RDFSyntaxError {
            throw error
        } catch {
            throw RDFSyntaxError("\(error)", at: SourceLocation(file: fileName, line: 1, column: 1))
        }
        return triples
    }

    /// Parses a document held in a string into a graph.
    public func parseGraph(_ text: String) throws(RDFSyntaxError) -> Graph {
        Graph(try parse(text))
    }
}
