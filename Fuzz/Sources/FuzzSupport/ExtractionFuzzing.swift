import Extraction
import Foundation
import GraphAssembly
import GraphIO
import RDFModel
import TextAnnotation
import TextDecoding

/// One fuzz input for extraction: the bytes of one text file through what `kg extract` does with it.
///
/// Decoded as `kg extract` decodes (TextDecoding: any bytes give text RDF can carry), run through the
/// pipeline of the repository's `Ontology/`, merged, built into the domain graph, the dataset, the
/// provenance graph and the VoID description, and each written in the syntaxes kg extract writes it in.
/// An error from the pipeline is allowed (kg skips such a document with a message); a writer
/// failing on extracted text is not (issue 14: no writer ever fails on extracted text), and every
/// file written must read back with kg's own reader. Unlike `kg extract`, documents that look like
/// binary data are extracted too: the library must cope with any decoded text.
public enum ExtractionFuzzing {
    /// `Ontology/`, loaded once: from `KG_FUZZ_ONTOLOGY`, else the repository's, found from this file.
    static let setup: ExtractionSetup = {
        let environment = ProcessInfo.processInfo.environment["KG_FUZZ_ONTOLOGY"]
        let directory = environment.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Fuzz/Sources/FuzzSupport
                .appendingPathComponent("../../../Ontology", isDirectory: true).standardizedFileURL
        do {
            return try ExtractionSetup.load(from: directory)
        } catch {
            // Not a finding: the fuzzer cannot run. Say so loudly (Scripts/fuzz.sh checks for this).
            FileHandle.standardError.write(Data("fuzz-extract: cannot load the ontology folder \(directory.path): \(error)\n".utf8))
            exit(3)
        }
    }()

    /// Loads the ontology before the first input, so its time does not count against an input.
    public static func initialize() {
        _ = setup.pipeline
    }

    static func shown(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(4000), as: UTF8.self)
    }

    public static func run(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let decoded = TextDecoder.decode(bytes)
        let document = Document(identifier: "fuzz/document.txt", text: decoded.text)
        var annotated: AnnotatedDocument
        do {
            annotated = try setup.pipeline.run(document, in: setup.context)
        } catch {
            return 0  // kg extract reports the document as skipped: fine
        }
        annotated.releaseTokens()
        let ontology = setup.context.ontology
        let corpus = CorpusMerger.merge([annotated], ontology: ontology)
        let graph = GraphBuilder.graph(corpus, ontology: ontology)
        let published = DatasetBuilder.build(corpus, ontology: ontology)
        let void = VoIDDescription.graph(for: graph, documentCount: corpus.identifiers.count,
                                         formats: RDFFormat.allCases.map(\.fileExtension), ontologyNamespace: ontology.namespace)
        // The files kg extract writes: graph.ttl/.rdf/.nt, graph.trig/.nq (the dataset), provenance.ttl/.rdf
        // and void.ttl; every writer takes part.
        let outputs: [(name: String, data: RDFData, count: Int, formats: [RDFFormat])] = [
            ("graph", .graph(graph), graph.count, [.turtle, .rdfxml, .ntriples]),
            ("dataset", .dataset(published.dataset), published.dataset.count, [.trig, .nquads]),
            ("provenance", .graph(published.provenance), published.provenance.count, [.turtle, .rdfxml]),
            ("void", .graph(void), void.count, [.turtle]),
        ]
        // The domain graph on its own is what --format nt writes, after the text is released.
        var withoutText = annotated
        withoutText.releaseText()
        let textless = GraphBuilder.graph(CorpusMerger.merge([withoutText], ontology: ontology), ontology: ontology)
        if textless != graph {
            fatalError("the domain graph depends on the document's text (\(graph.count) triples with it, \(textless.count) without): --format nt would differ")
        }
        for output in outputs {
            for format in output.formats {
                let bytes: [UInt8]
                do {
                    bytes = try GraphWriter.serialize(output.data, as: format)
                } catch {
                    fatalError("the \(format) writer failed on the extracted \(output.name): \(error)")
                }
                var again = Dataset()
                do {
                    try GraphReader.read(bytes: bytes, name: "\(output.name).\(format.fileExtension)", format: format) { again.insert($0) }
                } catch {
                    fatalError("the extracted \(output.name) written as \(format) does not read back: \(error)\n--- output ---\n\(shown(bytes))\n---")
                }
                if again.count != output.count {
                    fatalError("the extracted \(output.name) (\(output.count) statements) written as \(format) reads back as \(again.count)\n--- output ---\n\(shown(bytes))\n---")
                }
            }
        }
        return 0
    }
}
