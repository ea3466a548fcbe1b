import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the files of one run as a set: all into a staging folder beside the output folder (in
/// its parent, so on the same file system), then swapped into place in one step
/// (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS; a plain `rename`
/// when the output folder does not exist yet). A reader, or a run killed at any point, sees either
/// the previous complete set or the new one, never a mix.
///
/// The new folder holds exactly this run's files plus whatever the old folder held that is not
/// one of `ownedNames` (files the user put there are kept; kg files this run did not write, say
/// from an earlier run with other `--format`s, are dropped with the old set).
///
/// When the output folder's parent is not writable, the output folder is the working folder (or holds
/// it), or the file system cannot swap folders, the
/// staging folder is made inside the output folder and each file is renamed into place in turn:
/// each file is still atomic, but not the set.
public final class OutputSet {
    public let directory: URL
    /// Where the files are written before the swap.
    public let staging: URL
    private let swapsFolders: Bool
    private var written: [String] = []
    private var finished = false

    /// The prefix of staging folders for `directory` in its parent (followed by the process id).
    public static func stagingPrefix(for directory: URL) -> String { ".\(directory.lastPathComponent).kg-staging-" }

    /// Makes the staging folder; the output folder (and its parents) are created if missing.
    public init(directory requested: URL, ownedNames: Set<String>) throws(GraphIOError) {
        let manager = FileManager.default
        var directory = requested.standardizedFileURL
        // Swap the folder a symbolic link points to, not the link.
        directory = directory.resolvingSymlinksInPath()
        self.directory = directory
        self.ownedNames = ownedNames
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: directory.path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue {
            throw .unwritable(path: directory.path, reason: "not a folder")
        }
        let parent = directory.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(path: parent.path, reason: error.localizedDescription)
        }
        Self.removeAbandonedStaging(in: parent, prefix: Self.stagingPrefix(for: directory))
        let pid = ProcessInfo.processInfo.processIdentifier
        let beside = parent.appendingPathComponent(Self.stagingPrefix(for: directory) + "\(pid)")
        // Swapping the working folder (or one above it) would leave this process and the shell that
        // started it in the removed old folder, so such a folder is written in place.
        let workingFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath().path
        let holdsWorkingFolder = workingFolder == directory.path || workingFolder.hasPrefix(directory.path + "/")
        if directory.path != "/", !holdsWorkingFolder, mkdir(beside.path, 0o777) == 0 {
            staging = beside
            swapsFolders = true
        } else {
            // The parent is not writable (or this is the root): stage inside the folder itself.
            do {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(path: directory.path, reason: error.localizedDescription)
            }
            Self.removeAbandonedStaging(in: directory, prefix: ".kg-staging-")
            staging = directory.appendingPathComponent(".kg-staging-\(pid)")
            try? manager.removeItem(at: staging)
            guard mkdir(staging.path, 0o777) == 0 else {
                throw .unwritable(path: staging.path, reason: String(cString: strerror(errno)))
            }
            swapsFolders = false
        }
    }

    private let ownedNames: Set<String>

    deinit {
        if !finished { abandon() }
    }

    /// Writes one file of the set into the staging folder (flushed to disk).
    public func write(_ bytes: [UInt8], name: String) throws(GraphIOError) {
        let url = staging.appendingPathComponent(name)
        do {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
        } catch {
            throw .unwritable(path: directory.appendingPathComponent(name).path, reason: error.localizedDescription)
        }
        written.append(name)
    }

    /// Records that a file was written into the staging folder by other means (a stream).
    public func markWritten(_ name: String) {
        written.append(name)
    }

    /// Moves the staged files into place as one set.
    public func commit() throws(GraphIOError) {
        precondition(!finished, "an output set is committed once")
        finished = true
        let manager = FileManager.default
        if swapsFolders {
            var isDirectory: ObjCBool = false
            if !manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
                if rename(staging.path, directory.path) == 0 { return }
                if errno != EEXIST, errno != ENOTEMPTY { return try failed(errno) }
            }
            // Keep what the user put in the old folder: regular files are hard-linked into the new set
            // before the swap; anything else (folders, links, files that cannot be linked) is moved after it.
            let foreign = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { !ownedNames.contains($0) && !written.contains($0) }
            var moveAfterSwap: [String] = []
            for name in foreign {
                let old = directory.appendingPathComponent(name).path
                var status = stat()
                if lstat(old, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                   link(old, staging.appendingPathComponent(name).path) == 0 {
                    continue
                }
                moveAfterSwap.append(name)
            }
            var status = stat()
            if stat(directory.path, &status) == 0 { chmod(staging.path, status.st_mode & 0o7777) }
            if Self.exchange(staging.path, directory.path) {
                // `staging` now holds the previous set.
                for name in moveAfterSwap {
                    _ = rename(staging.appendingPathComponent(name).path, directory.appendingPathComponent(name).path)
                }
                try? manager.removeItem(at: staging)
                return
            }
            // This file system cannot swap folders: fall back to one rename per file.
            for name in foreign where !moveAfterSwap.contains(name) {
                try? manager.removeItem(at: staging.appendingPathComponent(name))
            }
        }
        for name in written {
            guard rename(staging.appendingPathComponent(name).path, directory.appendingPathComponent(name).path) == 0 else {
                return try failed(errno)
            }
        }
        // kg files of an earlier run that this run did not write would not belong to the set.
        for name in ownedNames where !written.contains(name) {
            try? manager.removeItem(at: directory.appendingPathComponent(name))
        }
        try? manager.removeItem(at: staging)
    }

    /// Removes the staging folder; the output folder is left as it was.
    public func abandon() {
        finished = true
        try? FileManager.default.removeItem(at: staging)
    }

    private func failed(_ code: Int32) throws(GraphIOError) {
        let reason = String(cString: strerror(code))
        abandon()
        throw .unwritable(path: directory.path, reason: reason)
    }

    /// Swaps two paths in one step; false when the system or file system cannot.
    static func exchange(_ first: String, _ second: String) -> Bool {
        #if canImport(Darwin)
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0
        #else
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        // renameat2 is not in Swift's Glibc module; glibc has had it since 2.28.
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
        let renameAt2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2 // RENAME_EXCHANGE
        return renameAt2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #endif
    }

    /// Removes staging folders left by runs that were killed (their process is gone).
    static func removeAbandonedStaging(in folder: URL, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)) else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
