import Foundation

/// The two orders terms are written in, computed once per run over the distinct terms so that
/// statements then sort by integer keys.
public enum TermOrder: Sendable {
    /// The order of the terms' N-Triples bytes (`memcmp`): sorting statements by these ranks gives
    /// exactly the byte order of their N-Triples / N-Quads lines.
    case ntriplesBytes
    /// `Term.<`: IRIs, then blank nodes, then literals; each by code points (lexical form, then
    /// datatype, then language for literals). Turtle, TriG and RDF/XML are written in this order.
    case canonical
}

extension TermTable {
    /// `ranks[id]` is the position of term `id` among all the table's terms in `order`.
    public func ranks(_ order: TermOrder) -> [UInt32] {
        var ids = (0..<count).map { TermID($0) }
        switch order {
        case .ntriplesBytes:
            withStorage { bytes, starts in
                let keys = Self.prefixKeys(bytes, starts, count: count) { _ in 0 }
                keys.withUnsafeBufferPointer { keys in
                    ids.sort { left, right in
                        let a = keys[Int(left)], b = keys[Int(right)]
                        if a != b { return a < b }
                        return Self.compare(bytes, starts[Int(left)] + 8, starts[Int(left) + 1],
                                            starts[Int(right)] + 8, starts[Int(right) + 1]) < 0
                    }
                }
            }
        case .canonical:
            ids = canonicalOrder(ids)
        }
        var ranks = [UInt32](repeating: 0, count: count)
        for (rank, id) in ids.enumerated() { ranks[Int(id)] = UInt32(rank) }
        return ranks
    }

    /// The first eight bytes from `skip(id)` on, big-endian, zero-padded: most comparisons end there.
    private static func prefixKeys(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>, count: Int,
                                   skip: (Int) -> Int) -> [UInt64] {
        var keys = [UInt64](repeating: 0, count: count)
        for id in 0..<count {
            var key: UInt64 = 0
            let start = starts[id] + skip(id), end = starts[id + 1]
            for offset in 0..<8 {
                key <<= 8
                if start + offset < end { key |= UInt64(bytes[start + offset]) }
            }
            keys[id] = key
        }
        return keys
    }

    /// `memcmp` order of `bytes[a..<aEnd]` and `bytes[b..<bEnd]` (shorter first on a tie); the
    /// starts may lie past the ends, which then count as empty.
    @inline(__always)
    static func compare(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Int, _ aEnd: Int, _ b: Int, _ bEnd: Int) -> Int {
        let aCount = max(0, aEnd - a), bCount = max(0, bEnd - b)
        let common = min(aCount, bCount)
        if common > 0, let base = bytes.baseAddress {
            let result = memcmp(base + a, base + b, common)
            if result != 0 { return Int(result) }
        }
        return aCount - bCount
    }

