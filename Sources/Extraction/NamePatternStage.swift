import OntologyModel
import TextAnnotation

/// Finds capitalised names the lexicons do not know and types them by their head word
/// (… Institute, … University, … Commission), by person cues (Professor X, X said), or, for short
/// two- or three-word names with no other clue, as people. Longer names replace lexicon mentions
/// inside them ("Shanghai Stem Cell Institute" over "Shanghai").
public struct NamePatternStage: Stage {
    public let name = "name-patterns"
    public let requires: Set<AnnotationLayer> = [.tokens, .mentions]
    public let assigns: Set<AnnotationLayer> = [.mentions]


    /// Classes whose names end before a place ("… Institute in Yongin").
    let ontologyOrganization: Set<String> = ["Organization", "ResearchInstitute", "University", "Company", "GovernmentAgency", "Association", "Biobank"]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let rules = context.rules
        // A name never crosses a sentence, so each sentence is scanned with only its own mentions
        // in `document.mentions`: every overlap check then costs the sentence, not the document.
        document.forEachSentence { document, sentence, tokens in
            scanNames(in: sentence, tokenRange: tokens, document: &document, rules: rules)
        }
        addQuotedProgrammes(&document, rules: rules)
        addTherapyCompounds(&document, rules: rules)
        addGovernments(&document, rules: rules)
        addProgrammePhrases(&document, rules: rules)
        addFields(&document, rules: rules)
        propagateIntoHeadlines(&document)
        document.sortMentions()
    }

    /// Capitalised runs of one sentence, each considered as a name.
    func scanNames(in sentenceIndex: Int, tokenRange: Range<Int>, document: inout AnnotatedDocument, rules: ExtractionRules) {
        let section = document.sections[document.sentences[sentenceIndex].section]
        let isHeadline = section.kind == .title || section.kind == .heading
        if isHeadline, isHeadlineCase(document, tokenRange) { return }
        var start = tokenRange.lowerBound
        if section.kind == .keyValue, let value = section.value {
            while start < tokenRange.upperBound, document.tokens[start].range.lowerBound < value.lowerBound { start += 1 }
        }
        var index = start
        while index < tokenRange.upperBound {
            guard isCapitalisedWord(document.token(index)) else { index += 1; continue }
            var end = index + 1
            while end < tokenRange.upperBound {
                let word = document.token(end)
                if isCapitalisedWord(word) { end += 1; continue }
                // A middle initial: "Amander T. Clark".
                if word == ".", isInitial(document.token(end - 1)), end + 1 < tokenRange.upperBound, isCapitalisedWord(document.token(end + 1)) {
                    end += 1
                    continue
                }
                // "Prize in Physiology or Medicine": "or" joins only inside an award's name.
                let joinsAward = word == "or" && (index..<end).contains { rules.headWords[document.token($0)] == "Award" }
                if rules.nameConnectors.contains(word) || joinsAward, end + 1 < tokenRange.upperBound {
                    // "of the X": both connectors, then a capitalised word.
                    var look = end + 1
                    if rules.nameConnectors.contains(document.token(look)), look + 1 < tokenRange.upperBound { look += 1 }
                    if isCapitalisedWord(document.token(look)) { end = look + 1; continue }
                }
                break
            }
            consider(index..<end, sentence: sentenceIndex, sentenceTokens: tokenRange, isHeadline: isHeadline, document: &document, rules: rules)
            index = end
        }
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
            for (plural, singular) in [("transplants", "transplant"), ("transplantations", "transplantation"), ("therapies", "therapy"), ("treatments", "treatment"), ("infusions", "infusion")] where label.hasSuffix(plural) {
                label = String(label.dropLast(plural.count)) + singular
            }
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
                while start > tokenRange.lowerBound, start > index - 2, isCapitalisedWord(document.token(start - 1)),
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
                    else if let owner = document.mentions.first(where: { $0.range.upperBound == document.tokens[first - 1].range.upperBound && ontologyOrganization.contains($0.candidateClass) }) {
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
                            let range = TextRange(document.tokens[index].range.lowerBound, document.tokens[end - 1].range.upperBound)
                            if !document.hasMention(overlapping: range) {
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

    /// A lower-case word of letters, not a function word: "anatomy", "theriogenology".
    func isFieldWord(_ token: String, rules: ExtractionRules) -> Bool {
        token.unicodeScalars.count >= 4 && token.unicodeScalars.allSatisfy { $0.isLowercaseFast || $0 == "-" }
            && !rules.fieldStops.contains(token)
    }

    /// Headlines capitalise every word, so names are not read from them directly; a name found in
    /// the body is, though, recognised where a headline repeats it ("… Wins Kyoto Prize").
    func propagateIntoHeadlines(_ document: inout AnnotatedDocument) {
        let names = document.mentions.filter { $0.isName && $0.source == .namePattern && WordTokenizer.words($0.canonicalLabel).count > 1 }
        let ranges = document.tokenRangesBySentence
        for (sentenceIndex, tokenRange) in ranges.enumerated() where !tokenRange.isEmpty {
            let kind = document.sections[document.sentences[sentenceIndex].section].kind
            guard kind == .title || kind == .heading else { continue }
            let words = tokenRange.map { document.token($0) }
            for found in names.sorted(by: { $0.range.length > $1.range.length }) {
                let target = WordTokenizer.words(document.document.text(in: found.range))
                guard target.count <= words.count else { continue }
                for start in 0...(words.count - target.count) where Array(words[start..<(start + target.count)]) == target {
                    let first = tokenRange.lowerBound + start, last = first + target.count - 1
                    let range = TextRange(document.tokens[first].range.lowerBound, document.tokens[last].range.upperBound)
                    let provenance = Provenance(document: document.document.identifier, sentence: sentenceIndex, range: range, stage: name, rule: "headline-repeats-name", confidence: found.provenance.confidence)
                    document.propose(Mention(range: range, sentence: sentenceIndex, candidateClass: found.candidateClass, canonicalLabel: found.canonicalLabel, source: .namePattern, provenance: provenance), .longerNameWinsOverOthers)
                }
            }
        }
    }

    func isInitial(_ token: String) -> Bool {
        token.unicodeScalars.count == 1 && token.unicodeScalars.first?.isUppercaseFast == true
    }

    func isCapitalisedWord(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first else { return false }
        return first.isUppercaseFast
    }

    /// Most words capitalised: a headline, where capitals say nothing about names.
    func isHeadlineCase(_ document: AnnotatedDocument, _ range: Range<Int>) -> Bool {
        let words = range.map { document.token($0) }.filter { $0.unicodeScalars.first?.isAlphabeticFast == true }
        guard words.count > 4 else { return false }
        let capitalised = words.filter(isCapitalisedWord).count
        return Double(capitalised) / Double(words.count) > 0.6
    }

    func consider(_ span: Range<Int>, sentence: Int, sentenceTokens: Range<Int>, isHeadline: Bool, document: inout AnnotatedDocument, rules: ExtractionRules) {
        var lower = span.lowerBound, upper = span.upperBound
        // A title inside the run starts a new name: "Later Professor Fanyi Zeng".
        if let cue = (lower + 1..<upper).first(where: { rules.personCuesBefore.contains(document.token($0)) }) {
            consider(lower..<cue, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
            consider(cue..<upper, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
            return
        }
        var cueBefore = lower > sentenceTokens.lowerBound && rules.personCuesBefore.contains(document.token(lower - 1))
        // Strip leading stop words and titles, and trailing connectors.
        while lower < upper {
            let word = document.token(lower)
            if rules.leadingStopwords.contains(word) || rules.nameConnectors.contains(word) {
                lower += 1
            } else if rules.personCuesBefore.contains(word) {
                cueBefore = true
                lower += 1
                if lower < upper, document.token(lower) == "." { lower += 1 }
            } else {
                break
            }
        }
        while upper > lower, rules.nameConnectors.contains(document.token(upper - 1)) { upper -= 1 }
        guard lower < upper else { return }
        // "Sooam Research Institute in Yongin": an organisation's name ends before "in".
        if let inIndex = (lower + 1..<upper).first(where: { document.token($0) == "in" }) {
            let before = (lower..<inIndex).map { document.token($0) }
            if let head = headClass(before, rules: rules), ontologyOrganization.contains(head.class) {
                consider(lower..<inIndex, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
                consider(inIndex + 1..<upper, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
                return
            }
        }
        // "X of the Y" where Y has a head word of its own: two names.
        if let split = splitPoint(lower..<upper, document: document, rules: rules) {
            consider(lower..<split.firstEnd, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
            consider(split.secondStart..<upper, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
            return
        }
        let words = (lower..<upper).map { document.token($0) }
        let range = TextRange(document.tokens[lower].range.lowerBound, document.tokens[upper - 1].range.upperBound)
        let text = document.text(ofTokens: lower..<upper)
        let cueAfter = hasCueAfter(upper, sentenceTokens: sentenceTokens, document: document, rules: rules)

        var chosenClass: String?
        var rule = ""
        var confidence = 0.0
        if let head = headClass(words, rules: rules), words.count > 1 {
            chosenClass = head.class
            rule = "head-word:\(head.word)"
            confidence = 0.75
        } else if cueBefore || cueAfter, words.filter({ $0 != "." }).count <= 4, words.allSatisfy { looksLikeNamePart($0, rules: rules) } {
            chosenClass = "Person"
            rule = cueBefore ? "person-cue-before" : "person-cue-after"
            confidence = 0.8
        } else if !isHeadline, (2...4).contains(words.filter({ $0 != "." }).count), words.allSatisfy { looksLikeNamePart($0, rules: rules) },
                  words.filter({ $0 != "." && !isInitial($0) }).count >= 2,
                  !document.mentions.contains(where: { $0.range.overlaps(range) }) {
            chosenClass = "Person"
            rule = "short-capitalised-name"
            confidence = 0.5
        }
        // "in Yongin, Gyeonggi Province": an unknown name right before a region or country is a city.
        if chosenClass == nil, words.count == 1, !isHeadline, looksLikeNamePart(words[0], rules: rules), upper + 1 < sentenceTokens.upperBound,
           document.token(upper) == ",", lower > sentenceTokens.lowerBound, ["in", "at", "near", "from"].contains(document.token(lower - 1)),
           let next = document.mentions.first(where: { $0.range.lowerBound == document.tokens[upper + 1].range.lowerBound }),
           next.candidateClass == "Region" || next.candidateClass == "Country" {
            chosenClass = "City"
            rule = "place-before-region"
            confidence = 0.6
        }
        guard let chosenClass else { return }
        // An existing mention of exactly this span (from a lexicon) is better evidence.
        let provenance = Provenance(document: document.document.identifier, sentence: sentence, range: range, stage: name, rule: rule, confidence: confidence)
        document.propose(Mention(range: range, sentence: sentence, candidateClass: chosenClass, canonicalLabel: text, source: .namePattern, provenance: provenance), .longerNameWinsOverOthers)
    }

    /// The right-most head word before the first "of"/"for" phrase, else the right-most anywhere.
    func headClass(_ words: [String], rules: ExtractionRules) -> (word: String, class: String)? {
        let cut = words.firstIndex { $0 == "of" || $0 == "for" || $0 == "on" } ?? words.count
        for word in words[..<cut].reversed() { if let found = rules.headWords[word] { return (word, found) } }
        for word in words[cut...].reversed() { if let found = rules.headWords[word] { return (word, found) } }
        return nil
    }

    /// Where one run holds two names, each with a head word of its own: "X of the Y",
    /// "X and Y", "X and the Y".
    func splitPoint(_ span: Range<Int>, document: AnnotatedDocument, rules: ExtractionRules) -> (firstEnd: Int, secondStart: Int)? {
        var index = span.lowerBound + 1
        while index + 1 < span.upperBound {
            let word = document.token(index)
            if word == "and" || word == "&" {
                let secondStart = document.token(index + 1) == "the" ? index + 2 : index + 1
                let first = (span.lowerBound..<index).map { document.token($0) }
                let second = (secondStart..<span.upperBound).map { document.token($0) }
                // Either the first name ends in its head ("… Institute and the … Council") or the
                // second starts with one ("… Science and Technology and Ministry of Health").
                if first.count > 1, second.count > 1, headClass(first, rules: rules) != nil, headClass(second, rules: rules) != nil,
                   let lastFirst = first.last, let firstSecond = second.first,
                   rules.headWords[lastFirst] != nil || rules.headWords[firstSecond] != nil {
                    return (index, secondStart)
                }
            }
            if index + 2 < span.upperBound, word == "of", document.token(index + 1) == "the" {
                let first = (span.lowerBound..<index).map { document.token($0) }
                let second = ((index + 2)..<span.upperBound).map { document.token($0) }
                if second.count > 1, headClass(first, rules: rules) != nil, headClass(second, rules: rules) != nil {
                    return (index, index + 2)
                }
            }
            index += 1
        }
        return nil
    }

    func hasCueAfter(_ end: Int, sentenceTokens: Range<Int>, document: AnnotatedDocument, rules: ExtractionRules) -> Bool {
        var start = end
        if start < sentenceTokens.upperBound, document.token(start) == "," { start += 1 }
        for cue in rules.personCuesAfter where start + cue.count <= sentenceTokens.upperBound {
            if (0..<cue.count).allSatisfy({ document.foldedToken(start + $0) == cue[$0] }) { return true }
        }
        return false
    }

    func looksLikeNamePart(_ word: String, rules: ExtractionRules) -> Bool {
        if word == "." || isInitial(word) { return true }
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 2, scalars[0].isUppercaseFast else { return false }
        guard !rules.notNameWords.contains(word) else { return false }
        // Hyphenated names keep a capital after the hyphen: "Shoae-Hassani", "Jean-Paul".
        for (index, scalar) in scalars.enumerated().dropFirst() where !(scalar.isLowercaseFast || scalar == "-" || scalar == "'") {
            guard scalar.isUppercaseFast, scalars[index - 1] == "-" else { return false }
        }
        return true
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
                      isCapitalisedWord(document.token(index + 1)) else { index += 1; continue }
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
}
