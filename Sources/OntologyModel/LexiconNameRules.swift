/// How a lexicon name's spelling decides where it matches: case rules and plurals.
extension Lexicon {
    /// Names written in lower case (common nouns) match in any case; names with capitals
    /// (proper names, symbols, acronyms) match only as written, or fully upper-cased when the
    /// name is a mixed-case symbol (`Oct4` / `OCT4`).
    static func isCommonNoun(_ form: String) -> Bool {
        if let words = ASCIIWords(form) { return !words.hasCapital }
        return form == form.lowercased()
    }

    /// Whether a name is a common noun, and the plural it also matches in: lower-case common nouns
    /// match in the plural ("hepatocytes", "stem cells"), and so do names whose last word is a
    /// lower-case noun ("T cell" → "T cells", "NK cells").
    static func spelling(of form: String) -> (isCommonNoun: Bool, plural: String?) {
        if let words = ASCIIWords(form) {
            return (!words.hasCapital, words.endsInCommonNoun ? words.plural(of: form) : nil)
        }
        return (isCommonNoun(form), characterEndsInCommonNoun(form) ? characterPlural(of: form) : nil)
    }

    static func endsInCommonNoun(_ form: String) -> Bool {
        if let words = ASCIIWords(form) { return words.endsInCommonNoun }
        return characterEndsInCommonNoun(form)
    }

    /// `endsInCommonNoun` over characters, for any name.
    static func characterEndsInCommonNoun(_ form: String) -> Bool {
        let words = form.split(separator: " ")
        guard let last = words.last else { return false }
        return form == form.lowercased() || (words.count > 1 && last == last.lowercased())
    }

    /// Gene symbols are written title-case in mouse and general text ("Klf4" for KLF4): a single
    /// all-capitals symbol with a digit also matches its title-case form.
    static func isTitleCaseSymbol(_ surface: [String], of exact: [String]) -> Bool {
        guard surface.count == 1, exact.count == 1, let word = surface.first, let symbol = exact.first,
              symbol == symbol.uppercased(), symbol.unicodeScalars.contains(where: { $0.properties.numericType != nil }),
              let first = word.unicodeScalars.first, first.properties.isUppercase else { return false }
        return word.uppercased() == symbol && word != symbol
    }

    static func capitalisingFirst(_ tokens: [String]) -> [String] {
        guard let first = tokens.first, let scalar = first.unicodeScalars.first, scalar.properties.isLowercase else { return tokens }
        return [String(scalar).uppercased() + String(String.UnicodeScalarView(first.unicodeScalars.dropFirst()))] + tokens.dropFirst()
    }

    static func plural(of form: String) -> String? {
        if let words = ASCIIWords(form) { return words.plural(of: form) }
        return characterPlural(of: form)
    }

    /// `plural` over characters, for any name.
    static func characterPlural(of form: String) -> String? {
        guard let last = form.split(separator: " ").last, last.count > 2, last.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        if last.hasSuffix("s") || last.hasSuffix("x") || last.hasSuffix("ch") || last.hasSuffix("sh") { return nil }
        if last.hasSuffix("y"), let before = last.dropLast().last, !"aeiou".contains(before) { return String(form.dropLast()) + "ies" }
        return form + "s"
    }
}

/// The space-separated words of an all-ASCII name, read from its bytes. In ASCII one byte is one
/// character (a carriage return before a line feed aside, and neither is a letter or a space), so
/// the rules above give the same answers over bytes as over characters, without Unicode tables.
private struct ASCIIWords {
    /// Words, as `split(separator: " ")` counts them (empty ones omitted).
    var count = 0
    var hasCapital = false
    var lastHasCapital = false
    /// The last word's length and last two bytes, which is all plurals look at.
    var lastLength = 0
    var lastIsLetters = true
    var secondLastByte: UInt8 = 0
    var lastByte: UInt8 = 0

    init?(_ form: String) {
        var form = form
        let ok = form.withUTF8 { bytes -> Bool in
            var inWord = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte >= 0x80 { return false }
                if byte == 0x20 {
                    inWord = false
                    continue
                }
                if !inWord {
                    inWord = true
                    count += 1
                    lastHasCapital = false
                    lastLength = 0
                    lastIsLetters = true
                    lastByte = 0
                }
                let isCapital = byte >= 0x41 && byte <= 0x5A
                if isCapital {
                    hasCapital = true
                    lastHasCapital = true
                }
                if !(isCapital || (byte >= 0x61 && byte <= 0x7A)) { lastIsLetters = false }
                lastLength += 1
                secondLastByte = lastByte
                lastByte = byte
            }
            return true
        }
        guard ok else { return nil }
    }

    var endsInCommonNoun: Bool { count > 0 && (!hasCapital || (count > 1 && !lastHasCapital)) }

    func plural(of form: String) -> String? {
        guard count > 0, lastLength > 2, lastIsLetters else { return nil }
        let secondLast = secondLastByte, last = lastByte
        switch last {
        case UInt8(ascii: "s"), UInt8(ascii: "x"):
            return nil
        case UInt8(ascii: "h") where secondLast == UInt8(ascii: "c") || secondLast == UInt8(ascii: "s"):
            return nil
        case UInt8(ascii: "y"):
            switch secondLast {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return form + "s"
            default: return String(form.dropLast()) + "ies"
            }
        default:
            return form + "s"
        }
    }
}
