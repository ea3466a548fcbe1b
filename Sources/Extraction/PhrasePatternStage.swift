import OntologyModel
import TextAnnotation

/// Typed phrases that are not capitalised runs: quoted programme titles, cell-type therapies
/// ("hepatocyte transplantation"), governments named by their nation, lower-case programme
/// phrases ("ethical guidelines for …") and fields after a cue ("professor of anatomy").
public struct PhrasePatternStage: Stage {
    public let name = "phrase-patterns"
    public let requires: Set<AnnotationLayer> = [.tokens, .mentions]
    public let assigns: Set<AnnotationLayer> = [.mentions]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let rules = context.rules
        addQuotedProgrammes(&document, rules: rules)
        addCellTypeCompounds(&document, in: context)
        addTherapyCompounds(&document, rules: rules)
        addGovernments(&document, rules: rules)
        addProgrammePhrases(&document, rules: rules)
        addFields(&document, rules: rules)
        addDiseaseGroups(&document, rules: rules)
        document.sortMentions()
    }

    /// `"Made in China 2025" … plan`: a quoted title followed by a programme noun.
    func addQuotedProgrammes(_ document: inout AnnotatedDocument, rules: ExtractionRules) {
        let scalars = document.document.scalars
        document.forEachSentence { document, sentenceIndex, tokenRange in
            var index = tokenRange.lowerBound
            while index < tokenRange.upperBound {
                let token = document.token(index)
                guard token == "\"" || token == "\u{201C}" else { index += 1; continue }
                var close = index + 1
                while close < tokenRange.upperBound, close - index <= 10, document.token(close) != "\"" && document.token(close) != "\u{201D}" { close += 1 }
                guard close < tokenRange.upperBound, close > index + 1, close - index <= 10,
                      isCapitalised(document.token(index + 1)) else { index += 1; continue }
                var head: String?
                var look = close + 1
                while look < min(close + 5, tokenRange.upperBound), head == nil {
                    let word = document.token(look)
                    if let first = word.unicodeScalars.first, first.isLowercaseFast {
                        let capitalised = String(first).uppercased() + String(String.UnicodeScalarView(word.unicodeScalars.dropFirst()))
                        if let found = rules.headWords[capitalised], found == "Program" { head = found }
                    }
                    look += 1
                }
                if let head {
                    let range = TextRange(document.tokens[index + 1].range.lowerBound, document.tokens[close - 1].range.upperBound)
                    let text = Document.string(scalars[range.lowerBound..<range.upperBound])
                    let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "quoted-programme", confidence: 0.7)
                    document.propose(Mention(range: range, sentence: sentenceIndex, candidateClass: head, canonicalLabel: text, source: .namePattern, provenance: provenance), .longerNameWins)
                }
                index = close + 1
            }
        }
    }

    /// Compound names of cell types (general English noun-phrase grammar):
    /// - "iPSC-derived RPE cells": a cell type before "-derived" (or another `cell-compound-suffixes`
    ///   word) is a mention of its own, from which the relation stages read `derivedFrom`;
    /// - "adipose-derived mesenchymal stromal cells", "ABCB5-positive stem cells": any other word
    ///   before such a suffix (a tissue, a marker) makes, with the cell type after it, the name of a
    ///   narrower cell type, and so does one word before that ("bone marrow-derived …");
    /// - "induced neural stem cells", "adult neural stem cells": a `cell-type-modifiers` adjective
    ///   right before a cell type names a narrower cell type.
    func addCellTypeCompounds(_ document: inout AnnotatedDocument, in context: StageContext) {
        let rules = context.rules
        let suffixes = rules.cellCompoundSuffixes, modifiers = rules.cellTypeModifiers
        // Function words (folded), which never start a modifier: "all UK-derived hESC".
        let stops = rules.functionWords
        let methodModifiers = rules.methodModifiers
        document.forEachSentence { document, sentenceIndex, tokenRange in
            var replacements: [(old: Mention, new: Mention)] = []
            // "autologous hematopoietic stem cell transplantation": a method-modifiers adjective
            // right before a method names a narrower method.
            for mention in document.mentions where mention.candidateClass == "Method" && mention.source == .lexicon {
                guard let first = document.tokenIndex(startingAt: mention.range.lowerBound), first > tokenRange.lowerBound,
                      methodModifiers.contains(document.foldedToken(first - 1)), !document.hasMention(overlapping: document.tokens[first - 1].range) else { continue }
                let range = TextRange(document.tokens[first - 1].range.lowerBound, mention.range.upperBound)
                var label = WordTokenizer.fold(document.document.text(in: range))
                label = Self.singularLastHead(label, heads: rules.therapyHeads)
                let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "method-compound", confidence: 0.7)
                replacements.append((mention, Mention(range: range, sentence: sentenceIndex, candidateClass: "Method", canonicalLabel: label, source: .namePattern, provenance: provenance)))
            }
            var added: [Mention] = []
            for mention in document.mentions where mention.candidateClass == "CellType" && mention.source == .lexicon {
                guard let first = document.tokenIndex(startingAt: mention.range.lowerBound), first > tokenRange.lowerBound else { continue }
                let before = document.token(first - 1)
                var start: Int?
                if let hyphen = before.lastIndex(of: "-"), suffixes.contains(WordTokenizer.fold(String(before[before.index(after: hyphen)...]))) {
                    let prefix = String(before[..<hyphen])
                    guard !prefix.isEmpty, !document.hasMention(overlapping: document.tokens[first - 1].range) else { continue }
                    // The prefix (with up to three words before it) names a cell type: its own mention.
                    let reach = max(tokenRange.lowerBound, first - 4)
                    let words = (reach..<(first - 1)).map { document.token($0) } + [prefix]
                    let known = context.lexicon.matches(in: words).filter { match in
                        match.tokens.upperBound == words.count && context.lexicon.entries[match.entry].entityClass == "CellType"
                    }.min { ($0.tokens.lowerBound, $0.entry) < ($1.tokens.lowerBound, $1.entry) }
                    if let known {
                        let entry = context.lexicon.entries[known.entry]
                        let lower = document.tokens[reach + known.tokens.lowerBound].range.lowerBound
                        let range = TextRange(lower, document.tokens[first - 1].range.lowerBound + prefix.unicodeScalars.count)
                        guard !document.hasMention(overlapping: range) else { continue }
                        let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "cell-type-compound-modifier", confidence: 0.75)
                        added.append(Mention(range: range, sentence: sentenceIndex, candidateClass: "CellType", canonicalLabel: entry.label,
                                             link: entry.authorityLink, source: .lexicon, provenance: provenance))
                        continue
                    }
                    // "UK-derived hESC lines": a place or an organisation says where cells come
                    // from, not what kind they are.
                    if context.lexicon.matches(in: [prefix]).contains(where: { match in
                        let entityClass = context.lexicon.entries[match.entry].entityClass
                        return context.ontology.isSubclass(entityClass, of: "Place") || organizationClasses.contains(entityClass)
                    }) { continue }
                    start = first - 1
                    // "ABCB5-positive stem cells": a gene or marker before -positive/-expressing is
                    // a mention of its own, which the cells have as a marker (sentence-relations).
                    let markerSuffix = WordTokenizer.fold(String(before[before.index(after: hyphen)...]))
                    if rules.markerSuffixes.contains(markerSuffix), let marker = context.lexicon.matches(in: [prefix]).filter({ match in
                        let entityClass = context.lexicon.entries[match.entry].entityClass
                        return (entityClass == "Gene" || entityClass == "Biomarker") && match.surfaceForm != match.surfaceForm.lowercased()
                    }).min(by: { $0.entry < $1.entry }) {
                        let entry = context.lexicon.entries[marker.entry]
                        let range = TextRange(document.tokens[first - 1].range.lowerBound, document.tokens[first - 1].range.lowerBound + prefix.unicodeScalars.count)
                        let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "marker-compound-modifier", confidence: 0.75)
                        added.append(Mention(range: range, sentence: sentenceIndex, candidateClass: entry.entityClass, canonicalLabel: entry.label,
                                             link: entry.authorityLink, source: .lexicon, provenance: provenance))
                    }
                    // "bone marrow-derived": one more word of the modifier.
                    if first - 2 >= tokenRange.lowerBound {
                        let word = document.token(first - 2)
                        if word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }), !stops.contains(WordTokenizer.fold(word)),
                           word.unicodeScalars.dropFirst().allSatisfy({ $0.isLowercaseFast }),
                           first - 2 == tokenRange.lowerBound || word.unicodeScalars.first?.isLowercaseFast == true,
                           !document.hasMention(overlapping: document.tokens[first - 2].range) {
                            start = first - 2
                        }
                    }
                } else if modifiers.contains(WordTokenizer.fold(before)), !document.hasMention(overlapping: document.tokens[first - 1].range) {
                    start = first - 1
                }
                guard let start else { continue }
                let range = TextRange(document.tokens[start].range.lowerBound, mention.range.upperBound)
                // The label is lower-case but for a symbol ("ABCB5-positive"), and singular, like
                // every common-noun label.
                var label = document.document.text(in: range)
                if let firstWord = label.split(separator: " ").first, firstWord.split(separator: "-").first.map({ $0.dropFirst().allSatisfy { $0.isLowercase } }) == true {
                    label = label.prefix(1).lowercased() + label.dropFirst()
                }
                if label.hasSuffix("cells") { label.removeLast() }
                let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "cell-type-compound", confidence: 0.7)
                replacements.append((mention, Mention(range: range, sentence: sentenceIndex, candidateClass: "CellType", canonicalLabel: label, source: .namePattern, provenance: provenance)))
            }
            for (old, new) in replacements {
                document.mentions.removeAll { $0.range == old.range && $0.candidateClass == old.candidateClass }
                document.mentions.append(new)
            }
            document.mentions += added
        }
    }

    /// `label` with its last word in the singular when that word is one of `heads` (a list of
    /// regular English nouns, singular and plural: `therapy-heads`): "…ies" → "…y", "…s" → "…".
    static func singularLastHead(_ label: String, heads: Set<String>) -> String {
        guard let last = label.split(separator: " ", omittingEmptySubsequences: false).last,
              heads.contains(String(last)), last.hasSuffix("s"), !last.hasSuffix("ss") else { return label }
        if last.hasSuffix("ies") { return String(label.dropLast(3)) + "y" }
        return String(label.dropLast())
    }

    /// A cell type followed by a therapy noun names a therapy: "umbilical cord blood stem cell
    /// transplants", "hepatocyte transplantation".
    func addTherapyCompounds(_ document: inout AnnotatedDocument, rules: ExtractionRules) {
        document.forEachSentence { document, _, _ in
        for (mentionIndex, mention) in document.mentions.enumerated() where mention.candidateClass == "CellType" && mention.source == .lexicon {
            guard let last = document.tokenIndex(endingAt: mention.range.upperBound), last + 1 < document.tokens.count,
                  document.tokens[last + 1].sentence == document.tokens[last].sentence else { continue }
            let head = document.foldedToken(last + 1)
            guard rules.therapyHeads.contains(head), !document.hasMention(overlapping: document.tokens[last + 1].range) else { continue }
            let range = TextRange(mention.range.lowerBound, document.tokens[last + 1].range.upperBound)
            var label = WordTokenizer.fold(document.document.text(in: range))
            // The label is singular, like every common-noun label.
            label = Self.singularLastHead(label, heads: rules.therapyHeads)
            let provenance = Provenance(document: document.document.identifier, sentence: mention.sentence, range: range, stage: name, rule: "cell-type-therapy", confidence: 0.7)
            document.mentions[mentionIndex] = Mention(range: range, sentence: mention.sentence, candidateClass: "Method", canonicalLabel: label, source: .namePattern, provenance: provenance)
        }
        }
    }

    /// "the Chinese government", "the South Korean government", "the government of the People's
    /// Republic of China": a government is named by its nation.
    func addGovernments(_ document: inout AnnotatedDocument, rules: ExtractionRules) {
        document.forEachSentence { document, sentenceIndex, tokenRange in
            for index in tokenRange where document.foldedToken(index) == "government" {
                var range: TextRange?
                var start = index
                while start > tokenRange.lowerBound, start > index - 2, isCapitalised(document.token(start - 1)),
                      !rules.leadingStopwords.contains(document.token(start - 1)) { start -= 1 }
                if start < index {
                    range = TextRange(document.tokens[start].range.lowerBound, document.tokens[index].range.upperBound)
                } else if index + 1 < tokenRange.upperBound, document.token(index + 1) == "of" {
                    let after = index + 2 < tokenRange.upperBound && document.token(index + 2) == "the" ? index + 3 : index + 2
                    if after < tokenRange.upperBound, let country = document.mentions.first(where: {
                        $0.range.lowerBound == document.tokens[after].range.lowerBound && $0.candidateClass == "Country"
                    }) {
                        range = TextRange(document.tokens[index].range.lowerBound, country.range.upperBound)
                    }
                }
                guard let range else { continue }
                let text = document.document.text(in: range)
                let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "government-of-nation", confidence: 0.7)
                document.propose(Mention(range: range, sentence: sentenceIndex, candidateClass: "GovernmentAgency", canonicalLabel: text, source: .namePattern, provenance: provenance), .longerNameWins)
            }
        }
    }

    /// Lower-case programme phrases: "(ethical|technical) guidelines for <term>", "regulations on
    /// <term> for <term>", and "<Name> guidelines" after an organisation's name or acronym.
    func addProgrammePhrases(_ document: inout AnnotatedDocument, rules: ExtractionRules) {
        document.forEachSentence { document, sentenceIndex, tokenRange in
            for index in tokenRange where rules.programmeHeads.contains(document.token(index)) {
                var first = index
                if first > tokenRange.lowerBound {
                    let before = document.token(first - 1)
                    if before.hasSuffix("ical") { first -= 1 }
                    // "the ISSCR guidelines": an organisation's name before the head.
                    else if let owner = document.mentions.first(where: { $0.range.upperBound == document.tokens[first - 1].range.upperBound && organizationClasses.contains($0.candidateClass) }) {
                        first = document.tokenIndex(startingAt: owner.range.lowerBound) ?? first
                    }
                }
                var last = index
                // "for/on <term>" phrases, each ending in a term mention.
                var look = index + 1
                while look + 1 < tokenRange.upperBound, ["for", "on"].contains(document.token(look)) {
                    guard let term = document.mentions.first(where: { $0.range.lowerBound == document.tokens[look + 1].range.lowerBound && $0.source == .lexicon }),
                          let termEnd = document.tokenIndex(endingAt: term.range.upperBound) else {
                        // "for iPSC-derived products": an unknown term of one or two words.
                        if look + 2 < tokenRange.upperBound, document.token(look + 2).unicodeScalars.allSatisfy({ $0.isLowercaseFast }),
                           document.token(look + 1).contains("-") {
                            last = look + 2
                        }
                        break
                    }
                    last = termEnd
                    look = termEnd + 1
                }
                guard last > index || first < index else { continue }
                if first == index - 1, last == index { continue }
                let range = TextRange(document.tokens[first].range.lowerBound, document.tokens[last].range.upperBound)
                let text = document.document.text(in: range)
                let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "programme-phrase", confidence: 0.6)
                document.propose(Mention(range: range, sentence: sentenceIndex, candidateClass: "Program", canonicalLabel: text, source: .namePattern, provenance: provenance), .longerNameWinsOverOthers)
            }
        }
    }


    /// "professor of anatomy", "professor of theriogenology and biotechnology": lower-case words
    /// after a field cue (`field-cues.tsv`) name fields of research.
    func addFields(_ document: inout AnnotatedDocument, rules: ExtractionRules) {
        document.forEachSentence { document, sentenceIndex, tokenRange in
            let folded = tokenRange.map { document.foldedToken($0) }
            for cue in rules.fieldCues where !cue.isEmpty && cue.count < folded.count {
                for start in 0...(folded.count - cue.count) where folded[start] == cue[0] && folded[start..<(start + cue.count)].elementsEqual(cue) {
                    var index = tokenRange.lowerBound + start + cue.count
                    while index < tokenRange.upperBound {
                        var end = index
                        if let known = document.mentions.first(where: { $0.range.lowerBound == document.tokens[index].range.lowerBound }) {
                            // A field the lexicons know: step over it to what it is joined with.
                            while end < tokenRange.upperBound, document.tokens[end].range.upperBound <= known.range.upperBound { end += 1 }
                        } else {
                            while end < tokenRange.upperBound, end - index < 3, isFieldWord(document.token(end), rules: rules) { end += 1 }
                            guard end > index else { break }
                            // "a pioneer of X and works in Y": after "and", one word right before a
                            // preposition is a verb, not a second field.
                            if index > tokenRange.lowerBound + start + cue.count, end - index == 1, end < tokenRange.upperBound,
                               rules.verbParticles.contains(document.foldedToken(end)) {
                                break
                            }
                            let range = TextRange(document.tokens[index].range.lowerBound, document.tokens[end - 1].range.upperBound)
                            // "professor of pediatric immunology": a known field at the end of the
                            // run is the head of a narrower field, which the whole run names.
                            let overlapping = document.mentions.filter { $0.range.overlaps(range) }
                            let narrows = !overlapping.isEmpty && overlapping.allSatisfy { $0.candidateClass == "Topic" && range.contains($0.range) && $0.range.upperBound == range.upperBound }
                            if narrows { document.removeMentions(inside: range) }
                            if overlapping.isEmpty || narrows {
                                let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name,
                                                            rule: "field-after:\(cue.joined(separator: " "))", confidence: 0.6)
                                document.mentions.append(Mention(range: range, sentence: sentenceIndex, candidateClass: "Topic",
                                                                 canonicalLabel: WordTokenizer.fold(document.document.text(in: range)), source: .namePattern, provenance: provenance))
                            }
                        }
                        guard end + 1 < tokenRange.upperBound, ["and", "or"].contains(document.token(end)) else { break }
                        index = end + 1
                    }
                }
            }
        }
    }

    /// "retinal degenerative diseases", "chronic skin ulcers", "bone and cartilage disorders": one or
    /// two lower-case classifying words before a `disease-heads` noun name a group of diseases, when
    /// no lexicon knows the phrase or any word of it. Function words and vague adjectives
    /// (`vague-modifiers`: "other", "various", "serious") classify nothing.
    func addDiseaseGroups(_ document: inout AnnotatedDocument, rules: ExtractionRules) {
        let heads = rules.diseaseHeads
        // Function words, vague modifiers and the words of relation triggers ("treat disease",
        // "prevent disease") classify nothing.
        let stops = rules.nonClassifyingWords
        document.forEachSentence { document, sentenceIndex, tokenRange in
            func isClassifier(_ index: Int) -> Bool {
                let word = document.token(index)
                return word.unicodeScalars.count >= 3 && word.unicodeScalars.allSatisfy({ $0.isLowercaseFast || $0 == "-" })
                    && !stops.contains(word) && !heads.contains(word)
            }
            for index in tokenRange where heads.contains(document.foldedToken(index)) && index > tokenRange.lowerBound {
                var first = index
                while first > tokenRange.lowerBound, index - first < 2, isClassifier(first - 1) { first -= 1 }
                // "bone and cartilage disorders": two classifiers joined by "and".
                if first == index - 1, first - 2 >= tokenRange.lowerBound, document.token(first - 1) == "and", isClassifier(first - 2) { first -= 2 }
                guard first < index else { continue }
                let range = TextRange(document.tokens[first].range.lowerBound, document.tokens[index].range.upperBound)
                guard !document.hasMention(overlapping: range) else { continue }
                var label = WordTokenizer.fold(document.document.text(in: range))
                // The label is singular, like every common-noun label.
                if label.hasSuffix("s") { label.removeLast() }
                let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "disease-group", confidence: 0.6)
                document.mentions.append(Mention(range: range, sentence: sentenceIndex, candidateClass: "Disease", canonicalLabel: label, source: .namePattern, provenance: provenance))
            }
        }
    }

    /// A lower-case word of letters, not a function word: "anatomy", "theriogenology".
    func isFieldWord(_ token: String, rules: ExtractionRules) -> Bool {
        token.unicodeScalars.count >= 4 && token.unicodeScalars.allSatisfy { $0.isLowercaseFast || $0 == "-" }
            && !rules.fieldStops.contains(token)
    }
}
