import Foundation
#if canImport(Glibc)
import Glibc
#endif
import RDFModel
import JSONLDSyntax
import RDFXMLSyntax
import TurtleSyntax

/// What a file holds: one graph, or a dataset with named graphs.
public enum RDFData: Sendable {
    case graph(Graph)
    case dataset(Dataset)
}

/// Serializes graphs and datasets deterministically, and writes files atomically.
public enum GraphWriter {
    /// The bytes of `dataset` in `format`. Graph-only syntaxes refuse datasets with named graphs.
    public static func serialize(_ dataset: Dataset, as format: RDFFormat, prefixes: PrefixMap = .standard) throws(GraphIOError) -> [UInt8] {
        if !format.holdsDatasets, dataset.quads.contains(where: { $0.graph != nil }) {
            throw .cannotWrite(format: format, reason: "the data has named graphs, which \(format) cannot hold; use trig or nq")
        }
        switch format {
        // Without named graphs (checked above for N-Triples) the N-Quads lines are the N-Triples lines.
        case .ntriples, .nquads: return NTriplesFormatter.documentBytes(dataset.quads)
        case .turtle: return Array(TurtleWriter.write(dataset.defaultGraph, prefixes: prefixes).utf8)
        case .trig: return Array(TriGWriter.write(dataset, prefixes: prefixes).utf8)
        case .jsonld: return Array(JSONLDWriter.write(dataset, prefixes: prefixes).utf8)
        case .rdfxml:
            do {
                return try RDFXMLWriter.write(dataset.defaultGraph, prefixes: prefixes)
            } catch {
                throw .cannotWrite(format: format, reason: error.message)
            }
        }
    }

    /// The bytes of one graph in `format`, written from the graph itself (no copy as a dataset).
    public static func serialize(_ graph: Graph, as format: RDFFormat, prefixes: PrefixMap = .standard) throws(GraphIOError) -> [UInt8] {
        switch format {
        case .ntriples, .nquads: return NTriplesFormatter.documentBytes(graph.triples.lazy.map { Quad($0) })
        case .turtle: return Array(TurtleWriter.write(graph, prefixes: prefixes).utf8)
        case .trig: return try serialize(Dataset(defaultGraph: graph), as: format, prefixes: prefixes)
        case .jsonld: return Array(JSONLDWriter.write(graph, prefixes: prefixes).utf8)
        case .rdfxml:
            do {
                return try RDFXMLWriter.write(graph, prefixes: prefixes)
            } catch {
                throw .cannotWrite(format: format, reason: error.message)
            }
        }
    }

    /// The bytes of an interned dataset in `format`: N-Triples, N-Quads, Turtle and TriG are written
    /// from the term ids; the same data gives the same bytes as the `Dataset` writer.
    public static func serialize(_ dataset: InternedDataset, as format: RDFFormat, prefixes: PrefixMap = .standard) throws(GraphIOError) -> [UInt8] {
        try checkGraphs(dataset, fit: format)
        switch format {
        case .ntriples, .nquads: return dataset.nquadsBytes()
        case .turtle: return InternedTurtleWriter.turtle(dataset, prefixes: prefixes)
        case .trig: return InternedTurtleWriter.trig(dataset, prefixes: prefixes)
        case .rdfxml:
            do {
                return try InternedRDFXMLWriter.write(dataset, prefixes: prefixes)
            } catch {
                throw .cannotWrite(format: format, reason: error.message)
            }
        case .jsonld: return try serialize(dataset.dataset(), as: format, prefixes: prefixes)
        }
    }

    /// The bytes of a graph or a dataset in `format`.
    public static func serialize(_ data: RDFData, as format: RDFFormat, prefixes: PrefixMap = .standard) throws(GraphIOError) -> [UInt8] {
        switch data {
        case let .graph(graph): try serialize(graph, as: format, prefixes: prefixes)
        case let .dataset(dataset): try serialize(dataset, as: format, prefixes: prefixes)
        }
    }

    /// Refuses datasets with named graphs for the graph-only syntaxes.
    private static func checkGraphs(_ dataset: InternedDataset, fit format: RDFFormat) throws(GraphIOError) {
        if !format.holdsDatasets, dataset.hasNamedGraphs {
            throw .cannotWrite(format: format, reason: "the data has named graphs, which \(format) cannot hold; use trig or nq")
        }
    }

    /// Writes an interned dataset in `format` to `url` atomically (see ``writeAtomically(_:to:)``).
    /// N-Triples, N-Quads, Turtle and TriG go to the file in pieces as they are formatted, so the
    /// document is never whole in memory; the bytes are those of
    /// ``serialize(_:as:prefixes:)-(InternedDataset,_,_)``.
    public static func write(_ dataset: InternedDataset, as format: RDFFormat, to url: URL, prefixes: PrefixMap = .standard) throws(GraphIOError) {
        try checkGraphs(dataset, fit: format)
        switch format {
        case .ntriples, .nquads:
            try writeAtomically(to: url) { descriptor in
                var failure: Error?
                dataset.nquads { chunk in
                    guard failure == nil else { return }
                    do { try writeAll(UnsafeRawBufferPointer(chunk), to: descriptor) } catch { failure = error }
                }
                if let failure { throw failure }
            }
        case .turtle, .trig:
            try writeAtomically(to: url) { descriptor in
                try InternedTurtleWriter.write(dataset, prefixes: prefixes, trig: format == .trig) { chunk in
                    try writeAll(UnsafeRawBufferPointer(chunk), to: descriptor)
                }
            }
        case .rdfxml, .jsonld:
            try writeAtomically(try serialize(dataset, as: format, prefixes: prefixes), to: url)
        }
    }

    /// Writes `bytes` to a temporary file beside `url`, then renames it into place, so readers
    /// never see a half-written file.
    public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws(GraphIOError) {
        // Straight from the array: `Data(bytes)` would copy a large document once more.
        try writeAtomically(to: url) { descriptor in try bytes.withUnsafeBytes { try writeAll($0, to: descriptor) } }
    }

    /// Creates a temporary file beside `url`, lets `fill` write to its descriptor, then renames
    /// it into place; on any failure the temporary file is removed.
    private static func writeAtomically(to url: URL, _ fill: (Int32) throws -> Void) throws(GraphIOError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw Self.failure(errno) }
            do {
                try fill(descriptor)
            } catch {
                close(descriptor)
                throw error
            }
            if close(descriptor) != 0 { throw Self.failure(errno) }
            // rename(2) replaces the target in one step on the same file system.
            guard rename(temporary.path, url.path) == 0 else { throw Self.failure(errno) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes all of `buffer`, retrying after interruptions and short writes.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            offset += written
        }
    }

    private static func failure(_ code: Int32) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
    }
}

/// write(2), named apart from `GraphWriter.write`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
