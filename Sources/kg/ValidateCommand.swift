import ArgumentParser
import Foundation
import GraphIO
import RDFModel
import ShapeValidation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check graphs against SHACL shapes (by default the ontology's shapes.ttl).",
        discussion: """
        Reads every DATA file (ttl, nt, nq, trig, rdf; the statements of all files and all their \
        named graphs are validated together as one graph) and the shapes, validates with SHACL Core \
        (targets; sh:class, sh:datatype, sh:nodeKind, sh:minCount, sh:maxCount, sh:in, sh:pattern, \
        sh:languageIn, sh:min/maxInclusive, sh:min/maxExclusive, sh:min/maxLength, sh:uniqueLang, \
        sh:hasValue, sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals, sh:node, sh:not, \
        sh:and, sh:or, sh:xone, sh:closed; predicate, inverse, sequence, alternative and \
        zero/one-or-more paths), writes the sh:ValidationReport as Turtle to standard output or \
        --report FILE, and a readable summary to standard error. \
        Exit status: 0 the data conforms; 1 it does not; 2 unreadable input, syntax error or \
        shapes kg cannot use (qualified value shapes and SPARQL constraints are refused, not ignored).
        """
    )

    @Argument(help: "The graph files to validate.")
    var data: [String]

    @Option(name: .long, help: "The shapes graph (default: shapes.ttl in the ontology folder).")
    var shapes: String?

    @Option(name: .long, help: "The ontology folder whose shapes.ttl is the default (default: as for kg extract).")
    var ontology: String?

    @Option(name: .long, help: "Write the validation report (Turtle) to this file instead of standard output; - for standard output.")
    var report: String?

    @Option(name: .long, help: "How many results the summary lists.")
    var listed: Int = 20

    @Flag(name: .long, help: "No summary on standard error.")
    var quiet = false

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("name at least one graph file to validate") }
        guard listed >= 0 else { throw ValidationError("--listed must be 0 or more") }
    }

    func run() throws {
        let shapesPath = try shapesFile()
        let shapesGraph: ShapesGraph
        var dataGraph = Graph()
        do {
            var graph = Graph()
            // Distinct blank-node prefixes keep the shapes' and each file's blank nodes apart.
            try GraphReader.read(path: shapesPath, blankNodePrefix: "shapes_") { graph.insert($0.triple) }
            shapesGraph = try ShapesGraph(graph)
            for (position, path) in data.enumerated() {
                try GraphReader.read(path: path, blankNodePrefix: "d\(position + 1)_") { dataGraph.insert($0.triple) }
            }
        } catch let error as ShapesError {
            Diagnostics.error("\(shapesPath): \(error)")
            throw ExitCode(ExitStatus.trouble)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.trouble)
        }

        let outcome: ValidationReport
        do {
            outcome = try ShapeValidator(shapes: shapesGraph).validate(dataGraph)
        } catch {
            Diagnostics.error("\(shapesPath): \(error)")
            throw ExitCode(ExitStatus.trouble)
        }

        let prefixes = PrefixMap(PrefixMap.standard.entries + [("sh", "http://www.w3.org/ns/shacl#"), ("kgsh", "https://w3id.org/kg/shapes#")])
        do {
            let bytes = try GraphWriter.serialize(outcome.graph(shapes: shapesGraph), as: .turtle, prefixes: prefixes)
            if let report, report != "-" {
                try GraphWriter.writeAtomically(bytes, to: URL(fileURLWithPath: report))
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(ExitStatus.trouble)
        }

        if !quiet { printSummary(outcome, statements: dataGraph.count, shapeCount: shapesGraph.count, prefixes: prefixes) }
        if !outcome.conforms { throw ExitCode(ExitStatus.partialFailure) }
    }

    private func shapesFile() throws -> String {
        if let shapes { return shapes }
        let folder: String
        if let ontology {
            folder = ontology
        } else {
            let found = OntologyLocation.find()
            guard let located = found.folder else {
                Diagnostics.error("no ontology folder with a core.ttl found (looked in \(found.looked.joined(separator: ", "))); give --shapes FILE or --ontology DIR")
                throw ExitCode(ExitStatus.trouble)
            }
            folder = located
        }
        return URL(fileURLWithPath: folder).appendingPathComponent("shapes.ttl").path
    }

    private func printSummary(_ outcome: ValidationReport, statements: Int, shapeCount: Int, prefixes: PrefixMap) {
        let files = data.joined(separator: ", ")
        let checked = "\(statements) statements, \(outcome.checkedFocusNodes) focus nodes checked against \(shapeCount) shapes"
        if outcome.conforms {
            Diagnostics.note("\(files): conforms (\(checked))")
            return
        }
        var bySeverity: [String: Int] = [:]
        for result in outcome.results { bySeverity[compact(.iri(result.severity), prefixes), default: 0] += 1 }
        let counts = bySeverity.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        Diagnostics.note("\(files): does not conform: \(outcome.results.count) results (\(counts)) (\(checked))")
        for result in outcome.results.prefix(listed) {
            var line = "  \(compact(result.focusNode, prefixes))"
            if let path = result.resultPath { line += " \(compact(path, prefixes))" }
            // A node shape's value is its focus node: naming it twice says nothing.
            if let value = result.value, value != result.focusNode { line += " \(compact(value, prefixes))" }
            let message = result.messages.map(\.lexicalForm).joined(separator: "; ")
            line += ": \(message) [\(compact(.iri(result.sourceConstraintComponent), prefixes)), \(compact(result.sourceShape, prefixes))]"
            Diagnostics.note(line)
        }
        if outcome.results.count > listed {
            Diagnostics.note("  … and \(outcome.results.count - listed) more (all are in the report)")
        }
    }

    /// A term as a person reads it: prefixed names where the prefix table has one.
    private func compact(_ term: Term, _ prefixes: PrefixMap) -> String {
        func prefixed(_ iri: IRI) -> String? {
            guard let (prefix, local) = prefixes.split(iri), !local.isEmpty,
                  local.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
            return "\(prefix):\(local)"
        }
        switch term {
        case let .iri(iri): return prefixed(iri) ?? term.description
        case let .literal(literal) where literal.language == nil && literal.datatype != Vocabulary.XSD.string:
            guard let datatype = prefixed(literal.datatype) else { return term.description }
            return Term.literal(Literal(literal.lexicalForm)).description + "^^" + datatype
        default: return term.description
        }
    }
}
