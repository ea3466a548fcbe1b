import Foundation
import Testing
import TestSupport

/// `Scripts/spark/extract.py` on a local Spark (`local[2]`): documents extracted by Spark tasks and
/// merged by `kg merge` give the bytes of one `kg extract`.
@Suite struct SparkCLITests {
    @Test(.enabled(if: ExternalTool.shouldRun(needingPythonModule: "pyspark") && ExternalTool.shouldRun(needing: "java"),
                   "needs python3 with pyspark and Java 17: run Scripts/test.sh, which installs them"))
    func sparkGivesTheBytesOfOneRun() throws {
        let python = try #require(ExternalTool.path("python3"), "python3 is not installed")
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Two folders deep, so identifiers with a path survive the executors' layout.
        let texts = folder.appendingPathComponent("texts")
        let source = CLI.packageRoot.appendingPathComponent("Tests/DevSet/texts")
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".txt") }.sorted().prefix(8)
        for (index, name) in names.enumerated() {
            let target = texts.appendingPathComponent(index % 2 == 0 ? "a" : "b/c").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target)
        }
        let one = folder.appendingPathComponent("one")
        let single = try CLI.run(["extract", texts.path, "--out", one.path, "--no-work", "--quiet"])
        try #require(single.status == 0, "\(single.error)")

        let spark = folder.appendingPathComponent("spark")
        let run = try ExternalTool.run(python, [
            CLI.packageRoot.appendingPathComponent("Scripts/spark/extract.py").path, texts.path, "--out", spark.path,
            "--kg", ExternalTool.kg, "--ontology", CLI.packageRoot.appendingPathComponent("Ontology").path,
            "--master", "local[2]", "--partitions", "3",
        ], environment: ["SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": python])
        try #require(run.status == 0, "\(run.output)\(run.error.suffix(3000))")
        #expect(run.error.contains("kg merge: 8 documents"), "\(run.error.suffix(2000))")
        let files = try FileManager.default.contentsOfDirectory(atPath: one.path).sorted()
        #expect(files.contains("graph.trig") && files.contains("manifest.tsv"))
        for name in files {
            #expect(FileManager.default.contentsEqual(atPath: one.appendingPathComponent(name).path, andPath: spark.appendingPathComponent(name).path),
                    "\(name) differs between Spark and one kg extract")
        }
    }
}
