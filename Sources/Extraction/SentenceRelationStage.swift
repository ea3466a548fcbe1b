import OntologyModel
import TextAnnotation

/// Relations stated inside a sentence, from the patterns in `relation-patterns.tsv`: the words
/// between two mentions select a property; the ontology's domain and range must allow it. A
/// relation extends over a coordinated list after its object ("Nature and Cell Stem Cell").
public struct SentenceRelationStage: Stage {
    public let name = "sentence-relations"
    public let requires: Set<AnnotationLayer> = [.tokens, .entities]
    public let assigns: Set<AnnotationLayer> = [.relations]

    static let maximumGap = RelationPatternMatcher.maximumGap

    public init() {}

    struct Found: Hashable {
        let subject: Int
        let property: String
        let object: Int
    }

    /// The folded word ids of one sentence's tokens, and where each token starts and ends, so the
    /// words between two mentions are a slice found by binary search, not a scan building strings.
    struct SentenceWords {
        let ids: [Int32]
        let starts: [Int]
        let ends: [Int]

        init(_ document: AnnotatedDocument, tokens: [Int], matcher: RelationPatternMatcher) {
            ids = tokens.map { matcher.vocabulary.id(of: document.foldedToken($0)) }
            starts = tokens.map { document.tokens[$0].range.lowerBound }
            ends = tokens.map { document.tokens[$0].range.upperBound }
        }

