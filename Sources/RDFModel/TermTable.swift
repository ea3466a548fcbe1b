import Foundation

/// The number a ``TermTable`` gives one distinct term.
public typealias TermID = UInt32

/// The kind of an interned term; the raw values follow the canonical term order (IRIs, then blank
/// nodes, then literals).
public enum TermKind: UInt8, Sendable {
    case iri = 0
    case blank = 1
    case literal = 2
}

/// Every distinct term of one run, each stored once as its canonical N-Triples bytes and named by a
/// dense `TermID` (0, 1, 2, … in order of first insertion).
///
/// Statements then are four integers (``InternedStatement``): hashing, comparing and moving them
/// touches no string and no reference count. The canonical N-Triples form is unique per term, so
/// two ids are equal exactly when their terms are. Ids depend on insertion order, so anything
/// written out is ordered by ``ranks(_:)``, never by id.
public struct TermTable: Sendable {
    /// The canonical N-Triples bytes of every term, back to back.
    private var storage: [UInt8] = []
    /// `starts[id]..<starts[id + 1]` is the term's slice of `storage`.
    private var starts: [Int] = [0]
    /// Open-addressing index from bytes to id: 0 is an empty slot, otherwise the low 32 bits of
    /// the term's hash above id + 1 (a term's bytes are never empty, so neither is its slot).
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)
    /// Scratch space for formatting a `Term` before interning it.
    private var scratch: [UInt8] = []

    public init() {}

    /// The number of distinct terms.
    public var count: Int { starts.count - 1 }

    /// Total bytes of all terms' N-Triples forms.
    public var byteCount: Int { storage.count }

    /// The id of the term whose canonical N-Triples form is `bytes`, adding it when new.
    /// The caller guarantees `bytes` is a valid, canonical N-Triples term (readers check before
    /// interning); use ``intern(_:)-(Term)`` for anything else.
    public mutating func intern(ntriples bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        let hash = Self.hash(bytes)
        let tag = UInt64(truncatingIfNeeded: hash) << 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash & 0xFFFF_FFFF) & mask
        // A slot holds the hash's low 32 bits above id + 1, so most mismatches are told apart
        // without touching the term's bytes, and growing needs no hashing (the slot comes from them).
        let found: TermID? = storage.withUnsafeBufferPointer { storage in
            starts.withUnsafeBufferPointer { starts in
                slots.withUnsafeBufferPointer { slots in
                    while true {
                        let entry = slots[slot]
                        if entry == 0 { return nil }
                        if entry & 0xFFFF_FFFF_0000_0000 == tag {
                            let id = Int(entry & 0xFFFF_FFFF) - 1
                            let start = starts[id], length = starts[id + 1] - start
                            if length == bytes.count, let stored = storage.baseAddress, let given = bytes.baseAddress,
                               memcmp(stored + start, given, length) == 0 {
                                return TermID(id)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if let found { return found }
        let id = TermID(count)
        storage.append(contentsOf: bytes)
        starts.append(storage.count)
        slots[slot] = tag | UInt64(id + 1)
        // Keep the index at most half full, so probes stay short.
        if count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `term`, adding it when new.
    public mutating func intern(_ term: Term) -> TermID {
        var buffer = scratch
        scratch = []
        buffer.removeAll(keepingCapacity: true)
        NTriplesFormatter.appendBytes(term, to: &buffer)
        let id = buffer.withUnsafeBufferPointer { intern(ntriples: $0) }
        scratch = buffer
        return id
    }

    /// The id of `term` when it is in the table.
    public func id(of term: Term) -> TermID? {
        var buffer: [UInt8] = []
        NTriplesFormatter.appendBytes(term, to: &buffer)
        return buffer.withUnsafeBufferPointer { bytes -> TermID? in
            let hash = Self.hash(bytes)
            var slot = Int(truncatingIfNeeded: hash & 0xFFFF_FFFF) & (slots.count - 1)
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                let id = TermID(entry & 0xFFFF_FFFF) - 1
                if withBytes(of: id, { $0.elementsEqual(bytes) }) { return id }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
    }

    /// Makes room for about `terms` terms of `bytes` bytes in all, so reading a large document
    /// neither copies the table as it grows nor rebuilds the index over and over. Only memory that
    /// gets used is touched, apart from the index.
    public mutating func reserveCapacity(terms: Int, bytes: Int) {
        storage.reserveCapacity(bytes)
        starts.reserveCapacity(terms + 1)
        while slots.count < terms * 2 { grow() }
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }

    /// Calls `body` with the term's canonical N-Triples bytes.
    @inline(__always)
    public func withBytes<R>(of id: TermID, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = starts[Int(id)], end = starts[Int(id) + 1]
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Calls `body` with all terms' bytes and the start offsets (`starts[id]..<starts[id + 1]`).
    public func withStorage<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { bytes in try starts.withUnsafeBufferPointer { try body(bytes, $0) } }
    }

    /// The N-Triples form of the term, as text.
    public func ntriples(_ id: TermID) -> String { withBytes(of: id) { String(decoding: $0, as: UTF8.self) } }

    /// The kind of the term, read from the first byte of its N-Triples form.
    @inline(__always)
    public func kind(of id: TermID) -> TermKind {
        switch storage[starts[Int(id)]] {
        case UInt8(ascii: "<"): .iri
        case UInt8(ascii: "_"): .blank
        default: .literal
        }
    }

    /// The term as a value.
    public func term(_ id: TermID) -> Term {
        var decoder = TermDecoder()
        return withBytes(of: id) { decoder.decode($0) }
    }

    /// Every term as a value, indexed by id (for the code that works on `Term`s).
    public func terms() -> [Term] {
        var decoder = TermDecoder()
        var terms: [Term] = []
        terms.reserveCapacity(count)
        withStorage { bytes, starts in
            for id in 0..<count {
                terms.append(decoder.decode(UnsafeBufferPointer(rebasing: bytes[starts[id]..<starts[id + 1]])))
            }
        }
        return terms
    }

    /// The text of an N-Triples IRI or string body with its escapes (`\\t`, `\\uXXXX`, …) undone.
    public static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String { TermDecoder.unescaped(bytes) }

    /// A 64-bit hash of the bytes, eight at a time. Only the index uses it, never the output order.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        while index + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < raw.count {
            tail |= UInt64(raw[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 29
        hash = hash &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 32)
    }
}

/// Turns canonical N-Triples term bytes (as `NTriplesFormatter` writes them) back into `Term`
/// values. It is total: a table holds only what a reader checked or a `Term` formatted, which may
/// include IRIs a reader would refuse (relative ones made through the API), so nothing is re-checked.
struct TermDecoder {
    /// Recently decoded IRIs and datatypes, so repeated ones share one string.
    private var iris: [Int: IRI] = [:]

    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Term {
        guard let first = bytes.first else { return .literal(Literal("")) }
        switch first {
        case UInt8(ascii: "<"):
            return .iri(iri(UnsafeBufferPointer(rebasing: bytes[1..<max(1, bytes.count - 1)])))
        case UInt8(ascii: "_"):
            return .blank(BlankNode(String(decoding: UnsafeBufferPointer(rebasing: bytes[min(2, bytes.count)...]), as: UTF8.self)))
        default:
            // The closing quote is the last one: a language tag has none, and a datatype IRI's
            // quotes are escaped.
            var close = bytes.count - 1
            while close > 0, bytes[close] != UInt8(ascii: "\"") { close -= 1 }
            let lexical = Self.unescaped(UnsafeBufferPointer(rebasing: bytes[1..<max(1, close)]))
            let suffix = UnsafeBufferPointer(rebasing: bytes[min(close + 1, bytes.count)...])
            if suffix.first == UInt8(ascii: "@") {
                return .literal(Literal(lexical, language: String(decoding: UnsafeBufferPointer(rebasing: suffix[1...]), as: UTF8.self)))
            }
            if suffix.count >= 4, suffix[0] == UInt8(ascii: "^") {
                return .literal(Literal(lexical, datatype: iri(UnsafeBufferPointer(rebasing: suffix[3..<(suffix.count - 1)]))))
            }
            return .literal(Literal(lexical))
        }
    }

    /// The IRI inside `<…>`, shared with earlier equal ones through a small cache.
    private mutating func iri(_ bytes: UnsafeBufferPointer<UInt8>) -> IRI {
        let key = Int(truncatingIfNeeded: TermTable.hash(bytes) & 1023)
        if let cached = iris[key], cached.value.utf8.elementsEqual(bytes) { return cached }
        let made = IRI(Self.unescaped(bytes))
        iris[key] = made
        return made
    }

    /// Undoes N-Triples escapes (`\t`, `\"`, `\uXXXX`, …); bytes without a backslash are copied.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                out.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            switch escaped {
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = escaped == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                var digits = 0
                while digits < width, index + 2 + digits < bytes.count,
                      let digit = hexValue(bytes[index + 2 + digits]) {
                    value = value << 4 | UInt32(digit)
                    digits += 1
                }
                out.append(contentsOf: String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8)
                index += 2 + digits
                continue
            default: out.append(escaped)
            }
            index += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
