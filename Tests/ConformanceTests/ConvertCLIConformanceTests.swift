import Foundation
import GraphIO
import RDFModel
import Testing
import TestSupport

/// `kg convert INPUT --base B --to nt|nq` on every W3C test of the five syntax suites: eval inputs
/// give a graph isomorphic to the expected result, positive syntax tests convert, negative ones
/// fail with status 2 and a file:line:column position.
@Suite struct ConvertCLIConformanceTests {
    static let suites = ["rdf-turtle", "rdf-trig", "rdf-n-triples", "rdf-n-quads", "rdf-xml"]
    static let cases = suites.flatMap(W3CSuites.cases)

    @Test func everyTestIsListed() {
        #expect(Self.cases.count == 313 + 356 + 70 + 87 + 166)
    }

    @Test(arguments: cases)
    func convert(_ test: W3CCase) throws {
        let isDataset = test.suite == "rdf-trig" || test.suite == "rdf-n-quads"
        let result = try ExternalTool.run(ExternalTool.kg, ["convert", test.actionPath.path, "--base", test.actionIRI, "--to", isDataset ? "nq" : "nt"])
        switch test.kind {
        case .negativeSyntax, .negativeEval:
            #expect(result.status == 2, "accepted a negative test")
            #expect(result.error.range(of: #":\d+:\d+: "#, options: .regularExpression) != nil, "no file:line:column in: \(result.error)")
        case .positiveSyntax:
            #expect(result.status == 0, "\(result.error)")
        case .eval:
            #expect(result.status == 0, "\(result.error)")
            let produced = try NTriplesParser(quads: true).parse(result.output)
            let expected = try GraphReader.dataset(path: try #require(test.resultPath).path, format: isDataset ? .nquads : .ntriples)
            #expect(Isomorphism.areIsomorphic(Dataset(produced), expected))
        }
    }
}
