import Foundation
import Testing
import TestSupport

/// `kg validate` end to end: the extractor's own output conforms to the ontology's shapes, a
/// broken graph gives status 1 and a report that reads back, and trouble gives status 2.
@Suite struct ValidateCLITests {
    @Test func extractedOutputConformsToTheOntologyShapes() throws {
        let folder = try ExternalTool.temporaryDirectory("kg-validate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let extract = try ExternalTool.kg(["extract", "seeds", "--out", out.path, "--quiet"])
        try #require(extract.status == 0, "\(extract.error)")
        let files = ["graph.ttl", "provenance.ttl", "graph.trig"].map { out.appendingPathComponent($0).path }
        let run = try ExternalTool.kg(["validate"] + files)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("conforms"))
        #expect(run.output.contains("sh:conforms true"))
    }

    @Test func aBrokenGraphFailsWithAReportThatReadsBack() throws {
        let folder = try ExternalTool.temporaryDirectory("kg-validate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = ExternalTool.packageRoot.appendingPathComponent("Tests/ShapeValidationTests/Fixtures/kg/24-several-faults.ttl").path
        let report = folder.appendingPathComponent("report.ttl")
        let run = try ExternalTool.kg(["validate", broken, "--report", report.path])
        #expect(run.status == 1)
        #expect(run.error.contains("does not conform: 4 results"), "\(run.error)")
        #expect(run.error.contains("sh:LessThanConstraintComponent"))
        let back = try ExternalTool.kg(["convert", report.path, "--to", "nt"])
        #expect(back.status == 0, "\(back.error)")
        #expect(back.output.split(separator: "\n").filter { $0.contains("shacl#result>") }.count == 4)
    }

    @Test func troubleIsStatusTwoWithTheFileNamed() throws {
        let folder = try ExternalTool.temporaryDirectory("kg-validate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try ExternalTool.kg(["validate", folder.appendingPathComponent("nope.ttl").path])
        #expect(missing.status == 2)
        #expect(missing.error.contains("nope.ttl"))

        let shapes = folder.appendingPathComponent("shapes.ttl")
        try #"@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:s> sh:targetClass <urn:c> ; sh:sparql [ ] ."#.write(to: shapes, atomically: true, encoding: .utf8)
        let unsupported = try ExternalTool.kg(["validate", "Output/graph.ttl", "--shapes", shapes.path])
        #expect(unsupported.status == 2)
        #expect(unsupported.error.contains("sh:sparql is not supported"), "\(unsupported.error)")

        let bad = folder.appendingPathComponent("bad.ttl")
        try "<urn:a> <urn:b> .".write(to: bad, atomically: true, encoding: .utf8)
        let syntax = try ExternalTool.kg(["validate", bad.path])
        #expect(syntax.status == 2)
        #expect(syntax.error.contains("bad.ttl:1:"), "\(syntax.error)")
    }
}
