import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only bytes: a memory-mapped file, or a copy held in memory.
final class LexiconBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let isMapped: Bool

    /// Maps a whole file read-only; nil when it cannot be opened, is empty or cannot be mapped.
    init?(mapping path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0, let size = Int(exactly: info.st_size) else { return nil }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              address != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        isMapped = true
    }

    init(copying source: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: 8)
        source.withUnsafeBytes { memory.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: memory[0..<source.count])
        isMapped = false
    }

    deinit {
        if isMapped {
            if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        } else {
            UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
        }
    }
}

/// A lexicon compiled to one flat, position-independent buffer, read in place.
///
/// Layout (little-endian `UInt32`s after a fixed header; see `CompiledLexicon.compile`):
/// header (magic `KGLEXBIN`, format version, content key, payload checksum, counts), then
/// token string offsets (tokens sorted by `String` order, so a token's id is its rank), per-node
/// edge starts, edge tokens, edge children (each node's edges sorted by token), per-node hit
/// starts, hit entries, hit surface-form offsets and lengths (top bit: common noun), per-entry
/// record starts, class-name offsets, the entry records, and the string bytes.
///
/// Opening checks the header, the checksum and every offset, so a truncated, corrupt or foreign
/// file is refused (nil) rather than read; accessors still clamp every read.
final class CompiledLexicon: @unchecked Sendable {
    static let magic: [UInt8] = Array("KGLEXBIN".utf8)
    static let formatVersion: UInt32 = 1
    static let headerSize = 72
    static let keySize = 16
    private static let noString: UInt32 = 0xFFFF_FFFF
    private static let commonNounBit: UInt32 = 0x8000_0000

    private let storage: LexiconBytes
    private var bytes: UnsafeRawBufferPointer { storage.bytes }

    let entryCount: Int
    let nodeCount: Int
    let tokenCount: Int
    let edgeCount: Int
    let hitCount: Int
    let classCount: Int
    let entryWordCount: Int
    let stringByteCount: Int

    // Byte offsets of the sections.
    private let tokenOffsets: Int, edgeStarts: Int, edgeTokens: Int, edgeChildren: Int
    private let hitStarts: Int, hitEntries: Int, hitFormOffsets: Int, hitFormLengths: Int
    private let entryStarts: Int, classOffsets: Int, entryWords: Int, strings: Int
    /// Every token by its text, built once at load: a hash look-up instead of a binary search of
    /// string comparisons for each word of every document.
    private var idOfToken: [String: Int32] = [:]
    /// The root's child for each token id (-1: none), built once at load: every word of every
    /// document starts a walk at the root, whose edge list is the longest by far.
    private var rootChild: [Int32] = []