        /// Word ids of the tokens wholly between two offsets, without determiners, titles and a
        /// full stop right before the second mention.
        func between(_ lower: Int, _ upper: Int, _ matcher: RelationPatternMatcher) -> ArraySlice<Int32> {
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] < lower { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < ends.count, ends[end] <= upper { end += 1 }
            while end > low, matcher.skippedBeforeMention.contains(ids[end - 1]) { end -= 1 }
            return ids[low..<end]
        }
    }

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let rules = context.rules
        let matcher = rules.relationMatcher
        var existing = Self.existingRelations(of: document)
        let entityOfMention = document.entityOfEachMention
        let tokenRanges = document.tokenRangesBySentence
        let mentionsBySentence = Dictionary(grouping: document.mentions.indices.filter { entityOfMention[$0] != nil }) { document.mentions[$0].sentence ?? -1 }
        for sentenceIndex in document.sentences.indices {
            let section = document.sections[document.sentences[sentenceIndex].section]
            guard section.kind != .title, section.kind != .heading else { continue }
            let sentenceMentions = (mentionsBySentence[sentenceIndex] ?? []).sorted { document.mentions[$0].range < document.mentions[$1].range }
            guard sentenceMentions.count > 1 else { continue }
            // Words and names inside an aside that names nothing new are read past ("X (NHLBI) at Y").
            let tokens = tokenRanges[sentenceIndex]
            let hidden = document.transparentTokens(in: tokens, mentions: sentenceMentions, entityOfMention: entityOfMention)
            let mentions = sentenceMentions.filter { mention in
                guard let first = document.tokenIndex(startingAt: document.mentions[mention].range.lowerBound), tokens.contains(first) else { return true }
                return !hidden[first - tokens.lowerBound]
            }
            guard mentions.count > 1 else { continue }
            let words = SentenceWords(document, tokens: tokens.filter { !hidden[$0 - tokens.lowerBound] }, matcher: matcher)
            func gap(_ left: Int, _ right: Int) -> ArraySlice<Int32> {
                words.between(document.mentions[left].range.upperBound, document.mentions[right].range.lowerBound, matcher)
            }
            for (position, right) in mentions.enumerated() {
                // For each property and direction, the nearest left mention wins.
                var claimed = [Bool](repeating: false, count: matcher.claimCount)
                for leftPosition in stride(from: position - 1, through: 0, by: -1) {
                    let left = mentions[leftPosition]
                    guard let leftEntity = entityOfMention[left], let rightEntity = entityOfMention[right], leftEntity != rightEntity else { continue }
                    let between = gap(left, right)
                    guard between.count <= 2 * Self.maximumGap else { break }
                    let adjacent = leftPosition == position - 1
                    for candidate in matcher.candidates(for: between, gapsOnly: !adjacent) {
                        let compiled = matcher.patterns[candidate]
                        guard !claimed[compiled.claim], matcher.matches(between, compiled),
                              !between.contains(where: { matcher.negationWords.contains($0) }) else { continue }
                        let pattern = compiled.pattern
                        // "the bank at NIBSC was funded by …": the verb's subject is the head the
                        // prepositional phrase hangs on, not the name inside it.
                        let leftHead = attachmentHead(of: leftPosition, in: mentions, entityOfMention: entityOfMention, gap: gap, matcher: matcher)
                        let headFits = context.ontology.allows(pattern.property, subject: document.entities[leftHead].entityClass, object: document.entities[rightEntity].entityClass)
                        var leftSubject = compiled.startsWithGap && headFits ? leftHead : leftEntity
                        // "The institute, located within X, is funded by Y": a finite verb after an
                        // apposition closed by a comma has the sentence's subject, not X.
                        if compiled.startsWithGap, pattern.direction == .forward, leftPosition > 0, between.contains(matcher.comma),
                           between.contains(where: { matcher.auxiliaryWords.contains($0) }), let first = entityOfMention[mentions[0]],
                           context.ontology.allows(pattern.property, subject: document.entities[first].entityClass, object: document.entities[rightEntity].entityClass) {
                            leftSubject = first
                        }
                        let (subject, object) = pattern.direction == .forward ? (leftSubject, rightEntity) : (rightEntity, leftEntity)
                        guard subject != object else { continue }
                        if context.ontology.isSubclass(document.entities[leftEntity].entityClass, of: "Place"), compiled.isBareComma,
                           !isAscendingPlaceChain(around: leftPosition, in: mentions, entityOfMention: entityOfMention, document: document, gap: gap, matcher: matcher) { continue }
                        if compiled.isBareComma, organizationClasses.contains(document.entities[leftEntity].entityClass),
                           organizationClasses.contains(document.entities[rightEntity].entityClass),
                           !isAscendingUnitChain(around: leftPosition, in: mentions, entityOfMention: entityOfMention, document: document, rules: rules, gap: gap, matcher: matcher) { continue }
                        let subjectClass = document.entities[subject].entityClass, objectClass = document.entities[object].entityClass
                        guard context.ontology.allows(pattern.property, subject: subjectClass, object: objectClass) else { continue }
                        if let wanted = pattern.subjectClass, !context.ontology.isSubclass(subjectClass, of: wanted) { continue }
                        if let wanted = pattern.objectClass, !context.ontology.isSubclass(objectClass, of: wanted) { continue }
                        claimed[compiled.claim] = true
                        let provenance = Provenance(
                            document: document.document.identifier, sentence: sentenceIndex,
                            range: TextRange(document.mentions[left].range.lowerBound, document.mentions[right].range.upperBound),
                            stage: name, rule: pattern.identifier, confidence: pattern.confidence)
                        Self.add(Found(subject: subject, property: pattern.property, object: object), evidence: [left, right], provenance: provenance, to: &document, existing: &existing, ontology: context.ontology)
                        // Coordinated names before the left mention ("A and B issued X") share its role.
                        if !compiled.startsWithGap {
                            var following = left
                            for earlier in mentions[..<leftPosition].reversed().prefix(Self.maximumListMembers) {
                                let listGap = gap(earlier, following)
                                // A bare comma before the left name is apposition or a place chain, not a list.
                                guard matcher.isCoordination(listGap), listGap.contains(matcher.and) || listGap.contains(matcher.or),
                                      let earlierEntity = entityOfMention[earlier],
                                      // The members of a list are of one kind: "X of the University of
                                      // Heidelberg and Søren Østergaard from Aarhus University".
                                      Self.sameKind(document.entities[earlierEntity].entityClass, document.entities[leftEntity].entityClass, ontology: context.ontology)
                                else { break }
                                let found = pattern.direction == .forward
                                    ? Found(subject: earlierEntity, property: pattern.property, object: object)
                                    : Found(subject: subject, property: pattern.property, object: earlierEntity)
                                if context.ontology.allows(pattern.property, subject: document.entities[found.subject].entityClass, object: document.entities[found.object].entityClass) {
                                    Self.add(found, evidence: [earlier, right], provenance: provenance, to: &document, existing: &existing, ontology: context.ontology)
                                }
                                following = earlier
                            }
                        }
                        // Coordinated names after the right mention ("A, B, and C", "diseases such as A
                        // and B") share its role, whether object (forward) or subject (reverse).
                        let rightClass = document.entities[rightEntity].entityClass
                        var previous = right
                        var previousPosition = position
                        for (nextPosition, next) in zip(mentions.indices, mentions).dropFirst(position + 1).prefix(Self.maximumListMembers) {
                            let listGap = gap(previous, next)
                            guard !compiled.isBareComma, matcher.isCoordination(listGap), let nextEntity = entityOfMention[next] else { break }
                            // "in Yongin, Gyeonggi Province": a wider place after a comma is where the
                            // first one lies, not another member of a list.
                            if listGap.count == 1, listGap.first == matcher.comma, context.ontology.isSubclass(rightClass, of: "Place"),
                               isAscendingPlaceChain(around: previousPosition, in: mentions, entityOfMention: entityOfMention, document: document, gap: gap, matcher: matcher) { break }
                            let nextClass = document.entities[nextEntity].entityClass
                            // The members of a list are of one kind: "the NIH, Bethesda" names where
                            // the NIH is, not another organisation.
                            guard context.ontology.isSubclass(nextClass, of: "Place") == context.ontology.isSubclass(rightClass, of: "Place") else { break }
                            guard context.ontology.isSubclass(nextClass, of: rightClass) || context.ontology.isSubclass(rightClass, of: nextClass)
                                    || (pattern.direction == .forward ? context.ontology.allows(pattern.property, subject: subjectClass, object: nextClass)
                                        : context.ontology.allows(pattern.property, subject: nextClass, object: objectClass)) else { break }
                            let found = pattern.direction == .forward
                                ? Found(subject: subject, property: pattern.property, object: nextEntity)
                                : Found(subject: nextEntity, property: pattern.property, object: object)
                            let nextSubjectClass = document.entities[found.subject].entityClass, nextObjectClass = document.entities[found.object].entityClass
                            if context.ontology.allows(pattern.property, subject: nextSubjectClass, object: nextObjectClass) {
                                Self.add(found, evidence: [left, next], provenance: provenance, to: &document, existing: &existing, ontology: context.ontology)
                            }
                            previous = next
                            previousPosition = nextPosition
                        }
                    }
                }
            }
        }
        addHyphenDerivations(&document, existing: &existing, ontology: context.ontology)
        addBasedLocations(&document, existing: &existing, rules: rules, ontology: context.ontology)
        addHyphenMarkers(&document, existing: &existing, rules: rules, ontology: context.ontology)
        addAdjacentPlaces(&document, existing: &existing, ontology: context.ontology)
        addListItemAffiliations(&document, existing: &existing, rules: rules, ontology: context.ontology)
        Self.addLeaderAffiliations(&document, existing: &existing, ontology: context.ontology, stage: name)
    }

    /// The token a mention ends inside (not at its end), if any: tokens are in text order.
    static func token(endingInside mention: Mention, of document: AnnotatedDocument) -> Int? {
        var low = 0, high = document.tokens.count
        while low < high {
            let middle = (low + high) / 2
            if document.tokens[middle].range.lowerBound < mention.range.upperBound { low = middle + 1 } else { high = middle }
        }
        let token = low - 1
        return token >= 0 && document.tokens[token].range.upperBound > mention.range.upperBound ? token : nil
    }

    /// Confidence of an organisation located where its "<place>-based" modifier says.
    static let basedLocationConfidence = 0.75

    /// "Helix Biologics, a Boston-based biotechnology company", "X is a Boston-based company", "the
    /// San Francisco-based startup Cellara": a place before -based (place-compound-suffixes) is where
    /// the organisation the phrase describes is located: the name after its lower-case words, else
    /// the name before ", a", "is a", "was a".
    func addBasedLocations(_ document: inout AnnotatedDocument, existing: inout Set<Found>, rules: ExtractionRules, ontology: Ontology) {
        let suffixes = rules.words("place-compound-suffixes")
        let entityOfMention = document.entityOfEachMention
        let starts = Dictionary(document.mentions.indices.map { (document.mentions[$0].range.lowerBound, $0) }, uniquingKeysWith: { first, _ in first })
        let ends = Dictionary(document.mentions.indices.map { (document.mentions[$0].range.upperBound, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, mention) in document.mentions.enumerated() where ontology.isSubclass(mention.candidateClass, of: "Place") {
            guard let place = entityOfMention[index], let sentence = mention.sentence, let token = Self.token(endingInside: mention, of: document) else { continue }
            let rest = WordTokenizer.fold(Document.string(document.document.scalars[mention.range.upperBound..<document.tokens[token].range.upperBound]))
            guard rest.hasPrefix("-"), suffixes.contains(String(rest.dropFirst())) else { continue }
            func organisation(at mentionIndex: Int?) -> Int? {
                guard let mentionIndex, let entity = entityOfMention[mentionIndex], organizationClasses.contains(document.entities[entity].entityClass) else { return nil }
                return mentionIndex
            }
            var next = token + 1
            while next < document.tokens.count, next <= token + 4, document.tokens[next].sentence == sentence, starts[document.tokens[next].range.lowerBound] == nil,
                  document.token(next).unicodeScalars.first?.isLowercaseFast == true { next += 1 }
            var found = next < document.tokens.count && document.tokens[next].sentence == sentence ? organisation(at: starts[document.tokens[next].range.lowerBound]) : nil
            if found == nil, let first = document.tokenIndex(startingAt: mention.range.lowerBound) {
                var before = first - 1
                if before >= 0, ["a", "an", "the"].contains(document.foldedToken(before)) { before -= 1 }
                if before >= 1, [",", "is", "was"].contains(document.foldedToken(before)), document.tokens[before - 1].sentence == sentence {
                    found = organisation(at: ends[document.tokens[before - 1].range.upperBound])
                }
            }
            guard let organisationMention = found, let organisationEntity = entityOfMention[organisationMention],
                  ontology.allows("locatedIn", subject: document.entities[organisationEntity].entityClass, object: document.entities[place].entityClass) else { continue }
            let provenance = Provenance(document: document.document.identifier, sentence: sentence,
                                        range: TextRange(min(mention.range.lowerBound, document.mentions[organisationMention].range.lowerBound),
                                                         max(mention.range.upperBound, document.mentions[organisationMention].range.upperBound)),
                                        stage: name, rule: "locatedIn.place-based", confidence: Self.basedLocationConfidence)
            Self.add(Found(subject: organisationEntity, property: "locatedIn", object: place), evidence: [organisationMention, index], provenance: provenance,
                     to: &document, existing: &existing, ontology: ontology)
        }
    }

    /// Whether two classes are of one kind: one a subclass of the other, or both organisations.
    static func sameKind(_ first: String, _ second: String, ontology: Ontology) -> Bool {
        ontology.isSubclass(first, of: second) || ontology.isSubclass(second, of: first)
            || (organizationClasses.contains(first) && organizationClasses.contains(second))
    }

    /// Confidence of a person listed under an organisation in one list item.
    static let listItemAffiliationConfidence = 0.6

    /// "- Albert Einstein College of Medicine, New York / (indented) Eric E. Bouhassira, Ph.D.": a
    /// list item that opens with an organisation's name, continued by an indented line that is only a
    /// person's name (with degrees), lists that person at the organisation.
    func addListItemAffiliations(_ document: inout AnnotatedDocument, existing: inout Set<Found>, rules: ExtractionRules, ontology: Ontology) {
        let entityOfMention = document.entityOfEachMention
        let scalars = document.document.scalars
        var mentionsBySection: [Int: [Int]] = [:]
        for (index, mention) in document.mentions.enumerated() {
            guard let sentence = mention.sentence, entityOfMention[index] != nil else { continue }
            mentionsBySection[document.sentences[sentence].section, default: []].append(index)
        }
        var organisation: Int?
        for (sectionIndex, section) in document.sections.enumerated() {
            let first = (mentionsBySection[sectionIndex] ?? []).min { document.mentions[$0].range.lowerBound < document.mentions[$1].range.lowerBound }
            let indented = section.range.lowerBound > 0 && (scalars[section.range.lowerBound - 1] == " " || scalars[section.range.lowerBound - 1] == "\t")
            if section.kind == .listItem {
                organisation = first.flatMap { index in
                    organizationClasses.contains(document.mentions[index].candidateClass) && document.mentions[index].isName ? index : nil
                }
                continue
            }
            guard indented, let orgMention = organisation else { organisation = nil; continue }
            // The line is a person's name and degrees only.
            guard let personMention = first, document.mentions[personMention].candidateClass == "Person", document.mentions[personMention].isName,
                  let person = entityOfMention[personMention], let org = entityOfMention[orgMention],
                  document.mentions[personMention].range.lowerBound == section.range.lowerBound else { continue }
            // ", Ph.D.", ", M.D., Ph.D.": degrees, folded without their full stops.
            let rest = Document.string(scalars[document.mentions[personMention].range.upperBound..<section.range.upperBound])
                .split(separator: ",").map { WordTokenizer.fold(String($0)).filter { $0 != "." && $0 != " " } }.filter { !$0.isEmpty }
            guard rest.allSatisfy({ rules.degreeWords.contains($0) }),
                  ontology.allows("affiliatedWith", subject: document.entities[person].entityClass, object: document.entities[org].entityClass) else { continue }
            let provenance = Provenance(document: document.document.identifier, sentence: document.mentions[personMention].sentence ?? 0,
                                        range: document.mentions[personMention].range, stage: name, rule: "affiliatedWith.list-item", confidence: Self.listItemAffiliationConfidence)
            Self.add(Found(subject: person, property: "affiliatedWith", object: org), evidence: [personMention, orgMention], provenance: provenance,
                     to: &document, existing: &existing, ontology: ontology)
        }
    }

    /// Confidence of a city part of the region named right after it.
    static let adjacentPlaceConfidence = 0.8

    /// "Bethesda Maryland": a city right before a region, with nothing between, lies in it (with a
    /// comma, relation-patterns.tsv partOf.comma says so).
    func addAdjacentPlaces(_ document: inout AnnotatedDocument, existing: inout Set<Found>, ontology: Ontology) {
        let entityOfMention = document.entityOfEachMention
        let starts = Dictionary(document.mentions.indices.map { (document.mentions[$0].range.lowerBound, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, mention) in document.mentions.enumerated() where mention.candidateClass == "City" {
            guard let city = entityOfMention[index], let last = document.tokenIndex(endingAt: mention.range.upperBound), last + 1 < document.tokens.count,
                  document.tokens[last + 1].sentence == mention.sentence,
                  let regionIndex = starts[document.tokens[last + 1].range.lowerBound], document.mentions[regionIndex].candidateClass == "Region",
                  let region = entityOfMention[regionIndex], region != city else { continue }
            let provenance = Provenance(document: document.document.identifier, sentence: mention.sentence ?? 0,
                                        range: TextRange(mention.range.lowerBound, document.mentions[regionIndex].range.upperBound),
                                        stage: name, rule: "partOf.city-region", confidence: Self.adjacentPlaceConfidence)
            Self.add(Found(subject: city, property: "partOf", object: region), evidence: [index, regionIndex], provenance: provenance,
                     to: &document, existing: &existing, ontology: ontology)
        }
    }

    /// Confidence of a cell type marked by the gene its hyphenated modifier names.
    static let hyphenMarkerConfidence = 0.75

    /// "ABCB5-positive stem cells", "Sox2-expressing progenitor cells": a gene or marker that ends
    /// inside a word continued by "-positive"/"-expressing" (marker-suffixes) is a marker of the
    /// cell type that starts with that word or right after it.
    func addHyphenMarkers(_ document: inout AnnotatedDocument, existing: inout Set<Found>, rules: ExtractionRules, ontology: Ontology) {
        let entityOfMention = document.entityOfEachMention
        for (index, mention) in document.mentions.enumerated() where mention.candidateClass == "Gene" || mention.candidateClass == "Biomarker" {
            guard let marker = entityOfMention[index], let sentence = mention.sentence, let token = Self.token(endingInside: mention, of: document) else { continue }
            let rest = WordTokenizer.fold(Document.string(document.document.scalars[mention.range.upperBound..<document.tokens[token].range.upperBound]))
            guard rest.hasPrefix("-"), rules.markerSuffixes.contains(String(rest.dropFirst())) else { continue }
            let cellIndex = document.mentions.firstIndex { other in
                other.candidateClass == "CellType" && other.sentence == sentence
                    && (other.range.lowerBound == document.tokens[token].range.lowerBound
                        || (token + 1 < document.tokens.count && other.range.lowerBound == document.tokens[token + 1].range.lowerBound))
            }
            guard let cellIndex, let cell = entityOfMention[cellIndex], cell != marker,
                  ontology.allows("hasMarker", subject: document.entities[cell].entityClass, object: document.entities[marker].entityClass) else { continue }
            let provenance = Provenance(document: document.document.identifier, sentence: sentence,
                                        range: TextRange(mention.range.lowerBound, max(mention.range.upperBound, document.mentions[cellIndex].range.upperBound)),
                                        stage: name, rule: "hasMarker.hyphen-positive", confidence: Self.hyphenMarkerConfidence)
            Self.add(Found(subject: cell, property: "hasMarker", object: marker), evidence: [cellIndex, index], provenance: provenance,
                     to: &document, existing: &existing, ontology: ontology)
        }
    }

    /// Confidence of a cell type derived from the one its hyphenated modifier names.
    static let hyphenDerivedConfidence = 0.75

    /// "iPSC-derived RPE cells": a cell type that ends inside a word continued by "-derived" is
    /// what the cell type after that word (at most two lower-case words later) is derived from.
    func addHyphenDerivations(_ document: inout AnnotatedDocument, existing: inout Set<Found>, ontology: Ontology) {
        let entityOfMention = document.entityOfEachMention
        for (index, mention) in document.mentions.enumerated() where mention.candidateClass == "CellType" {
            guard let source = entityOfMention[index], let sentence = mention.sentence, let token = Self.token(endingInside: mention, of: document) else { continue }
            let rest = Document.string(document.document.scalars[mention.range.upperBound..<document.tokens[token].range.upperBound])
            guard WordTokenizer.fold(rest) == "-derived" else { continue }
            var next = token + 1
            while next < document.tokens.count, next <= token + 2, document.tokens[next].sentence == sentence,
                  !document.mentions.contains(where: { $0.range.lowerBound == document.tokens[next].range.lowerBound }),
                  document.token(next).unicodeScalars.allSatisfy({ $0.isLowercaseFast || $0 == "-" }) { next += 1 }
            guard next < document.tokens.count, document.tokens[next].sentence == sentence,
                  let targetIndex = document.mentions.firstIndex(where: { $0.range.lowerBound == document.tokens[next].range.lowerBound && $0.candidateClass == "CellType" }),
                  let target = entityOfMention[targetIndex], target != source,
                  ontology.allows("derivedFrom", subject: document.entities[target].entityClass, object: document.entities[source].entityClass)
            else { continue }
            let provenance = Provenance(document: document.document.identifier, sentence: sentence,
                                        range: TextRange(mention.range.lowerBound, document.mentions[targetIndex].range.upperBound),
                                        stage: name, rule: "derivedFrom.hyphen-derived", confidence: Self.hyphenDerivedConfidence)
            Self.add(Found(subject: target, property: "derivedFrom", object: source), evidence: [index, targetIndex], provenance: provenance,
                     to: &document, existing: &existing, ontology: ontology)
        }
    }

    /// The relations a document already states between two entities.
    static func existingRelations(of document: AnnotatedDocument) -> Set<Found> {
        Set(document.relations.compactMap { relation -> Found? in
            if case let .entity(object) = relation.object { return Found(subject: relation.subject, property: relation.property, object: object) }
            return nil
        })
    }

    /// Whoever leads an organisation is affiliated with it (the gold guidelines state both).
    static func addLeaderAffiliations(_ document: inout AnnotatedDocument, existing: inout Set<Found>, ontology: Ontology, stage: String) {
        for relation in document.relations where relation.property == "ledBy" {
            guard case let .entity(leader) = relation.object,
                  ontology.allows("affiliatedWith", subject: document.entities[leader].entityClass, object: document.entities[relation.subject].entityClass) else { continue }
            let provenance = Provenance(document: relation.provenance.document, sentence: relation.provenance.sentence, range: relation.provenance.range,
                                        stage: stage, rule: "leader-is-affiliated", confidence: relation.provenance.confidence * 0.9)
            Self.add(Found(subject: leader, property: "affiliatedWith", object: relation.subject), evidence: relation.evidence, provenance: provenance, to: &document, existing: &existing, ontology: ontology)
        }
    }

    /// Confidence kept by an affiliation carried from a unit to the organisation it is part of.
    static let parentAffiliationFactor = 0.9

    /// Whoever works in a unit works for the organisation the same sentence says it is part of:
    /// "a professor in the Department of Laboratory Medicine, Lund University" is affiliated with
    /// both; "at the NHLBI at the NIH" with both. Only within one sentence, where the text itself
    /// joins the two, and along a chain of units (section → branch → institute → agency).
    static func addParentAffiliations(_ document: inout AnnotatedDocument, existing: inout Set<Found>, ontology: Ontology, stage: String) {
        struct UnitInSentence: Hashable { let unit: Int; let sentence: Int }
        var parents: [UnitInSentence: [(parent: Int, relation: Int)]] = [:]
        for (index, relation) in document.relations.enumerated() where relation.property == "partOf" {
            // "the Institute of Science and Technology of the Commission": an "of" may still be
            // inside one long name rather than join a unit to its parent, so it carries nothing.
            guard case let .entity(parent) = relation.object, let sentence = relation.provenance.sentence,
                  !relation.provenance.rule.hasPrefix("partOf.of") else { continue }
            parents[UnitInSentence(unit: relation.subject, sentence: sentence), default: []].append((parent, index))
        }
        guard !parents.isEmpty else { return }
        var index = 0
        while index < document.relations.count {
            defer { index += 1 }
            let relation = document.relations[index]
            guard relation.property == "affiliatedWith", case let .entity(unit) = relation.object, let sentence = relation.provenance.sentence else { continue }
            for (parent, partOf) in parents[UnitInSentence(unit: unit, sentence: sentence)] ?? [] {
                guard ontology.allows("affiliatedWith", subject: document.entities[relation.subject].entityClass, object: document.entities[parent].entityClass)
                else { continue }
                let confidence = min(relation.provenance.confidence, document.relations[partOf].provenance.confidence) * Self.parentAffiliationFactor
                let provenance = Provenance(document: relation.provenance.document, sentence: sentence, range: relation.provenance.range,
                                            stage: stage, rule: "affiliation-extends-to-parent", confidence: confidence)
                // Appended, so the loop reaches it and carries it on up the chain.
                Self.add(Found(subject: relation.subject, property: "affiliatedWith", object: parent), evidence: relation.evidence + document.relations[partOf].evidence,
                         provenance: provenance, to: &document, existing: &existing, ontology: ontology)
            }
        }
    }

    /// Adds a relation unless the document states it already; a symmetric one once, in label order.
    static func add(_ found: Found, evidence: [Int], provenance: Provenance, to document: inout AnnotatedDocument, existing: inout Set<Found>, ontology: Ontology) {
        var statement = found
        // A symmetric property is stated once, subject first in label order.
        if ontology.properties[found.property]?.isSymmetric == true,
           document.entities[found.object].preferredLabel < document.entities[found.subject].preferredLabel {
            statement = Found(subject: found.object, property: found.property, object: found.subject)
        }
        guard statement.subject != statement.object, existing.insert(statement).inserted else { return }
        document.relations.append(Relation(subject: statement.subject, property: statement.property, object: .entity(statement.object), evidence: evidence, provenance: provenance))
    }

    /// A list shares a relation with at most this many further members, so a sentence-long list
    /// costs linear time.
    static let maximumListMembers = 64

    /// Follows `X at/of/in Y` back from the mention at `position` to X, while X's entity is a different
    /// organisation or event; the entity of the mention reached.
    func attachmentHead(of position: Int, in mentions: [Int], entityOfMention: [Int?], gap: (Int, Int) -> ArraySlice<Int32>, matcher: RelationPatternMatcher) -> Int {
        var current = position
        while current > 0 {
            let words = gap(mentions[current - 1], mentions[current])
            let sameEntity = entityOfMention[mentions[current - 1]] == entityOfMention[mentions[current]]
            // "Stem cell treatments are a type of cell therapy that …": the kind names the subject.
            let isKindOf = words.count <= 5 && words.count >= 2 && matcher.kindWords.contains(words[words.endIndex - 2]) && words.last == matcher.of
            guard sameEntity || isKindOf || (words.count == 1 && matcher.attachmentWords.contains(words[words.startIndex])) else { break }
            current -= 1
        }
        return entityOfMention[mentions[current]] ?? entityOfMention[mentions[position]] ?? 0
    }

    /// A comma between organisations states containment only when the chain of comma-separated
    /// organisations widens step by step, each a larger unit than the one before ("Molecular
    /// Genetics Section, Neurology Branch, National Institute of X, NIH"; "Department of Laboratory
    /// Medicine, Lund University"), and no "and" makes the chain a list ("Princeton University,
    /// Fox Chase Cancer Center and the Salk Institute").
    func isAscendingUnitChain(around position: Int, in mentions: [Int], entityOfMention: [Int?], document: AnnotatedDocument, rules: ExtractionRules,
                              gap: (Int, Int) -> ArraySlice<Int32>, matcher: RelationPatternMatcher) -> Bool {
        func rank(_ index: Int) -> Int? {
            guard let entity = entityOfMention[mentions[index]], organizationClasses.contains(document.entities[entity].entityClass) else { return nil }
            return rules.unitRank(of: document.entities[entity].preferredLabel)
        }
        func isComma(_ a: Int, _ b: Int) -> Bool {
            let words = gap(mentions[a], mentions[b])
            return words.count == 1 && words.first == matcher.comma
        }
        func isCoordinated(_ a: Int, _ b: Int) -> Bool {
            let words = gap(mentions[a], mentions[b])
            return !words.isEmpty && words.count <= 2 && words.allSatisfy { $0 == matcher.comma || $0 == matcher.and || $0 == matcher.or }
                && (words.contains(matcher.and) || words.contains(matcher.or))
        }
        var lower = position, upper = position
        while lower > 0, position - lower < 4, rank(lower - 1) != nil, isComma(lower - 1, lower) { lower -= 1 }
        while upper + 1 < mentions.count, upper - position < 4, rank(upper + 1) != nil, isComma(upper, upper + 1) { upper += 1 }
        if lower > 0, rank(lower - 1) != nil, isCoordinated(lower - 1, lower) { return false }
        if upper + 1 < mentions.count, rank(upper + 1) != nil, isCoordinated(upper, upper + 1) { return false }
        var previous = 0
        for index in lower...upper {
            guard let value = rank(index), value > previous else { return false }
            previous = value
        }
        return true
    }

    /// A comma between places states containment only when the chain of comma-separated places
    /// widens step by step ("Evanston, Illinois, United States"), not in a list ("Beijing, Guangdong,
    /// Shanghai, and Tianjin").
    func isAscendingPlaceChain(around position: Int, in mentions: [Int], entityOfMention: [Int?], document: AnnotatedDocument, gap: (Int, Int) -> ArraySlice<Int32>, matcher: RelationPatternMatcher) -> Bool {
        func rank(_ mention: Int) -> Int? {
            guard let entity = entityOfMention[mentions[mention]] else { return nil }
            switch document.entities[entity].entityClass {
            case "City": return 0
            case "Region": return 1
            case "Country": return 2
            default: return nil
            }
        }
        func linked(_ a: Int, _ b: Int) -> Bool {
            let words = gap(mentions[a], mentions[b])
            return !words.isEmpty && words.allSatisfy { $0 == matcher.comma || $0 == matcher.and || $0 == matcher.or }
        }
        // A chain of more than three places is a list whatever its order; stop looking further.
        var lower = position, upper = position
        while lower > 0, position - lower < 4, rank(lower - 1) != nil, linked(lower - 1, lower) { lower -= 1 }
        while upper + 1 < mentions.count, upper - position < 4, rank(upper + 1) != nil, linked(upper, upper + 1) { upper += 1 }
        var previous = -1
        for index in lower...upper {
            guard let value = rank(index), value > previous else { return false }
            previous = value
        }
        return true
    }
}
