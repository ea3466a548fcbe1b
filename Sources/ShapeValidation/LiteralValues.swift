import Foundation
import RDFModel

/// Lexical checks and value comparison of literals for sh:datatype and the range components.
enum LiteralValues {
    private static let xsd = Vocabulary.XSD.namespace

    /// Integer types with the bounds of their value space (nil: unbounded on that side).
    private static let integerBounds: [String: (min: Decimal?, max: Decimal?)] = [
        "integer": (nil, nil),
        "nonNegativeInteger": (0, nil), "positiveInteger": (1, nil),
        "nonPositiveInteger": (nil, 0), "negativeInteger": (nil, -1),
        "long": (Decimal(Int64.min), Decimal(Int64.max)), "int": (Decimal(Int32.min), Decimal(Int32.max)),
        "short": (Decimal(Int16.min), Decimal(Int16.max)), "byte": (Decimal(Int8.min), Decimal(Int8.max)),
        "unsignedLong": (0, Decimal(UInt64.max)), "unsignedInt": (0, Decimal(UInt32.max)),
        "unsignedShort": (0, Decimal(UInt16.max)), "unsignedByte": (0, Decimal(UInt8.max)),
    ]

    /// Whether the literal's lexical form is in the lexical space of its datatype, for the XSD
    /// types SHACL users constrain (numbers, booleans, dates); any other datatype is accepted.
    static func isWellFormed(_ literal: Literal) -> Bool {
        let datatype = literal.datatype.value
        guard datatype.hasPrefix(xsd) else { return true }
        let local = String(datatype.dropFirst(xsd.count))
        let text = literal.lexicalForm
        if let bounds = integerBounds[local] {
            guard isInteger(text), let value = Decimal(string: text) else { return false }
            if let min = bounds.min, value < min { return false }
            if let max = bounds.max, value > max { return false }
            return true
        }
        switch local {
        case "decimal": return isDecimal(text)
        case "double", "float": return isFloatingPoint(text)
        case "boolean": return ["true", "false", "1", "0"].contains(text)
        case "date": return isDate(text)
        case "dateTime": return isDateTime(text)
        case "gYear": return isYear(text)
        default: return true
        }
    }

    /// -1, 0 or 1 when the two literals are comparable (both numbers, or the same date or
    /// string type), nil otherwise: SHACL's range components then report a violation.
    static func compare(_ lhs: Literal, _ rhs: Literal) -> Int? {
        if let left = number(lhs), let right = number(rhs) {
            switch (left, right) {
            case let (.exact(a), .exact(b)): return a < b ? -1 : (a > b ? 1 : 0)
            default:
                let a = left.double, b = right.double
                guard !a.isNaN, !b.isNaN else { return nil }
                return a < b ? -1 : (a > b ? 1 : 0)
            }
        }
        let ordered: Set<IRI> = [Vocabulary.XSD.string, Vocabulary.XSD.date, Vocabulary.XSD.dateTime, Vocabulary.XSD.gYear]
        guard lhs.language == nil, rhs.language == nil, lhs.datatype == rhs.datatype, ordered.contains(lhs.datatype),
              isWellFormed(lhs), isWellFormed(rhs) else { return nil }
        if lhs.lexicalForm == rhs.lexicalForm { return 0 }
        return lhs.lexicalForm.unicodeScalars.lexicographicallyPrecedes(rhs.lexicalForm.unicodeScalars) ? -1 : 1
    }

    private enum Number {
        case exact(Decimal)
        case approximate(Double)
        var double: Double {
            switch self {
            case let .exact(value): NSDecimalNumber(decimal: value).doubleValue
            case let .approximate(value): value
            }
        }
    }

    private static func number(_ literal: Literal) -> Number? {
        guard literal.datatype.value.hasPrefix(xsd), isWellFormed(literal) else { return nil }
        let local = String(literal.datatype.value.dropFirst(xsd.count))
        if integerBounds[local] != nil || local == "decimal" { return Decimal(string: literal.lexicalForm).map(Number.exact) }
        guard local == "double" || local == "float" else { return nil }
        switch literal.lexicalForm {
        case "INF", "+INF": return .approximate(.infinity)
        case "-INF": return .approximate(-.infinity)
        case "NaN": return .approximate(.nan)
        default: return Double(literal.lexicalForm).map(Number.approximate)
        }
    }

    private static func digits(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }

    private static func unsigned(_ text: String) -> Substring {
        if let first = text.first, first == "+" || first == "-" { return text.dropFirst() }
        return Substring(text)
    }

    private static func isInteger(_ text: String) -> Bool { digits(unsigned(text)) }

    private static func isDecimal(_ text: String) -> Bool {
        let body = unsigned(text)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1 { return digits(parts[0]) }
        return (digits(parts[0]) || parts[0].isEmpty) && (digits(parts[1]) || parts[1].isEmpty) && !(parts[0].isEmpty && parts[1].isEmpty)
    }

    private static func isFloatingPoint(_ text: String) -> Bool {
        if ["INF", "+INF", "-INF", "NaN"].contains(text) { return true }
        let parts = text.split(whereSeparator: { $0 == "e" || $0 == "E" })
        guard (1...2).contains(parts.count), !text.hasSuffix("e"), !text.hasSuffix("E"), isDecimal(String(parts[0])) else { return false }
        return parts.count == 1 || isInteger(String(parts[1]))
    }

    /// Splits a trailing time zone (Z, +hh:mm, -hh:mm) off a date or time.
    private static func withoutTimeZone(_ text: Substring) -> Substring? {
        if text.hasSuffix("Z") { return text.dropLast() }
        let tail = text.suffix(6)
        if tail.count == 6, tail.first == "+" || tail.first == "-", tail.dropFirst(3).first == ":",
           digits(tail.dropFirst().prefix(2)), digits(tail.suffix(2)) {
            return text.dropLast(6)
        }
        return text
    }

    private static func isYear(_ text: String) -> Bool {
        guard let body = withoutTimeZone(Substring(text)) else { return false }
        let year = body.hasPrefix("-") ? body.dropFirst() : body
        return year.count >= 4 && digits(year)
    }

    private static func isDatePart(_ text: Substring) -> Bool {
        let body = text.hasPrefix("-") ? text.dropFirst() : text
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count >= 4, digits(parts[0]), parts[1].count == 2, parts[2].count == 2,
              let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    private static func isDate(_ text: String) -> Bool {
        guard let body = withoutTimeZone(Substring(text)) else { return false }
        return isDatePart(body)
    }

    private static func isDateTime(_ text: String) -> Bool {
        guard let body = withoutTimeZone(Substring(text)) else { return false }
        let halves = body.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2, isDatePart(halves[0]) else { return false }
        let time = halves[1].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let clock = time[0].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && digits($0) }),
              let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
              hour <= 24, minute <= 59, second <= 59 else { return false }
        return time.count == 1 || digits(time[1])
    }
}