    /// The compiled lexicon in `storage`, or nil when it is not a valid compiled lexicon for `key`.
    init?(storage: LexiconBytes, key: [UInt8]) {
        let bytes = storage.bytes
        guard bytes.count >= Self.headerSize, key.count == Self.keySize,
              bytes.prefix(8).elementsEqual(Self.magic),
              Self.read(bytes, 8) == Self.formatVersion,
              bytes[16..<32].elementsEqual(key) else { return nil }
        let checksum = UInt64(Self.read(bytes, 32)) | UInt64(Self.read(bytes, 36)) << 32
        var counts: [Int] = []
        for index in 0..<8 { counts.append(Int(Self.read(bytes, 40 + 4 * index))) }
        (entryCount, nodeCount, tokenCount, edgeCount, hitCount, classCount, entryWordCount, stringByteCount)
            = (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7])
        guard nodeCount >= 1 else { return nil }
        var offset = Self.headerSize
        func section(_ words: Int) -> Int { defer { offset += 4 * words }; return offset }
        tokenOffsets = section(tokenCount + 1)
        edgeStarts = section(nodeCount + 1)
        edgeTokens = section(edgeCount)
        edgeChildren = section(edgeCount)
        hitStarts = section(nodeCount + 1)
        hitEntries = section(hitCount)
        hitFormOffsets = section(hitCount)
        hitFormLengths = section(hitCount)
        entryStarts = section(entryCount + 1)
        classOffsets = section(classCount + 1)
        entryWords = section(entryWordCount)
        strings = offset
        guard offset + stringByteCount == bytes.count else { return nil }
        guard LexiconHasher.checksum(UnsafeRawBufferPointer(rebasing: bytes[Self.headerSize...])) == checksum else { return nil }
        self.storage = storage
        guard isValid() else { return nil }
        idOfToken.reserveCapacity(tokenCount)
        for index in 0..<tokenCount {
            let start = word(tokenOffsets, index), end = word(tokenOffsets, index + 1)
            // Tokens are distinct under `String` equality; should two ever compare equal, the first
            // (as the binary search would find one of them) is kept.
            let text = string(start, end - start)
            if idOfToken[text] == nil { idOfToken[text] = Int32(index) }
        }
        rootChild = [Int32](repeating: -1, count: tokenCount)
        let root = Int(TokenTrie.root)
        for edge in word(edgeStarts, root)..<word(edgeStarts, root + 1) {
            rootChild[word(edgeTokens, edge)] = Int32(truncatingIfNeeded: word(edgeChildren, edge))
        }
    }

    private static func read(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always) private func word(_ section: Int, _ index: Int) -> Int {
        Int(Self.read(bytes, section + 4 * index))
    }

    /// Every offset table is non-decreasing and ends inside its target, and every id and string
    /// reference is in range, so no read below goes astray.
    private func isValid() -> Bool {
        func isTable(_ section: Int, count: Int, end: Int, exactEnd: Bool) -> Bool {
            guard word(section, 0) == 0 || !exactEnd else { return false }
            var previous = 0
            for index in 0...count {
                let value = word(section, index)
                if value < previous { return false }
                previous = value
            }
            return exactEnd ? previous == end : previous <= end
        }
        guard isTable(tokenOffsets, count: tokenCount, end: stringByteCount, exactEnd: false),
              isTable(edgeStarts, count: nodeCount, end: edgeCount, exactEnd: true),
              isTable(hitStarts, count: nodeCount, end: hitCount, exactEnd: true),
              isTable(entryStarts, count: entryCount, end: entryWordCount, exactEnd: true),
              isTable(classOffsets, count: classCount, end: stringByteCount, exactEnd: false) else { return false }
        for index in 0..<edgeCount where word(edgeTokens, index) >= tokenCount || word(edgeChildren, index) >= nodeCount { return false }
        for index in 0..<hitCount {
            if word(hitEntries, index) >= entryCount { return false }
            let length = word(hitFormLengths, index) & Int(~Self.commonNounBit)
            if word(hitFormOffsets, index) + length > stringByteCount { return false }
        }
        for entry in 0..<entryCount {
            let start = word(entryStarts, entry), end = word(entryStarts, entry + 1)
            guard end - start >= 7, word(entryWords, start) < classCount,
                  isString(start + 1, optional: false), isString(start + 3, optional: true) else { return false }
            let alternatives = word(entryWords, start + 5)
            guard alternatives <= (end - start - 7) / 2 else { return false }
            let extraIndex = start + 6 + 2 * alternatives
            let extras = word(entryWords, extraIndex)
            guard 7 + 2 * alternatives + 4 * extras == end - start else { return false }
            for index in 0..<alternatives where !isString(start + 6 + 2 * index, optional: false) { return false }
            for index in 0..<(2 * extras) where !isString(extraIndex + 1 + 2 * index, optional: false) { return false }
        }
        return true
    }

    private func isString(_ wordIndex: Int, optional: Bool) -> Bool {
        let offset = word(entryWords, wordIndex), length = word(entryWords, wordIndex + 1)
        if optional && offset == Int(Self.noString) { return true }
        return offset + length <= stringByteCount
    }

    private func string(_ offset: Int, _ length: Int) -> String {
        let start = strings + offset
        guard let base = bytes.baseAddress, offset >= 0, length >= 0, start + length <= bytes.count else { return "" }
        return String(decoding: UnsafeBufferPointer(start: (base + start).assumingMemoryBound(to: UInt8.self), count: length), as: UTF8.self)
    }

    private func entryString(_ wordIndex: Int) -> String {
        string(word(entryWords, wordIndex), word(entryWords, wordIndex + 1))
    }

    // MARK: Look-up

    /// The id of a folded token, as `TokenTrie.id(of:)` finds it: equal under `String` equality
    /// (canonical equivalence), looked up in the table built at load.
    func tokenID(of token: String) -> Int32? { idOfToken[token] }

    func child(of node: Int32, token: Int32) -> Int32? {
        let node = Int(node), token = Int(token)
        if node == Int(TokenTrie.root), token >= 0, token < rootChild.count {
            let child = rootChild[token]
            return child >= 0 ? child : nil
        }
        guard node >= 0, node < nodeCount else { return nil }
        var low = word(edgeStarts, node), high = word(edgeStarts, node + 1)
        while low < high {
            let middle = (low + high) / 2
            let value = word(edgeTokens, middle)
            if value == token { return Int32(truncatingIfNeeded: word(edgeChildren, middle)) }
            if value < token { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    func hits(at node: Int32) -> [Lexicon.Hit] {
        let node = Int(node)
        guard node >= 0, node < nodeCount else { return [] }
        let start = word(hitStarts, node), end = word(hitStarts, node + 1)
        guard start < end else { return [] }
        var result: [Lexicon.Hit] = []
        result.reserveCapacity(end - start)
        for index in start..<end {
            let packed = word(hitFormLengths, index)
            result.append(Lexicon.Hit(entry: word(hitEntries, index),
                                      surfaceForm: string(word(hitFormOffsets, index), packed & Int(~Self.commonNounBit)),
                                      isCommonNoun: packed & Int(Self.commonNounBit) != 0))
        }
        return result
    }

    func entry(at index: Int) -> LexiconEntry {
        guard index >= 0, index < entryCount else { return LexiconEntry(label: "", altLabels: [], entityClass: "", wikidata: nil, extra: [:]) }
        let start = word(entryStarts, index)
        let classIndex = word(entryWords, start)
        let entityClass = string(word(classOffsets, classIndex), word(classOffsets, classIndex + 1) - word(classOffsets, classIndex))
        let label = entryString(start + 1)
        let wikidata = word(entryWords, start + 3) == Int(Self.noString) ? nil : entryString(start + 3)
        let alternatives = word(entryWords, start + 5)
        var altLabels: [String] = []
        altLabels.reserveCapacity(alternatives)
        for alternative in 0..<alternatives { altLabels.append(entryString(start + 6 + 2 * alternative)) }
        let extraIndex = start + 6 + 2 * alternatives
        let extras = word(entryWords, extraIndex)
        var extra: [String: String] = [:]
        extra.reserveCapacity(extras)
        for pair in 0..<extras {
            extra[entryString(extraIndex + 1 + 4 * pair)] = entryString(extraIndex + 3 + 4 * pair)
        }
        return LexiconEntry(label: label, altLabels: altLabels, entityClass: entityClass, wikidata: wikidata, extra: extra)
    }

    // MARK: Compiling

    /// The compiled form of an in-memory lexicon, under `key`.
    static func compile(entries: [LexiconEntry], trie: TokenTrie, hitsByNode: [[Lexicon.Hit]], key: [UInt8]) -> [UInt8] {
        var stringBytes: [UInt8] = []
        func addString(_ string: String) -> (UInt32, UInt32) {
            let offset = UInt32(truncatingIfNeeded: stringBytes.count)
            stringBytes.append(contentsOf: string.utf8)
            return (offset, UInt32(truncatingIfNeeded: stringBytes.count) - offset)
        }
        // Tokens in `String` order; a token's compiled id is its rank.
        let tokens = trie.tokenTable.sorted { $0.token < $1.token }
        var rank = [Int32](repeating: 0, count: tokens.count)
        var tokenOffsets: [UInt32] = [0]
        for (index, token) in tokens.enumerated() {
            rank[Int(token.id)] = Int32(index)
            _ = addString(token.token)
            tokenOffsets.append(UInt32(truncatingIfNeeded: stringBytes.count))
        }
        let nodeCount = trie.nodeCount
        let edges = trie.edgeTable.map { (node: $0.node, token: rank[Int($0.token)], child: $0.child) }
            .sorted { ($0.node, $0.token) < ($1.node, $1.token) }
        var edgeStarts = [UInt32](repeating: 0, count: nodeCount + 1)
        for edge in edges { edgeStarts[Int(edge.node) + 1] += 1 }
        for node in 0..<nodeCount { edgeStarts[node + 1] += edgeStarts[node] }
        var hitStarts: [UInt32] = [0], hitEntries: [UInt32] = [], hitFormOffsets: [UInt32] = [], hitFormLengths: [UInt32] = []
        for node in 0..<nodeCount {
            for hit in node < hitsByNode.count ? hitsByNode[node] : [] {
                let (offset, length) = addString(hit.surfaceForm)
                hitEntries.append(UInt32(truncatingIfNeeded: hit.entry))
                hitFormOffsets.append(offset)
                hitFormLengths.append(length | (hit.isCommonNoun ? commonNounBit : 0))
            }
            hitStarts.append(UInt32(truncatingIfNeeded: hitEntries.count))
        }
        // Class names, told apart by their bytes.
        var classIndex: [[UInt8]: UInt32] = [:]
        var entryStarts: [UInt32] = [0], entryWords: [UInt32] = []
        for entry in entries {
            let classKey = Array(entry.entityClass.utf8)
            let entityClass: UInt32
            if let known = classIndex[classKey] {
                entityClass = known
            } else {
                entityClass = UInt32(classIndex.count)
                classIndex[classKey] = entityClass
            }
            entryWords.append(entityClass)
            let label = addString(entry.label)
            entryWords.append(contentsOf: [label.0, label.1])
            if let wikidata = entry.wikidata {
                let reference = addString(wikidata)
                entryWords.append(contentsOf: [reference.0, reference.1])
            } else {
                entryWords.append(contentsOf: [noString, 0])
            }
            entryWords.append(UInt32(entry.altLabels.count))
            for alternative in entry.altLabels {
                let reference = addString(alternative)
                entryWords.append(contentsOf: [reference.0, reference.1])
            }
            entryWords.append(UInt32(entry.extra.count))
            for (name, value) in entry.extra {
                let name = addString(name), value = addString(value)
                entryWords.append(contentsOf: [name.0, name.1, value.0, value.1])
            }
            entryStarts.append(UInt32(truncatingIfNeeded: entryWords.count))
        }
        // Class names, contiguous after every other string: a start table ending in the last end.
        var classStarts: [UInt32] = []
        var classBytes: [UInt8] = []
        let orderedClasses = classIndex.sorted { $0.value < $1.value }
        let classBase = UInt32(truncatingIfNeeded: stringBytes.count)
        for (name, _) in orderedClasses {
            classStarts.append(classBase + UInt32(truncatingIfNeeded: classBytes.count))
            classBytes.append(contentsOf: name)
        }
        classStarts.append(classBase + UInt32(truncatingIfNeeded: classBytes.count))
        stringBytes.append(contentsOf: classBytes)

        var payload: [UInt8] = []
        func append(_ words: [UInt32]) {
            let start = payload.count
            payload.append(contentsOf: repeatElement(0, count: 4 * words.count))
            payload.withUnsafeMutableBytes { raw in
                for (index, value) in words.enumerated() { raw.storeBytes(of: value.littleEndian, toByteOffset: start + 4 * index, as: UInt32.self) }
            }
        }
        append(tokenOffsets)
        append(edgeStarts)
        append(edges.map { UInt32(bitPattern: $0.token) })
        append(edges.map { UInt32(bitPattern: $0.child) })
        append(hitStarts)
        append(hitEntries)
        append(hitFormOffsets)
        append(hitFormLengths)
        append(entryStarts)
        append(classStarts)
        append(entryWords)
        payload.append(contentsOf: stringBytes)

        var file: [UInt8] = magic
        func header(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { file.append(contentsOf: $0) } }
        header(formatVersion)
        header(0)
        file.append(contentsOf: key)
        let checksum = payload.withUnsafeBytes { LexiconHasher.checksum($0) }
        header(UInt32(truncatingIfNeeded: checksum))
        header(UInt32(truncatingIfNeeded: checksum >> 32))
        for count in [entries.count, nodeCount, tokens.count, edges.count, hitEntries.count, classIndex.count, entryWords.count, stringBytes.count] {
            header(UInt32(truncatingIfNeeded: count))
        }
        file.append(contentsOf: payload)
        return file
    }
}
