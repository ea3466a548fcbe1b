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



    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let rules = context.rules
        // A name never crosses a sentence, so each sentence is scanned with only its own mentions
        // in `document.mentions`: every overlap check then costs the sentence, not the document.
        document.forEachSentence { document, sentence, tokens in
            scanNames(in: sentence, tokenRange: tokens, document: &document, rules: rules)
        }
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
            // "21st Century Cures Act": an ordinal before a capitalised word starts a name.
            let startsWithOrdinal = isOrdinal(document.token(index)) && index + 1 < tokenRange.upperBound && isCapitalised(document.token(index + 1))
            guard isCapitalised(document.token(index)) || startsWithOrdinal else { index += 1; continue }
            var end = index + 1
            while end < tokenRange.upperBound {
                let word = document.token(end)
                // "Center for iPS Cell Research": a word in mixed case (iPS, mRNA) continues a name.
                if isCapitalised(word) || isMixedCase(word) { end += 1; continue }
                // A middle initial: "Amander T. Clark"; "St. Jude": an abbreviation that is part of names.
                if word == ".", isInitial(document.token(end - 1)) || rules.nameAbbreviations.contains(document.token(end - 1)),
                   end + 1 < tokenRange.upperBound, isCapitalised(document.token(end + 1)) {
                    end += 1
                    continue
                }
                // "Boston Children's Hospital", "St. Michael's Hospital": a possessive inside a name,
                // after a word naming a group of people (possessive-name-words) or a saint's name.
                if word == "'" || word == "\u{2019}", end + 2 < tokenRange.upperBound, document.token(end + 1) == "s", isCapitalised(document.token(end + 2)),
                   rules.possessiveNameWords.contains(document.token(end - 1))
                    || (end - 2 >= index && rules.nameAbbreviations.contains(document.token(end - 2 - (document.token(end - 2) == "." ? 1 : 0)))) {
                    end += 2
                    continue
                }
                // "National Heart, Lung, and Blood Institute": a run of two or more words with no
                // head word goes on over a comma list of one- or two-word capitalised items that
                // ends ("and", ", and") in a name with a head word.
                if word == ",", end - index >= 2, !(index..<end).contains(where: { rules.headWords[document.token($0)] != nil }),
                   let listEnd = commaListNameEnd(after: end, limit: tokenRange.upperBound, document: document, rules: rules) {
                    end = listEnd
                    continue
                }
                // "Prize in Physiology or Medicine": "or" joins only inside an award's name.
                let joinsAward = word == "or" && (index..<end).contains { rules.headWords[document.token($0)] == "Award" }
                if rules.nameConnectors.contains(word) || joinsAward, end + 1 < tokenRange.upperBound {
                    // "of the X": both connectors, then a capitalised word.
                    var look = end + 1
                    if rules.nameConnectors.contains(document.token(look)), look + 1 < tokenRange.upperBound { look += 1 }
                    if isCapitalised(document.token(look)) || isMixedCase(document.token(look)) { end = look + 1; continue }
                }
                break
            }
            consider(index..<end, sentence: sentenceIndex, sentenceTokens: tokenRange, isHeadline: isHeadline, document: &document, rules: rules)
            index = end
        }
    }

    /// Where a comma list inside a name ends: from the comma at `start`, items of one or two
    /// capitalised words separated by commas, then "and" (or ", and") and capitalised words that
    /// end in a head word; nil when the tokens are not such a list.
    func commaListNameEnd(after start: Int, limit: Int, document: AnnotatedDocument, rules: ExtractionRules) -> Int? {
        var index = start
        var items = 0
        while index < limit, index - start <= 12 {
            // At a separator: ",", ", and" or "and".
            if document.token(index) == "," { index += 1 }
            var final = false
            if index < limit, document.token(index) == "and" { index += 1; final = true }
            var length = 0
            while index < limit, isCapitalised(document.token(index)), length < (final ? 4 : 2) { index += 1; length += 1 }
            guard length > 0 else { return nil }
            items += 1
            if final {
                return rules.headWords[document.token(index - 1)] != nil && items >= 2 ? index : nil
            }
            guard index < limit, document.token(index) == "," || document.token(index) == "and" else { return nil }
        }
        return nil
    }

    /// "Michael D. West": a first name, a middle initial and its full stop, and a last name make a
    /// person's name even when the last name is also a word that is rarely one ("West", "Young").
    func hasMiddleInitial(_ words: [String], rules: ExtractionRules) -> Bool {
        guard words.count == 4, words[2] == ".", isInitial(words[1]), looksLikeNamePart(words[0], rules: rules),
              rules.headWords[words[3]] == nil, isCapitalised(words[3]), words[3].unicodeScalars.dropFirst().allSatisfy({ $0.isLowercaseFast }) else { return false }
        return true
    }

    /// An ordinal number written with digits: "21st", "2nd", "3rd", "100th".
    func isOrdinal(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first, first.value >= 0x30, first.value <= 0x39 else { return false }
        let scalars = Array(token.unicodeScalars)
        guard scalars.count >= 3, scalars[0].properties.numericType != nil else { return false }
        let digits = scalars.prefix { $0.properties.numericType != nil }.count
        return ["st", "nd", "rd", "th"].contains(String(String.UnicodeScalarView(scalars[digits...]))) && digits == scalars.count - 2
    }

    /// A word that starts in lower case but has a capital after it: "iPS", "mRNA".
    func isMixedCase(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first, first.isLowercaseFast else { return false }
        return token.unicodeScalars.dropFirst().contains { $0.isUppercaseFast }
    }

    func isInitial(_ token: String) -> Bool {
        token.unicodeScalars.count == 1 && token.unicodeScalars.first?.isUppercaseFast == true
    }

    /// Most words capitalised: a headline, where capitals say nothing about names.
    func isHeadlineCase(_ document: AnnotatedDocument, _ range: Range<Int>) -> Bool {
        let words = range.map { document.token($0) }.filter { $0.unicodeScalars.first?.isAlphabeticFast == true }
        guard words.count > 4 else { return false }
        let capitalised = words.filter(isCapitalised).count
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
            // "New York Stem Cell Foundation": a stop word that starts a name the lexicons know
            // ("New York") inside the run is part of the name.
            let startsKnownName = lower + 1 < upper && document.mentions.contains { mention in
                mention.range.lowerBound == document.tokens[lower].range.lowerBound && mention.range.upperBound > document.tokens[lower].range.upperBound
                    && mention.range.upperBound <= document.tokens[upper - 1].range.upperBound
            }
            if (rules.leadingStopwords.contains(word) && !startsKnownName) || rules.nameConnectors.contains(word) {
                // "Director of the Inserm unit": past "of", a title says nothing of the name after it.
                if rules.nameConnectors.contains(word) { cueBefore = false }
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
        // "Chief Cardiologist of St. Michael's Hospital": a title noun and "of" before a name are the
        // post, not part of the name.
        while lower + 2 < upper, rules.titleNouns.contains(document.foldedToken(lower)), ["of", "at"].contains(document.token(lower + 1)) { lower += 2 }
        guard lower < upper else { return }
        // "Sooam Research Institute in Yongin": an organisation's name ends before "in".
        if let inIndex = (lower + 1..<upper).first(where: { document.token($0) == "in" }) {
            let before = (lower..<inIndex).map { document.token($0) }
            // Only a prize's name goes on past "in" ("Nobel Prize in Physiology or Medicine"): "the
            // Regenerative Medicine Innovation Project in FY 2017" ends before it too.
            if let head = headClass(before, rules: rules), organizationClasses.contains(head.class) || head.class == "Program" || head.class == "Event" {
                consider(lower..<inIndex, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
                consider(inIndex + 1..<upper, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
                return
            }
        }
        // "Anna Berg of Uppsala University", "Gary Smith in Boston": a person's name (no head word,
        // two to four name parts no lexicon knows), then the name of where the person is.
        if upper - lower >= 4, let connector = (lower + 2..<upper).first(where: { ["of", "in", "at"].contains(document.token($0)) }), connector + 1 < upper {
            let before = (lower..<connector).map { document.token($0) }
            let beforeRange = TextRange(document.tokens[lower].range.lowerBound, document.tokens[connector - 1].range.upperBound)
            // "Kenji Sato and Yuki Tanaka of Osaka University": two such names joined by "and".
            let people = before.split(separator: "and", omittingEmptySubsequences: false).map(Array.init)
            if headClass(before, rules: rules) == nil, people.count <= 2,
               people.allSatisfy({ person in
                   (2...4).contains(person.filter({ $0 != "." }).count) && person.filter({ $0 != "." && !isInitial($0) }).count >= 2
                       && person.allSatisfy({ looksLikeNamePart($0, rules: rules) })
               }),
               !document.mentions.contains(where: { $0.range.overlaps(beforeRange) && !isNamePartAlsoAPlace($0, in: lower..<connector, of: document) }) {
                var secondStart = connector + 1
                if document.token(secondStart) == "the", secondStart + 1 < upper { secondStart += 1 }
                // What follows must name a place or an organisation ("… in October" is no place).
                let second = (secondStart..<upper).map { document.token($0) }
                let secondRange = TextRange(document.tokens[secondStart].range.lowerBound, document.tokens[upper - 1].range.upperBound)
                let namesWhere = headClass(second, rules: rules).map { organizationClasses.contains($0.class) } == true
                    || document.mentions.contains { secondRange.contains($0.range) && ["City", "Region", "Country"].contains($0.candidateClass) }
                guard namesWhere else { return }
                consider(lower..<connector, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
                consider(secondStart..<upper, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
                return
            }
        }
        // "X of the Y" where Y has a head word of its own: two names.
        if let split = splitPoint(lower..<upper, document: document, rules: rules) {
            consider(lower..<split.firstEnd, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
            consider(split.secondStart..<upper, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
            return
        }
        // "Lars Bolund and Yonglun Luo": with no head word to make it one organisation's name, a run
        // joined by "and" names two things.
        if upper - lower > 2, let joint = (lower + 1..<upper - 1).first(where: { document.token($0) == "and" || document.token($0) == "&" }),
           headClass((lower..<upper).map { document.token($0) }, rules: rules) == nil {
            consider(lower..<joint, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
            consider(joint + 1..<upper, sentence: sentence, sentenceTokens: sentenceTokens, isHeadline: isHeadline, document: &document, rules: rules)
            return
        }
        let words = (lower..<upper).map { document.token($0) }
        let range = TextRange(document.tokens[lower].range.lowerBound, document.tokens[upper - 1].range.upperBound)
        let text = document.text(ofTokens: lower..<upper)
        let cueAfter = hasCueAfter(upper, sentenceTokens: sentenceTokens, document: document, rules: rules)

        var chosenClass: String?
        var rule = ""
        var confidence = 0.0
        // "Research Group", "Research Institute": a head word after one generic word names a kind
        // of organisation, not one organisation.
        let isGenericKind = words.count == 2 && rules.notNameWords.contains(words[0]) && rules.headWords[words[1]] != nil
        if let head = headClass(words, rules: rules), words.count > 1, !isGenericKind {
            chosenClass = head.class
            rule = "head-word:\(head.word)"
            confidence = 0.75
        } else if cueBefore || cueAfter, words.filter({ $0 != "." }).count <= 4, words.allSatisfy { looksLikeNamePart($0, rules: rules) } {
            chosenClass = "Person"
            rule = cueBefore ? "person-cue-before" : "person-cue-after"
            confidence = 0.8
        } else if !isHeadline, (2...4).contains(words.filter({ $0 != "." }).count), words.allSatisfy({ looksLikeNamePart($0, rules: rules) }) || hasMiddleInitial(words, rules: rules),
                  // "the Salk Institute in La Jolla": after "in" or "near" a name is a place, not a person.
                  !(lower > sentenceTokens.lowerBound && rules.placePrepositions.contains(document.foldedToken(lower - 1))),
                  words.filter({ $0 != "." && !isInitial($0) }).count >= 2,
                  !document.mentions.contains(where: { $0.range.overlaps(range) && !isNamePartAlsoAPlace($0, in: lower..<upper, of: document) }),
                  (lower..<upper).contains(where: { index in !document.mentions.contains { $0.range.overlaps(document.tokens[index].range) } }) {
            chosenClass = "Person"
            rule = "short-capitalised-name"
            confidence = 0.5
            // "Salk Institute (La Jolla, CA)": a name with no person cue right before a comma and a
            // region or country is a place in it.
            // Not when the region's name opens a longer capitalised run ("Susan L. Solomon, Mary
            // Elizabeth Bunzel": a list of people), nor when the name has a middle initial.
            if upper + 1 < sentenceTokens.upperBound, document.token(upper) == ",",
               let next = document.mentions.first(where: { $0.range.lowerBound == document.tokens[upper + 1].range.lowerBound }),
               next.candidateClass == "Region" || next.candidateClass == "Country",
               !words.dropFirst().contains(where: isInitial),
               !(document.tokenIndex(endingAt: next.range.upperBound).map { $0 + 1 < sentenceTokens.upperBound && isCapitalised(document.token($0 + 1)) } ?? false) {
                chosenClass = "City"
                rule = "place-before-region"
                confidence = 0.6
            }
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
        // "Gryphon, a blood stem cell technology firm", "a regenerative medicine firm, BioTime": a
        // name in apposition with an indefinite description takes the class of its noun.
        if (chosenClass == nil || rule == "short-capitalised-name"), !isHeadline, words.count <= 4,
           words.allSatisfy({ $0 == "." || $0.unicodeScalars.first?.isUppercaseFast == true }),
           !document.mentions.contains(where: { $0.range.overlaps(range) && $0.source == .lexicon && !isNamePartAlsoAPlace($0, in: lower..<upper, of: document) }),
           let described = appositionClass(lower..<upper, sentenceTokens: sentenceTokens, document: document, rules: rules) {
            chosenClass = described
            rule = "apposition"
            confidence = 0.7
        }
        guard let chosenClass else { return }
        // An existing mention of exactly this span (from a lexicon) is better evidence.
        let provenance = Provenance(document: document.document.identifier, sentence: sentence, range: range, stage: name, rule: rule, confidence: confidence)
        document.propose(Mention(range: range, sentence: sentence, candidateClass: chosenClass, canonicalLabel: text, source: .namePattern, provenance: provenance), .longerNameWinsOverOthers)
    }

    /// The class of the description a name stands in apposition with: ", a|an <modifiers> <noun>"
    /// after it, or "a|an <modifiers> <noun>, " before it, where the noun is one of
    /// descriptions.tsv ("firm", "company", "institute"); modifiers are lower-case words.
    func appositionClass(_ span: Range<Int>, sentenceTokens: Range<Int>, document: AnnotatedDocument, rules: ExtractionRules) -> String? {
        // A modifier is a lower-case word, or a hyphenated compound ending in one ("Boston-based").
        func isModifier(_ index: Int) -> Bool {
            let word = document.token(index)
            let last = word.split(separator: "-").last.map(String.init) ?? word
            return last.unicodeScalars.first?.isLowercaseFast == true && !rules.appositionStops.contains(word)
        }
        // After: "Gryphon, a blood stem cell technology firm …"
        if span.upperBound + 2 < sentenceTokens.upperBound, document.token(span.upperBound) == ",",
           ["a", "an"].contains(document.foldedToken(span.upperBound + 1)) {
            var index = span.upperBound + 2
            var head: String?
            // The last description noun of the phrase is its head: "a university hospital".
            while index < min(sentenceTokens.upperBound, span.upperBound + 9), isModifier(index) {
                if let found = rules.descriptions[document.foldedToken(index)] { head = found }
                index += 1
            }
            if let head { return head }
        }
        // Before: "… a regenerative medicine firm, BioTime (…)"; with no comma, after "the": "the
        // San Francisco-based startup Cellara".
        let comma = span.lowerBound - 1 >= sentenceTokens.lowerBound && document.token(span.lowerBound - 1) == ","
        let noun = comma ? span.lowerBound - 2 : span.lowerBound - 1
        if noun - 1 >= sentenceTokens.lowerBound, let found = rules.descriptions[document.foldedToken(noun)], isModifier(noun) {
            var index = noun - 1
            while index >= max(sentenceTokens.lowerBound, span.lowerBound - 9) {
                if (comma ? ["a", "an"] : ["the"]).contains(document.foldedToken(index)) { return found }
                // "San Francisco-based": a capitalised word before a hyphenated modifier is part of it.
                guard isModifier(index) || (document.token(index + 1).contains("-") && isModifier(index + 1) && isCapitalised(document.token(index))) else { return nil }
                index -= 1
            }
        }
        return nil
    }

    /// The right-most head word before the first "of"/"for" phrase, else the right-most anywhere.
    func headClass(_ words: [String], rules: ExtractionRules) -> (word: String, class: String)? {
        let cut = words.firstIndex { $0 == "of" || $0 == "for" || $0 == "on" } ?? words.count
        for word in words[..<cut].reversed() {
            guard let found = rules.headWords[word] else { continue }
            // "Department of Physiology" is a university's, "Department of Health" a government's.
            if rules.academicUnitHeads.contains(word), words[cut...].contains(where: { rules.academicFields.contains($0) }) { return (word, "University") }
            return (word, found)
        }
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
                if first.count > 1, second.count > 1, let firstHead = headClass(first, rules: rules), let secondHead = headClass(second, rules: rules),
                   let lastFirst = first.last, let firstSecond = second.first, let lastSecond = second.last {
                    if rules.headWords[lastFirst] != nil || rules.headWords[firstSecond] != nil { return (index, secondStart) }
                    // "University of Tokyo and Keio University": a second name of the same kind,
                    // ending in its own head word.
                    if firstHead.class == secondHead.class, rules.headWords[lastSecond] == secondHead.class { return (index, secondStart) }
                    // "the Ministry of Science and Technology of China and the National Natural
                    // Science Foundation of China": "and the" opens a second name.
                    if secondStart == index + 2 { return (index, secondStart) }
                }
                // "AstraZeneca and the Karolinska Institute": a name a lexicon knows, then "and the"
                // and a name with a head word.
                if secondStart == index + 2, second.count > 1, headClass(second, rules: rules) != nil,
                   document.mentions.contains(where: { $0.source == .lexicon && organizationClasses.contains($0.candidateClass)
                       && $0.range == TextRange(document.tokens[span.lowerBound].range.lowerBound, document.tokens[index - 1].range.upperBound) }) {
                    return (index, secondStart)
                }
            }
            // "the University of Heidelberg and Søren Østergaard": after a name with a head word,
            // "and" and two to four words of a person's name (none a head word) are a second name.
            if word == "and", index > span.lowerBound + 1, index + 2 < span.upperBound {
                let first = (span.lowerBound..<index).map { document.token($0) }
                let second = (index + 1..<span.upperBound).map { document.token($0) }
                if headClass(first, rules: rules) != nil, headClass(second, rules: rules) == nil, (2...4).contains(second.filter({ $0 != "." }).count),
                   second.allSatisfy({ looksLikeNamePart($0, rules: rules) && !rules.notNameWords.contains($0) }),
                   let firstWord = second.first, isCapitalised(firstWord), !rules.nameParticles.contains(firstWord),
                   // Not a term a lexicon knows ("… Molecular Medicine and Gene Therapy").
                   !document.mentions.contains(where: { mention in
                       mention.source == .lexicon && mention.candidateClass != "City" && mention.candidateClass != "Region"
                           && mention.range.overlaps(TextRange(document.tokens[index + 1].range.lowerBound, document.tokens[span.upperBound - 1].range.upperBound))
                   }) {
                    return (index, index + 1)
                }
            }
            // "Director of Cardiology of University of Toronto": a field before "of" and a name
            // with a head word is the field of a post at that organisation, not part of its name.
            if word == "of", document.token(index + 1) != "the",
               (span.lowerBound..<index).allSatisfy({ rules.academicFields.contains(document.token($0)) || rules.nameConnectors.contains(document.token($0)) }) {
                let second = (index + 1..<span.upperBound).map { document.token($0) }
                if second.count > 1, headClass(second, rules: rules) != nil { return (index, index + 1) }
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

    /// "Mary Elizabeth Bunzel", "Magdalena Götz": a one-word place the lexicon knows, inside a run
    /// of name-like words of which some no lexicon knows, is part of a person's name there.
    /// So is a capitalised common noun of a lexicon ("James Burns", "Gary Gibbons"): running text
    /// writes a disease or a species in lower case, so a capital after a first name is a surname.
    func isNamePartAlsoAPlace(_ mention: Mention, in span: Range<Int>, of document: AnnotatedDocument) -> Bool {
        guard mention.source == .lexicon, let position = span.first(where: { document.tokens[$0].range == mention.range }) else { return false }
        if mention.candidateClass == "City" || mention.candidateClass == "Region" { return true }
        return Self.commonNounClasses.contains(mention.candidateClass) && position > span.lowerBound && isCapitalised(document.token(position))
    }

    /// Lexicon classes whose names are common nouns, written in lower case in running text.
    static let commonNounClasses: Set<String> = ["Disease", "Organism", "Method", "Topic", "CellType"]

    /// Prefixes after which a surname has a second capital.
    static let surnamePrefixes: Set<String> = ["Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Der", "Den"]

    /// Generational suffixes written as Roman numerals after a surname ("William M. Caldwell IV").
    static let generationalSuffixes: Set<String> = ["II", "III", "IV"]

    func looksLikeNamePart(_ word: String, rules: ExtractionRules) -> Bool {
        if word == "." || isInitial(word) || Self.generationalSuffixes.contains(word) { return true }
        // "Jan van der Berg", "Maria de la Cruz": a particle inside a name (a run never starts with one).
        if rules.nameParticles.contains(word) { return true }
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 2, scalars[0].isUppercaseFast else { return false }
        guard !rules.notNameWords.contains(word) else { return false }
        // Hyphenated names keep a capital after the hyphen ("Shoae-Hassani", "Jean-Paul"), and so do
        // surnames after an apostrophe or a patronymic or particle prefix ("O'Brien", "McCulloch",
        // "MacDonald", "DeLisi", "LaGuardia", "VanDerBeek").
        for (index, scalar) in scalars.enumerated().dropFirst() where !(scalar.isLowercaseFast || scalar == "-" || scalar == "'" || scalar == "\u{2019}") {
            let before = String(String.UnicodeScalarView(scalars[..<index]))
            guard scalar.isUppercaseFast,
                  ["-", "'", "\u{2019}"].contains(scalars[index - 1]) || Self.surnamePrefixes.contains(before) || before.hasPrefix("Van") && Self.surnamePrefixes.contains(String(before.dropFirst(3)))
            else { return false }
        }
        return true
    }

}
