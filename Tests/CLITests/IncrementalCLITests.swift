import Foundation
import Testing
import TestSupport

/// Per-document results end to end: a second run re-extracts only what changed and writes the
/// bytes of a clean run; shards merged in any order give the bytes of one run.
@Suite struct IncrementalCLITests {
    /// The development texts copied into a fresh folder (a corpus the test may change).
    private func corpus(in folder: URL, count: Int = 25) throws -> URL {
        let source = CLI.packageRoot.appendingPathComponent("Tests/DevSet/texts")
        let texts = folder.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".txt") }.sorted().prefix(count)
        for name in names {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: texts.appendingPathComponent(name))
        }
        return texts
    }

    private func expectSameFiles(_ left: URL, _ right: URL, _ comment: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: left.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: right.path).filter { !$0.hasPrefix(".") }.sorted()), "\(comment): the same files")
        #expect(names.contains("manifest.tsv") && names.contains("graph.trig"))
        for name in names {
            let same = FileManager.default.contentsEqual(atPath: left.appendingPathComponent(name).path, andPath: right.appendingPathComponent(name).path)
            #expect(same, "\(comment): \(name) differs")
        }
    }

    @Test func aSecondRunExtractsOnlyWhatChangedAndWritesTheBytesOfACleanRun() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = try corpus(in: folder)
        let out = folder.appendingPathComponent("out")
        let first = try CLI.run(["extract", texts.path, "--out", out.path])
        try #require(first.status == 0, "\(first.error)")
        #expect(first.error.contains("25 documents (25 extracted, 0 reused)"), "\(first.error)")

        let unchanged = try CLI.run(["extract", texts.path, "--out", out.path])
        #expect(unchanged.error.contains("(0 extracted, 25 reused)"), "\(unchanged.error)")

        // Change one document, remove one, add one.
        let names = try FileManager.default.contentsOfDirectory(atPath: texts.path).sorted()
        let changed = texts.appendingPathComponent(names[3])
        try (try String(contentsOf: changed, encoding: .utf8) + "\nThe Karolinska Institute in Stockholm funded the work.\n").write(to: changed, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: texts.appendingPathComponent(names[7]))
        try "Dr. Maria Berg joined the Uppsala University in 2004.\n".write(to: texts.appendingPathComponent("zz-new.txt"), atomically: true, encoding: .utf8)
        let second = try CLI.run(["extract", texts.path, "--out", out.path])
        try #require(second.status == 0, "\(second.error)")
        #expect(second.error.contains("25 documents (2 extracted, 23 reused)"), "\(second.error)")
        let results = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(".kg/results").path)
        #expect(results.count == 25, "the removed document's result is dropped")

        let clean = folder.appendingPathComponent("clean")
        let cleanRun = try CLI.run(["extract", texts.path, "--out", clean.path, "--no-work"])
        try #require(cleanRun.status == 0, "\(cleanRun.error)")
        #expect(!FileManager.default.fileExists(atPath: clean.appendingPathComponent(".kg").path))
        try expectSameFiles(out, clean, "incremental run vs clean run")
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        #expect(manifest.contains("zz-new.txt\t") && !manifest.contains(names[7]))

        // N-Triples alone without a work folder keeps nothing of a document once it is merged
        // (nothing reads it again) and gives the bytes of a run with one.
        let ntWithWork = folder.appendingPathComponent("nt-work"), ntWithout = folder.appendingPathComponent("nt-no-work")
        let withWork = try CLI.run(["extract", texts.path, "--out", ntWithWork.path, "--format", "nt"])
        try #require(withWork.status == 0, "\(withWork.error)")
        let without = try CLI.run(["extract", texts.path, "--out", ntWithout.path, "--format", "nt", "--no-work"])
        try #require(without.status == 0, "\(without.error)")
        for name in ["graph.nt", "manifest.tsv", "void.ttl"] {
            #expect(FileManager.default.contents(atPath: ntWithWork.appendingPathComponent(name).path)
                    == FileManager.default.contents(atPath: ntWithout.appendingPathComponent(name).path), "\(name)")
        }

        // A damaged result is extracted again, not trusted.
        let damaged = try #require(results.first.map { out.appendingPathComponent(".kg/results/\($0)") })
        try "kg-document-result\t1\nhash\tx\n".write(to: damaged, atomically: true, encoding: .utf8)
        let third = try CLI.run(["extract", texts.path, "--out", out.path])
        #expect(third.error.contains("(1 extracted, 24 reused)"), "\(third.error)")
        try expectSameFiles(out, clean, "after a damaged result")
    }

    @Test func shardsMergedInAnyOrderGiveTheBytesOfOneRun() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = try corpus(in: folder, count: 12)
        let whole = folder.appendingPathComponent("whole")
        let one = try CLI.run(["extract", texts.path, "--out", whole.path, "--no-work"])
        try #require(one.status == 0, "\(one.error)")
        for count in [2, 3] {
            var shards: [String] = []
            var documents = 0
            for index in 1...count {
                let shard = folder.appendingPathComponent("s\(count)-\(index)")
                let run = try CLI.run(["extract", texts.path, "--shard", "\(index)/\(count)", "--out", shard.path])
                try #require(run.status == 0, "\(run.error)")
                #expect(!FileManager.default.fileExists(atPath: shard.appendingPathComponent("graph.nt").path), "a shard writes only its results")
                documents += try FileManager.default.contentsOfDirectory(atPath: shard.appendingPathComponent(".kg/results").path).count
                shards.append(shard.path)
            }
            #expect(documents == 12, "every document is in exactly one of \(count) shards")
            let merged = folder.appendingPathComponent("merged-\(count)")
            let merge = try CLI.run(["merge"] + shards.reversed() + ["--out", merged.path])
            try #require(merge.status == 0, "\(merge.error)")
            #expect(merge.error.contains("12 documents from \(count) folders"), "\(merge.error)")
            try expectSameFiles(merged, whole, "\(count) shards merged vs one run")
        }
    }

    @Test func mergeRefusesConflictsAndSkipsDamagedResults() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = try corpus(in: folder, count: 3)
        let first = folder.appendingPathComponent("first")
        try #require(try CLI.run(["extract", texts.path, "--out", first.path]).status == 0)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: texts.path).sorted().first)
        try "A different text.\n".write(to: texts.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let second = folder.appendingPathComponent("second")
        try #require(try CLI.run(["extract", texts.path, "--out", second.path]).status == 0)
        let conflict = try CLI.run(["merge", first.path, second.path, "--out", folder.appendingPathComponent("m").path])
        #expect(conflict.status == 2)
        #expect(conflict.error.contains("has two different results"), "\(conflict.error)")

        let results = first.appendingPathComponent(".kg/results")
        let damaged = try #require(try FileManager.default.contentsOfDirectory(atPath: results.path).sorted().first)
        try "kg-document-result\t1\nnonsense\n".write(to: results.appendingPathComponent(damaged), atomically: true, encoding: .utf8)
        let partial = try CLI.run(["merge", first.path, "--out", folder.appendingPathComponent("p").path])
        #expect(partial.status == 1)
        #expect(partial.error.contains("\(damaged):2: unknown record"), "\(partial.error)")
        #expect(partial.error.contains("2 documents from 1 folders"), "\(partial.error)")

        let empty = try CLI.run(["merge", folder.path + "/nothing", "--out", folder.appendingPathComponent("q").path])
        #expect(empty.status == 2)
    }
}
