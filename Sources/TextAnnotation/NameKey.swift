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
}
