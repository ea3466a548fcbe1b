import Foundation
import Testing
import Extraction
@testable import GraphAssembly
@testable import GraphIO
import OntologyModel
import RDFModel
import TextAnnotation

/// The dataset and provenance files written one document at a time (`DatasetStream`) are the
/// bytes the whole-dataset writers give for the same data, so streaming changes nothing a reader
/// or a diff can see.
@Suite struct DatasetStreamTests {
    let texts = [
        ("b/second.txt", "The Karolinska Biomedicum Institute, led by Professor Anna Lindqvist, moved to Shanghai, China."),
        ("a/first é.txt", "Professor Anna Lindqvist visited Shanghai. The Karolinska Biomedicum Institute is funded by the Swedish Research Council."),
        // Identifier order and IRI order differ here ("|" is percent-encoded, "." is not).
        ("a|x.txt", "Anna Lindqvist works in Shanghai."),
        ("a.txt", "Shanghai is in China."),
        ("empty.txt", "   "),
    ]

    /// Streams the corpus into `folder` and returns the files' bytes by name.
    func streamed(_ merged: MergedCorpus, ontology: Ontology, into folder: URL) throws -> [String: [UInt8]] {
        let set = try OutputSet(directory: folder, ownedNames: ["graph.trig", "graph.nq", "provenance.ttl", "provenance.rdf"])
        let formats = DatasetStream.Formats(trig: true, nquads: true, provenanceTurtle: true, provenanceRDFXML: true)
        let descriptions = GraphBuilder.descriptions(merged, ontology: ontology)
        let stream = try DatasetStream(set: set, formats: formats, prefixes: .standard, defaultGraph: descriptions)
        var shared = Graph()
        let order = merged.identifiers.indices.sorted { DocumentIRIs.document(merged.identifiers[$0]) < DocumentIRIs.document(merged.identifiers[$1]) }
        for index in order {
            let named = DatasetBuilder.namedGraph(merged, document: index, annotated: merged.documents[index], ontology: ontology)
            for triple in named.activities { shared.insert(triple) }
            try stream.append(DatasetStream.fragments(graph: DocumentIRIs.document(merged.identifiers[index]), statements: named.statements,
                                                      formats: formats, prefixes: .standard))
        }
        try stream.finish(defaultGraph: descriptions, sharedProvenance: shared)
        try set.commit()
        var files: [String: [UInt8]] = [:]
        for name in ["graph.trig", "graph.nq", "provenance.ttl", "provenance.rdf"] {
            files[name] = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        }
        return files
    }

    @Test func streamedFilesAreTheWholeDatasetWritersBytes() throws {
        let (merged, ontology) = try GraphAssemblyTests().corpus(texts)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try streamed(merged, ontology: ontology, into: folder)
        let whole = DatasetBuilder.build(merged, ontology: ontology)
        #expect(files["graph.trig"] == (try GraphWriter.serialize(whole.dataset, as: .trig)))
        #expect(files["provenance.ttl"] == (try GraphWriter.serialize(whole.provenance, as: .turtle)))
        #expect(files["provenance.rdf"] == (try GraphWriter.serialize(whole.provenance, as: .rdfxml)))

        // N-Quads: the same statements, graph by graph (the default graph first, then each named
        // graph in IRI order), each graph's lines sorted.
        let lines = String(decoding: files["graph.nq"] ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
        let expected = String(decoding: try GraphWriter.serialize(whole.dataset, as: .nquads), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.sorted() == expected.sorted())
        /// The graph of a line: its last term when that is a document (the default graph's
        /// statements never have a document as object).
        func graphName(_ line: String) -> String {
            guard let last = line.dropLast(2).split(separator: " ").last, last.hasPrefix("<" + DocumentIRIs.namespace) else { return "" }
            return String(last)
        }
        var previous: (graph: String, line: String)?
        for line in lines {
            let graph = graphName(line)
            if let previous {
                #expect(previous.graph <= graph, "graphs out of order at \(line)")
                if previous.graph == graph { #expect(Array(previous.line.utf8).lexicographicallyPrecedes(Array(line.utf8)), "lines out of order at \(line)") }
            }
            previous = (graph, line)
        }
    }

    @Test func namedGraphsMustComeInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let set = try OutputSet(directory: folder, ownedNames: ["graph.nq"])
        let formats = DatasetStream.Formats(nquads: true)
        let stream = try DatasetStream(set: set, formats: formats, prefixes: .standard, defaultGraph: Graph())
        let statement = Triple(.iri(IRI("https://example.org/s")), IRI("https://example.org/p"), .literal(Literal("o")))
        try stream.append(DatasetStream.fragments(graph: IRI("https://example.org/g2"), statements: [statement], formats: formats, prefixes: .standard))
        #expect(throws: GraphIOError.self) {
            try stream.append(DatasetStream.fragments(graph: IRI("https://example.org/g1"), statements: [statement], formats: formats, prefixes: .standard))
        }
        set.abandon()
    }
}
