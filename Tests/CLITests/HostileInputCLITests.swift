import Foundation
import Testing
import TestSupport

/// Bad input never costs a batch: documents are decoded leniently (with warnings) or skipped one
/// by one, and the rest is still written.
@Suite(.serialized) struct HostileInputCLITests {
    /// What `kg extract` wrote: file name to bytes.
    static func contents(_ directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        // Hidden entries are the work folder (.kg) of per-document results, not outputs.
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
            result[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return result
    }

    /// The lines of an N-Quads file in the named graph `graph`.
    static func namedGraph(_ graph: String, in nquads: URL) throws -> String {
        let suffix = " <\(graph)> ."
        return try String(contentsOf: nquads, encoding: .utf8).split(separator: "\n").filter { $0.hasSuffix(suffix) }
            .map { $0 + "\n" }.joined()
    }

    static func documentIRI(_ identifier: String) -> String { "https://w3id.org/kg/id/doc/" + identifier }

    @Test func aNULByteInOneDocumentNoLongerCostsTheBatch() throws {
        let input = try CLI.temporaryDirectory(), out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: out) }
        try Data("The Karolinska Biomedicum Institute is in Stockholm, Sweden.\n".utf8).write(to: input.appendingPathComponent("good.txt"))
        try Data("Astrid Lindqvist works at\u{0} Uppsala University.\u{1}\u{B}\u{FFFE}\n".utf8).write(to: input.appendingPathComponent("nul.txt"))
        let run = try CLI.run(["extract", input.path, "--out", out.path])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("kg: warning: \(input.path)/nul.txt: 4 characters that RDF cannot carry replaced by U+FFFD (U+0000 at character 25, U+0001 at character 46, U+000B at character 47, U+FFFE at character 48)"), "\(run.error)")
        #expect(Set(try Self.contents(out).keys) == ["graph.ttl", "graph.rdf", "graph.nt", "graph.trig", "graph.nq", "provenance.ttl", "provenance.rdf", "void.ttl", "manifest.tsv"])
        // Offsets in code points stay valid: the context string has as many characters as the file.
        let provenance = try String(contentsOf: out.appendingPathComponent("graph.nq"), encoding: .utf8)
        #expect(provenance.contains("nul.txt#char=0,50>"))
        #expect(provenance.contains("Uppsala University"))
    }

    @Test func otherEncodingsAndAnInvalidByteKeepTheirText() throws {
        let input = try CLI.temporaryDirectory(), out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: out) }
        let text = "The Karolinska Biomedicum Institute is in Stockholm, Sweden.\n"
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(utf16).write(to: input.appendingPathComponent("utf16.txt"))
        try Data(Array("Astrid Lindqvist works at Uppsala University".utf8) + [0xFF] + Array(".\n".utf8)).write(to: input.appendingPathComponent("invalid.txt"))
        let run = try CLI.run(["extract", input.path, "--out", out.path, "--format", "nt,ttl"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("kg: warning: \(input.path)/invalid.txt: 1 invalid byte sequence in UTF-8 replaced by U+FFFD (at byte offset 44)"), "\(run.error)")
        #expect(!run.error.contains("utf16.txt"), "\(run.error)")
        let graph = try String(contentsOf: out.appendingPathComponent("graph.nt"), encoding: .utf8)
        #expect(graph.contains("Karolinska Biomedicum Institute"))
        #expect(graph.contains("Uppsala University"))

        // --strict-input refuses the repaired document instead, and says why.
        let strict = try CLI.run(["extract", input.path, "--out", out.path, "--format", "nt", "--strict-input"])
        #expect(strict.status == 1)
        #expect(strict.error.contains("kg: error: \(input.path)/invalid.txt: 1 invalid byte sequence in UTF-8 replaced by U+FFFD (at byte offset 44) (--strict-input) (skipped)"), "\(strict.error)")
        let strictGraph = try String(contentsOf: out.appendingPathComponent("graph.nt"), encoding: .utf8)
        #expect(strictGraph.contains("Karolinska Biomedicum Institute"))
        #expect(!strictGraph.contains("Uppsala University"))
        // The set is this run's: the Turtle file of the run before (other --format) went with the old set.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".kg", "graph.nt", "manifest.tsv", "void.ttl"])
    }

    @Test func documentsOverTheSizeLimitAreSkipped() throws {
        let input = try CLI.temporaryDirectory(), out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: out) }
        try Data("The Karolinska Biomedicum Institute is in Stockholm, Sweden.\n".utf8).write(to: input.appendingPathComponent("small.txt"))
        try Data(String(repeating: "lorem ipsum dolor sit amet\n", count: 60_000).utf8).write(to: input.appendingPathComponent("big.txt"))
        let run = try CLI.run(["extract", input.path, "--out", out.path, "--format", "nt", "--max-document-mb", "1"])
        #expect(run.status == 1)
        #expect(run.error.contains("kg: error: \(input.path)/big.txt: 1.5 MB is more than --max-document-mb 1 (skipped)"), "\(run.error)")
        #expect(try String(contentsOf: out.appendingPathComponent("graph.nt"), encoding: .utf8).contains("Karolinska"))
        let bad = try CLI.run(["extract", input.path, "--out", out.path, "--max-document-mb", "0"])
        #expect(bad.status == 64)
    }

    /// The corpus of Tests/Hostile/make-hostile-corpus.py, end to end.
    @Test(.enabled(if: ExternalTool.shouldRun(needing: "rapper") && ExternalTool.shouldRun(needing: "serdi") && ExternalTool.shouldRun(needing: "python3"),
                   "needs rapper, serdi and python3: run Scripts/test.sh, which installs them"))
    func theHostileCorpusIsExtractedDocumentByDocument() throws {
        let started = Date()
        guard let python = CLI.which("python3") else {
            Issue.record("python3 is not installed")
            return
        }
        let root = try CLI.temporaryDirectory()
        defer {
            chmod(root.appendingPathComponent("corpus/unreadable.txt").path, 0o644)
            try? FileManager.default.removeItem(at: root)
        }
        let corpus = root.appendingPathComponent("corpus"), out = root.appendingPathComponent("out")
        // 2 MB for the huge line and word keeps a debug build well inside the time budget.
        let made = try CLI.external(python, [CLI.packageRoot.appendingPathComponent("Tests/Hostile/make-hostile-corpus.py").path,
                                             corpus.path, "--seeds", CLI.packageRoot.appendingPathComponent("seeds").path, "--huge-mb", "2"])
        try #require(made.status == 0, "\(made.error)")
        let manifest = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: root.appendingPathComponent("manifest.json")))

        let run = try CLI.run(["extract", corpus.path, "--out", out.path, "--jobs", "2"])
        let extractSeconds = Date().timeIntervalSince(started)
        #expect(run.status == 1, "\(run.error)")
        #expect(!run.error.contains("Fatal error"), "\(run.error)")
        let lines = run.error.split(separator: "\n").map(String.init)
        // Root can read a chmod 000 file, so there the unreadable file is a good document.
        let isRoot = getuid() == 0
        var extracted: [String] = []
        for (name, expectation) in manifest.sorted(by: { $0.key < $1.key }) {
            let path = corpus.path + "/" + name
            let errors = lines.filter { $0.hasPrefix("kg: error: \(path): ") }
            let warnings = lines.filter { $0.hasPrefix("kg: warning: \(path): ") }
            switch expectation == "skipped_unless_root" ? (isRoot ? "extracted" : "skipped") : expectation {
            case "skipped":
                #expect(errors.count == 1 && errors[0].hasSuffix(" (skipped)"), "\(name) should be skipped with an error: \(run.error)")
            case "warning":
                #expect(errors.isEmpty && warnings.count >= 1, "\(name) should be extracted with a warning: \(run.error)")
                extracted.append(name)
            case "extracted", "control":
                #expect(errors.isEmpty && warnings.isEmpty, "\(name) should be extracted quietly: \(run.error)")
                extracted.append(name)
            default: // "ignored": not a document
                #expect(errors.isEmpty && warnings.isEmpty, "\(name) is not a document: \(run.error)")
            }
        }
        #expect(run.error.contains("kg extract: \(extracted.count) documents"), "\(run.error)")
        // Every document extracted has its named graph in the dataset.
        let dataset = try String(contentsOf: out.appendingPathComponent("graph.nq"), encoding: .utf8)
        for name in extracted {
            #expect(dataset.contains(" <\(Self.documentIRI(name))> .\n"), "no named graph for \(name)")
        }

        // Every file parses with rapper, and those in syntaxes it reads with serdi.
        let syntaxes = ["graph.ttl": "turtle", "graph.rdf": "rdfxml", "graph.nt": "ntriples", "graph.trig": "trig", "graph.nq": "nquads",
                        "provenance.ttl": "turtle", "provenance.rdf": "rdfxml", "void.ttl": "turtle"]
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.path)) == Set(syntaxes.keys).union([".kg", "manifest.tsv"]))
        if let rapper = CLI.which("rapper") {
            for (name, syntax) in syntaxes.sorted(by: { $0.key < $1.key }) {
                let result = try CLI.external(rapper, ["-i", syntax, "-c", out.appendingPathComponent(name).path])
                #expect(result.status == 0, "rapper \(name): \(result.error)")
                #expect(!result.error.lowercased().contains("warning"), "rapper \(name): \(result.error)")
            }
        } else {
            Issue.record("rapper is not installed (Scripts/test.sh installs raptor2-utils)")
        }
        if let serdi = CLI.which("serdi") {
            for (name, syntax) in syntaxes.sorted(by: { $0.key < $1.key }) where syntax != "rdfxml" {
                let result = try CLI.external(serdi, ["-q", "-i", syntax, "-o", "ntriples", out.appendingPathComponent(name).path])
                #expect(result.status == 0, "serdi \(name): \(result.error)")
            }
        } else {
            Issue.record("serdi is not installed (Scripts/test.sh installs it)")
        }

        // The control documents give the same named graphs as on their own (same relative paths).
        let alone = root.appendingPathComponent("alone"), aloneOut = root.appendingPathComponent("alone-out")
        let controls = manifest.filter { $0.value == "control" }.keys.sorted()
        #expect(controls.count >= 2)
        for name in controls {
            try FileManager.default.createDirectory(at: alone.appendingPathComponent(name).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: corpus.appendingPathComponent(name), to: alone.appendingPathComponent(name))
        }
        let single = try CLI.run(["extract", alone.path, "--out", aloneOut.path, "--format", "nq", "--quiet"])
        #expect(single.status == 0, "\(single.error)")
        for name in controls {
            let inCorpus = try Self.namedGraph(Self.documentIRI(name), in: out.appendingPathComponent("graph.nq"))
            let onItsOwn = try Self.namedGraph(Self.documentIRI(name), in: aloneOut.appendingPathComponent("graph.nq"))
            #expect(!onItsOwn.isEmpty)
            let left = root.appendingPathComponent("left.nq"), right = root.appendingPathComponent("right.nq")
            try Data(inCorpus.utf8).write(to: left)
            try Data(onItsOwn.utf8).write(to: right)
            let diff = try CLI.run(["diff", left.path, right.path, "--stat"])
            #expect(diff.status == 0, "\(name) differs in the corpus from on its own: \(diff.output)")
        }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "hostile corpus: extract %.1f s, whole test %.1f s", extractSeconds, seconds))
        #expect(seconds < 60, "the hostile-corpus test took \(seconds) s")
    }
}
