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
        var ranks = [UInt32](repeating: 0, count: count)
        for (rank, id) in sortedIDs(order).enumerated() { ranks[Int(id)] = UInt32(rank) }
        return ranks
    }

    /// Every id, sorted by `order`.
    func sortedIDs(_ order: TermOrder) -> [TermID] {
        withStorage { bytes, starts -> [TermID] in
            guard let base = bytes.baseAddress, count > 0 else { return [] }
            switch order {
            case .ntriplesBytes:
                // Whole N-Triples forms; distinct terms never tie.
                var keys = [SortKey]()
                keys.reserveCapacity(count)
                for id in 0..<count { keys.append(SortKey(pointer: base + starts[id], length: starts[id + 1] - starts[id], kind: 0)) }
                return keys.withUnsafeBufferPointer { Self.chunkSort($0) { $0 < $1 } }
            case .canonical:
                return canonicalOrder(bytes, starts)
            }
        }
    }

    /// Where one term's sort key lies, and its kind (which sorts first).
    struct SortKey {
        var pointer: UnsafePointer<UInt8>
        var length: Int
        var kind: UInt8
    }

    /// Ids sorted by (kind, key bytes in `memcmp` order, shorter first), `tie` ordering ids whose
    /// keys are equal. A most-significant-digit sort with 8-byte digits: each pass sorts integers,
    /// and only the groups still equal go on to the next 8 bytes, so long shared prefixes
    /// (`<http://example.org/entity/…`) cost integer compares instead of a `memcmp` per compare.
    static func chunkSort(_ keys: UnsafeBufferPointer<SortKey>, tie: (TermID, TermID) -> Bool) -> [TermID] {
        let count = keys.count
        var ids = (0..<count).map { TermID($0) }
        // The first digits of every key, made in id order (the table's bytes in storage order),
        // so the passes read one array instead of chasing each key's bytes across memory.
        var cache = [UInt64](repeating: 0, count: count * Self.cachedLevels)
        for id in 0..<count {
            for level in 0..<Self.cachedLevels { cache[id * Self.cachedLevels + level] = Self.digit(keys[id], level) }
        }
        // The (digit, id) pairs of the group being sorted, and the radix sort's second buffer.
        let pairs = UnsafeMutableBufferPointer<(UInt64, TermID)>.allocate(capacity: 2 * count)
        defer { pairs.deallocate() }
        pairs.initialize(repeating: (0, 0))
        return withoutActuallyEscaping(tie) { tie in
            ids.withUnsafeMutableBufferPointer { ids in
                cache.withUnsafeBufferPointer { cache in
                    let sorter = GroupSorter(keys: keys, ids: ids, cache: cache, scratch: UnsafeMutableBufferPointer(rebasing: pairs[0..<count]),
                                             spare: UnsafeMutableBufferPointer(rebasing: pairs[count...]), tie: tie)
                    // The first digit sorts everything; the groups it leaves equal are independent
                    // (each owns its range of every buffer), so a large table sorts them on two
                    // threads, each taking groups of about half the terms.
                    var groups: [Group] = []
                    sorter.sort(Group(start: 0, end: count, level: 0), into: &groups)
                    guard count >= 1 << 16, groups.count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else {
                        while let group = groups.popLast() { sorter.sort(group, into: &groups) }
                        return
                    }
                    var halves: [[Group]] = [[], []]
                    var sizes = [0, 0]
                    for group in groups.sorted(by: { $0.end - $0.start > $1.end - $1.start }) {
                        let lighter = sizes[0] <= sizes[1] ? 0 : 1
                        halves[lighter].append(group)
                        sizes[lighter] += group.end - group.start
                    }
                    let shared = UncheckedSendable((sorter, halves))
                    DispatchQueue.concurrentPerform(iterations: 2) { half in
                        let (sorter, halves) = shared.value
                        var work = halves[half]
                        while let group = work.popLast() { sorter.sort(group, into: &work) }
                    }
                }
            }
            return ids
        }
    }

    private static let cachedLevels = 3

    /// The 8-byte digit at `level`: level 0 is the kind and the first 7 bytes, level n ≥ 1 the 8
    /// bytes from 7 + 8(n - 1), zero-padded.
    @inline(__always)
    fileprivate static func digit(_ key: SortKey, _ level: Int) -> UInt64 {
        let offset = level == 0 ? 0 : 7 + 8 * (level - 1)
        let width = level == 0 ? 7 : 8
        if offset + 8 <= key.length {
            let word = UInt64(bigEndian: UnsafeRawPointer(key.pointer + offset).loadUnaligned(as: UInt64.self))
            return level == 0 ? UInt64(key.kind) << 56 | word >> 8 : word
        }
        var value: UInt64 = level == 0 ? UInt64(key.kind) : 0
        var index = 0
        while index < width {
            value <<= 8
            if offset + index < key.length { value |= UInt64(key.pointer[offset + index]) }
            index += 1
        }
        return value
    }

    /// A range of ids whose keys are equal before digit `level`.
    fileprivate struct Group {
        var start: Int
        var end: Int
        var level: Int
    }

    /// Sorts one group by its digit and hands back the groups still equal after it. Sorting two
    /// groups at once is safe: each touches only its own range of `ids`, `scratch` and `spare`.
    fileprivate struct GroupSorter {
        let keys: UnsafeBufferPointer<SortKey>
        let ids: UnsafeMutableBufferPointer<TermID>
        let cache: UnsafeBufferPointer<UInt64>
        let scratch: UnsafeMutableBufferPointer<(UInt64, TermID)>
        let spare: UnsafeMutableBufferPointer<(UInt64, TermID)>
        let tie: (TermID, TermID) -> Bool

        @inline(__always) func end(_ level: Int) -> Int { level == 0 ? 7 : 7 + 8 * level }

        func sort(_ group: Group, into work: inout [Group]) {
            let (start, stop, level) = (group.start, group.end, group.level)
            if level < TermTable.cachedLevels {
                for index in start..<stop { scratch[index] = (cache[Int(ids[index]) * TermTable.cachedLevels + level], ids[index]) }
            } else {
                for index in start..<stop { scratch[index] = (TermTable.digit(keys[Int(ids[index])], level), ids[index]) }
            }
            TermTable.sortByDigit(UnsafeMutableBufferPointer(rebasing: scratch[start..<stop]),
                                  spare: UnsafeMutableBufferPointer(rebasing: spare[start..<stop]))
            var run = start
            while run < stop {
                var runEnd = run + 1
                while runEnd < stop, scratch[runEnd].0 == scratch[run].0 { runEnd += 1 }
                for index in run..<runEnd { ids[index] = scratch[index].1 }
                if runEnd - run > 1 {
                    // Equal digits: keys that end within them are equal up to their length and
                    // are prefixes of the others, so they come first (shorter first, then
                    // `tie`); the rest go on to the next digit.
                    var endedCount = 0
                    for index in run..<runEnd where keys[Int(ids[index])].length <= end(level) { endedCount += 1 }
                    if endedCount > 0 {
                        var ended: [TermID] = [], going: [TermID] = []
                        for index in run..<runEnd {
                            let id = ids[index]
                            if keys[Int(id)].length <= end(level) { ended.append(id) } else { going.append(id) }
                        }
                        ended.sort { keys[Int($0)].length != keys[Int($1)].length ? keys[Int($0)].length < keys[Int($1)].length : tie($0, $1) }
                        for (offset, id) in (ended + going).enumerated() { ids[run + offset] = id }
                    }
                    if runEnd - run - endedCount > 1 { work.append(Group(start: run + endedCount, end: runEnd, level: level + 1)) }
                }
                run = runEnd
            }
        }
    }

    /// Sorts `items` by their digit (the ids' order among equal digits does not matter): a
    /// least-significant-byte radix sort through `spare` (same size), skipping the bytes all
    /// digits share, or a comparison sort for few items.
    fileprivate static func sortByDigit(_ items: UnsafeMutableBufferPointer<(UInt64, TermID)>,
                                    spare: UnsafeMutableBufferPointer<(UInt64, TermID)>) {
        let count = items.count
        if count < 256 {
            var sortable = items
            sortable.sort { $0.0 < $1.0 }
            return
        }
        // The eight histograms live in an array: with `withUnsafeTemporaryAllocation` (stack)
        // instead, the Swift 6.3 release build crashed in `chunkSort` on a call through a
        // clobbered pointer, though debug builds with checked indices ran clean.
        var counts = [Int](repeating: 0, count: 8 * 256)
        for item in items {
            var digit = item.0
            for byte in 0..<8 {
                counts[byte << 8 | Int(digit & 0xFF)] += 1
                digit >>= 8
            }
        }
        var source = items, target = spare
        for byte in 0..<8 {
            let base = byte << 8
            // A byte every digit shares leaves the order as it is.
            if counts[base + Int((items[0].0 >> (8 * byte)) & 0xFF)] == count { continue }
            var offset = 0
            for bucket in base..<(base + 256) {
                let size = counts[bucket]
                counts[bucket] = offset
                offset += size
            }
            for item in source {
                let bucket = base + Int((item.0 >> (8 * byte)) & 0xFF)
                target[counts[bucket]] = item
                counts[bucket] += 1
            }
            swap(&source, &target)
        }
        if source.baseAddress != items.baseAddress {
            for index in 0..<count { items[index] = source[index] }
        }
    }

    /// Sorts ids by `Term.<` working on the N-Triples bytes: the byte order of an unescaped value
    /// is its code point order, so only terms with escapes (rare) are decoded for their key.
    private func canonicalOrder(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>) -> [TermID] {
        guard let base = bytes.baseAddress else { return [] }
        // Each term's sort key: the IRI, the blank node label, or the literal's lexical form, in
        // the table's bytes, or in `decoded` when the form has escapes.
        var keys = [SortKey]()
        keys.reserveCapacity(count)
        var decodedRanges: [(id: Int, start: Int, end: Int)] = []
        var decoded: [UInt8] = []
        for id in 0..<count {
            let start = starts[id], end = starts[id + 1]
            var keyFrom = start, keyTo = end
            let kind: UInt8
            switch bytes[start] {
            case UInt8(ascii: "<"):
                kind = 0
                keyFrom = start + 1
                keyTo = end - 1
            case UInt8(ascii: "_"):
                kind = 1
                keyFrom = start + 2
            default:
                kind = 2
                var close = end - 1
                while close > start, bytes[close] != UInt8(ascii: "\"") { close -= 1 }
                keyFrom = start + 1
                keyTo = close
            }
            let key = UnsafeBufferPointer(rebasing: bytes[keyFrom..<keyTo])
            if kind != 1, key.contains(UInt8(ascii: "\\")) {
                let value = TermDecoder.unescaped(key)
                decodedRanges.append((id, decoded.count, decoded.count + value.utf8.count))
                decoded.append(contentsOf: value.utf8)
            }
            keys.append(SortKey(pointer: base + keyFrom, length: keyTo - keyFrom, kind: kind))
        }
        return decoded.withUnsafeBufferPointer { decodedBuffer in
            if let decodedBase = decodedBuffer.baseAddress {
                for range in decodedRanges {
                    keys[range.id].pointer = decodedBase + range.start
                    keys[range.id].length = range.end - range.start
                }
            }
            // Same kind and key: only literals can tie (same lexical form).
            return keys.withUnsafeBufferPointer { Self.chunkSort($0) { literalSuffixPrecedes(bytes, starts, Int($0), Int($1)) } }
        }
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

/// A value handed to the threads of `concurrentPerform` that only read it, or write disjoint parts
/// of the memory it points to (see ``TermTable/GroupSorter``).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
