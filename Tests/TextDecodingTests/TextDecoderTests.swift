import Testing
import TextDecoding

@Suite struct TextDecoderTests {
    func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

    @Test func cleanUTF8IsTakenAsItIs() {
        let decoded = TextDecoder.decode(bytes("Zoë met Ådne in Malmö.\tTab\r\nCRLF 🧬"))
        #expect(decoded.text == "Zoë met Ådne in Malmö.\tTab\r\nCRLF 🧬")
        #expect(decoded.encoding == .utf8)
        #expect(decoded.isClean)
        #expect(decoded.scalarCount == decoded.text.unicodeScalars.count)
    }

    @Test func emptyInput() {
        let decoded = TextDecoder.decode([])
        #expect(decoded.text == "")
        #expect(decoded.isClean)
        #expect(decoded.scalarCount == 0)
    }

    @Test func utf8ByteOrderMarkIsStripped() {
        let decoded = TextDecoder.decode([0xEF, 0xBB, 0xBF] + bytes("Stockholm"))
        #expect(decoded.text == "Stockholm")
        #expect(decoded.encoding == .utf8WithBOM)
        #expect(decoded.isClean)
    }

    @Test func utf16And32WithByteOrderMarks() {
        let text = "Lund — 𝔘 ü"
        var le: [UInt8] = [0xFF, 0xFE], be: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            le += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            be += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        #expect(TextDecoder.decode(le) == .init(text: text, encoding: .utf16LittleEndian, invalidByteOffsets: [], replacedCharacters: [], scalarCount: 10))
        #expect(TextDecoder.decode(be).text == text)
        #expect(TextDecoder.decode(be).encoding == .utf16BigEndian)
        var le32: [UInt8] = [0xFF, 0xFE, 0, 0], be32: [UInt8] = [0, 0, 0xFE, 0xFF]
        for scalar in text.unicodeScalars {
            let v = scalar.value
            le32 += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), 0]
            be32 += [0, UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
        }
        #expect(TextDecoder.decode(le32).text == text)
        #expect(TextDecoder.decode(le32).encoding == .utf32LittleEndian)
        #expect(TextDecoder.decode(be32).text == text)
        #expect(TextDecoder.decode(be32).encoding == .utf32BigEndian)
    }

    @Test func invalidUTF8BecomesReplacementCharactersWithByteOffsets() {
        // "ab" FF "cd" C3 (truncated) "e", and a UTF-8-encoded surrogate ED A0 80.
        let decoded = TextDecoder.decode(bytes("ab") + [0xFF] + bytes("cd") + [0xC3] + bytes("e") + [0xED, 0xA0, 0x80] + bytes("!"))
        #expect(decoded.text.hasPrefix("ab\u{FFFD}cd\u{FFFD}e\u{FFFD}"))
        #expect(decoded.text.hasSuffix("!"))
        #expect(decoded.invalidByteOffsets.prefix(3) == [2, 5, 7])
        #expect(decoded.replacedCharacters.isEmpty)
        #expect(decoded.scalarCount == decoded.text.unicodeScalars.count)
        #expect(!decoded.isClean)
    }

    @Test func offsetsCountTheByteOrderMark() {
        let decoded = TextDecoder.decode([0xEF, 0xBB, 0xBF, 0x61, 0x80])
        #expect(decoded.text == "a\u{FFFD}")
        #expect(decoded.invalidByteOffsets == [4])
    }

    @Test func charactersXMLCannotCarryAreReplacedOneForOne() {
        let input = "a\u{0}b\u{1}c\u{B}d\u{FFFE}e\u{FFFF}f\u{7F}\u{85}\t\n\r"
        let decoded = TextDecoder.decode(bytes(input))
        #expect(decoded.text == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{7F}\u{85}\t\n\r")
        #expect(decoded.text.unicodeScalars.count == input.unicodeScalars.count)
        #expect(decoded.replacedCharacters.map(\.offset) == [1, 3, 5, 7, 9])
        #expect(decoded.replacedCharacters.map(\.codePoint) == [0, 1, 0xB, 0xFFFE, 0xFFFF])
        #expect(decoded.invalidByteOffsets.isEmpty)
    }

    @Test func loneSurrogatesInUTF16AreInvalid() {
        // BOM, "a", lone high surrogate D800, "b", lone low surrogate DC00, then an odd trailing byte.
        let decoded = TextDecoder.decode([0xFF, 0xFE, 0x61, 0, 0x00, 0xD8, 0x62, 0, 0x00, 0xDC, 0x63])
        #expect(decoded.text == "a\u{FFFD}b\u{FFFD}\u{FFFD}")
        #expect(decoded.invalidByteOffsets == [4, 8, 10])
    }

    @Test func utf16ControlCharactersAreReplaced() {
        let decoded = TextDecoder.decode([0xFE, 0xFF, 0, 0x61, 0, 0x00, 0xFF, 0xFE])
        #expect(decoded.text == "a\u{FFFD}\u{FFFD}")
        #expect(decoded.replacedCharacters == [.init(offset: 1, codePoint: 0), .init(offset: 2, codePoint: 0xFFFE)])
    }

    @Test func utf32OutOfRangeIsInvalid() {
        let decoded = TextDecoder.decode([0, 0, 0xFE, 0xFF, 0, 0x11, 0, 0, 0, 0, 0, 0x61, 0, 0])
        #expect(decoded.text == "\u{FFFD}a\u{FFFD}")
        #expect(decoded.invalidByteOffsets == [4, 12])
    }

    @Test func randomBytesNeverTrapAndAlwaysGiveCarriableText() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        for length in [1, 2, 3, 7, 64, 1000] {
            for _ in 0..<50 {
                var input: [UInt8] = []
                for _ in 0..<length {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    input.append(UInt8(truncatingIfNeeded: state >> 33))
                }
                for prefix in [[], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0, 0], [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
                    let decoded = TextDecoder.decode(prefix + input)
                    #expect(decoded.text.unicodeScalars.allSatisfy { TextDecoder.isCarriable($0.value) })
                    #expect(decoded.scalarCount == decoded.text.unicodeScalars.count)
                }
            }
        }
    }
}

@Suite struct BinaryDetectionTests {
    @Test func aFewStrayBytesInATextAreNotBinary() {
        let text = Array(String(repeating: "Uppsala University is in Sweden. ", count: 5).utf8) + [0, 0xFF, 1, 0xFE]
        #expect(!TextDecoder.decode(text).looksBinary)
    }

    @Test func mostlyControlBytesAreBinary() {
        let bytes: [UInt8] = (0..<200).map { UInt8($0 % 32) }
        #expect(TextDecoder.decode(bytes).looksBinary)
    }
}
