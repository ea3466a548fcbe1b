/// One entry of a lexicon file: a name of something of a known class.
public struct LexiconEntry: Hashable, Sendable {
    public let label: String
    public let altLabels: [String]
    public let entityClass: String
    /// Wikidata Q-id, when the source has one.
    public let wikidata: String?
    /// `key=value` pairs from the file's `extra` column (e.g. `country=CN;parent=China`).
    public let extra: [String: String]

    public init(label: String, altLabels: [String], entityClass: String, wikidata: String?, extra: [String: String]) {
        self.label = label
        self.altLabels = altLabels
        self.entityClass = entityClass
        self.wikidata = wikidata
        self.extra = extra
    }
}

/// A lexicon match: which entry, through which of its surface forms, over which tokens.
public struct LexiconMatch: Hashable, Sendable {
    public let entry: Int
    /// Token index range (half-open) in the token array given to `matches`.
    public let tokens: Range<Int>
    public let surfaceForm: String
}

/// The entries of a lexicon, by index: an array, or a compiled lexicon decoding one entry per access.
public struct LexiconEntries: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([LexiconEntry])
        case compiled(CompiledLexicon)
    }

    let storage: Storage

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .array(let entries): entries.count
        case .compiled(let compiled): compiled.entryCount
        }
    }

    public subscript(position: Int) -> LexiconEntry {
        switch storage {
        case .array(let entries):
            return entries[position]
        case .compiled(let compiled):
            // An array traps on an index out of range; so does this.
            precondition(position >= 0 && position < compiled.entryCount, "Index out of range")
            return compiled.entry(at: position)
        }
    }
}

/// Every lexicon entry of every file, with a token trie for longest-match lookup. Built in memory
/// (`init(entries:)`, `add`), or read in place from a compiled lexicon (see `LexiconCache`).
public struct Lexicon: Sendable {
    private var builtEntries: [LexiconEntry] = []
    /// When set, the whole lexicon (entries, trie and hits) lives here and the fields above are empty.
    private var compiled: CompiledLexicon?
    private var trie = TokenTrie()
    /// The surface forms ending at each trie node, by node id, in entry order.
    private var hitsByNode: [[Hit]] = [[]]

    struct Hit: Hashable, Sendable {
        let entry: Int
        let surfaceForm: String
        /// Common nouns match in any case; other names only in their own case (see `accepts`).
        let isCommonNoun: Bool
    }

    public init() {}

    init(compiled: CompiledLexicon) {
        self.compiled = compiled
    }

    public var entries: LexiconEntries {
        if let compiled { return LexiconEntries(storage: .compiled(compiled)) }
        return LexiconEntries(storage: .array(builtEntries))
    }

    /// Whether the lexicon is read from a compiled buffer (rather than built in memory).
    var isCompiled: Bool { compiled != nil }

    /// The compiled form of an in-memory lexicon, under `key` (see `LexiconCache`).
    func compiledBytes(key: [UInt8]) -> [UInt8] {
        CompiledLexicon.compile(entries: builtEntries, trie: trie, hitsByNode: hitsByNode, key: key)
    }

    /// A compiled lexicon turns into an in-memory one before it grows.
    private mutating func materialize() {
        guard let compiled else { return }
        self = Lexicon(entries: Array(LexiconEntries(storage: .compiled(compiled))))
    }

    public init(entries: [LexiconEntry]) {
        reserveCapacity(entries.count)
        for entry in entries { add(entry) }
    }

    public var isEmpty: Bool { compiled.map { $0.entryCount == 0 } ?? builtEntries.isEmpty }

    /// Room for about `count` more entries, so building a large lexicon does not keep regrowing its tables.
    public mutating func reserveCapacity(_ count: Int) {
        materialize()
        builtEntries.reserveCapacity(builtEntries.count + count)
        // An entry has about two and a half surface forms of about three tokens each (with plurals).
        trie.reserveCapacity(tokens: count * 8)
        hitsByNode.reserveCapacity(hitsByNode.count + count * 8)
    }

    /// Adds an entry under its label and each alternative label.
    public mutating func add(_ entry: LexiconEntry) {
        materialize()
        let index = builtEntries.count
        builtEntries.append(entry)
        addForm(entry.label, entry: index)
        for form in entry.altLabels { addForm(form, entry: index) }
    }

    private mutating func addForm(_ form: String, entry: Int) {
        guard !form.isEmpty else { return }
        let spelling = Self.spelling(of: form)
        insert(form, isCommonNoun: spelling.isCommonNoun, entry: entry)
        if let plural = spelling.plural { insert(plural, isCommonNoun: Self.isCommonNoun(plural), entry: entry) }
    }

