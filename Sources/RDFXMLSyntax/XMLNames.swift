import RDFModel

/// XML 1.0 (fifth edition) name and character classes used by both the reader and the writer.
enum XMLNames {
    /// `NCNameStartChar`: a `NameStartChar` other than `:`.
    static func isNCNameStart(_ s: Unicode.Scalar) -> Bool { CharacterClasses.isPNCharsU(s) }

    /// `NCNameChar`: a `NameChar` other than `:`.
    static func isNCNameChar(_ s: Unicode.Scalar) -> Bool { CharacterClasses.isPNChars(s) || s == "." }

    /// Whether `name` matches the `NCName` production (as rdf:ID and rdf:nodeID values must).
    static func isNCName(_ name: String) -> Bool {
        var scalars = name.unicodeScalars.makeIterator()
        guard let first = scalars.next(), isNCNameStart(first) else { return false }
        while let next = scalars.next() {
            guard isNCNameChar(next) else { return false }
        }
        return true
    }

    /// Whether XML 1.0 can carry the scalar at all (the `Char` production).
    static func isXMLChar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The first scalar of `text` that XML 1.0 cannot carry, if any.
    static func firstNonXMLChar(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { !isXMLChar($0) }
    }

    static func isXMLWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r"
    }

    static func isWhitespace(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isXMLWhitespace)
    }
}
