import ArgumentParser
import Foundation
import GraphIO
import RDFModel

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert RDF between Turtle, N-Triples, N-Quads, TriG and RDF/XML.",
        discussion: """
        Formats come from the file extensions (.ttl .nt .nq .trig .rdf) or from --from/--to \
        (ttl, nt, nq, trig, rdf). With no OUTPUT, or with -, the result goes to standard output \
        (N-Triples unless --to says otherwise). Output is deterministic: sorted, fixed prefixes. \
        Exit status: 0 success; 2 unreadable input, syntax error (file:line:column) or unwritable output.
        """
    )

    @Argument(help: "The file to read (- for standard input, which needs --from).")
    var input: String

    @Argument(help: "The file to write (- or nothing for standard output).")
    var output: String?

    @Option(name: .long, help: "Input syntax: ttl, nt, nq, trig, rdf.")
    var from: String?

    @Option(name: .long, help: "Output syntax: ttl, nt, nq, trig, rdf.")
    var to: String?

    @Option(name: .long, help: "Base IRI for relative IRIs in the input (default: the file's URL).")
    var base: String?

    func run() throws {
        let inputFormat = try format(from, fallbackFile: input, role: "input")
        let toStandardOutput = output == nil || output == "-"
        let outputFormat = try to.map { try format($0, fallbackFile: nil, role: "output") }
            ?? (toStandardOutput ? (inputFormat.holdsDatasets ? .nquads : .ntriples) : try format(nil, fallbackFile: output, role: "output"))
        do {
            // Interned terms and integer statements: the conversion never hashes or sorts strings.
            let dataset = try GraphReader.interned(path: input, format: inputFormat, baseIRI: base)
            if toStandardOutput {
                FileHandle.standardOutput.write(Data(try GraphWriter.serialize(dataset, as: outputFormat)))
            } else if let output {
                try GraphWriter.write(dataset, as: outputFormat, to: URL(fileURLWithPath: output))
            }
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        }
    }

    func format(_ flag: String?, fallbackFile: String?, role: String) throws -> RDFFormat {
        if let flag {
            guard let found = RDFFormat(flag: flag) else { throw ValidationError("unknown \(role) format '\(flag)'; choose from ttl, nt, nq, trig, rdf, jsonld (written only)") }
            return found
        }
        guard let fallbackFile, let found = RDFFormat(fileName: fallbackFile) else {
            throw ValidationError("cannot tell the \(role) syntax from '\(fallbackFile ?? "-")'; give --\(role == "input" ? "from" : "to")")
        }
        return found
    }
}
