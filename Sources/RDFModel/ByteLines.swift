import Foundation

/// Reads a byte stream in fixed-size chunks and hands out lines, so memory stays bounded
/// by the longest line rather than the file. Accepts LF, CR and CRLF line ends.
public struct ByteLineReader {
    private var nextChunk: () throws -> [UInt8]?
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
        var line: [UInt8] = []
        while true {
            if position >= buffer.count {
                if finished { break }
                guard let chunk = try nextChunk() else {
                    finished = true
                    break
                }
                buffer = chunk
                position = 0
                continue
            }
            let byte = buffer[position]
            position += 1
            if pendingCR {
                pendingCR = false
                if byte == 0x0A { continue }
            }
            if byte == 0x0A {
                lineNumber += 1
                return line
            }
            if byte == 0x0D {
                pendingCR = true
                lineNumber += 1
                return line
            }
            line.append(byte)
        }
        if line.isEmpty { return nil }
        lineNumber += 1
        return line
    }
}
