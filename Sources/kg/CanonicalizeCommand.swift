import ArgumentParser
import Foundation
import GraphDiff
import GraphIO

struct CanonicalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonicalize",
        abstract: "Print a graph or dataset as canonical N-Quads (RDFC-1.0), sorted.",
        discussion: """
        Blank nodes get the canonical labels of the W3C RDF Dataset Canonicalization (RDFC-1.0), so \
        two files hold the same graph exactly when their canonical forms are equal byte for byte. \
        Exit status: 0 success; 2 unreadable input, syntax error, or a graph too complex to \
        canonicalize within the work limit.
        """
    )

    @Argument(help: "The file to read (any of ttl, nt, nq, trig, rdf).")
    var input: String

    @Option(name: .long, help: "Hash function of the algorithm: sha256 or sha384.")
    var hash: String = "sha256"

    @Option(name: .long, help: "Input syntax when the file name does not tell: ttl, nt, nq, trig, rdf.")
    var from: String?

    @Option(name: .long, help: "Base IRI for relative IRIs in the input.")
    var base: String?

    func run() throws {
        guard let algorithm = HashAlgorithm(rawValue: hash.lowercased()) else {
            throw ValidationError("unknown --hash '\(hash)'; choose sha256 or sha384")
        }
        let format = try from.map { flag in
            guard let found = RDFFormat(flag: flag) else { throw ValidationError("unknown --from '\(flag)'") }
            return found
        }
        do {
            let dataset = try GraphReader.interned(path: input, format: format, baseIRI: base)
            FileHandle.standardOutput.write(Data(try Canonicalizer(hash: algorithm).canonicalNQuads(dataset)))
        } catch let error as GraphIOError {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        } catch {
            Diagnostics.error("\(input): \(error)")
            throw ExitCode(ExitStatus.trouble)
        }
    }
}
