import Foundation
import Testing
import RDFModel
import RDFXMLSyntax
import TestSupport

@Suite struct W3CRDFXMLConformanceTests {
    static let cases = W3CSuites.cases("rdf-xml")

    @Test func manifestListsEveryTest() {
        let entries = Self.cases
        let eval = entries.filter { $0.kind == .eval }.count
        #expect(entries.count == 166)
        #expect(eval == 126)
        #expect(entries.count - eval == 40)
        #expect(entries.filter { $0.kind == .negativeSyntax }.count == 40)
    }

    @Test(arguments: cases)
    func conformance(_ entry: W3CCase) throws {
        #expect(Self.passes(entry), "\(entry.id): \(Self.failure(entry) ?? "")")
    }

    /// Runs the whole suite once more to print the score the brief asks for.
    @Test func summary() {
        let entries = Self.cases
        let passed = entries.filter(Self.passes).count
        print("W3C rdf-xml: \(passed)/\(entries.count) passed")
        #expect(passed == entries.count)
    }

    static func passes(_ entry: W3CCase) -> Bool { failure(entry) == nil }

    /// Parses a test input with the base the suite assumes (its retrieval IRI).
    static func read(_ entry: W3CCase) throws -> Graph {
        var graph = Graph()
        let bytes = [UInt8](try Data(contentsOf: entry.actionPath))
        try RDFXMLParser(baseIRI: entry.actionIRI, fileName: entry.actionFileName).parse(bytes: bytes) { graph.insert($0) }
        return graph
    }

    /// Why a test fails, or nil when it passes.
    static func failure(_ entry: W3CCase) -> String? {
        switch entry.kind {
        case .eval:
            guard entry.resultPath != nil else { return "no mf:result" }
            do {
                let actual = try read(entry)
                let expected = try entry.expectedGraph()
                if Isomorphism.areIsomorphic(actual, expected) { return nil }
                return "graphs differ\n--- actual\n\(NTriplesFormatter.document(actual))--- expected\n\(NTriplesFormatter.document(expected))"
            } catch {
                return "error: \(error)"
            }
        case .negativeSyntax:
            do {
                let graph = try read(entry)
                return "parsed without error:\n\(NTriplesFormatter.document(graph))"
            } catch is RDFSyntaxError {
                return nil
            } catch {
                return "unexpected error type: \(error)"
            }
        case .positiveSyntax, .negativeEval:
            return "unknown test type \(entry.type)"
        }
    }
}
