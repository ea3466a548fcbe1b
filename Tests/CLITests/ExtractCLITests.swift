import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct ExtractCLITests {
    let formats = ["graph.ttl", "graph.rdf", "graph.nt", "graph.trig", "graph.nq", "provenance.ttl", "provenance.rdf", "void.ttl", "manifest.tsv"]

    func contents(_ directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        // Hidden entries are the work folder (.kg) of per-document results, not outputs.
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
            result[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return result
    }

    @Test func twoRunsGiveTheCommittedBytesWhateverTheOrderAndJobs() throws {
        let first = try CLI.temporaryDirectory(), second = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let run = try CLI.run(["extract", "seeds", "--out", first.path, "--jobs", "1"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("kg extract: 3 documents"))
        // The same files named one by one, in reverse order, on two threads.
        let seeds = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("seeds").path).sorted().reversed()
        let again = try CLI.run(["extract"] + seeds.map { "seeds/\($0)" } + ["--out", second.path, "--jobs", "2", "--quiet"])
        #expect(again.status == 0, "\(again.error)")
        let firstFiles = try contents(first), secondFiles = try contents(second)
        #expect(Set(firstFiles.keys) == Set(formats))
        #expect(firstFiles == secondFiles)
        let committed = CLI.packageRoot.appendingPathComponent("Output")
        for name in formats {
            #expect(firstFiles[name] == (try? Data(contentsOf: committed.appendingPathComponent(name))), "Output/\(name) is not what kg extract seeds writes")
        }
        // The three syntaxes hold one graph; the two dataset syntaxes one dataset.
        for (left, right) in [("graph.ttl", "graph.rdf"), ("graph.ttl", "graph.nt"), ("graph.trig", "graph.nq"), ("provenance.ttl", "provenance.rdf")] {
            let diff = try CLI.run(["diff", first.appendingPathComponent(left).path, first.appendingPathComponent(right).path])
            #expect(diff.status == 0, "\(left) vs \(right): \(diff.output)\(diff.error)")
        }
    }

    @Test(.enabled(if: ExternalTool.shouldRun(needing: "rapper"), "needs rapper: run Scripts/test.sh, which installs raptor2-utils"))
    func externalParsersReadTheOutputWithoutWarnings() throws {
        guard let rapper = CLI.which("rapper") else {
            Issue.record("rapper is not installed (Scripts/test.sh installs raptor2-utils)")
            return
        }
        let output = CLI.packageRoot.appendingPathComponent("Output")
        var counts: [String] = []
        for (name, syntax) in [("graph.ttl", "turtle"), ("graph.rdf", "rdfxml"), ("graph.nt", "ntriples")] {
            let result = try CLI.external(rapper, ["-i", syntax, "-c", output.appendingPathComponent(name).path])
            #expect(result.status == 0)
            #expect(!result.error.lowercased().contains("warning"), "\(name): \(result.error)")
            #expect(!result.error.lowercased().contains("error"), "\(name): \(result.error)")
            counts.append(result.error.components(separatedBy: "returned ").last ?? "")
        }
        #expect(Set(counts).count == 1, "rapper counts differ: \(counts)")
        for (name, syntax) in [("graph.trig", "trig"), ("graph.nq", "nquads"), ("provenance.ttl", "turtle"), ("provenance.rdf", "rdfxml"), ("void.ttl", "turtle")] {
            let result = try CLI.external(rapper, ["-i", syntax, "-c", output.appendingPathComponent(name).path])
            #expect(result.status == 0, "\(name): \(result.error)")
            #expect(!result.error.lowercased().contains("warning"), "\(name): \(result.error)")
        }
    }

    @Test func runMetadataIsSeparateFromTheDeterministicFiles() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLI.run(["extract", "seeds", "--out", out.path, "--format", "ttl", "--run-metadata", "--quiet"])
        #expect(run.status == 0, "\(run.error)")
        let metadata = try String(contentsOf: out.appendingPathComponent("run.ttl"), encoding: .utf8)
        #expect(metadata.contains("prov:startedAtTime"))
        #expect(metadata.contains("prov:SoftwareAgent"))
        for name in ["graph.ttl", "provenance.ttl", "void.ttl"] {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("dateTime"), "\(name) holds a time")
        }
    }

    @Test func missingInputIsAClearErrorWithStatusTwo() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLI.run(["extract", "no-such-folder", "--out", out.path])
        #expect(run.status == 2)
        #expect(run.error.contains("no-such-folder: no such file or folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func aBadDocumentIsReportedAndTheRestIsStillWritten() throws {
        let input = try CLI.temporaryDirectory(), out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: out) }
        try Data("The Karolinska Biomedicum Institute is in Stockholm, Sweden.\n".utf8).write(to: input.appendingPathComponent("good.txt"))
        // Binary data (invalid UTF-8 and control bytes throughout) is not text; a few bad bytes in a text would be repaired.
        try Data((0..<64).flatMap { [UInt8(0xFF - $0), UInt8($0 % 8)] }).write(to: input.appendingPathComponent("bad.txt"))
        let run = try CLI.run(["extract", input.path, "--out", out.path, "--format", "nt"])
        #expect(run.status == 1)
        #expect(run.error.contains("bad.txt: looks like binary data, not text"), "\(run.error)")
        #expect(run.error.contains("(skipped)"))
        let graph = try String(contentsOf: out.appendingPathComponent("graph.nt"), encoding: .utf8)
        #expect(graph.contains("Karolinska Biomedicum Institute"))
        // Written atomically: no temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".kg", "graph.nt", "manifest.tsv", "void.ttl"])
    }

    @Test func anInstalledKgFindsItsOntologyFromAnyFolder() throws {
        let prefix = try CLI.temporaryDirectory(), elsewhere = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: prefix); try? FileManager.default.removeItem(at: elsewhere) }
        let install = try CLI.external("/bin/bash", [CLI.packageRoot.appendingPathComponent("Scripts/install.sh").path, prefix.path],
                                       environment: ["KG_BINARY": ExternalTool.kg])
        #expect(install.status == 0, "\(install.output)\(install.error)")
        try Data("The Karolinska Biomedicum Institute is in Stockholm, Sweden.\n".utf8).write(to: elsewhere.appendingPathComponent("note.txt"))
        let installed = prefix.appendingPathComponent("bin/kg").path
        // No Ontology/ in this folder and no KG_ONTOLOGY: the installed copy is found beside kg.
        let run = try ExternalTool.run(installed, ["extract", "note.txt", "--out", "out", "--format", "nt"], in: elsewhere, environment: ["KG_ONTOLOGY": nil])
        #expect(run.status == 0, "\(run.error)")
        let graph = try String(contentsOf: elsewhere.appendingPathComponent("out/graph.nt"), encoding: .utf8)
        #expect(graph.contains("Karolinska Biomedicum Institute"))
        // A kg with no ontology anywhere says where it looked.
        let lone = elsewhere.appendingPathComponent("kg-alone")
        try FileManager.default.copyItem(atPath: installed, toPath: lone.path)
        let lost = try ExternalTool.run(lone.path, ["extract", "note.txt", "--out", "out2"], in: elsewhere, environment: ["KG_ONTOLOGY": nil])
        #expect(lost.status == 2)
        #expect(lost.error.contains("no ontology folder found"), "\(lost.error)")
    }

    @Test func baseChangesOnlyTheMintedIRIs() throws {
        let plain = try CLI.temporaryDirectory(), based = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: plain); try? FileManager.default.removeItem(at: based) }
        let first = try CLI.run(["extract", "seeds", "--out", plain.path, "--quiet"])
        let second = try CLI.run(["extract", "seeds", "--out", based.path, "--quiet", "--base", "https://example.org/lab/kg/"])
        #expect(first.status == 0 && second.status == 0, "\(first.error)\(second.error)")
        for name in formats {
            let original = try String(contentsOf: plain.appendingPathComponent(name), encoding: .utf8)
            let moved = try String(contentsOf: based.appendingPathComponent(name), encoding: .utf8)
            #expect(!moved.contains("https://w3id.org/kg/id/"), "\(name) still holds the default namespace")
            guard name.hasPrefix("graph.") || name.hasPrefix("provenance.") || name.hasPrefix("void.") else { continue }
            // The same statements once the namespace is mapped back (any syntax, compared as graphs).
            let mapped = plain.appendingPathComponent("mapped-" + name)
            try Data(original.replacingOccurrences(of: "https://w3id.org/kg/id/", with: "https://example.org/lab/kg/").utf8).write(to: mapped)
            let diff = try CLI.run(["diff", mapped.path, based.appendingPathComponent(name).path])
            #expect(diff.status == 0, "\(name): \(diff.output)\(diff.error)")
        }
        let bad = try CLI.run(["extract", "seeds", "--out", based.path, "--base", "example.org/kg"])
        #expect(bad.status == 64)
        #expect(bad.error.contains("--base must be an absolute IRI"))
    }

    @Test func minConfidenceDropsTheLessCertainRelations() throws {
        let input = try CLI.temporaryDirectory(), all = try CLI.temporaryDirectory(), sure = try CLI.temporaryDirectory()
        defer { for folder in [input, all, sure] { try? FileManager.default.removeItem(at: folder) } }
        // "joined" is a trigger of confidence 0.7; "is affiliated with" a pattern of 0.9.
        try Data("Maria Lindqvist joined the Norrland Institute of Cell Biology. Erik Berg is affiliated with Uppsala University.\n".utf8)
            .write(to: input.appendingPathComponent("a.txt"))
        let loose = try CLI.run(["extract", input.path, "--out", all.path, "--format", "nt", "--quiet"])
        let strict = try CLI.run(["extract", input.path, "--out", sure.path, "--format", "nt", "--quiet", "--min-confidence", "0.8"])
        #expect(loose.status == 0 && strict.status == 0, "\(loose.error)\(strict.error)")
        let looseGraph = try String(contentsOf: all.appendingPathComponent("graph.nt"), encoding: .utf8)
        let strictGraph = try String(contentsOf: sure.appendingPathComponent("graph.nt"), encoding: .utf8)
        #expect(looseGraph.contains("maria-lindqvist> <https://w3id.org/kg/ontology#affiliatedWith>"))
        #expect(!strictGraph.contains("maria-lindqvist> <https://w3id.org/kg/ontology#affiliatedWith>"))
        #expect(strictGraph.contains("erik-berg> <https://w3id.org/kg/ontology#affiliatedWith>"))
        let bad = try CLI.run(["extract", input.path, "--out", sure.path, "--min-confidence", "2"])
        #expect(bad.status == 64)
        #expect(bad.error.contains("--min-confidence must be a number from 0 to 1"))
    }

    @Test func helpExplainsTheCommand() throws {
        let run = try CLI.run(["extract", "--help"])
        #expect(run.status == 0)
        #expect(run.output.contains("USAGE: kg extract [<options>] <files-or-folders> ... --out <dir>"))
        #expect(run.output.contains("--shard <I/N>") && run.output.contains("--work <dir>"))
        #expect(run.output.contains("--format"))
    }

    @Test func unknownFormatIsRejected() throws {
        let run = try CLI.run(["extract", "seeds", "--out", "/tmp/never", "--format", "ttl,xyz"])
        #expect(run.status != 0)
        #expect(run.error.contains("unknown --format 'xyz'"))
    }
}
