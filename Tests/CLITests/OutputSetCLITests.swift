import Foundation
import Testing
import TestSupport

/// `kg extract` writes its files as one set: a run that is killed, or fails, leaves the previous
/// complete set in --out.
@Suite(.serialized) struct OutputSetCLITests {
    static func contents(_ directory: URL) throws -> [String: Data] { try HostileInputCLITests.contents(directory) }

    /// A bigger input than the seeds, with other content: the seeds and the development texts.
    static func biggerInput(in root: URL) throws -> URL {
        let input = root.appendingPathComponent("bigger")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for folder in ["seeds", "Tests/DevSet/texts", "Tests/HoldOut/texts"] {
            let source = CLI.packageRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".txt") {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: input.appendingPathComponent(name))
            }
        }
        return input
    }

    /// Starts `kg` without waiting for it.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalTool.kg)
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits (up to `timeout` seconds) until `condition` holds; false on timeout.
    static func poll(timeout: TimeInterval, every interval: TimeInterval = 0.005, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: interval)
        }
        return condition()
    }

    static func staging(for out: URL, pid: Int32) -> URL {
        out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).kg-staging-\(pid)")
    }

    /// Uses the test-only hook KG_TEST_PAUSE_BEFORE_COMMIT, which makes `kg extract` wait after every
    /// file is staged and before the set is swapped in: the kill lands at the worst moment every time.
    @Test func aRunKilledBeforeTheSwapLeavesThePreviousSet() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let first = try CLI.run(["extract", "seeds", "--out", out.path, "--quiet"])
        try #require(first.status == 0, "\(first.error)")
        try Data("mine\n".utf8).write(to: out.appendingPathComponent("notes.md"))
        let before = try Self.contents(out)

        let input = try Self.biggerInput(in: root)
        let second = try Self.start(["extract", input.path, "--out", out.path, "--quiet"], environment: ["KG_TEST_PAUSE_BEFORE_COMMIT": "60"])
        let staging = Self.staging(for: out, pid: second.processIdentifier)
        // Every file of the set is staged (the writers run in parallel, so no one file comes last);
        // then the hook holds the run before the swap.
        // Each file is written in place, so the test waits until all exist and their sizes stop
        // changing: the run is then held in the hook, before the swap.
        let expected = before.keys.filter { $0 != "notes.md" }
        func sizes() -> [Int] {
            expected.sorted().map { ((try? FileManager.default.attributesOfItem(atPath: staging.appendingPathComponent($0).path))?[.size] as? Int) ?? -1 }
        }
        var lastSizes: [Int] = []
        let staged = Self.poll(timeout: 60, every: 0.1) {
            let now = sizes()
            defer { lastSizes = now }
            return !now.contains(-1) && now == lastSizes
        }
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        try #require(staged, "the second run never staged its files")
        #expect(second.terminationReason == .uncaughtSignal)
        let stagedFiles = try Self.contents(staging)
        #expect(stagedFiles["graph.nt"] != before["graph.nt"], "the second run should have made another graph")
        #expect(try Self.contents(out) == before, "the killed run changed --out")

        // The next run finishes the job: it removes the dead run's staging folder, and keeps notes.md.
        let third = try CLI.run(["extract", input.path, "--out", out.path, "--quiet"])
        #expect(third.status == 0, "\(third.error)")
        let after = try Self.contents(out)
        #expect(after["graph.nt"] == stagedFiles["graph.nt"])
        #expect(after["notes.md"] == Data("mine\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["bigger", "out"])
    }

    /// No hook: SIGKILL as soon as the run starts writing. --out holds one complete set, the first
    /// run's or (if the kill came after the swap) the second's, never a mix.
    @Test func aRunKilledWhileWritingLeavesACompleteSet() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out"), reference = root.appendingPathComponent("reference")
        let input = try Self.biggerInput(in: root)
        let complete = try CLI.run(["extract", input.path, "--out", reference.path, "--quiet"])
        try #require(complete.status == 0, "\(complete.error)")
        let secondSet = try Self.contents(reference)
        let first = try CLI.run(["extract", "seeds", "--out", out.path, "--quiet"])
        try #require(first.status == 0, "\(first.error)")
        let firstSet = try Self.contents(out)

        for _ in 0..<3 {
            let run = try Self.start(["extract", input.path, "--out", out.path, "--quiet"])
            let staging = Self.staging(for: out, pid: run.processIdentifier)
            let started = Self.poll(timeout: 60, every: 0.001) { FileManager.default.fileExists(atPath: staging.path) || !run.isRunning }
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            #expect(started)
            let now = try Self.contents(out)
            #expect(now == firstSet || now == secondSet, "--out holds a mix: \(now.keys.sorted())")
            if now == secondSet { break }
        }
    }

    @Test func aRunThatCannotWriteLeavesThePreviousSet() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let first = try CLI.run(["extract", "seeds", "--out", out.path, "--quiet"])
        try #require(first.status == 0, "\(first.error)")
        let before = try Self.contents(out)
        // --out names a file: nothing can be written, status 2, and nothing else changes.
        let file = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let bad = try CLI.run(["extract", "seeds", "--out", file.path, "--quiet"])
        #expect(bad.status == 2)
        #expect(bad.error.contains("not a folder"), "\(bad.error)")
        #expect(try Self.contents(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["file", "out"])
    }
}
