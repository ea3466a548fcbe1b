import Foundation

/// How names compare, in resolution and in evaluation alike: NFKC, lower case, punctuation
/// dropped, words joined by one space; `singular` also drops a regular plural `s` from the last word.
public enum NameKey {
    public static func words(_ text: String) -> String {
        wordList(text).joined(separator: " ")
    }

    /// `words`, with "cells" → "cell" on the last word (longer than three letters, not "…ss").
    public static func singular(_ text: String) -> String {
        var list = wordList(text)
        if var last = list.popLast() {
            if last.count > 3, last.hasSuffix("s"), !last.hasSuffix("ss") { last.removeLast() }
            list.append(last)
        }
        return list.joined(separator: " ")
    }

    static func wordList(_ text: String) -> [String] {
        if let ascii = asciiWordList(text) { return ascii }
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// `wordList` for an all-ASCII text, where NFKC changes nothing and letters and digits are the
    /// only alphanumeric scalars: one pass over the bytes. Nil for any other text.
    public static func asciiWordList(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var words: [String] = []
            var start = -1
            var word: [UInt8] = []
            for (index, byte) in bytes.enumerated() {
                guard byte < 0x80 else { return nil }
                let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if (lowered >= 0x61 && lowered <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    if start < 0 { start = index }
                    word.append(lowered)
                } else if start >= 0 {
                    words.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                    start = -1
                }
            }
            if start >= 0 { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
    }
}
