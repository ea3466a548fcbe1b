import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of an output set written by appending, through a buffer, so that a large file is never
/// held in memory: `close` (or `assemble`) finishes it, and the set's commit moves it into place
/// with the others.
public final class StagedFile {
    let url: URL
    private let file: RawFile
    private var buffer: [UInt8] = []
    private(set) var byteCount = 0
    private static let bufferSize = 1 << 20

    /// Creates `name` in the set's staging folder (a name starting with `.` is a part that
    /// `assemble` turns into another file).
    public init(set: OutputSet, name: String) throws(GraphIOError) {
        url = set.staging.appendingPathComponent(name)
        file = try RawFile(path: url.path, displayPath: set.directory.appendingPathComponent(name.hasPrefix(".") ? String(name.dropFirst()) : name).path)
        buffer.reserveCapacity(Self.bufferSize)
    }

    var isEmpty: Bool { byteCount == 0 }

    public func append(_ bytes: [UInt8]) throws(GraphIOError) {
        byteCount += bytes.count
        if buffer.count + bytes.count > Self.bufferSize {
            try flush()
            if bytes.count > Self.bufferSize { return try file.write(bytes[...]) }
        }
        buffer.append(contentsOf: bytes)
    }

    private func flush() throws(GraphIOError) {
        guard !buffer.isEmpty else { return }
        try file.write(buffer[...])
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and closes the file.
    public func close() throws(GraphIOError) {
        try flush()
        try file.close()
    }

    /// Writes `name` in the same folder: `head`, this file's bytes (without the first
    /// `skippingFirstBodyBytes`), then `tail`; then removes this file.
    func assemble(into name: String, head: [UInt8], skippingFirstBodyBytes skip: Int, tail: [UInt8]) throws(GraphIOError) {
        try close()
        let output = try RawFile(path: url.deletingLastPathComponent().appendingPathComponent(name).path, displayPath: file.displayPath)
        defer { output.abandon() }
        try output.write(head[...])
        let input = open(url.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .unwritable(path: file.displayPath, reason: String(cString: strerror(errno))) }
        defer { closeDescriptor(input) }
        var skipping = skip
        // The body is copied inside the kernel where the system allows it (sendfile), which saves
        // copying every byte out to user space and back; otherwise by read and write.
        if lseek(input, off_t(skip), SEEK_SET) == off_t(skip) {
            skipping = 0
            try output.copyRest(of: input)
        }
        var chunk = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unwritable(path: file.displayPath, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            let dropped = min(skipping, count)
            skipping -= dropped
            try output.write(chunk[dropped..<count])
        }
        try output.write(tail[...])
        try output.close()
        unlink(url.path)
    }

    /// Closes and removes the file (a stream that did not finish).
    func discard() {
        file.abandon()
        unlink(url.path)
    }
}

/// An open file descriptor written to in full, with errors that name the output file.
private final class RawFile {
    let displayPath: String
    private var descriptor: Int32

    init(path: String, displayPath: String) throws(GraphIOError) {
        self.displayPath = displayPath
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw .unwritable(path: displayPath, reason: String(cString: strerror(errno))) }
    }

    // A file left open by an error is closed when dropped (the staging folder goes with the set).
    deinit { abandon() }

    func write(_ bytes: ArraySlice<UInt8>) throws(GraphIOError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { writeDescriptor(descriptor, $0.baseAddress! + done, bytes.count - done) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unwritable(path: displayPath, reason: String(cString: strerror(errno)))
            }
            done += count
        }
    }

    /// Appends what is left of `input` from its current offset with sendfile(2), as far as the
    /// system allows; whatever is left (none, or all when the call is not supported) is for the
    /// caller to copy, from the input's offset, which this leaves where the copy stopped.
    func copyRest(of input: Int32) throws(GraphIOError) {
        while true {
            let count = sendfile(descriptor, input, nil, 1 << 30)
            if count > 0 { continue }
            if count == 0 { return }
            switch errno {
            case EINTR: continue
            case EXDEV, ENOSYS, EINVAL, EOPNOTSUPP, EBADF: return
            default: throw .unwritable(path: displayPath, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Syncs and closes the file.
    func close() throws(GraphIOError) {
        guard descriptor >= 0 else { return }
        let synced = fsync(descriptor) == 0
        let code = errno
        closeDescriptor(descriptor)
        descriptor = -1
        if !synced { throw .unwritable(path: displayPath, reason: String(cString: strerror(code))) }
    }

    /// Closes the file if it is still open, without syncing.
    func abandon() {
        if descriptor >= 0 { closeDescriptor(descriptor) }
        descriptor = -1
    }
}

// The C functions, under names that methods called `write` and `close` do not shadow.
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }
