import Foundation

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

/// Every lexicon entry of every file, with a token trie for longest-match lookup.
public struct Lexicon: Sendable {
    public private(set) var entries: [LexiconEntry] = []
    private var nodes: [TrieNode] = [TrieNode()]

    struct Hit: Hashable, Sendable {
        let entry: Int
        let surfaceForm: String
        /// The exact tokens to require, for names that only match in their own case.
        let exactTokens: [String]?
    }

    struct TrieNode: Sendable {
        var children: [String: Int] = [:]
        var hits: [Hit] = []
    }

    public init() {}

    public init(entries: [LexiconEntry]) {
        for entry in entries { add(entry) }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Adds an entry under its label and each alternative label.
    public mutating func add(_ entry: LexiconEntry) {
        let index = entries.count
        entries.append(entry)
        for form in [entry.label] + entry.altLabels where !form.isEmpty {
            insert(form, entry: index)
            // Lower-case common nouns also match in the plural ("hepatocytes", "stem cells").
            // So do names whose last word is a lower-case noun ("T cell" → "T cells", "NK cells").
            if Self.endsInCommonNoun(form), let plural = Self.plural(of: form) {
                insert(plural, entry: index)
            }
        }
    }

    /// Names written in lower case (common nouns) match in any case; names with capitals
    /// (proper names, symbols, acronyms) match only as written, or fully upper-cased when the
    /// name is a mixed-case symbol (`Oct4` / `OCT4`).
    static func isCommonNoun(_ form: String) -> Bool { form == form.lowercased() }

    static func endsInCommonNoun(_ form: String) -> Bool {
        let words = form.split(separator: " ")
        guard let last = words.last else { return false }
        return isCommonNoun(form) || (words.count > 1 && last == last.lowercased())
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
        guard let last = form.split(separator: " ").last, last.count > 2, last.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        if last.hasSuffix("s") || last.hasSuffix("x") || last.hasSuffix("ch") || last.hasSuffix("sh") { return nil }
        if last.hasSuffix("y"), let before = last.dropLast().last, !"aeiou".contains(before) { return String(form.dropLast()) + "ies" }
        return form + "s"
    }

    private mutating func insert(_ form: String, entry: Int) {
        let tokens = WordTokenizer.words(form)
        guard !tokens.isEmpty else { return }
        var node = 0
        for token in tokens {
            let key = WordTokenizer.fold(token)
            if let next = nodes[node].children[key] {
                node = next
            } else {
                nodes.append(TrieNode())
                nodes[node].children[key] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        let hit = Hit(entry: entry, surfaceForm: form, exactTokens: Self.isCommonNoun(form) ? nil : tokens)
        if !nodes[node].hits.contains(hit) { nodes[node].hits.append(hit) }
    }

    /// Longest matches, left to right, that do not overlap. Several entries can share one span
    /// (a name in two lexicons): all are returned, in entry order.
    public func matches(in tokens: [String]) -> [LexiconMatch] {
        var results: [LexiconMatch] = []
        var start = 0
        while start < tokens.count {
            var node = 0
            var best: (end: Int, hits: [Hit])?
            var position = start
            while position < tokens.count, let next = nodes[node].children[WordTokenizer.fold(tokens[position])] {
                node = next
                position += 1
                let accepted = nodes[node].hits.filter { hit in
                    guard let exact = hit.exactTokens else { return true }
                    let surface = Array(tokens[start..<position])
                    // A sentence may capitalise a name's lower-case first word ("Wet AMD is …").
                    return surface == exact || surface == exact.map { $0.uppercased() } || surface == Self.capitalisingFirst(exact)
                        || Self.isTitleCaseSymbol(surface, of: exact)
                }
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
}

/// Reads lexicon TSV files: `label<TAB>altLabels(|-separated)<TAB>wikidata<TAB>extra`, with a header line.
public enum LexiconReader {
    /// Entries of one file; the class is the file name without extension.
    public static func entries(fromTSV text: String, entityClass: String) -> [LexiconEntry] {
        var result: [LexiconEntry] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            if number == 0 && line.hasPrefix("label\t") { continue }
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard let label = columns.first, !label.isEmpty else { continue }
            let alts = columns.count > 1 ? columns[1].split(separator: "|").map(String.init).filter { !$0.isEmpty } : []
            let wikidata = columns.count > 2 && !columns[2].isEmpty ? columns[2] : nil
            var extra: [String: String] = [:]
            if columns.count > 3 {
                for pair in columns[3].split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    if parts.count == 2 { extra[parts[0]] = parts[1] }
                }
            }
            result.append(LexiconEntry(label: label, altLabels: alts, entityClass: entityClass, wikidata: wikidata, extra: extra))
        }
        return result
    }
}
