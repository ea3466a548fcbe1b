import RDFModel

/// The kinds of annotation a stage can require or assign.
public enum AnnotationLayer: String, Hashable, Sendable, CaseIterable {
    case structure, sentences, tokens, mentions, entities, relations
}

/// What a block of the document is.
public enum SectionKind: String, Hashable, Sendable {
    case title, heading, keyValue, listItem, paragraph, boilerplate, hashtags, question
}

/// A block of the document (line-based), with its kind.
public struct Section: Hashable, Sendable {
    public let kind: SectionKind
    public let range: TextRange
    /// For `keyValue`: the key's and the value's ranges.
    public let key: TextRange?
    public let value: TextRange?

    public init(kind: SectionKind, range: TextRange, key: TextRange? = nil, value: TextRange? = nil) {
        self.kind = kind
        self.range = range
        self.key = key
        self.value = value
    }
}

/// A sentence: a range inside one section.
public struct Sentence: Hashable, Sendable {
    public let range: TextRange
    /// Index of the section it sits in.
    public let section: Int

    public init(range: TextRange, section: Int) {
        self.range = range
        self.section = section
    }
}

/// A token: a range plus whether it starts with an upper-case letter, for the pattern stages.
public struct Token: Hashable, Sendable {
    public let range: TextRange
    public let sentence: Int

    public init(range: TextRange, sentence: Int) {
        self.range = range
        self.sentence = sentence
    }
}

/// What kind of evidence found a mention. Stages test this, never another stage's name.
public enum MentionSource: String, Hashable, Sendable, CaseIterable {
    /// A name a lexicon lists.
    case lexicon
    /// A capitalised name or phrase typed by a pattern (head word, person cue, …).
    case namePattern
    /// An acronym defined next to its name, or used later.
    case acronym
    /// A definite description ("the institute") pointing at a name.
    case description
    /// A value of a `Key: value` line.
    case keyValue
}

/// A stretch of text that names something of a class of the ontology.
public struct Mention: Hashable, Sendable {
    public let range: TextRange
    public let sentence: Int?
    /// The class's local name in the ontology (`ResearchInstitute`, …).
    public var candidateClass: String
    /// The normalised name this mention stands for (a lexicon label, or the text itself).
    public var canonicalLabel: String
    /// What the mention names in a public authority, as a compact identifier from the lexicon
    /// (`CL:0000057`, `geonames:2643743`, `ncbigene:5460`, `wikidata:Q42`); nil when unknown or
    /// when the name is ambiguous there.
    public var link: String?
    /// Whether the text names the thing (a name, alias or acronym) rather than describes it
    /// ("the institute"); only names become labels.
    public var isName: Bool
    /// What kind of evidence found it.
    public let source: MentionSource
    public let provenance: Provenance

    public init(range: TextRange, sentence: Int?, candidateClass: String, canonicalLabel: String, link: String? = nil, isName: Bool = true, source: MentionSource, provenance: Provenance) {
        self.source = source
        self.range = range
        self.sentence = sentence
        self.candidateClass = candidateClass
        self.canonicalLabel = canonicalLabel
        self.link = link
        self.isName = isName
        self.provenance = provenance
    }
}

/// A thing the document talks about: one or more mentions resolved together.
public struct Entity: Hashable, Sendable {
    public var preferredLabel: String
    public var altLabels: Set<String>
    public var entityClass: String
    /// Indices into `AnnotatedDocument.mentions`.
    public var mentions: [Int]
    /// The compact authority identifiers of its mentions (see `Mention.link`).
    public var links: Set<String>
    public var provenance: Provenance

    public init(preferredLabel: String, altLabels: Set<String> = [], entityClass: String, mentions: [Int], links: Set<String> = [], provenance: Provenance) {
        self.preferredLabel = preferredLabel
        self.altLabels = altLabels
        self.entityClass = entityClass
        self.mentions = mentions
        self.links = links
        self.provenance = provenance
    }
}

/// The object of a relation: another entity of the document, or a literal value.
public enum RelationObject: Hashable, Sendable {
    case entity(Int)
    case literal(Literal)
}

/// A statement between entities, with the ontology property's local name.
public struct Relation: Hashable, Sendable {
    /// Index into `AnnotatedDocument.entities`.
    public let subject: Int
    public let property: String
    public let object: RelationObject
    /// Indices into `AnnotatedDocument.mentions` that are the evidence.
    public let evidence: [Int]
    public let provenance: Provenance

    public init(subject: Int, property: String, object: RelationObject, evidence: [Int], provenance: Provenance) {
        self.subject = subject
        self.property = property
        self.object = object
        self.evidence = evidence
        self.provenance = provenance
    }
}

/// A document plus every annotation the stages have added so far.
public struct AnnotatedDocument: Sendable {
    public private(set) var document: Document
    public var sections: [Section] = []
    public var sentences: [Sentence] = []
    public var tokens: [Token] = []
    /// The text of each token, parallel to `tokens` (set with them, so stages never rebuild it).
    public var tokenTexts: [String] = []
    /// Each token's text folded (`WordTokenizer.fold`), parallel to `tokens`.
    public var foldedTokens: [String] = []
    public var mentions: [Mention] = []
    public var entities: [Entity] = []
    public var relations: [Relation] = []
    /// Which layers have been assigned, for pipeline checks.
    public var layers: Set<AnnotationLayer> = []
    /// What the user should be told about this document: a limit that changed how it was read
    /// (a sentence cut at the maximum length). The CLI prints each as a warning naming the file.
    public var notices: [String] = []

    public init(document: Document) { self.document = document }

    /// Drops the token layer (tokens, their texts and folded forms): only the stages read it, and a
    /// finished document waiting for the corpus merge should not hold it.
    public mutating func releaseTokens() {
        tokens = []
        tokenTexts = []
        foldedTokens = []
        layers.remove(.tokens)
    }

    /// Drops the text and its layout (the document's text and scalars, sections, sentences),
    /// keeping the identifier, mentions, entities and relations: all the domain graph needs, for a
    /// run that writes no provenance. Offsets in the mentions then point into no text.
    public mutating func releaseText() {
        document = Document(identifier: document.identifier, text: "")
        sections = []
        sentences = []
    }

    /// Drops the relations whose provenance confidence is below `minimum` (`kg extract --min-confidence`).
    public mutating func dropRelations(lessConfidentThan minimum: Double) {
        guard minimum > 0 else { return }
        relations.removeAll { $0.provenance.confidence < minimum }
    }

    /// The sentence index containing `offset`, if any.
    public func sentenceIndex(containing offset: Int) -> Int? {
        var low = 0, high = sentences.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = sentences[middle].range
            if offset < range.lowerBound { high = middle - 1 } else if offset >= range.upperBound { low = middle + 1 } else { return middle }
        }
        return nil
    }

    /// The entity index whose mentions include mention `index`.
    public func entityIndex(ofMention index: Int) -> Int? {
        entities.firstIndex { $0.mentions.contains(index) }
    }
}
