import OntologyModel

/// A relation trigger of `relation-triggers.tsv`: words that state a property between the
/// nearest fitting mentions before and after them ("joined", "derived from", "director of").
public struct RelationTrigger: Hashable, Sendable {
    /// Which side of the trigger the subject stands on; `title`: the trigger stands in a heading,
    /// the subject is what the document's title names and the objects are the list items under
    /// the heading ("Awards and honours" over a list of prizes).
    /// `modifier`: the object is the mention right before the trigger noun, modifying it ("a
    /// regenerative medicine company"), the subject the nearest fitting mention before that.
    /// `between`: the subject and object are the two mentions joined by "and" right after the
    /// trigger ("a collaboration between A and B").
    /// `adjacent-before` / `adjacent-after`: a title between two names, with nothing else around it
    /// but title modifiers before it and honorifics after it ("NHLBI director Dr. Gary Gibbons",
    /// "Microsoft chief executive Satya Nadella"); the subject is the name before (adjacent-before)
    /// or after it (adjacent-after).
    /// `possessor`: the title follows a possessive ("the institute's founding CEO"); the possessor is
    /// the subject, the object the name right after the title ("the company's CEO, Dr. X") or, when
    /// none follows, the name the title is said of ("X was the institute's founding CEO").
    /// `possessed`: as `possessor`, but the name that holds the title is the subject and the
    /// possessor the object ("the company's chief financial officer, X": X affiliatedWith it).
    /// `topic`: a title with no organisation named around it, in a text whose title names an
    /// organisation ("Scientific leadership is provided by the Scientific Director, Dr. X"; "X took
    /// over as CEO"): the subject is that organisation, the object the name right after the title
    /// or, after "as", the sentence's first name.
    public enum SubjectSide: String, Sendable {
        case before, after, title, modifier, between, possessor, possessed, topic
        case adjacentBefore = "adjacent-before"
        case adjacentAfter = "adjacent-after"
    }

    public let identifier: String
    public let property: String
    public let subjectSide: SubjectSide
    /// One entry per word position: the folded forms any of which may stand there.
    public let words: [[String]]
    public let confidence: Double
    /// Classes the subject and object must belong to (beyond domain and range), when given.
    public let subjectClass: String?
    public let objectClass: String?

    public init(identifier: String, property: String, subjectSide: SubjectSide, words: [[String]], confidence: Double, subjectClass: String?, objectClass: String?) {
        self.identifier = identifier
        self.property = property
        self.subjectSide = subjectSide
        self.words = words
        self.confidence = confidence
        self.subjectClass = subjectClass
        self.objectClass = objectClass
    }

    /// The forms a trigger word stands for: itself, or with a trailing `+` the word and its regular
    /// inflections ("join+" → join, joins, joined, joining; "locate+" → locates, located, locating;
    /// "study+" → studies, studied, studying). Irregular forms are listed with `|`.
    public static func forms(of word: String) -> [String] {
        guard word.hasSuffix("+"), word.count > 1 else { return [word] }
        let base = String(word.dropLast())
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if base.hasSuffix("e") {
            let stem = String(base.dropLast())
            return [base, base + "s", base + "d", stem + "ing"]
        }
        if base.hasSuffix("y"), base.count > 1, !vowels.contains(base[base.index(base.endIndex, offsetBy: -2)]) {
            let stem = String(base.dropLast())
            return [base, stem + "ies", stem + "ied", base + "ing"]
        }
        let sibilant = ["s", "x", "z", "ch", "sh"].contains { base.hasSuffix($0) }
        return [base, base + (sibilant ? "es" : "s"), base + "ed", base + "ing"]
    }
}

/// A word sequence compiled to word ids, indexed by its first word.
struct CompiledPhrases: Sendable {
    /// Per phrase: the allowed word ids per position.
    var phrases: [[[Int32]]] = []
    var byFirstWord: [Int32: [Int]] = [:]

    mutating func add(_ words: [[Int32]]) {
        let index = phrases.count
        phrases.append(words)
        for first in Set(words.first ?? []) { byFirstWord[first, default: []].append(index) }
    }

