import OntologyModel
import TextAnnotation

/// Relations from trigger words (`relation-triggers.tsv`): where a sentence holds a trigger of a
/// property ("joined", "derived from", "director of"), the nearest mention before it and the
/// nearest after it whose classes fit the property's domain and range become its subject and
/// object. Unlike a sentence pattern, other words may stand around the trigger, so the stage
/// carries over to phrasing no rule spells out; "he" and "the company" are mentions already (the
/// descriptions stage), so their relations reach the names they stand for. A clause boundary stops
/// the search, a negation drops the relation, a hedge lowers its confidence. Runs after the pattern
/// stages and adds only relations they did not find.
public struct TriggerRelationStage: Stage {
    public let name = "trigger-relations"
    public let requires: Set<AnnotationLayer> = [.tokens, .entities]
    public let assigns: Set<AnnotationLayer> = [.relations]

    /// At most this many tokens between the subject-side mention and the trigger.
    static let leftWindow = 12
    /// At most this many tokens between the trigger and the object-side mention.
    static let rightWindow = 8
    /// At most this many further list members share a relation.
    static let maximumListMembers = 32
    /// Confidence kept by a relation whose sentence hedges it ("may", "reportedly").
    static let hedgeFactor = 0.7
    /// Confidence kept by a relation whose subject is the sentence's subject, beyond the window.
    static let sentenceSubjectFactor = 0.85
    /// Confidence kept by a relation one of whose ends is a pronoun or description ("he", "the company").
    static let anaphorFactor = 0.9

    public init() {}

