import ArgumentParser
import Foundation
import GraphDiff
import GraphIO
import RDFModel

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the statements one graph file adds to or removes from another.",
        discussion: """
        Compares two files of any supported syntax as graphs: blank nodes are canonicalized \
        (RDFC-1.0) and labelled by a hash of their own statements (`_:b` + 16 hex digits), so \
        order, prefixes, syntax and blank node labels do not matter, and a change to one blank \
        node does not relabel the others. Prints removed statements as \
        `- <s> <p> <o> .` and added ones as `+ …`, sorted. \
        Exit status like diff(1): 0 same graph, 1 different, 2 trouble (unreadable file, syntax \
        error with file:line:column).
        """
    )

    @Argument(help: "The old file.")
    var old: String

    @Argument(help: "The new file.")
    var new: String

    @Flag(name: .long, help: "Print counts per predicate and per class instead of the statements.")
    var stat = false

    @Option(name: .long, help: "Output form: text or json.")
    var format: String = "text"

    func run() throws {
        guard format == "text" || format == "json" else { throw ValidationError("unknown --format '\(format)'; choose text or json") }
        let difference: GraphDifference
        do {
            // Both files into one term table, so statements compare as integers; only the
            // statements with blank nodes go through RDFC-1.0 as values.
            var both = try GraphReader.interned(path: old)
            let oldCount = both.statements.count
            try GraphReader.interned(path: new, into: &both)
            difference = try GraphDifference(both, oldCount: oldCount)
        } catch let error as GraphIOError {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.trouble)
        }
        let text: String
        if format == "json" {
            text = DiffRendering.json(difference)
        } else {
            text = stat ? DiffRendering.stat(difference) : DiffRendering.unified(difference)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if !difference.isEmpty { throw ExitCode(1) }
    }
}