    /// The phrases that match `ids` from `start`, each with its end (exclusive).
    func matches(in ids: [Int32], at start: Int) -> [(phrase: Int, end: Int)] {
        guard let candidates = byFirstWord[ids[start]] else { return [] }
        var found: [(phrase: Int, end: Int)] = []
        for candidate in candidates {
            let words = phrases[candidate]
            guard start + words.count <= ids.count else { continue }
            var fits = true
            for (offset, alternatives) in words.enumerated() where !alternatives.contains(ids[start + offset]) {
                fits = false
                break
            }
            if fits { found.append((candidate, start + words.count)) }
        }
        return found
    }
}

/// The triggers compiled once to word ids, with the word classes the trigger stage
/// tests: clause boundaries, negation and hedges.
public struct RelationTriggerMatcher: Sendable {
    public private(set) var vocabulary = TokenVocabulary()
    public let triggers: [RelationTrigger]
    var triggerPhrases = CompiledPhrases()
    /// Words a trigger never reaches across to find a mention ("but", ";").
    private(set) var boundaryWords: Set<Int32> = []
    /// Words that deny the relation when they stand between the subject and the trigger.
    private(set) var negationWords: Set<Int32> = []
    /// Words that make a stated relation uncertain ("may", "reportedly").
    private(set) var hedgeWords: Set<Int32> = []
    /// Modal verbs, which start a new predicate: a trigger's object is never past one.
    private(set) var modalWords: Set<Int32> = []
    /// Prepositions that mark a verb before them as passive ("funded *by*", "funded *through*").
    private(set) var passiveAgentWords: Set<Int32> = []
    /// Words that open a clause as a verb's object ("discovered *that* …").
    private(set) var complementizers: Set<Int32> = []
    /// Possessive pronouns that own a title as a possessive ending does ("its director").
    private(set) var possessivePronouns: Set<Int32> = []
    /// Words that continue a list of mentions ("A, B and C").
    private(set) var listWords: Set<Int32> = []
    /// Auxiliaries that make the word after them a finite verb ("is funded", "was awarded").
    private(set) var auxiliaryWords: Set<Int32> = []
    /// Words between a name and a title noun that modifies it ("NIH *deputy* director").
    private(set) var titleModifierWords: Set<Int32> = []
    /// Words between a title and the name it precedes ("director *Dr.* Gary Gibbons").
    private(set) var honorificWords: Set<Int32> = []
    /// Words between a name and what is said of it ("X *was the* institute's CEO").
    private(set) var copulaWords: Set<Int32> = []
    /// "as" before a title said of the sentence's subject ("X took over *as* CEO").
    let asWord: Int32
    let the: Int32
    /// The possessive ending, which the tokenizer splits into "'" and "s" ("institute ' s").
    let apostrophe: Int32
    let letterS: Int32

    /// Whether the possessive ending starts at token `index`.
    func isPossessive(in ids: [Int32], at index: Int) -> Bool {
        index + 1 < ids.count && ids[index] == apostrophe && ids[index + 1] == letterS
    }
    let comma: Int32
    let and: Int32

    public init(triggers: [RelationTrigger], words: [String: [String]]) {
        self.triggers = triggers
        var vocabulary = TokenVocabulary()
        func ids(_ list: String) -> Set<Int32> { Set((words[list] ?? []).map { vocabulary.intern($0) }) }
        boundaryWords = ids("trigger-boundary-words")
        negationWords = ids("relation-negation-words")
        hedgeWords = ids("trigger-hedge-words")
        modalWords = ids("modal-words")
        passiveAgentWords = ids("passive-agent-words")
        complementizers = ids("complementizers")
        possessivePronouns = ids("possessive-pronouns")
        listWords = ids("trigger-list-words")
        auxiliaryWords = ids("relation-auxiliary-words")
        titleModifierWords = ids("title-modifier-words")
        honorificWords = ids("honorific-words")
        copulaWords = ids("copula-words")
        apostrophe = vocabulary.intern("'")
        letterS = vocabulary.intern("s")
        and = vocabulary.intern("and")
        asWord = vocabulary.intern("as")
        the = vocabulary.intern("the")
        comma = vocabulary.intern(",")
        for trigger in triggers {
            triggerPhrases.add(trigger.words.map { $0.map { vocabulary.intern($0) } })
        }
        self.vocabulary = vocabulary
    }
}
