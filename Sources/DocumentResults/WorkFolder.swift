import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Stores a result atomically (a temporary file renamed into place). Not synced to disk: a
    /// result lost or damaged by a crash fails to decode and is extracted again, and a sync per
    /// document cost more than the extraction of a small one.
    public func store(_ result: DocumentResult, name: String) throws {
        let target = resultFile(name: name)
        let temporary = results.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        func failure(_ code: Int32) -> Error {
            try? FileManager.default.removeItem(at: temporary)
            return CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path, NSLocalizedDescriptionKey: String(cString: strerror(code))])
        }
        let bytes = DocumentResultCodec.encode(result)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(errno) }
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, bytes.count - done) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let code = errno
                close(descriptor)
                throw failure(code)
            }
            done += count
        }
        guard close(descriptor) == 0, rename(temporary.path, target.path) == 0 else { throw failure(errno) }
    }

    /// Every result file, sorted by name.
    public func resultFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []
        return names.filter { $0.hasSuffix(".\(Self.resultExtension)") }.sorted().map { results.appendingPathComponent($0) }
    }

    /// Removes the results whose names (without the extension) `isKept` refuses (documents no
    /// longer in the input); returns how many were removed. The folder is read entry by entry, so
    /// a folder of a million results costs no list of them.
    @discardableResult
    public func prune(keeping isKept: (Substring) -> Bool) -> Int {
        guard let folder = opendir(results.path) else { return 0 }
        defer { closedir(folder) }
        let suffix = ".\(Self.resultExtension)"
        var removed = 0
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasSuffix(suffix), !isKept(name.dropLast(suffix.count)) else { continue }
            if unlink(results.appendingPathComponent(name).path) == 0 { removed += 1 }
        }
        return removed
    }
}
