/// Turns the bytes of a text file into text every RDF syntax can carry.
///
/// - The encoding is UTF-8 (a byte order mark is stripped), or UTF-16 / UTF-32 when the file
///   starts with their byte order mark.
/// - A byte sequence that is not valid in that encoding (including a lone UTF-16 surrogate or a
///   surrogate encoded in UTF-8) becomes U+FFFD, and its byte offset is recorded.
/// - A character XML 1.0 or N-Triples cannot carry (C0 controls other than tab, LF and CR, U+FFFE,
///   U+FFFF) is replaced one for one by U+FFFD, so code-point offsets stay valid, and recorded.
///
/// The library never prints: callers turn the record into warnings or refusals.
public enum TextDecoder {
    /// The encodings recognised.
    public enum Encoding: String, Sendable, Equatable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
        case utf32LittleEndian = "UTF-32LE"
        case utf32BigEndian = "UTF-32BE"

        var byteOrderMarkLength: Int {
            switch self {
            case .utf8: 0
            case .utf8WithBOM: 3
            case .utf16LittleEndian, .utf16BigEndian: 2
            case .utf32LittleEndian, .utf32BigEndian: 4
            }
        }
    }

    /// A character that was replaced by U+FFFD because XML 1.0 or N-Triples cannot carry it.
    public struct ReplacedCharacter: Sendable, Equatable {
        /// Offset in code points (Unicode scalars) into the decoded text.
        public let offset: Int
        /// The character's code point.
        public let codePoint: UInt32

        public init(offset: Int, codePoint: UInt32) {
            self.offset = offset
            self.codePoint = codePoint
        }
    }

    /// The decoded text and what had to be repaired.
    public struct Decoded: Sendable, Equatable {
        public let text: String
        public let encoding: Encoding
        /// Byte offsets (into the file, byte order mark included) of each invalid byte sequence.
        public let invalidByteOffsets: [Int]
        /// Characters replaced because no RDF syntax can carry them.
        public let replacedCharacters: [ReplacedCharacter]
        /// Code points (Unicode scalars) in `text`.
        public let scalarCount: Int

        public init(text: String, encoding: Encoding, invalidByteOffsets: [Int], replacedCharacters: [ReplacedCharacter], scalarCount: Int) {
            self.text = text
            self.encoding = encoding
            self.invalidByteOffsets = invalidByteOffsets
            self.replacedCharacters = replacedCharacters
            self.scalarCount = scalarCount
        }

        /// Whether the bytes are more likely binary data than text: at least 8 repairs, and they
        /// are more than a tenth of the characters. A few stray bytes in a text do not count.
        public var looksBinary: Bool {
            let repairs = invalidByteOffsets.count + replacedCharacters.count
            return repairs >= 8 && repairs * 10 > scalarCount
        }

        /// Whether the text is exactly what the file holds.
        public var isClean: Bool { invalidByteOffsets.isEmpty && replacedCharacters.isEmpty }
    }

    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether XML 1.0 (and so every syntax kg writes) can carry `value` as a character.
    @inline(__always)
    public static func isCarriable(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The encoding a byte order mark announces (UTF-32LE is checked before UTF-16LE, whose mark it starts with).
    public static func detectEncoding(_ bytes: some Collection<UInt8>) -> Encoding {
        let head = Array(bytes.prefix(4))
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { return .utf8WithBOM }
        if head.count >= 4, head[0] == 0xFF, head[1] == 0xFE, head[2] == 0, head[3] == 0 { return .utf32LittleEndian }
        if head.count >= 4, head[0] == 0, head[1] == 0, head[2] == 0xFE, head[3] == 0xFF { return .utf32BigEndian }
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xFE { return .utf16LittleEndian }
        if head.count >= 2, head[0] == 0xFE, head[1] == 0xFF { return .utf16BigEndian }
        return .utf8
    }

    /// Decodes `bytes`, repairing what cannot be carried (see the type's description).
    public static func decode(_ bytes: [UInt8]) -> Decoded {
        let encoding = detectEncoding(bytes)
        let start = encoding.byteOrderMarkLength
        switch encoding {
        case .utf8, .utf8WithBOM:
            // Fast path: valid UTF-8 with no byte that starts a character XML cannot carry.
            if let text = validUTF8WithoutNonCharacters(bytes, from: start) {
                return Decoded(text: text.text, encoding: encoding, invalidByteOffsets: [], replacedCharacters: [], scalarCount: text.count)
            }
            return decodeUTF8(bytes, from: start, encoding: encoding)
        case .utf16LittleEndian, .utf16BigEndian:
            return decodeUTF16(bytes, from: start, bigEndian: encoding == .utf16BigEndian, encoding: encoding)
        case .utf32LittleEndian, .utf32BigEndian:
            return decodeUTF32(bytes, from: start, bigEndian: encoding == .utf32BigEndian, encoding: encoding)
        }
    }

    /// The text when `bytes[start...]` is valid UTF-8 with no control character other than tab,
    /// LF and CR and no U+FFFE / U+FFFF (EF BF BE, EF BF BF); nil otherwise.
    private static func validUTF8WithoutNonCharacters(_ bytes: [UInt8], from start: Int) -> (text: String, count: Int)? {
        var index = start
        var count = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != 0x09, byte != 0x0A, byte != 0x0D { return nil }
            } else if byte == 0xEF, index + 2 < end, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                return nil
            }
            if byte & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        guard let text = bytes.withUnsafeBufferPointer({ buffer in
            String(validating: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }) else { return nil }
        return (text, count)
    }

    /// Collects scalars and repairs.
    private struct Builder {
        var scalars = String.UnicodeScalarView()
        var invalid: [Int] = []
        var replaced: [ReplacedCharacter] = []
        var count = 0

        mutating func append(_ value: UInt32) {
            if TextDecoder.isCarriable(value), let scalar = Unicode.Scalar(value) {
                scalars.append(scalar)
            } else {
                replaced.append(ReplacedCharacter(offset: count, codePoint: value))
                scalars.append(TextDecoder.replacement)
            }
            count += 1
        }

        mutating func invalidSequence(at byteOffset: Int) {
            invalid.append(byteOffset)
            scalars.append(TextDecoder.replacement)
            count += 1
        }

        func finish(_ encoding: Encoding) -> Decoded {
            Decoded(text: String(scalars), encoding: encoding, invalidByteOffsets: invalid, replacedCharacters: replaced, scalarCount: count)
        }
    }

    private static func decodeUTF8(_ bytes: [UInt8], from start: Int, encoding: Encoding) -> Decoded {
        var builder = Builder()
        builder.scalars.reserveCapacity(bytes.count - start)
        var iterator = bytes[start...].makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = start
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                builder.append(Unicode.UTF8.decode(encoded).value)
                offset += encoded.count
            case let .error(length):
                // Maximal subparts, as Unicode recommends: one U+FFFD per ill-formed subsequence.
                builder.invalidSequence(at: offset)
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return builder.finish(encoding)
    }

    private static func decodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool, encoding: Encoding) -> Decoded {
        var builder = Builder()
        var index = start
        let end = bytes.count
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
        }
        while index < end {
            if index + 1 >= end {
                builder.invalidSequence(at: index) // an odd byte at the end
                break
            }
            let first = unit(index)
            if (0xD800...0xDBFF).contains(first) {
                if index + 3 < end {
                    let second = unit(index + 2)
                    if (0xDC00...0xDFFF).contains(second) {
                        builder.append(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                        index += 4
                        continue
                    }
                }
                builder.invalidSequence(at: index) // a high surrogate without its low one
                index += 2
            } else if (0xDC00...0xDFFF).contains(first) {
                builder.invalidSequence(at: index) // a lone low surrogate
                index += 2
            } else {
                builder.append(first)
                index += 2
            }
        }
        return builder.finish(encoding)
    }

    private static func decodeUTF32(_ bytes: [UInt8], from start: Int, bigEndian: Bool, encoding: Encoding) -> Decoded {
        var builder = Builder()
        var index = start
        let end = bytes.count
        while index < end {
            if index + 3 >= end {
                builder.invalidSequence(at: index) // 1 to 3 bytes left over at the end
                break
            }
            let b = bytes[index..<(index + 4)].map(UInt32.init)
            let value = bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
            if value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
                builder.invalidSequence(at: index)
            } else {
                builder.append(value)
            }
            index += 4
        }
        return builder.finish(encoding)
    }
}
