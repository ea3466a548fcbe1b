/// A forward-only window over a byte stream that arrives in chunks, with the position
/// (1-based line and column in Unicode scalars) of the next unread byte.
///
/// Only the unread tail of the current chunk is kept, so memory is bounded by the chunk
/// size plus the longest lookahead, never by the document.
struct ByteInput {
    private var buffer: [UInt8]
    private var index = 0
    private var nextChunk: () throws -> [UInt8]?
    private var exhausted = false
    private var previousWasCR = false
    /// Line of the next unread byte.
    private(set) var line = 1
    /// Column (in Unicode scalars) of the next unread byte.
    private(set) var column = 1

    init(chunks: @escaping () throws -> [UInt8]?) {
        buffer = []
        nextChunk = chunks
    }

    init(bytes: [UInt8]) {
        buffer = bytes
        nextChunk = { nil }
        exhausted = true
    }

    /// Makes at least `count` unread bytes available, unless the stream ends first.
    @inline(__always)
    private mutating func ensure(_ count: Int) throws {
        if index + count <= buffer.count || exhausted { return }
        try refill(count)
    }

    private mutating func refill(_ count: Int) throws {
        while index + count > buffer.count, !exhausted {
            guard let chunk = try nextChunk() else {
                exhausted = true
                return
            }
            if chunk.isEmpty { continue }
            if index >= buffer.count {
                buffer = chunk
            } else {
                buffer = Array(buffer[index...]) + chunk
            }
            index = 0
        }
    }

    /// The byte `offset` positions ahead of the cursor, or nil past the end of input.
    @inline(__always)
    mutating func peek(_ offset: Int = 0) throws -> UInt8? {
        if index + offset < buffer.count { return buffer[index + offset] }
        try ensure(offset + 1)
        return index + offset < buffer.count ? buffer[index + offset] : nil
    }

    /// Consumes one byte (which must have been peeked), keeping line and column current.
    @inline(__always)
    mutating func advance() {
        let byte = buffer[index]
        index += 1
        if byte == 0x0A {
            if !previousWasCR { line += 1 }
            column = 1
            previousWasCR = false
        } else if byte == 0x0D {
            line += 1
            column = 1
            previousWasCR = true
        } else {
            previousWasCR = false
            if byte & 0xC0 != 0x80 { column += 1 }
        }
    }

    /// Consumes `count` bytes that have been peeked.
    @inline(__always)
    mutating func advance(_ count: Int) {
        for _ in 0..<count { advance() }
    }

    /// Calls `body` with the unread bytes in the buffer after making at least `lookahead` of them
    /// available (fewer only at the end of the input). Fast paths scan a whole token here and
    /// consume it with ``skip(_:columns:)``; a token that runs past the buffer is left to the
    /// byte-at-a-time path, which refills.
    @inline(__always)
    mutating func withUnreadBytes<R>(lookahead: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        try ensure(lookahead)
        return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[index...])) }
    }

    /// Consumes `count` bytes that hold no line break and `columns` scalars, as scanned through
    /// ``withUnreadBytes(lookahead:_:)``.
    @inline(__always)
    mutating func skip(_ count: Int, columns: Int) {
        guard count > 0 else { return }
        index += count
        column += columns
        previousWasCR = false
    }

    /// Whether the unread bytes start with `ascii`, compared case-insensitively when asked.
    mutating func startsWith(_ ascii: StaticString, caseInsensitive: Bool = false) throws -> Bool {
        let count = ascii.utf8CodeUnitCount
        try ensure(count)
        guard index + count <= buffer.count else { return false }
        let pointer = ascii.utf8Start
        for offset in 0..<count {
            var actual = buffer[index + offset]
            var expected = pointer[offset]
            if caseInsensitive {
                actual = ByteInput.lowercase(actual)
                expected = ByteInput.lowercase(expected)
            }
            if actual != expected { return false }
        }
        return true
    }

    @inline(__always)
    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Decodes the UTF-8 scalar starting `offset` bytes ahead, with its encoded length;
    /// nil at the end of input or for ill-formed UTF-8.
    mutating func scalar(at offset: Int = 0) throws -> (scalar: Unicode.Scalar, length: Int)? {
        guard let lead = try peek(offset) else { return nil }
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        try ensure(offset + 4)
        return buffer.withUnsafeBufferPointer { Self.scalar(in: $0, at: index + offset) }
    }

    /// Decodes the UTF-8 scalar at `position` of `bytes`, with its encoded length; nil for
    /// ill-formed UTF-8 (overlong forms and surrogates included) or a sequence cut off by the end.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        let lead = bytes[position]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard position + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let next = bytes[position + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        // Reject overlong forms and surrogates, which the switch above does not exclude.
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
