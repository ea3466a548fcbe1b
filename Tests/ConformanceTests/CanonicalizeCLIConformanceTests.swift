import Foundation
import Testing
import TestSupport

/// `kg canonicalize` on every RDFC-1.0 eval input prints exactly the expected canonical N-Quads,
/// and refuses the poison graph with status 2.
@Suite struct CanonicalizeCLIConformanceTests {
    static let cases = W3CSuites.cases("rdf-canon").filter { $0.type != "RDFC10MapTest" }

    @Test func everyEvalAndNegativeTestIsListed() {
        #expect(Self.cases.count == 64 + 1)
    }

    @Test(arguments: cases)
    func canonicalize(_ test: W3CCase) throws {
        let hash = test.properties["hashAlgorithm"] == "SHA384" ? "sha384" : "sha256"
        let result = try ExternalTool.kg(["canonicalize", test.actionPath.path, "--hash", hash])
        if test.kind == .negativeEval {
            #expect(result.status == 2)
            #expect(result.error.contains("limit"), "\(result.error)")
            return
        }
        #expect(result.status == 0, "\(result.error)")
        let expected = try String(contentsOf: try #require(test.resultPath), encoding: .utf8)
        #expect(result.output == expected)
    }
}

/// `kg diff` on files: exact added and removed statements for a synthetic edit, nothing for the
/// same graph in another syntax with other blank-node labels, status 2 for a missing file.
@Suite struct DiffCLITests {
    @Test func reportsExactlyTheEditAndExitsLikeDiff() throws {
        let directory = try ExternalTool.temporaryDirectory("kg-diff")
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = """
        <http://ex/a> <http://ex/name> "Alice" .
        <http://ex/a> <http://ex/address> _:x .
        _:x <http://ex/street> "Main Street 1" .
        <http://ex/b> <http://ex/name> "Bob" .

        """
        let relabelled = """
        @prefix ex: <http://ex/> .
        ex:b ex:name "Bob" .
        ex:a ex:address [ ex:street "Main Street 1" ] ; ex:name "Alice" .

        """
        let edited = old.replacingOccurrences(of: "\"Bob\"", with: "\"Robert\"") + "<http://ex/c> <http://ex/name> \"Carol\" .\n"
        try old.write(to: directory.appendingPathComponent("old.nt"), atomically: true, encoding: .utf8)
        try relabelled.write(to: directory.appendingPathComponent("same.ttl"), atomically: true, encoding: .utf8)
        try edited.write(to: directory.appendingPathComponent("new.nt"), atomically: true, encoding: .utf8)

        let same = try ExternalTool.kg(["diff", directory.appendingPathComponent("old.nt").path, directory.appendingPathComponent("same.ttl").path])
        #expect(same.status == 0, "\(same.output)\(same.error)")
        #expect(same.output.isEmpty)

        let changed = try ExternalTool.kg(["diff", directory.appendingPathComponent("old.nt").path, directory.appendingPathComponent("new.nt").path])
        #expect(changed.status == 1)
        #expect(changed.output == """
        - <http://ex/b> <http://ex/name> "Bob" .
        + <http://ex/b> <http://ex/name> "Robert" .
        + <http://ex/c> <http://ex/name> "Carol" .

        """)

        let missing = try ExternalTool.kg(["diff", directory.appendingPathComponent("nowhere.nt").path, directory.appendingPathComponent("old.nt").path])
        #expect(missing.status == 2)
        #expect(missing.error.contains("nowhere.nt: cannot read: no such file"))
    }

    @Test func syntaxErrorsAreStatusTwoWithAPosition() throws {
        let directory = try ExternalTool.temporaryDirectory("kg-diff")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "<http://ex/a> <http://ex/b> oops .\n".write(to: directory.appendingPathComponent("bad.nt"), atomically: true, encoding: .utf8)
        let result = try ExternalTool.kg(["diff", directory.appendingPathComponent("bad.nt").path, directory.appendingPathComponent("bad.nt").path])
        #expect(result.status == 2)
        #expect(result.error.contains("bad.nt:1:29:"), "\(result.error)")
    }
}
