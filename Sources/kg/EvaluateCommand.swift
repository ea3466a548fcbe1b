import ArgumentParser
import Evaluation
import Foundation
import GraphIO
import RDFModel

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score extracted graphs against gold annotations (precision, recall, F1).",
        discussion: """
        Reads every .json gold file of --gold (format: Tests/Gold/README.md) and the graphs given, \
        and prints entity and relation precision, recall and F1, strict (class must match) and \
        lenient (any class), then the missed and the spurious items. An output entity matches a gold \
        entity when one of its rdfs:label / skos:altLabel values equals the gold label or an alias \
        after normalising case, Unicode (NFKC), punctuation, spacing and a plural s. \
        Exit status: 0 scored; 2 unreadable gold or graph.
        """
    )

    @Option(name: .long, help: ArgumentHelp("Folder of gold .json files.", valueName: "dir"))
    var gold: String

    @Argument(help: "Graph files to score together (any supported syntax).")
    var graphs: [String]

    @Flag(name: .long, help: "Print only the score table, not the missed and spurious items.")
    var summary = false

    func validate() throws {
        if graphs.isEmpty { throw ValidationError("give at least one graph file") }
    }

    func run() throws {
        do {
            let standard = try GoldStandard.load(directory: URL(fileURLWithPath: gold))
            var graph = Graph()
            for path in graphs { graph.formUnion(try GraphReader.dataset(path: path).defaultGraph) }
            let report = Evaluator.evaluate(graph, against: standard)
            let text = report.render(title: "\(graphs.joined(separator: " ")) against \(gold)", scoresOnly: summary)
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch let error as GraphIOError {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.trouble)
        }
    }
}
