import Foundation

/// Where `kg` finds its ontology folder (core.ttl, rules/, lexicons/, pipeline.txt) when
/// `--ontology` is not given, so an installed `kg` works from any folder.
enum OntologyLocation {
    /// The folders tried, in order: `$KG_ONTOLOGY`; `Ontology/` in the current folder (a checkout
    /// of the repository); `../share/kg/Ontology` beside the executable (what `Scripts/install.sh`
    /// lays out), following a symbolic link to the executable.
    static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment,
                           currentDirectory: String = FileManager.default.currentDirectoryPath,
                           executable: String = CommandLine.arguments.first ?? "kg") -> [String] {
        var result: [String] = []
        if let configured = environment["KG_ONTOLOGY"], !configured.isEmpty { result.append(configured) }
        result.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent("Ontology").path)
        if let binary = executablePath(executable) {
            result.append(binary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/kg/Ontology").path)
        }
        return result
    }

    /// The first candidate that holds a `core.ttl`, or nil with the list of places looked at.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> (folder: String?, looked: [String]) {
        let places = candidates(environment: environment)
        let found = places.first { FileManager.default.fileExists(atPath: URL(fileURLWithPath: $0).appendingPathComponent("core.ttl").path) }
        return (found, places)
    }

    /// The executable's real path: `/proc/self/exe` on Linux, else argv[0] resolved against the
    /// current folder and `PATH`, with symbolic links followed.
    static func executablePath(_ argument: String) -> URL? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        if argument.contains("/") { return URL(fileURLWithPath: argument).resolvingSymlinksInPath() }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(argument)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.resolvingSymlinksInPath() }
        }
        return nil
    }
}
