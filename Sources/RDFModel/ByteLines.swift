import Foundation

/// Reads a byte stream in fixed-size chunks and hands out lines, so memory stays bounded
/// by the longest line rather than the file. Accepts LF, CR and CRLF line ends.
public struct ByteLineReader {
    private var nextChunk: () throws -> [UInt8]?
    /// Unread bytes start at `position`; a line that spans chunks is completed in place by
    /// appending the next chunk to what is left of this one.
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var pendingCR = false
    /// 1-based number of the line most recently returned.
    public private(set) var lineNumber = 0

    /// Lines from a chunk producer; the producer returns nil at the end of input.
    public init(chunks: @escaping () throws -> [UInt8]?) { nextChunk = chunks }

    /// Lines from bytes already in memory.
    public init(bytes: [UInt8]) {
        var given = false
        nextChunk = {
            if given { return nil }
            given = true
            return bytes
        }
    }

    /// Lines from a file, read 256 KiB at a time.
    public init(fileHandle: FileHandle) {
        nextChunk = {
            let data = try fileHandle.read(upToCount: 1 << 18) ?? Data()
            return data.isEmpty ? nil : [UInt8](data)
        }
    }

    /// The next line without its terminator, or nil at the end.
    public mutating func nextLine() throws -> [UInt8]? {
        try withNextLine { line, _ in Array(line) }
    }

    /// Hands the next line (without its terminator) and its 1-based number to `body`, and returns
    /// what `body` returns; nil at the end of input. The bytes are only valid during the call:
    /// this is the allocation-free way to read lines.
    public mutating func withNextLine<Result>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Result) throws -> Result? {
        var searchFrom = position
        while true {
            if pendingCR, position < buffer.count {
                pendingCR = false
                if buffer[position] == 0x0A { position += 1 }
                searchFrom = max(searchFrom, position)
            }
            let count = buffer.count
            let found: Int? = buffer.withUnsafeBufferPointer { bytes in
                var index = searchFrom
                while index < count {
                    let byte = bytes[index]
                    if byte == 0x0A || byte == 0x0D { return index }
                    index += 1
                }
                return nil
            }
            if let end = found {
                lineNumber += 1
                let start = position
                pendingCR = buffer[end] == 0x0D
                position = end + 1
                return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end]), lineNumber) }
            }
            if finished {
                guard position < count else { return nil }
                lineNumber += 1
                let start = position
                position = count
                return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<count]), lineNumber) }
            }
            guard let chunk = try nextChunk() else {
                finished = true
                continue
            }
            if position >= count {
                buffer = chunk
                searchFrom = 0
            } else {
                buffer.removeSubrange(0..<position)
                searchFrom = buffer.count
                buffer.append(contentsOf: chunk)
            }
            position = 0
        }
    }
}
