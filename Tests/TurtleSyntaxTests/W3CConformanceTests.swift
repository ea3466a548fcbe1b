import Foundation
import RDFModel
import Testing
import TestSupport
import TurtleSyntax

/// Runs one manifest entry; nil when it passes, otherwise why it failed.
enum W3CRunner {
    static func run(_ test: W3CCase) -> String? {
        do {
            let bytes = try [UInt8](Data(contentsOf: test.actionPath))
            let outcome: Result<[Quad], any Error>
            switch test.suite {
            case "rdf-n-triples", "rdf-n-quads":
                outcome = Result {
                    try NTriplesParser(quads: test.suite == "rdf-n-quads", fileName: test.name)
                        .parse(String(decoding: bytes, as: UTF8.self))
                }
            default:
                let parser = TurtleParser(dialect: test.suite == "rdf-trig" ? .trig : .turtle,
                                          baseIRI: test.actionIRI, fileName: test.name)
                outcome = Result { try parseInSmallChunks(parser, bytes) }
                if case let .success(quads) = outcome {
                    var whole: [Quad] = []
                    try parser.parse(bytes: bytes) { whole.append($0) }
                    if Set(whole) != Set(quads) { return "chunked and whole-buffer parses differ" }
                }
            }
            switch (test.kind, outcome) {
            case (.negativeSyntax, .success), (.negativeEval, .success):
                return "parsed, but the test expects a syntax error"
            case (.negativeSyntax, .failure(let error)), (.negativeEval, .failure(let error)):
                return error is RDFSyntaxError ? nil : "failed with a non-syntax error: \(error)"
            case (_, .failure(let error)):
                return "unexpected error: \(error)"
            case (.positiveSyntax, .success):
                return nil
            case (.eval, .success(let quads)):
                guard test.resultPath != nil else { return "eval test without mf:result" }
                let expected = try test.expectedQuads()
                if Isomorphism.areIsomorphic(quads, expected) { return nil }
                return "not isomorphic to the expected result.\ngot:\n"
                    + NTriplesFormatter.document(Dataset(quads)) + "expected:\n" + NTriplesFormatter.document(Dataset(expected))
            }
        } catch {
            return "could not run: \(error)"
        }
    }

    /// Feeds the parser 7 bytes at a time, so tokens straddle chunk boundaries.
    static func parseInSmallChunks(_ parser: TurtleParser, _ bytes: [UInt8]) throws -> [Quad] {
        var offset = 0
        var quads: [Quad] = []
        try parser.parse(chunks: {
            guard offset < bytes.count else { return nil }
            let end = min(offset + 7, bytes.count)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }, sink: { quads.append($0) })
        return quads
    }
}

@Suite struct W3CConformanceTests {
    @Test(arguments: W3CSuites.cases("rdf-turtle"))
    func turtle(_ test: W3CCase) {
        let failure = W3CRunner.run(test)
        #expect(failure == nil, "\(failure ?? "")")
    }

    @Test(arguments: W3CSuites.cases("rdf-trig"))
    func trig(_ test: W3CCase) {
        let failure = W3CRunner.run(test)
        #expect(failure == nil, "\(failure ?? "")")
    }

    @Test(arguments: W3CSuites.cases("rdf-n-triples"))
    func nTriples(_ test: W3CCase) {
        let failure = W3CRunner.run(test)
        #expect(failure == nil, "\(failure ?? "")")
    }

    @Test(arguments: W3CSuites.cases("rdf-n-quads"))
    func nQuads(_ test: W3CCase) {
        let failure = W3CRunner.run(test)
        #expect(failure == nil, "\(failure ?? "")")
    }

    @Test(arguments: [("rdf-turtle", 313), ("rdf-trig", 356), ("rdf-n-triples", 70), ("rdf-n-quads", 87)])
    func summary(_ suite: String, _ expectedCount: Int) {
        let cases = W3CSuites.cases(suite)
        let passed = cases.filter { W3CRunner.run($0) == nil }.count
        print("W3C \(suite): \(passed)/\(cases.count) passed")
        #expect(cases.count == expectedCount)
        #expect(passed == cases.count)
    }
}