    private mutating func insert(_ form: String, isCommonNoun: Bool, entry: Int) {
        // The path of the form's folded tokens, interned as they are read.
        var node = TokenTrie.root
        var tokenCount = 0
        var bytes = form
        let isASCII = bytes.withUTF8 { bytes -> Bool in
            guard WordTokenizer.isASCII(bytes) else { return false }
            WordTokenizer.forEachASCIIWord(in: bytes) { start, end in
                let key = WordTokenizer.asciiString(bytes, start, end, lowercasing: true)
                node = trie.child(of: node, addingToken: trie.intern(key))
                tokenCount += 1
            }
            return true
        }
        if !isASCII {
            for key in WordTokenizer.foldedWords(form) {
                node = trie.child(of: node, addingToken: trie.intern(key))
                tokenCount += 1
            }
        }
        guard tokenCount > 0 else { return }
        let end = Int(node)
        while hitsByNode.count < trie.nodeCount { hitsByNode.append([]) }
        let hit = Hit(entry: entry, surfaceForm: form, isCommonNoun: isCommonNoun)
        // Entries are added in order, so an equal hit can only be among the last ones of this node.
        var last = hitsByNode[end].count - 1
        while last >= 0, hitsByNode[end][last].entry == entry {
            if hitsByNode[end][last] == hit { return }
            last -= 1
        }
        hitsByNode[end].append(hit)
    }

    /// Longest matches, left to right, that do not overlap. Several entries can share one span
    /// (a name in two lexicons): all are returned, in entry order.
    public func matches(in tokens: [String]) -> [LexiconMatch] {
        // Each token is folded and looked up once; a token the lexicon never saw ends every path.
        matches(in: tokens, ids: tokens.map { tokenID(ofFolded: WordTokenizer.fold($0)) })
    }

    /// The id of a folded token (`WordTokenizer.fold`), or nil when no lexicon name holds it. A
    /// caller matching many sentences can look each distinct word up once and pass the ids.
    public func tokenID(ofFolded token: String) -> Int32? {
        if let compiled { return compiled.tokenID(of: token) }
        return trie.id(of: token)
    }

    /// `matches(in:)` with each token's id (`tokenID(ofFolded:)`) given.
    public func matches(in tokens: [String], ids: [Int32?]) -> [LexiconMatch] {
        if let compiled {
            return Self.matches(in: tokens, ids: ids, child: compiled.child(of:token:), hits: compiled.hits(at:))
        }
        return Self.matches(in: tokens, ids: ids, child: { trie.child(of: $0, token: $1) }, hits: { hitsByNode[Int($0)] })
    }

    /// `matches(in:ids:)` over either form of the trie: edges and the hits of a node.
    private static func matches(in tokens: [String], ids: [Int32?], child: (Int32, Int32) -> Int32?, hits: (Int32) -> [Hit]) -> [LexiconMatch] {
        var results: [LexiconMatch] = []
        var start = 0
        while start < tokens.count {
            var node = TokenTrie.root
            var best: (end: Int, hits: [Hit])?
            var position = start
            while position < tokens.count, let token = ids[position], let next = child(node, token) {
                node = next
                position += 1
                let accepted = hits(node).filter { Self.accepts($0, surface: tokens[start..<position]) }
                if !accepted.isEmpty { best = (position, accepted) }
            }
            if let best {
                for hit in best.hits.sorted(by: { $0.entry < $1.entry }) {
                    results.append(LexiconMatch(entry: hit.entry, tokens: start..<best.end, surfaceForm: hit.surfaceForm))
                }
                start = best.end
            } else {
                start += 1
            }
        }
        return results
    }

    /// Whether the tokens a hit's path matched (equal to the hit's tokens when folded) are written
    /// in a case the hit allows.
    static func accepts(_ hit: Hit, surface: ArraySlice<String>) -> Bool {
        if hit.isCommonNoun { return true }
        let exact = WordTokenizer.words(hit.surfaceForm).map(WordTokenizer.foldingPunctuation)
        // Case matters here, curly apostrophes and hyphen variants do not ("Gaucher’s disease").
        let surface = surface.map(WordTokenizer.foldingPunctuation)
        // A sentence may capitalise a name's lower-case first word ("Wet AMD is …").
        return surface == exact || surface == exact.map { $0.uppercased() } || surface == capitalisingFirst(exact)
            || isTitleCaseSymbol(surface, of: exact)
    }
}

extension LexiconEntry {
    /// The compact identifier of this entry in a public authority, from its Wikidata column or
    /// the source identifier in `extra`: `wikidata:Q42`, `CL:0000057`, `MONDO:0005015`,
    /// `NCBITaxon:10090`, `EFO:0009922`, `ncbigene:5460`, `geonames:2643743`; nil when the source
    /// gives none.
    public var authorityLink: String? {
        if let wikidata, !wikidata.isEmpty { return "wikidata:" + wikidata }
        for key in ["cl", "mondo", "ncbitaxon", "efo"] {
            if let value = extra[key], value.contains(":") { return value }
        }
        if let entrez = extra["entrez"], !entrez.isEmpty { return "ncbigene:" + entrez }
        if let geonames = extra["geonames"], !geonames.isEmpty { return "geonames:" + geonames }
        return nil
    }
}
