import Foundation

/// The folder of per-document results (`OUT/.kg` by default): `results/<name>.kgr`, one file per
/// document, its name a key of the document's identifier. Written atomically, one document at a
/// time, so a run killed half-way keeps every result it finished.
public struct WorkFolder: Sendable {
    public let url: URL
    public var results: URL { url.appendingPathComponent("results", isDirectory: true) }
    /// The file name extension of a result.
    public static let resultExtension = "kgr"

    public init(url: URL) { self.url = url }

    /// Creates the folder when missing.
    public func create() throws {
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
    }

    /// The result file of the document `identifier`; `name` maps an identifier to a file-safe key.
    public func resultFile(name: String) -> URL { results.appendingPathComponent("\(name).\(Self.resultExtension)") }

    /// The result stored under `name`, or nil when there is none or it cannot be read (a damaged
    /// or older-format file is as good as none: the document is extracted again).
    public func load(name: String) -> DocumentResult? {
        let file = resultFile(name: name)
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return try? DocumentResultCodec.decode([UInt8](data), file: file.path)
    }

    /// Stores a result atomically (a temporary file renamed into place).
    public func store(_ result: DocumentResult, name: String) throws {
        try Data(DocumentResultCodec.encode(result)).write(to: resultFile(name: name), options: .atomic)
    }

    /// Every result file, sorted by name.
    public func resultFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []
        return names.filter { $0.hasSuffix(".\(Self.resultExtension)") }.sorted().map { results.appendingPathComponent($0) }
    }

    /// Removes the results whose names are not in `names` (documents no longer in the input);
    /// returns how many were removed.
    @discardableResult
    public func prune(keeping names: Set<String>) -> Int {
        var removed = 0
        for file in resultFiles() where !names.contains(file.deletingPathExtension().lastPathComponent) {
            if (try? FileManager.default.removeItem(at: file)) != nil { removed += 1 }
        }
        return removed
    }
}