    /// Sorts ids by `Term.<` working on the N-Triples bytes: the byte order of an unescaped value
    /// is its code point order, so only terms with escapes (rare) are decoded for their key.
    private func canonicalOrder(_ input: [TermID]) -> [TermID] {
        var ids = input
        // Each term's sort key: the IRI, the blank node label, or the literal's lexical form; as a
        // range of the table's bytes, or (negative start) of `decoded` when the form has escapes.
        var keyStart = [Int](repeating: 0, count: count)
        var keyEnd = [Int](repeating: 0, count: count)
        var kinds = [UInt8](repeating: 0, count: count)
        var decoded: [UInt8] = []
        withStorage { bytes, starts in
            for id in 0..<count {
                let start = starts[id], end = starts[id + 1]
                var keyFrom = start, keyTo = end
                switch bytes[start] {
                case UInt8(ascii: "<"):
                    kinds[id] = 0
                    keyFrom = start + 1
                    keyTo = end - 1
                case UInt8(ascii: "_"):
                    kinds[id] = 1
                    keyFrom = start + 2
                default:
                    kinds[id] = 2
                    var close = end - 1
                    while close > start, bytes[close] != UInt8(ascii: "\"") { close -= 1 }
                    keyFrom = start + 1
                    keyTo = close
                }
                if kinds[id] != 1, UnsafeBufferPointer(rebasing: bytes[keyFrom..<keyTo]).contains(UInt8(ascii: "\\")) {
                    let value = TermDecoder.unescaped(UnsafeBufferPointer(rebasing: bytes[keyFrom..<keyTo]))
                    keyStart[id] = -(decoded.count + 1)
                    decoded.append(contentsOf: value.utf8)
                    keyEnd[id] = decoded.count
                } else {
                    keyStart[id] = keyFrom
                    keyEnd[id] = keyTo
                }
            }
            // One buffer for both sources: the table's bytes, then the decoded keys.
            var all = Array(bytes)
            let offset = all.count
            all.append(contentsOf: decoded)
            for id in 0..<count where keyStart[id] < 0 {
                keyStart[id] = offset + (-keyStart[id] - 1)
                keyEnd[id] += offset
            }
            all.withUnsafeBufferPointer { all in
                var keys = [UInt64](repeating: 0, count: count)
                for id in 0..<count {
                    var key: UInt64 = UInt64(kinds[id]) << 56
                    for offset in 0..<7 {
                        let position = keyStart[id] + offset
                        let byte: UInt64 = position < keyEnd[id] ? UInt64(all[position]) : 0
                        key |= byte << UInt64(48 - 8 * offset)
                    }
                    keys[id] = key
                }
                keyStart.withUnsafeBufferPointer { keyStart in
                    keyEnd.withUnsafeBufferPointer { keyEnd in
                        keys.withUnsafeBufferPointer { keys in
                            ids.sort { left, right in
                                let l = Int(left), r = Int(right)
                                if keys[l] != keys[r] { return keys[l] < keys[r] }
                                let order = Self.compare(all, keyStart[l], keyEnd[l], keyStart[r], keyEnd[r])
                                if order != 0 { return order < 0 }
                                // Same kind and key: only literals can tie (same lexical form).
                                return literalSuffixPrecedes(bytes, starts, l, r)
                            }
                        }
                    }
                }
            }
        }
        return ids
    }

    /// For two literals with the same lexical form: datatype IRI, then language, as `Literal.<`.
    private func literalSuffixPrecedes(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>, _ l: Int, _ r: Int) -> Bool {
        let left = LiteralSuffix(bytes, starts[l], starts[l + 1]), right = LiteralSuffix(bytes, starts[r], starts[r + 1])
        if left.hasEscapes || right.hasEscapes {
            // A datatype IRI with escapes: compare the decoded terms.
            return term(TermID(l)) < term(TermID(r))
        }
        let datatypeOrder = left.withDatatype(bytes) { a in right.withDatatype(bytes) { b in Self.compareBuffers(a, b) } }
        if datatypeOrder != 0 { return datatypeOrder < 0 }
        return Self.compare(bytes, left.languageStart, left.languageEnd, right.languageStart, right.languageEnd) < 0
    }

    private static func compareBuffers(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let left = a.baseAddress, let right = b.baseAddress {
            let result = memcmp(left, right, common)
            if result != 0 { return Int(result) }
        }
        return a.count - b.count
    }
}

/// Where a literal's datatype and language sit in its N-Triples bytes.
private struct LiteralSuffix {
    enum Datatype { case string, langString, iri(Int, Int) }
    var datatype: Datatype = .string
    var languageStart = 0, languageEnd = 0
    var hasEscapes = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var close = end - 1
        while close > start, bytes[close] != UInt8(ascii: "\"") { close -= 1 }
        let suffix = close + 1
        if suffix < end, bytes[suffix] == UInt8(ascii: "@") {
            datatype = .langString
            languageStart = suffix + 1
            languageEnd = end
        } else if suffix + 3 < end {
            datatype = .iri(suffix + 3, end - 1)
            hasEscapes = UnsafeBufferPointer(rebasing: bytes[(suffix + 3)..<(end - 1)]).contains(UInt8(ascii: "\\"))
        }
    }

    static let string = Array(Vocabulary.XSD.string.value.utf8)
    static let langString = Array(Vocabulary.RDF.langString.value.utf8)

    func withDatatype<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch datatype {
        case .string: Self.string.withUnsafeBufferPointer(body)
        case .langString: Self.langString.withUnsafeBufferPointer(body)
        case let .iri(from, to): body(UnsafeBufferPointer(rebasing: bytes[from..<to]))
        }
    }
}
