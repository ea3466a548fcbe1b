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
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }

    /// `'s` ending a word ("Britain's") is a token of its own, so the name before it stays whole.
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
            if scalar.properties.isWhitespace {
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
        let scalars = Array(text.unicodeScalars)
        return tokenize(scalars).map { span in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[span.lowerBound..<span.upperBound])
            return String(view)
        }
    }

    /// The matching key of a token: lower-cased, curly apostrophes and hyphen variants folded.
    public static func fold(_ token: String) -> String {
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
}