    /// A mention of an entity in one sentence, by token positions; an anaphor is a pronoun or a
    /// description ("he", "the institute") standing for a name.
    struct Item {
        let start: Int
        let end: Int
        let entity: Int
        let mention: Int
        let isAnaphor: Bool
    }

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let matcher = context.rules.triggerMatcher
        guard !matcher.triggers.isEmpty else { return }
        let ontology = context.ontology
        var existing = SentenceRelationStage.existingRelations(of: document)
        let entityOfMention = document.entityOfEachMention
        let mentionsBySentence = Dictionary(grouping: document.mentions.indices.filter { entityOfMention[$0] != nil }) { document.mentions[$0].sentence ?? -1 }
        let tokenRanges = document.tokenRangesBySentence
        var holders = Self.holders(of: document)
        let topic = Self.topicOrganisation(of: document, entityOfMention: entityOfMention)
        for sentenceIndex in document.sentences.indices {
            let sentenceTokens = tokenRanges[sentenceIndex]
            let kind = document.sections[document.sentences[sentenceIndex].section].kind
            let mentions = (mentionsBySentence[sentenceIndex] ?? []).sorted { document.mentions[$0].range < document.mentions[$1].range }
            // One name is enough where the text's subject can be the other end (a `topic` trigger).
            let fewest = topic == nil ? 2 : 1
            guard !sentenceTokens.isEmpty, kind != .title, kind != .heading, mentions.count >= fewest else { continue }
            // An aside that names nothing new ("(NHLBI)", "(1983-1986)") is read past: positions
            // below count only the tokens outside it, and `tokens` maps them back.
            let hidden = document.transparentTokens(in: sentenceTokens, mentions: mentions, entityOfMention: entityOfMention)
            let tokens = sentenceTokens.filter { !hidden[$0 - sentenceTokens.lowerBound] }
            let ids = tokens.map { matcher.vocabulary.id(of: document.foldedToken($0)) }
            let starts = tokens.map { document.tokens[$0].range.lowerBound }
            func tokenIndex(atOrAfter offset: Int) -> Int {
                var low = 0, high = starts.count
                while low < high {
                    let middle = (low + high) / 2
                    if starts[middle] < offset { low = middle + 1 } else { high = middle }
                }
                return low
            }
            let items: [Item] = mentions.compactMap { mention in
                guard let entity = entityOfMention[mention] else { return nil }
                let range = document.mentions[mention].range
                if let first = document.tokenIndex(startingAt: range.lowerBound), sentenceTokens.contains(first), hidden[first - sentenceTokens.lowerBound] { return nil }
                let start = tokenIndex(atOrAfter: range.lowerBound), end = tokenIndex(atOrAfter: range.upperBound)
                return start < end ? Item(start: start, end: end, entity: entity, mention: mention, isAnaphor: !document.mentions[mention].isName) : nil
            }
            var covered = [Bool](repeating: false, count: ids.count)
            for item in items { for index in item.start..<item.end { covered[index] = true } }
            guard items.count >= fewest else { continue }
            var occurrences: [(start: Int, end: Int, trigger: Int)] = []
            for start in ids.indices where !covered[start] {
                for match in matcher.triggerPhrases.matches(in: ids, at: start) where !covered[start..<match.end].contains(true) {
                    occurrences.append((start, match.end, match.phrase))
                }
            }
            // A trigger inside a longer one of the same property ("derived" in "derived from") says
            // less than it; one of another property ("professor" in "professor of") still speaks.
            for occurrence in occurrences {
                let property = matcher.triggers[occurrence.trigger].property
                guard !occurrences.contains(where: {
                    $0.start <= occurrence.start && $0.end >= occurrence.end && $0.end - $0.start > occurrence.end - occurrence.start
                        && matcher.triggers[$0.trigger].property == property
                }) else { continue }
                relate(matcher.triggers[occurrence.trigger], from: occurrence.start, to: occurrence.end, items: items, ids: ids, sentence: sentenceIndex,
                       tokens: tokens, matcher: matcher, rules: context.rules, ontology: ontology, document: &document, existing: &existing, holders: &holders,
                       topic: topic)
            }
        }
        relateListsUnderHeadings(&document, entityOfMention: entityOfMention, mentionsBySentence: mentionsBySentence, tokenRanges: tokenRanges,
                                 matcher: matcher, ontology: ontology, existing: &existing)
        SentenceRelationStage.addLeaderAffiliations(&document, existing: &existing, ontology: ontology, stage: name)
        SentenceRelationStage.addParentAffiliations(&document, existing: &existing, ontology: ontology, stage: name)
    }

    /// "= Magdalena Götz =" … "== Awards ==" followed by "- 2007 Leibniz Prize": each list item
    /// under a heading that holds a `title` trigger is related to what the title names.
    func relateListsUnderHeadings(_ document: inout AnnotatedDocument, entityOfMention: [Int?], mentionsBySentence: [Int: [Int]], tokenRanges: [Range<Int>],
                                  matcher: RelationTriggerMatcher, ontology: Ontology, existing: inout Set<SentenceRelationStage.Found>) {
        func kind(_ sentence: Int) -> SectionKind { document.sections[document.sentences[sentence].section].kind }
        func firstMention(_ sentence: Int) -> Int? {
            (mentionsBySentence[sentence] ?? []).min { document.mentions[$0].range < document.mentions[$1].range }
        }
        guard let titleSentence = document.sentences.indices.first(where: { kind($0) == .title }),
              let titleMention = firstMention(titleSentence), let subject = entityOfMention[titleMention] else { return }
        let subjectClass = document.entities[subject].entityClass
        var active: [RelationTrigger] = []
        var relatedSection = -1
        for sentence in document.sentences.indices {
            switch kind(sentence) {
            case .heading:
                let ids = tokenRanges[sentence].map { matcher.vocabulary.id(of: document.foldedToken($0)) }
                active = ids.indices.flatMap { start in
                    matcher.triggerPhrases.matches(in: ids, at: start).map { matcher.triggers[$0.phrase] }.filter { $0.subjectSide == .title }
                }
            case .listItem where !active.isEmpty && document.sentences[sentence].section != relatedSection:
                relatedSection = document.sentences[sentence].section
                let mentions = (mentionsBySentence[sentence] ?? []).sorted { document.mentions[$0].range < document.mentions[$1].range }
                for trigger in active {
                    if let wanted = trigger.subjectClass, !ontology.isSubclass(subjectClass, of: wanted) { continue }
                    guard let mention = mentions.first(where: { mention in
                        guard let entity = entityOfMention[mention], entity != subject else { return false }
                        let objectClass = document.entities[entity].entityClass
                        return ontology.allows(trigger.property, subject: subjectClass, object: objectClass)
                            && (trigger.objectClass.map { ontology.isSubclass(objectClass, of: $0) } ?? true)
                    }), let object = entityOfMention[mention] else { continue }
                    let provenance = Provenance(document: document.document.identifier, sentence: sentence, range: document.mentions[mention].range,
                                                stage: name, rule: trigger.identifier, confidence: trigger.confidence)
                    SentenceRelationStage.add(SentenceRelationStage.Found(subject: subject, property: trigger.property, object: object),
                                              evidence: [titleMention, mention], provenance: provenance, to: &document, existing: &existing, ontology: ontology)
                }
            default:
                break
            }
        }
    }

    /// Finds the ends of one trigger occurrence at tokens `start..<end` and adds its relations.
    func relate(_ trigger: RelationTrigger, from start: Int, to end: Int, items: [Item], ids: [Int32], sentence: Int, tokens: [Int],
                matcher: RelationTriggerMatcher, rules: ExtractionRules, ontology: Ontology, document: inout AnnotatedDocument, existing: inout Set<SentenceRelationStage.Found>,
                holders: inout [Holding: Int], topic: Int?) {
        guard trigger.subjectSide != .title else { return }
        // "a grant funded through X", "the team led by X": a verb with its subject after it read
        // in the passive voice (an agent preposition right after it) says the opposite.
        // An adverb may stand between: "is funded mainly by".
        var agent = end
        while agent < min(ids.count, end + 2), agent < tokens.count, document.foldedToken(tokens[agent]).count > 4, document.foldedToken(tokens[agent]).hasSuffix("ly") { agent += 1 }
        if trigger.subjectSide == .after, agent < ids.count, matcher.passiveAgentWords.contains(ids[agent]) { return }
        // "Götz discovered that glial cells are …": a clause, not a name, is what was discovered.
        if trigger.subjectSide == .after, end < ids.count, matcher.complementizers.contains(ids[end]) { return }
        let subjectBefore = trigger.subjectSide == .before
        func fits(_ item: Item, asSubject: Bool) -> Bool {
            let entityClass = document.entities[item.entity].entityClass
            if asSubject {
                guard ontology.admits(trigger.property, subject: entityClass) else { return false }
                if let wanted = trigger.subjectClass { return ontology.isSubclass(entityClass, of: wanted) }
            } else {
                guard ontology.admits(trigger.property, object: entityClass) else { return false }
                if let wanted = trigger.objectClass { return ontology.isSubclass(entityClass, of: wanted) }
            }
            return true
        }
        func isPlace(_ item: Item) -> Bool { ontology.isSubclass(document.entities[item.entity].entityClass, of: "Place") }
        func unitRank(_ item: Item) -> Int? {
            organizationClasses.contains(document.entities[item.entity].entityClass) ? rules.unitRank(of: document.entities[item.entity].preferredLabel) : nil
        }
        func crossesBoundary(_ range: Range<Int>) -> Bool { range.contains { matcher.boundaryWords.contains(ids[$0]) } }
        let hedge = ids.contains(where: { matcher.hedgeWords.contains($0) }) ? Self.hedgeFactor : 1
        // "Mesoblast is an Australian regenerative medicine company": the object modifies the
        // trigger noun right before it; the subject is the nearest fitting mention before that.
        if trigger.subjectSide == .modifier {
            guard let objectPosition = items.lastIndex(where: { $0.end == start }), fits(items[objectPosition], asSubject: false) else { return }
            let object = items[objectPosition]
            guard let subjectPosition = items[..<objectPosition].lastIndex(where: { $0.end <= object.start && fits($0, asSubject: true) }) else { return }
            let subject = items[subjectPosition]
            guard object.start - subject.end <= Self.leftWindow, !crossesBoundary(subject.end..<object.start),
                  !(subject.end..<object.start).contains(where: { matcher.negationWords.contains(ids[$0]) }), subject.entity != object.entity,
                  ontology.allows(trigger.property, subject: document.entities[subject.entity].entityClass, object: document.entities[object.entity].entityClass)
            else { return }
            let provenance = Provenance(
                document: document.document.identifier, sentence: sentence,
                range: TextRange(document.tokens[tokens[subject.start]].range.lowerBound, document.tokens[tokens[end - 1]].range.upperBound),
                stage: name, rule: trigger.identifier, confidence: trigger.confidence * hedge * (subject.isAnaphor ? Self.anaphorFactor : 1))
            SentenceRelationStage.add(SentenceRelationStage.Found(subject: subject.entity, property: trigger.property, object: object.entity),
                                      evidence: [subject.mention, object.mention], provenance: provenance, to: &document, existing: &existing, ontology: ontology)
            return
        }
        // "a partnership between A and B": the two names joined by "and" after the trigger.
        if trigger.subjectSide == .between {
            guard let first = items.firstIndex(where: { $0.start >= end }), first + 1 < items.count,
                  items[first].start - end <= Self.rightWindow, !crossesBoundary(end..<items[first].start) else { return }
            let subject = items[first], object = items[first + 1]
            let gap = Self.gap(from: subject, to: object)
            guard gap.count == 1, ids[gap.lowerBound] == matcher.and, fits(subject, asSubject: true), fits(object, asSubject: false),
                  subject.entity != object.entity,
                  ontology.allows(trigger.property, subject: document.entities[subject.entity].entityClass, object: document.entities[object.entity].entityClass)
            else { return }
            let provenance = Provenance(
                document: document.document.identifier, sentence: sentence,
                range: TextRange(document.tokens[tokens[start]].range.lowerBound, document.tokens[tokens[object.end - 1]].range.upperBound),
                stage: name, rule: trigger.identifier, confidence: trigger.confidence * hedge)
            SentenceRelationStage.add(SentenceRelationStage.Found(subject: subject.entity, property: trigger.property, object: object.entity),
                                      evidence: [subject.mention, object.mention], provenance: provenance, to: &document, existing: &existing, ontology: ontology)
            return
        }
        // "NHLBI director Dr. Gary Gibbons": a title between two names that touch it.
        if trigger.subjectSide == .adjacentBefore || trigger.subjectSide == .adjacentAfter {
            guard let leftPosition = items.lastIndex(where: { $0.end <= start }), let rightPosition = items.firstIndex(where: { $0.start >= end })
            else { return }
            let left = items[leftPosition], right = items[rightPosition]
            guard (left.end..<start).allSatisfy({ matcher.titleModifierWords.contains(ids[$0]) }),
                  (end..<right.start).allSatisfy({ matcher.honorificWords.contains(ids[$0]) }) else { return }
            let subjectOnLeft = trigger.subjectSide == .adjacentBefore
            let (subject, object) = subjectOnLeft ? (left, right) : (right, left)
            guard fits(subject, asSubject: true), fits(object, asSubject: false), subject.entity != object.entity,
                  ontology.allows(trigger.property, subject: document.entities[subject.entity].entityClass, object: document.entities[object.entity].entityClass)
            else { return }
            let provenance = Provenance(
                document: document.document.identifier, sentence: sentence,
                range: TextRange(document.tokens[tokens[left.start]].range.lowerBound, document.tokens[tokens[right.end - 1]].range.upperBound),
                stage: name, rule: trigger.identifier,
                confidence: trigger.confidence * hedge * (subject.isAnaphor || object.isAnaphor ? Self.anaphorFactor : 1))
            SentenceRelationStage.add(SentenceRelationStage.Found(subject: subject.entity, property: trigger.property, object: object.entity),
                                      evidence: [left.mention, right.mention], provenance: provenance, to: &document, existing: &existing, ontology: ontology)
            return
        }
        // "Scientific leadership is provided by the Scientific Director, Dr. Michael Rudnicki", "In
        // 2007, Duncan Stewart took over as CEO": in a text about an organisation, a title that no
        // organisation in the sentence owns is a post there.
        if trigger.subjectSide == .topic {
            guard let topic else { return }
            let organisations = items.filter { organizationClasses.contains(document.entities[$0.entity].entityClass) }
            var holder: Item?
            if start > 0, ids[start - 1] == matcher.asWord {
                // "Duncan Stewart, formerly Director of Cardiology of University of Toronto, took over
                // as CEO": organisations may stand only in an apposition between the name and "as".
                guard let found = items.first(where: { $0.end <= start && fits($0, asSubject: false) }), !crossesBoundary(found.end..<start) else { return }
                let commas = (found.end..<start).filter { ids[$0] == matcher.comma }
                let inApposition = organisations.allSatisfy { organisation in
                    guard let first = commas.first, let last = commas.last, first != last else { return false }
                    return organisation.start > first && organisation.end <= last
                }
                if inApposition { holder = found }
            } else if organisations.isEmpty, let next = items.first(where: { $0.start >= end }), next.start - end <= 4,
                      (end..<next.start).allSatisfy({ ids[$0] == matcher.comma || matcher.honorificWords.contains(ids[$0]) }) {
                // Only "the Director, X": "NIH director X" names its owner before the title.
                let opensPhrase = start == 0 || ids[start - 1] == matcher.the || matcher.titleModifierWords.contains(ids[start - 1])
                if opensPhrase { holder = next }
            }
            guard let holder, fits(holder, asSubject: false), holder.entity != topic,
                  ontology.allows(trigger.property, subject: document.entities[topic].entityClass, object: document.entities[holder.entity].entityClass)
            else { return }
            let first = min(holder.start, start), last = max(holder.end, end)
            let provenance = Provenance(
                document: document.document.identifier, sentence: sentence,
                range: TextRange(document.tokens[tokens[first]].range.lowerBound, document.tokens[tokens[last - 1]].range.upperBound),
                stage: name, rule: trigger.identifier, confidence: trigger.confidence * hedge * (holder.isAnaphor ? Self.anaphorFactor : 1))
            SentenceRelationStage.add(SentenceRelationStage.Found(subject: topic, property: trigger.property, object: holder.entity),
                                      evidence: [holder.mention], provenance: provenance, to: &document, existing: &existing, ontology: ontology)
            return
        }
        // "Ronald Worton was the institute's founding CEO", "the company's CEO, Dr. Anna Berg".
        // `possessed`: the same, with the title's holder the subject ("the company's chief financial
        // officer, X": X is affiliated with the company).
        if trigger.subjectSide == .possessor || trigger.subjectSide == .possessed {
            let ownerIsSubject = trigger.subjectSide == .possessor
            guard let ownerPosition = items.lastIndex(where: { $0.end < start }) else { return }
            let owner = items[ownerPosition]
            // "the institute's" (a possessive ending), or "its" (a possessive pronoun, itself the mention).
            let titleStart = matcher.isPossessive(in: ids, at: owner.end) ? owner.end + 2
                : (owner.end == owner.start + 1 && matcher.possessivePronouns.contains(ids[owner.start]) ? owner.end : start + 1)
            guard titleStart <= start, (titleStart..<start).allSatisfy({ matcher.titleModifierWords.contains(ids[$0]) }),
                  fits(owner, asSubject: ownerIsSubject) else { return }
            var holder: Item?
            // "the company's CEO, Dr. X"; "Its current director is Professor X".
            if let next = items.first(where: { $0.start >= end }),
               (end..<next.start).allSatisfy({ ids[$0] == matcher.comma || matcher.honorificWords.contains(ids[$0]) || matcher.copulaWords.contains(ids[$0]) }) {
                holder = next
            } else if ownerPosition > 0 {
                let before = items[ownerPosition - 1]
                let gap = before.end..<owner.start
                if !gap.isEmpty, gap.count <= 5, gap.allSatisfy({ matcher.copulaWords.contains(ids[$0]) }) {
                    holder = before
                } else if gap.count >= 2, gap.count <= 6, ids[gap.lowerBound] == matcher.comma,
                          gap.dropFirst().allSatisfy({ matcher.copulaWords.contains(ids[$0]) }),
                          let first = items.first, first.end <= before.start, fits(first, asSubject: !ownerIsSubject),
                          (first.end..<before.start).contains(where: { ids[$0] == matcher.comma }) {
                    // "Leonard Zon, professor … at Harvard Medical School, served as the
                    // organization's first president": past an apposition closed by a comma, the
                    // verb's subject is the sentence's.
                    holder = first
                } else if gap.count == 1, ids[gap.lowerBound] == matcher.comma {
                    // "Professor X of Keio University, the society's president": the title is in
                    // apposition with the nearest name before it that can hold it.
                    holder = items[..<ownerPosition].last { $0.end <= owner.start && owner.start - $0.end <= Self.leftWindow && fits($0, asSubject: !ownerIsSubject) }
                }
            }
            guard let holder, fits(holder, asSubject: !ownerIsSubject), holder.entity != owner.entity else { return }
            let (subject, object) = ownerIsSubject ? (owner, holder) : (holder, owner)
            guard ontology.allows(trigger.property, subject: document.entities[subject.entity].entityClass, object: document.entities[object.entity].entityClass) else { return }
            let first = min(owner.start, holder.start), last = max(holder.end, end)
            let provenance = Provenance(
                document: document.document.identifier, sentence: sentence,
                range: TextRange(document.tokens[tokens[first]].range.lowerBound, document.tokens[tokens[last - 1]].range.upperBound),
                stage: name, rule: trigger.identifier,
                confidence: trigger.confidence * hedge * (owner.isAnaphor || holder.isAnaphor ? Self.anaphorFactor : 1))
            SentenceRelationStage.add(SentenceRelationStage.Found(subject: subject.entity, property: trigger.property, object: object.entity),
                                      evidence: [owner.mention, holder.mention], provenance: provenance, to: &document, existing: &existing, ontology: ontology)
            return
        }
        // The nearest fitting mention on each side, within the window and the clause.
        var leftPosition: Int?
        for (position, item) in items.enumerated().reversed() where item.end <= start {
            guard start - item.end <= Self.leftWindow, !crossesBoundary(item.end..<start) else { break }
            if fits(item, asSubject: subjectBefore) { leftPosition = position; break }
        }
        var rightPosition: Int?
        for (position, item) in items.enumerated() where item.start >= end {
            // "MSCs isolated from umbilical cord tissue can differentiate into osteoblasts": a modal
            // verb after the trigger starts another predicate, whose names are not its object.
            guard item.start - end <= Self.rightWindow, !crossesBoundary(end..<item.start),
                  !(end..<item.start).contains(where: { matcher.modalWords.contains(ids[$0]) }) else { break }
            if fits(item, asSubject: !subjectBefore) { rightPosition = position; break }
        }
        // "The institute, located within X under Y, is funded by Z": a finite verb after an
        // apposition closed by a comma has the sentence's subject, not the name inside it.
        if subjectBefore, let found = leftPosition, found > 0, let first = items.first, fits(first, asSubject: true),
           (max(start - 3, items[found].end)..<start).contains(where: { matcher.auxiliaryWords.contains(ids[$0]) }),
           (items[found].end..<start).contains(where: { ids[$0] == matcher.comma }), first.end <= start, !crossesBoundary(first.end..<start) {
            leftPosition = 0
        }
        // "He is known for … and in 2009 was awarded X": past the window, a verb's subject is the
        // sentence's subject, when no other mention that could be it stands between.
        var leftFactor = 1.0
        // So is the object of a title said of the sentence's subject: "He is a professor at … and
        // director of the RIKEN Center".
        if leftPosition == nil, subjectBefore || trigger.subjectSide == .after, let first = items.first, first.end <= start, fits(first, asSubject: subjectBefore),
           !crossesBoundary(first.end..<start), !items.dropFirst().contains(where: { $0.end <= start && fits($0, asSubject: subjectBefore) }) {
            leftPosition = 0
            leftFactor = Self.sentenceSubjectFactor
        }
        // "(The Ottawa Hospital Research Institute …) The research team … was funded by the
        // Thistledown Foundation": in a text about an organisation, a verb with no subject that
        // could be it, and no organisation before it in the sentence, is said of that organisation.
        var topicSubject: Item?
        // Not a leader: "the research team was led by X" names who leads a part of it.
        if leftPosition == nil, subjectBefore, let topic, rightPosition != nil, trigger.property != "ledBy",
           !items.contains(where: { $0.end <= start && (fits($0, asSubject: true) || organizationClasses.contains(document.entities[$0.entity].entityClass)) }),
           ontology.admits(trigger.property, subject: document.entities[topic].entityClass),
           trigger.subjectClass.map({ ontology.isSubclass(document.entities[topic].entityClass, of: $0) }) ?? true,
           let rightPosition {
            let before = max(0, start - 3)
            topicSubject = Item(start: before, end: before, entity: topic, mention: items[rightPosition].mention, isAnaphor: true)
            leftFactor = Self.sentenceSubjectFactor
        }
        guard let rightPosition, let left = leftPosition.map({ items[$0] }) ?? topicSubject else { return }
        let right = items[rightPosition]
        // "did not join", "never worked at": the relation is denied.
        let before = max(left.end, start - 3)..<start
        guard !(left.end..<start).contains(where: { matcher.negationWords.contains(ids[$0]) }),
              !before.contains(where: { matcher.negationWords.contains(ids[$0]) }) else { return }
        var confidence = trigger.confidence * leftFactor * hedge
        if left.isAnaphor || right.isAnaphor { confidence *= Self.anaphorFactor }
        let provenance = Provenance(
            document: document.document.identifier, sentence: sentence,
            range: TextRange(document.tokens[tokens[min(left.start, start)]].range.lowerBound,
                             document.tokens[tokens[max(right.end, end) - 1]].range.upperBound),
            stage: name, rule: trigger.identifier, confidence: confidence)
        // "She is a member of A and a fellow of B": past "and", a subject-side name that is already
        // the object of the same property in this sentence is not the subject; whoever holds it is.
        let parallelSubject = subjectBefore && (left.end..<start).contains(where: { ids[$0] == matcher.and })
            ? holders[Holding(sentence: sentence, property: trigger.property, object: left.entity)] : nil
        func add(_ leftItem: Item, _ rightItem: Item) {
            var (subject, object) = subjectBefore ? (leftItem.entity, rightItem.entity) : (rightItem.entity, leftItem.entity)
            if let parallelSubject, leftItem.entity == left.entity { subject = parallelSubject }
            holders[Holding(sentence: sentence, property: trigger.property, object: object)] = subject
            guard subject != object,
                  ontology.allows(trigger.property, subject: document.entities[subject].entityClass, object: document.entities[object].entityClass) else { return }
            SentenceRelationStage.add(SentenceRelationStage.Found(subject: subject, property: trigger.property, object: object),
                                      evidence: [leftItem.mention, rightItem.mention], provenance: provenance,
                                      to: &document, existing: &existing, ontology: ontology)
        }
        add(left, right)
        // "A, B and C": further members of a list after the object-side mention share its role.
        func isList(_ range: Range<Int>) -> Bool {
            !range.isEmpty && range.count <= 3 && range.allSatisfy { matcher.listWords.contains(ids[$0]) }
        }
        // "the NIMR, London and Smith Kline Beecham, Harlow": a place after a member is where it
        // lies, not the end of the list.
        var previous = right
        var skippedPlaces = 0
        for item in items[(rightPosition + 1)...].prefix(Self.maximumListMembers) {
            let gap = Self.gap(from: previous, to: item)
            guard isList(gap) else { break }
            // "located in Marlborough, Massachusetts": a place after a place and a comma is where
            // the first lies, not a second object.
            if gap.count == 1, ids[gap.lowerBound] == matcher.comma, isPlace(previous), isPlace(item) { break }
            // "Chief of the Genetics Section, Neurology Branch, NIH": a larger unit after a comma is
            // what the previous one is part of, not a second object.
            if gap.count == 1, ids[gap.lowerBound] == matcher.comma, let smaller = unitRank(previous), let larger = unitRank(item), smaller < larger { break }
            previous = item
            if fits(item, asSubject: !subjectBefore) {
                add(left, item)
            } else if isPlace(item), skippedPlaces < 2 {
                skippedPlaces += 1
            } else {
                break
            }
        }
        // "A and B joined X": names joined by "and" before the subject-side mention share it.
        var following = left
        for item in items[..<(leftPosition ?? 0)].reversed().prefix(Self.maximumListMembers) {
            let gap = Self.gap(from: item, to: following)
            guard isList(gap), gap.contains(where: { ids[$0] == matcher.and }), fits(item, asSubject: subjectBefore),
                  SentenceRelationStage.sameKind(document.entities[item.entity].entityClass, document.entities[following.entity].entityClass, ontology: ontology) else { break }
            add(item, right)
            following = item
        }
    }

    /// The organisation the document is about: the one its title consists of ("= Ocata
    /// Therapeutics ="), as an encyclopedia article's title does; a headline that merely names
    /// one ("Ground Broken for New Cell Processing Center") has none.
    static func topicOrganisation(of document: AnnotatedDocument, entityOfMention: [Int?]) -> Int? {
        guard let entity = titleName(of: document, entityOfMention: entityOfMention), organizationClasses.contains(document.entities[entity].entityClass) else { return nil }
        return entity
    }

    /// The entity a title consists of: the title's words, outside a parenthesised qualifier
    /// ("= Stefan Karlsson (professor) ="), are those of one name.
    static func titleName(of document: AnnotatedDocument, entityOfMention: [Int?]) -> Int? {
        guard let sentence = document.sentences.indices.first(where: { document.sections[document.sentences[$0].section].kind == .title }) else { return nil }
        let mentions = document.mentions.indices.filter { document.mentions[$0].isName && document.mentions[$0].sentence == sentence }
        guard let first = mentions.min(by: { document.mentions[$0].range < document.mentions[$1].range }), let entity = entityOfMention[first] else { return nil }
        let range = document.mentions[first].range
        var depth = 0
        for token in document.tokens.indices where document.tokens[token].sentence == sentence {
            let text = document.token(token)
            if text == "(" { depth += 1 } else if text == ")" { depth = max(0, depth - 1) }
            guard depth == 0, text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { continue }
            if !range.contains(document.tokens[token].range) { return nil }
        }
        return entity
    }

    /// An object of a property in one sentence, for finding who holds it there.
    struct Holding: Hashable {
        let sentence: Int
        let property: String
        let object: Int
    }

    /// The subject of each relation already found, by its sentence, property and object.
    static func holders(of document: AnnotatedDocument) -> [Holding: Int] {
        var result: [Holding: Int] = [:]
        for relation in document.relations {
            guard case let .entity(object) = relation.object, let sentence = relation.provenance.sentence else { continue }
            result[Holding(sentence: sentence, property: relation.property, object: object)] = relation.subject
        }
        return result
    }

    /// The token positions between two mentions; empty when they overlap (a description inside a
    /// longer name), so overlapping mentions never read as a list.
    static func gap(from earlier: Item, to later: Item) -> Range<Int> {
        earlier.end <= later.start ? earlier.end..<later.start : later.start..<later.start
    }
}
