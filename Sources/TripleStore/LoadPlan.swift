import Foundation
import GraphIO
import RDFModel

/// One upload: a file sent to one graph.
public struct LoadPart: Sendable, Hashable {
    /// The input file the triples came from.
    public let source: String
    public let target: GraphTarget
    /// The file to send: the input itself, or a temporary N-Triples file holding one graph of a dataset.
    public let file: URL
    public let mediaType: String
    /// Statements parsed for this part (duplicates included).
    public let statements: Int
}

/// Why a load plan could not be made. Nothing has been sent when this is thrown.
public enum LoadPlanError: Error, Sendable, CustomStringConvertible {
    /// The input could not be read or has a syntax error (with file:line:column).
    case input(GraphIOError)
    /// A dataset names a graph with a blank node, which the Graph Store Protocol cannot address.
    case unaddressableGraph(path: String, name: String)
    /// A temporary per-graph file could not be written.
    case temporaryFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .input(error): error.description
        case let .unaddressableGraph(path, name):
            "\(path): the graph \(name) is not named by an IRI, so the Graph Store Protocol cannot address it; name it with an IRI"
        case let .temporaryFile(path, reason): "\(path): cannot write temporary file: \(reason)"
        }
    }
}

/// Every input file parsed completely before anything is sent, split into uploads: a graph
/// file goes as it is (streamed from disk) to the `--graph` target; a dataset file (TriG,
/// N-Quads) is split into one temporary N-Triples file per graph, each going to its own graph.
public struct LoadPlan: Sendable {
    public let parts: [LoadPart]
    /// Distinct triples per target over all inputs (blank nodes kept apart per file); empty
    /// unless asked for, since it holds every triple in memory.
    public let distinctTriples: [GraphTarget: Int]

    /// Parses every input. `graph` is where triples outside named graphs go. Temporary files
    /// are written under `temporaryDirectory`, which the caller creates and removes.
    public static func prepare(inputs: [(path: String, format: RDFFormat)], graph: GraphTarget, baseIRI: String? = nil,
                               countDistinct: Bool, temporaryDirectory: URL) throws(LoadPlanError) -> LoadPlan {
        var parts: [LoadPart] = []
        var distinct: [GraphTarget: Set<Triple>] = [:]
        for (index, input) in inputs.enumerated() {
            // A per-file blank node prefix keeps `_:b` of one file apart from `_:b` of another.
            let prefix = "f\(index)x"
            if input.format.holdsDatasets {
                var splitter = DatasetSplitter(source: input.path, fileIndex: index, defaultTarget: graph, directory: temporaryDirectory)
                // The reader wraps errors thrown by the sink, so the splitter's own error is kept aside.
                var splitError: LoadPlanError?
                do throws(GraphIOError) {
                    try GraphReader.read(path: input.path, format: input.format, baseIRI: baseIRI, blankNodePrefix: prefix) { quad in
                        do throws(LoadPlanError) {
                            let target = try splitter.add(quad)
                            if countDistinct { distinct[target, default: []].insert(quad.triple) }
                        } catch {
                            splitError = error
                            throw error
                        }
                    }
                } catch {
                    throw splitError ?? .input(error)
                }
                parts += try splitter.finish()
            } else {
                var statements = 0
                do {
                    if countDistinct {
                        try GraphReader.read(path: input.path, format: input.format, baseIRI: baseIRI, blankNodePrefix: prefix) { quad in
                            statements += 1
                            distinct[graph, default: []].insert(quad.triple)
                        }
                    } else {
                        // Only checked and counted: nothing is kept, so no values are built.
                        statements = try GraphReader.validate(path: input.path, format: input.format, baseIRI: baseIRI)
                    }
                } catch {
                    throw .input(error)
                }
                parts.append(LoadPart(source: input.path, target: graph, file: URL(fileURLWithPath: input.path),
                                      mediaType: input.format.mediaType, statements: statements))
            }
        }
        return LoadPlan(parts: parts, distinctTriples: distinct.mapValues(\.count))
    }

    /// The graphs the plan writes to, default graph first, then by IRI.
    public var targets: [GraphTarget] { Set(parts.map(\.target)).sorted() }
}

/// Writes each graph of a dataset to its own N-Triples file as the statements stream by,
/// buffering in blocks so memory stays bounded by the number of graphs, not their size.
struct DatasetSplitter {
    let source: String
    let fileIndex: Int
    let defaultTarget: GraphTarget
    let directory: URL
    private var order: [GraphTarget] = []
    private var files: [GraphTarget: URL] = [:]
    private var buffers: [GraphTarget: String] = [:]
    private var statements: [GraphTarget: Int] = [:]
    private static let flushSize = 1 << 18

    init(source: String, fileIndex: Int, defaultTarget: GraphTarget, directory: URL) {
        self.source = source
        self.fileIndex = fileIndex
        self.defaultTarget = defaultTarget
        self.directory = directory
    }

    /// Files the quad under its graph; returns the target it goes to.
    mutating func add(_ quad: Quad) throws(LoadPlanError) -> GraphTarget {
        let target: GraphTarget
        switch quad.graph {
        case nil: target = defaultTarget
        case let .iri(iri)?: target = .named(iri.value)
        case let name?: throw .unaddressableGraph(path: source, name: NTriplesFormatter.format(name))
        }
        if files[target] == nil {
            let file = directory.appendingPathComponent("input\(fileIndex)-graph\(order.count).nt")
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw .temporaryFile(path: file.path, reason: "cannot create")
            }
            files[target] = file
            order.append(target)
        }
        var line = NTriplesFormatter.line(quad.triple)
        line.append("\n")
        buffers[target, default: ""].append(line)
        statements[target, default: 0] += 1
        if buffers[target, default: ""].utf8.count >= Self.flushSize { try flush(target) }
        return target
    }

    /// Flushes what is left and lists the parts in the order graphs first appeared.
    mutating func finish() throws(LoadPlanError) -> [LoadPart] {
        for target in order { try flush(target) }
        return order.compactMap { target in
            files[target].map {
                LoadPart(source: source, target: target, file: $0, mediaType: RDFFormat.ntriples.mediaType,
                         statements: statements[target, default: 0])
            }
        }
    }

    private mutating func flush(_ target: GraphTarget) throws(LoadPlanError) {
        guard let file = files[target], let text = buffers[target], !text.isEmpty else { return }
        do {
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .temporaryFile(path: file.path, reason: error.localizedDescription)
        }
        buffers[target] = ""
    }
}
