import Testing
@testable import OntologyModel

/// The byte-level fast paths must read exactly as the character- and scalar-level paths they stand in for.
@Suite struct FastPathTests {
    /// Awkward ASCII pieces (every separator, space, tab, `'s`, hyphens, carriage return) and a few
    /// non-ASCII ones (combining mark, no-break space, curly apostrophe, Greek question mark).
    static let pieces = ["a", "Ab", "y", "cy", "ch", "s", "x", " ", "  ", "\t", "|", ";", "=", "#", "-", "'", "'s", "'S", "1", "Q2", "\r",
                         "label", "\u{301}", "\u{A0}", "\u{2019}", "\u{37E}", "é", "É", "İ"]

    /// Deterministic strings of up to three pieces.
    static let samples: [String] = {
        var result: [String] = []
        for a in pieces {
            for b in pieces { result.append(a + b) }
            for (index, b) in pieces.enumerated() { result.append(a + " " + b + pieces[(index * 7 + 3) % pieces.count]) }
        }
        return result
    }()

    @Test func tokenizerAndFold() {
        for text in Self.samples {
            #expect(WordTokenizer.words(text) == WordTokenizer.scalarWords(text), "\(text.debugDescription)")
            #expect(WordTokenizer.foldedWords(text) == WordTokenizer.scalarWords(text).map(WordTokenizer.scalarFold), "\(text.debugDescription)")
            #expect(WordTokenizer.fold(text) == WordTokenizer.scalarFold(text), "\(text.debugDescription)")
        }
        for value in 0..<0x80 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(WordTokenizer.isWordScalar(scalar) == (scalar.properties.isAlphabetic || scalar.properties.numericType != nil))
            #expect(WordTokenizer.isWhitespace(scalar) == scalar.properties.isWhitespace)
        }
    }

    @Test func nameRules() {
        for form in Self.samples {
            #expect(Lexicon.isCommonNoun(form) == (form == form.lowercased()), "\(form.debugDescription)")
            #expect(Lexicon.endsInCommonNoun(form) == Lexicon.characterEndsInCommonNoun(form), "\(form.debugDescription)")
            #expect(Lexicon.plural(of: form) == Lexicon.characterPlural(of: form), "\(form.debugDescription)")
            let spelling = Lexicon.spelling(of: form)
            #expect(spelling.isCommonNoun == Lexicon.isCommonNoun(form))
            #expect(spelling.plural == (Lexicon.characterEndsInCommonNoun(form) ? Lexicon.characterPlural(of: form) : nil))
        }
    }

    @Test func readerLines() {
        var lines: [String] = []
        for (index, a) in Self.pieces.enumerated() {
            let b = Self.pieces[(index * 5 + 1) % Self.pieces.count], c = Self.pieces[(index * 11 + 2) % Self.pieces.count]
            lines.append("\(a)L\(b)\t\(b)x|\(c)y\(a)|z\t\(c)Q1\(a)\tk\(a)=v\(b);\(c)k2=\(a)v2")
            lines.append("\(a)\t\(b)\t\(c)\t\(a)=\(b)")
            lines.append("#\(a)\t\(b)")
        }
        for first in ["label\tx", "label\u{301}\tx", "x"] {
            let text = ([first] + lines).joined(separator: "\n")
            let fast = LexiconReader.entries(fromTSV: text, entityClass: "C")
            #expect(fast == LexiconReader.characterEntries(fromTSV: text, entityClass: "C"))
            #expect(fast.count > 20)
        }
    }
}
