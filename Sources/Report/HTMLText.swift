/// Escaping for text that goes into the report. Document text is hostile: it may hold markup,
/// quotes, ampersands and characters HTML does not allow, so every string passes through here.
public enum HTMLText {
    /// Text content: `&`, `<`, `>` escaped, and characters HTML forbids or browsers mangle
    /// replaced by U+FFFD one for one (so offsets in scalars stay valid).
    public static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars { append(scalar, to: &result, attribute: false) }
        return result
    }

    /// An attribute value (always written between double quotes): also `"` and `'`, and line
    /// breaks as character references so a `title` keeps its lines.
    public static func attribute(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars { append(scalar, to: &result, attribute: true) }
        return result
    }

    static func append(_ scalar: Unicode.Scalar, to result: inout String, attribute: Bool) {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"" where attribute: result += "&quot;"
        case "'" where attribute: result += "&#39;"
        case "\n" where attribute: result += "&#10;"
        case "\r" where attribute: result += "&#13;"
        case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
        default:
            result.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
    }

    /// Whether HTML carries the scalar as text: not NUL or another control character (C0 other
    /// than tab and line breaks, DEL, C1), and not a noncharacter (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return false }
        if (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE { return false }
        return true
    }

    /// A token safe in a CSS class name or id: ASCII letters, digits, `-` and `_` kept, anything
    /// else as `_` plus its hexadecimal code, so distinct names stay distinct.
    public static func token(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" {
                result.unicodeScalars.append(scalar)
            } else {
                result += "_" + String(scalar.value, radix: 16) + "_"
            }
        }
        return result.isEmpty ? "_" : result
    }
}
