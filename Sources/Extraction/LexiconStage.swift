import OntologyModel
import TextAnnotation

/// Finds names the lexicons know, longest match first, in every sentence.
public struct LexiconStage: Stage {
    public let name = "lexicon"
    public let requires: Set<AnnotationLayer> = [.tokens]
    public let assigns: Set<AnnotationLayer> = [.mentions]


    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let rules = context.rules
        let lexicon = context.lexicon
        // A compiled lexicon makes an entry's strings on every access: each entry a candidate
        // names is made once per document.
        var entries = EntryCache(lexicon: lexicon)
        // Each distinct word of the document is looked up in the lexicon once.
        var idOfWord: [String: Int32?] = [:]
        let ids = document.tokens.indices.map { index -> Int32? in
            let folded = document.foldedToken(index)
            if let known = idOfWord[folded] { return known }
            let id = lexicon.tokenID(ofFolded: folded)
            idOfWord[folded] = id
            return id
        }
        let rangesBySentence = document.tokenRangesBySentence
        for (sentenceIndex, tokenRange) in rangesBySentence.enumerated() where !tokenRange.isEmpty {
            let words = tokenRange.map { document.token($0) }
            // A citation line ("Frontiers in Molecular Neuroscience. 2017 Oct 30;10:348") is cut into
            // sentences at the period: the journal test looks at the next sentence's first word too.
            let sentences = document.sentences
            let nextWord = sentenceIndex + 1 < sentences.count && sentences[sentenceIndex + 1].section == sentences[sentenceIndex].section
                ? rangesBySentence[sentenceIndex + 1].first.map { document.token($0) } : nil
            var bySpan: [Range<Int>: [LexiconMatch]] = [:]
            var spans: [Range<Int>] = []
            for match in lexicon.matches(in: words, ids: Array(ids[tokenRange])) {
                if bySpan[match.tokens] == nil { spans.append(match.tokens) }
                bySpan[match.tokens, default: []].append(match)
            }
            // In text order: a journal list and a place chain read what stands before them.
            spans.sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
            var lastJournalEnd: Int?
            var previousPlace: (parents: Set<String>, end: Int)?
            for span in spans {
                guard var candidates = bySpan[span] else { continue }
                if candidates.contains(where: { entries[$0.entry].entityClass == "Journal" }) {
                    if isPublicationContext(span, words: words, nextWord: nextWord, previousJournalEnd: lastJournalEnd, rules: rules) {
                        lastJournalEnd = span.upperBound
                    } else {
                        candidates.removeAll { entries[$0.entry].entityClass == "Journal" }
                    }
                }
                // A small town (`minor=1`) is read only where the text says it is a place: right
                // before ", <its region or country>" ("Marlborough, Massachusetts") or its region
                // ("Bethesda Maryland"), and then over any other reading of the name. ("Born in X" was
                // tried too: it found no town the development set names and cost the hold-out a relation.)
                if candidates.contains(where: { entries[$0.entry].extra["minor"] == "1" }) {
                    // Written in capitals ("NATIONAL UNIVERSITY OF IRELAND GALWAY"), a word is no town.
                    let shouted = words[span].contains { word in word.unicodeScalars.count > 1 && word.unicodeScalars.allSatisfy { !$0.isLowercaseFast } }
                    let following = span.upperBound + 1 < words.count && words[span.upperBound] == ","
                        ? bySpan.first(where: { $0.key.lowerBound == span.upperBound + 1 })?.value ?? [] : []
                    let countries = Set(following.compactMap { match -> String? in
                        let entry = entries[match.entry]
                        return entry.entityClass == "Region" || entry.entityClass == "Country" ? entry.extra["country"] : nil
                    })
                    let followingPlaces = Set(following.compactMap { match -> String? in
                        let entry = entries[match.entry]
                        return entry.entityClass == "Region" || entry.entityClass == "Country" ? entry.label : nil
                    })
                    // "Bethesda Maryland": with no comma, the next name must be the town's own region.
                    let adjacentParents = Set((bySpan.first(where: { $0.key.lowerBound == span.upperBound })?.value ?? []).compactMap { match -> String? in
                        let entry = entries[match.entry]
                        return entry.entityClass == "Region" ? entry.label : nil
                    })
                    // The cities of the name in that country or region, small or not: a larger city
                    // there ("Madison, Wisconsin") is read as every city is, and the towns are left out.
                    let placed = candidates.filter { candidate in
                        let entry = entries[candidate.entry]
                        guard entry.entityClass == "City" else { return false }
                        return entry.extra["country"].map(countries.contains) == true || entry.extra["parent"].map(adjacentParents.contains) == true
                    }
                    if !shouted, !placed.isEmpty, placed.allSatisfy({ entries[$0.entry].extra["minor"] == "1" }) {
                        // The town in the very region named, when one is.
                        let inRegion = placed.filter { entries[$0.entry].extra["parent"].map { followingPlaces.contains($0) || adjacentParents.contains($0) } == true }
                        candidates = inRegion.isEmpty ? placed : inRegion
                    } else {
                        candidates.removeAll { entries[$0.entry].extra["minor"] == "1" }
                    }
                }
                guard var chosen = choose(candidates, entries: &entries, rules: rules) else { continue }
                // "Ottawa, Ontario": after a place and a comma, a reading that the place (any place
                // of that name) lies in, by its lexicon parent, wins over the class priority:
                // Ontario the province, not the city in California.
                if let previous = previousPlace, previous.end + 1 == span.lowerBound, words[previous.end] == ",",
                   let contained = candidates.filter({ candidate in
                       // A lexicon `parent` names a Region or Country row.
                       let entry = entries[candidate.entry]
                       return previous.parents.contains(entry.label) && (entry.entityClass == "Region" || entry.entityClass == "Country")
                   }).min(by: { $0.entry < $1.entry }) {
                    chosen = contained
                }
                let entry = entries[chosen.entry]
                let link = Self.unambiguousLink(chosen, among: candidates, entries: &entries)
                previousPlace = context.ontology.isSubclass(entry.entityClass, of: "Place")
                    ? (Set(candidates.compactMap { entries[$0.entry].extra["parent"] }), span.upperBound) : nil
                let first = tokenRange.lowerBound + span.lowerBound
                let last = tokenRange.lowerBound + span.upperBound - 1
                let range = TextRange(document.tokens[first].range.lowerBound, document.tokens[last].range.upperBound)
                let isProper = chosen.surfaceForm != chosen.surfaceForm.lowercased()
                let provenance = Provenance(
                    document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name,
                    rule: "lexicon:\(entry.entityClass)", confidence: isProper ? 0.9 : 0.8)
                document.mentions.append(Mention(
                    range: range, sentence: sentenceIndex, candidateClass: entry.entityClass, canonicalLabel: entry.label,
                    link: link, source: .lexicon, provenance: provenance))
            }
        }
        addPostalCodes(&document, in: context, entries: &entries)
        addHyphenatedNames(&document, in: context, entries: &entries)
        document.sortMentions()
    }

    /// A city this large keeps its name when a region shares it.
    static let majorCityPopulation = 1_000_000

    /// Lexicon entries made at most once each.
    struct EntryCache {
        let lexicon: Lexicon
        private var made: [Int: LexiconEntry] = [:]

        init(lexicon: Lexicon) { self.lexicon = lexicon }

        subscript(index: Int) -> LexiconEntry {
            mutating get {
                if let entry = made[index] { return entry }
                let entry = lexicon.entries[index]
                made[index] = entry
                return entry
            }
        }
    }

    /// "Cambridge, MA", "Marlborough, MA": after a city and a comma, a two-letter code in capitals
    /// that is the code of the region the city lies in (ISO 3166-2 `code=US-MA`, the postal
    /// abbreviation) names that region, even where the code is also a word ("MA", "IN", "OR").
    func addPostalCodes(_ document: inout AnnotatedDocument, in context: StageContext, entries: inout EntryCache) {
        let lexicon = context.lexicon
        var added: [Mention] = []
        for mention in document.mentions where mention.candidateClass == "City" && mention.source == .lexicon {
            guard let last = document.tokenIndex(endingAt: mention.range.upperBound), last + 2 < document.tokens.count,
                  document.token(last + 1) == ",", document.tokens[last + 2].sentence == document.tokens[last].sentence else { continue }
            let code = document.token(last + 2)
            guard code.unicodeScalars.count == 2, code.unicodeScalars.allSatisfy({ $0.isUppercaseFast }),
                  !document.hasMention(overlapping: document.tokens[last + 2].range) else { continue }
            // The regions the city (any city of that name) lies in, by the lexicon's `parent`.
            let parents = Set(lexicon.matches(in: WordTokenizer.words(mention.canonicalLabel)).compactMap { match -> String? in
                let entry = entries[match.entry]
                return entry.entityClass == "City" && entry.label == mention.canonicalLabel ? entry.extra["parent"] : nil
            })
            let regions = parents.sorted().flatMap { parent in
                lexicon.matches(in: WordTokenizer.words(parent)).filter { match in
                    let entry = entries[match.entry]
                    return entry.entityClass == "Region" && entry.label == parent && entry.extra["code"].map { $0.hasSuffix("-" + code) } == true
                }
            }
            guard let region = regions.min(by: { $0.entry < $1.entry }), regions.allSatisfy({ entries[$0.entry].label == entries[region.entry].label }) else { continue }
            let entry = entries[region.entry]
            let range = document.tokens[last + 2].range
            let provenance = Provenance(document: document.document.identifier, sentence: document.tokens[last + 2].sentence, range: range, stage: name,
                                        rule: "lexicon-region-code:\(entry.entityClass)", confidence: 0.85)
            added.append(Mention(range: range, sentence: document.tokens[last + 2].sentence, candidateClass: entry.entityClass, canonicalLabel: entry.label,
                                 link: entry.authorityLink, source: .lexicon, provenance: provenance))
        }
        document.mentions += added
    }

    /// An organisation's name used as the first part of a hyphenated modifier ("Moderna-derived",
    /// "NIH-funded") is a mention of the organisation; the tokenizer keeps such words whole.
    func addHyphenatedNames(_ document: inout AnnotatedDocument, in context: StageContext, entries: inout EntryCache) {
        let lexicon = context.lexicon
        var added: [Mention] = []
        let placeSuffixes = context.rules.words("place-compound-suffixes")
        for (index, token) in document.tokens.enumerated() {
            // Most tokens hold no hyphen: look at the bytes before building anything.
            guard document.token(index).utf8.dropFirst(2).contains(UInt8(ascii: "-")) else { continue }
            let scalars = Array(document.token(index).unicodeScalars)
            guard let hyphen = scalars.firstIndex(of: "-"), hyphen >= 2, scalars[0].isUppercaseFast else { continue }
            let prefix = Document.string(scalars[..<hyphen])
            let range = TextRange(token.range.lowerBound, token.range.lowerBound + hyphen)
            guard !document.hasMention(overlapping: token.range) else { continue }
            // "Boston-based", "San Francisco-based": a place before -based is where something is.
            let suffix = WordTokenizer.fold(Document.string(scalars[(hyphen + 1)...]))
            if placeSuffixes.contains(suffix) {
                var first = index
                while first > 0, index - first < 2, document.tokens[first - 1].sentence == token.sentence, isCapitalised(document.token(first - 1)) { first -= 1 }
                let words = (first..<index).map { document.token($0) } + [prefix]
                let places = lexicon.matches(in: words).filter { match in
                    match.tokens.upperBound == words.count && match.surfaceForm != match.surfaceForm.lowercased()
                        && context.ontology.isSubclass(entries[match.entry].entityClass, of: "Place") && entries[match.entry].extra["minor"] != "1"
                }
                let longest = places.map(\.tokens.lowerBound).min()
                let candidates = places.filter { $0.tokens.lowerBound == longest }
                if let start = longest, let chosen = choose(candidates, entries: &entries, rules: context.rules) {
                    let entry = entries[chosen.entry]
                    let placeRange = TextRange(document.tokens[first + start].range.lowerBound, range.upperBound)
                    guard !document.hasMention(overlapping: placeRange) else { continue }
                    let provenance = Provenance(document: document.document.identifier, sentence: token.sentence, range: placeRange, stage: name,
                                                rule: "lexicon-hyphenated-modifier:\(entry.entityClass)", confidence: 0.8)
                    added.append(Mention(range: placeRange, sentence: token.sentence, candidateClass: entry.entityClass, canonicalLabel: entry.label,
                                         link: Self.unambiguousLink(chosen, among: candidates, entries: &entries), source: .lexicon, provenance: provenance))
                }
                continue
            }
            let candidates = lexicon.matches(in: [prefix]).filter {
                $0.surfaceForm != $0.surfaceForm.lowercased() && context.ontology.isSubclass(entries[$0.entry].entityClass, of: "Organization")
            }
            guard let chosen = choose(candidates, entries: &entries, rules: context.rules) else { continue }
            let entry = entries[chosen.entry]
            let provenance = Provenance(document: document.document.identifier, sentence: token.sentence, range: range, stage: name,
                                        rule: "lexicon-hyphenated-modifier:\(entry.entityClass)", confidence: 0.8)
            added.append(Mention(range: range, sentence: token.sentence, candidateClass: entry.entityClass, canonicalLabel: entry.label,
                                 link: Self.unambiguousLink(chosen, among: candidates, entries: &entries), source: .lexicon, provenance: provenance))
        }
        document.mentions += added
    }

    /// Journal titles are mostly everyday words, so a journal match needs a publication context:
    /// a cue before it ("published in the journal"), a title word in it ("Journal", "&"), a citation
    /// after it ("Cell. 2006;"), or a list continuing an accepted journal ("Nature, Cell, and Science").
    /// `nextWord` is the first word of the next sentence of the same block, when there is one.
    func isPublicationContext(_ span: Range<Int>, words: [String], nextWord: String? = nil, previousJournalEnd: Int?, rules: ExtractionRules) -> Bool {
        if words[span].contains(where: { rules.journalTitleWords.contains($0) }) { return true }
        let folded = words.map(WordTokenizer.fold)
        var end = span.lowerBound
        if end > 0, folded[end - 1] == "the" { end -= 1 }
        for cue in rules.journalCues where cue.count <= end {
            if Array(folded[(end - cue.count)..<end]) == cue { return true }
        }
        if let previous = previousJournalEnd, previous <= span.lowerBound {
            let gap = Array(folded[previous..<span.lowerBound])
            if gap == [","] || gap == ["and"] || gap == [",", "and"] || gap == ["or"] || gap == [",", "or"] { return true }
        }
        let after = span.upperBound
        let following = after + 1 < words.count ? words[after + 1] : (after + 1 == words.count ? nextWord : nil)
        if after < words.count, [".", ",", "("].contains(words[after]), let following, !following.isEmpty,
           following.unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) {
            return true
        }
        return false
    }

    /// The chosen entry's authority identifier, unless another entry of its class answers to the
    /// same words with another identifier (two cities called London, a symbol two genes share):
    /// an ambiguous name is never linked.
    static func unambiguousLink(_ chosen: LexiconMatch, among candidates: [LexiconMatch], entries: inout EntryCache) -> String? {
        let entityClass = entries[chosen.entry].entityClass
        var link: String?
        for entry in Set(candidates.map(\.entry)) where entries[entry].entityClass == entityClass {
            guard let candidate = entries[entry].authorityLink, link == nil || link == candidate else { return nil }
            link = candidate
        }
        return link
    }

    /// Proper-name entries beat common-noun entries; a gene's alias or former symbol loses to
    /// any other reading ("GMP" the standard, not an old alias of NT5C2); then the class priority;
    /// then the lexicon order.
    func choose(_ candidates: [LexiconMatch], entries: inout EntryCache, rules: ExtractionRules) -> LexiconMatch? {
        let markerLabelMatched = candidates.contains { entries[$0.entry].entityClass == "Biomarker" && $0.surfaceForm == entries[$0.entry].label }
        let regionLabels = Set(candidates.compactMap { entries[$0.entry].entityClass == "Region" ? entries[$0.entry].label : nil })
        let regionOverCity = !regionLabels.isEmpty && !candidates.contains { match in
            let entry = entries[match.entry]
            return entry.entityClass == "City" && (entry.extra["capital"] == "1" || (entry.extra["population"].flatMap { Int($0) } ?? 0) >= Self.majorCityPopulation
                || entry.extra["parent"].map(regionLabels.contains) == true)
        }
        var ranks: [(rank: (Int, Int, Int, Int), match: LexiconMatch)] = []
        for match in candidates {
            let isProper = match.surfaceForm != match.surfaceForm.lowercased()
            let entry = entries[match.entry]
            let isGeneAlias = entry.entityClass == "Gene" && match.surfaceForm != entry.label
            let priority = rules.classPriority.firstIndex(of: entry.entityClass) ?? rules.classPriority.count
            // "CD44" is both a marker's label and its gene's symbol: a cluster-of-differentiation
            // name is said of the surface antigen, so the marker's own label wins over the gene.
            let yieldsToMarker = entry.entityClass == "Gene" && markerLabelMatched
                // "Ontario", "Virginia": a region's name is the region, unless a city of that name
                // lies in it (Zürich, Quebec City), is a capital or has a million people (São Paulo).
                || entry.entityClass == "City" && regionOverCity
            ranks.append(((isProper ? 0 : 1, isGeneAlias || yieldsToMarker ? 1 : 0, priority, match.entry), match))
        }
        return ranks.min { $0.rank < $1.rank }?.match
    }
}
