import Foundation

/// Runs programs for the tests: the built `kg`, rapper, serdi, python3, chromium.
public enum ExternalTool {
    /// What a program did.
    public struct Run: Sendable {
        public let status: Int32
        public let output: String
        public let error: String
    }

    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `kg` binary beside the test bundle (a test target that depends on `kg` has it built).
    public static var kg: String {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let candidate = directory.appendingPathComponent("kg").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : packageRoot.appendingPathComponent(".build/debug/kg").path
    }

    /// The first executable called `tool` on PATH.
    /// Whether the tests run under CI (`CI` set, and not `false` or `0`). The one policy for a
    /// missing peer tool (rapper, serdi, python3 with rdflib, oxigraph): under CI its tests run
    /// and fail; elsewhere they are skipped with a message saying what to install.
    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return !value.isEmpty && value != "false" && value != "0"
    }

    /// Whether a test needing `tool` on PATH should run: the tool is there, or under CI (where
    /// its absence is a failure).
    public static func shouldRun(needing tool: String) -> Bool { isCI || path(tool) != nil }

    /// Whether a test needing python3 with `module` should run (see `shouldRun(needing:)`).
    public static func shouldRun(needingPythonModule module: String) -> Bool {
        if isCI { return true }
        guard let python = path("python3"), let run = try? run(python, ["-c", "import \(module)"]) else { return false }
        return run.status == 0
    }

    public static func path(_ tool: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program with no standard input, in `directory` (default: the package root), with
    /// `environment` changes (a nil value removes a variable), and returns its status and outputs.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL = packageRoot,
                           environment: [String: String?] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Drain standard error on another thread so neither pipe can fill up and block the child.
        let errorBox = DataBox()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorBox.data = error.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                   error: String(decoding: errorBox.data, as: UTF8.self))
    }

    /// Runs the built `kg`.
    public static func kg(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String?] = [:]) throws -> Run {
        try run(kg, arguments, in: directory, environment: environment)
    }

    /// A fresh empty folder; the caller removes it.
    public static func temporaryDirectory(_ label: String = "kg-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }
}
