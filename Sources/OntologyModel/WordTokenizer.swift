/// Splits text into word and punctuation tokens over Unicode scalars. A word is a run of letters and
/// digits, joined across single inner hyphens and apostrophes (`c-Myc`, `TRA-1-60`, `People's`).
public enum WordTokenizer {
    /// A token's scalar offsets, relative to the scalars given.
    public struct Span: Hashable, Sendable {
        public let lowerBound: Int
        public let upperBound: Int
        public let isWord: Bool
    }

    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // Unicode property look-ups are slow, and nearly all text is ASCII: in ASCII the letters are
        // exactly the alphabetic scalars and the digits exactly the numeric ones.
        if scalar.value < 0x80 { return isASCIIWordByte(UInt8(truncatingIfNeeded: scalar.value)) }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// The ASCII scalars with the Unicode White_Space property: tab, line feed, vertical tab, form feed,
    /// carriage return and space.
    static func isASCIIWhitespaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIIWhitespaceByte(UInt8(truncatingIfNeeded: scalar.value)) }
        return scalar.properties.isWhitespace
    }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }

    /// `'s` ending a word ("Britain's") is not joined to it, so the name before it stays whole (the
    /// apostrophe and the "s" become tokens of their own).
    static func isPossessive(_ scalars: [Unicode.Scalar], at index: Int, end: Int) -> Bool {
        guard scalars[index] == "'" || scalars[index] == "\u{2019}", index + 1 < end, scalars[index + 1] == "s" || scalars[index + 1] == "S" else { return false }
        return index + 2 >= end || !isWordScalar(scalars[index + 2])
    }

    /// Tokens of `scalars[range]`, with offsets into `scalars`.
    public static func tokenize(_ scalars: [Unicode.Scalar], in range: Range<Int>? = nil) -> [Span] {
        let bounds = range ?? 0..<scalars.count
        var spans: [Span] = []
        var index = bounds.lowerBound
        while index < bounds.upperBound {
            let scalar = scalars[index]
            if isWhitespace(scalar) {
                index += 1
                continue
            }
            if isWordScalar(scalar) {
                let start = index
                index += 1
                while index < bounds.upperBound {
                    if isWordScalar(scalars[index]) {
                        index += 1
                    } else if isJoiner(scalars[index]), index + 1 < bounds.upperBound, isWordScalar(scalars[index + 1]),
                              !isPossessive(scalars, at: index, end: bounds.upperBound) {
                        index += 2
                    } else {
                        break
                    }
                }
                spans.append(Span(lowerBound: start, upperBound: index, isWord: true))
            } else {
                spans.append(Span(lowerBound: index, upperBound: index + 1, isWord: false))
                index += 1
            }
        }
        return spans
    }

    /// Tokens of a string, as strings.
    public static func words(_ text: String) -> [String] {
        asciiWords(text) ?? scalarWords(text)
    }

    /// `words` over Unicode scalars, for any string.
    static func scalarWords(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return tokenize(scalars).map { span in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[span.lowerBound..<span.upperBound])
            return String(view)
        }
    }

    /// The matching keys (`fold`) of a string's tokens: `words(text).map(fold)`, in one pass over
    /// an all-ASCII string.
    public static func foldedWords(_ text: String) -> [String] {
        asciiWords(text, folding: true) ?? scalarWords(text).map(scalarFold)
    }

    /// `words` (lower-cased when `folding`) over the UTF-8 bytes of an all-ASCII string, where one
    /// byte is one scalar, or nil for any other string. Building the lexicon tokenizes every name, so
    /// this path avoids Unicode property tables and generic iteration (slow in debug builds).
    static func asciiWords(_ text: String, folding: Bool = false) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            guard isASCII(bytes) else { return nil }
            var tokens: [String] = []
            forEachASCIIWord(in: bytes) { start, end in
                tokens.append(asciiString(bytes, start, end, lowercasing: folding))
            }
            return tokens
        }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Calls `body` with the byte range of each token of all-ASCII `bytes`, as `tokenize` splits them.
    static func forEachASCIIWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        let end = bytes.count
        var index = 0
        while index < end {
            let byte = bytes[index]
            if isASCIIWhitespaceByte(byte) {
                index += 1
                continue
            }
            let start = index
            index += 1
            if isASCIIWordByte(byte) {
                while index < end {
                    let next = bytes[index]
                    if isASCIIWordByte(next) {
                        index += 1
                    } else if next == 0x2D || next == 0x27, index + 1 < end, isASCIIWordByte(bytes[index + 1]) {
                        // `'s` ending the word is a possessive, a token of its own.
                        if next == 0x27, bytes[index + 1] == 0x73 || bytes[index + 1] == 0x53,
                           index + 2 >= end || !isASCIIWordByte(bytes[index + 2]) {
                            break
                        }
                        index += 2
                    } else {
                        break
                    }
                }
            }
            body(start, index)
        }
    }

    /// The string of `bytes[start..<end]`, all ASCII, lower-cased when asked.
    static func asciiString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, lowercasing: Bool) -> String {
        String(unsafeUninitializedCapacity: end - start) { buffer in
            var index = start
            while index < end {
                let byte = bytes[index]
                buffer[index - start] = lowercasing && byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                index += 1
            }
            return end - start
        }
    }

    /// The matching key of a token: lower-cased, curly apostrophes and hyphen variants folded.
    public static func fold(_ token: String) -> String {
        asciiFold(token) ?? scalarFold(token)
    }

    /// The token with curly apostrophes and hyphen variants as in `fold`, but its case kept.
    public static func foldingPunctuation(_ token: String) -> String {
        guard token.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{2010}" || $0 == "\u{2011}" }) else { return token }
        var view = String.UnicodeScalarView()
        for scalar in token.unicodeScalars {
            switch scalar {
            case "\u{2019}": view.append("'")
            case "\u{2010}", "\u{2011}": view.append("-")
            default: view.append(scalar)
            }
        }
        return String(view)
    }

    /// `fold` over Unicode scalars, for any token.
    static func scalarFold(_ token: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in token.lowercased().unicodeScalars {
            switch scalar {
            case "\u{2019}": view.append("'")
            case "\u{2010}", "\u{2011}": view.append("-")
            default: view.append(scalar)
            }
        }
        return String(view)
    }

    /// `fold` of an all-ASCII token (the token itself when it has no capitals), or nil for any other.
    static func asciiFold(_ token: String) -> String? {
        var token = token
        var hasCapital = false
        let isASCII = token.withUTF8 { bytes -> Bool in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x80 { return false }
                if byte >= 0x41 && byte <= 0x5A { hasCapital = true }
                index += 1
            }
            return true
        }
        guard isASCII else { return nil }
        guard hasCapital else { return token }
        return token.withUTF8 { bytes in asciiString(bytes, 0, bytes.count, lowercasing: true) }
    }
}
