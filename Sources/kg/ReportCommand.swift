import ArgumentParser
import Evaluation
import Foundation
import GraphIO
import RDFModel
import Report

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page about an extract output: highlighted texts, relations, entities, a graph picture.",
        discussion: """
        Reads only the files of OUT_DIR that kg extract wrote: the domain graph (graph.nt, .ttl, .rdf, \
        or the default graph of graph.nq / .trig) and the provenance (provenance.ttl, .rdf, or the named \
        graphs of graph.nq / .trig). The page shows each document's text with its mentions highlighted by \
        class (hover: entity, IRI, stage, rule, confidence), every relation with its evidence sentence, \
        the entity table and an SVG picture of the graph. With --gold, the strict verdicts of kg evaluate \
        mark false positives and the places where missed gold entities are named. No script, no \
        network references; the same OUT_DIR gives the same bytes. \
        Exit status: 0 written; 2 unreadable folder, graph or gold, or unwritable output.
        """
    )

    @Argument(help: ArgumentHelp("The folder kg extract wrote.", valueName: "out-dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("Folder of gold .json files (as for kg evaluate) to mark misses and false positives.", valueName: "dir"))
    var gold: String?

    @Option(name: .long, help: ArgumentHelp("The HTML file to write (- for standard output).", valueName: "file"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("The page's title.", valueName: "text"))
    var title = "kg report"

    /// The domain graph, in order of preference: N-Triples reads fastest; a dataset holds the same graph spread over its graphs.
    static let domainFiles = ["graph.nt", "graph.ttl", "graph.rdf", "graph.nq", "graph.trig"]
    /// The provenance: the graph kg writes for it, else the per-document named graphs of the dataset.
    static let provenanceFiles = ["provenance.ttl", "provenance.rdf", "graph.nq", "graph.trig"]

    func run() throws {
        do {
            let folder = URL(fileURLWithPath: directory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ReportFailure("\(directory): not a folder (give the --out folder of kg extract)")
            }
            guard let domainPath = Self.firstExisting(Self.domainFiles, in: folder) else {
                throw ReportFailure("\(directory): no graph file (\(Self.domainFiles.joined(separator: ", "))): is this a kg extract output folder?")
            }
            let domainData = try GraphReader.dataset(path: domainPath)
            var domain = domainData.defaultGraph
            // A dataset keeps the entity descriptions in its default graph and each document's
            // facts (relations among them) in the document's named graph: the domain graph is the
            // union (the provenance statements in it are not about entities, so they stay out of
            // the entities and relations).
            if RDFFormat(fileName: domainPath)?.holdsDatasets ?? false {
                for name in domainData.graphNames where name != nil { domain.formUnion(domainData.graph(named: name)) }
            }
            var provenance: Graph?
            if let provenancePath = Self.firstExisting(Self.provenanceFiles, in: folder) {
                let data = provenancePath == domainPath ? domainData : try GraphReader.dataset(path: provenancePath)
                var union = Graph()
                if RDFFormat(fileName: provenancePath)?.holdsDatasets ?? false {
                    for name in data.graphNames where name != nil { union.formUnion(data.graph(named: name)) }
                } else {
                    union = data.defaultGraph
                }
                provenance = union
            } else {
                Diagnostics.warning("\(directory): no provenance (provenance.ttl/.rdf, graph.nq/.trig): the report has no texts or evidence")
            }
            let model = ReportModel.build(domain: domain, provenance: provenance)
            let comparison = try gold.map { path throws(GoldStandard.Failure) in
                GoldComparison.compare(domain: domain, gold: try GoldStandard.load(directory: URL(fileURLWithPath: path)), model: model)
            }
            let html = ReportRenderer.html(model, gold: comparison, title: title)
            if out == "-" {
                FileHandle.standardOutput.write(Data(html.utf8))
            } else {
                try GraphWriter.writeAtomically(Array(html.utf8), to: URL(fileURLWithPath: out))
            }
        } catch let error as GraphIOError {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        } catch let error as GoldStandard.Failure {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        } catch let error as ReportFailure {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        }
    }

    static func firstExisting(_ names: [String], in folder: URL) -> String? {
        names.map { folder.appendingPathComponent($0).path }.first { FileManager.default.isReadableFile(atPath: $0) }
    }
}

/// A report that cannot be made (a missing folder or graph), said in one line.
struct ReportFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
