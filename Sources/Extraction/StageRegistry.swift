/// The one place that maps stage names to stages. A pipeline configuration lists names from here.
public enum StageRegistry {
    /// Every built-in stage by name.
    public static let stages: [String: any Stage] = {
        let all: [any Stage] = [
            StructureStage(), SentenceStage(), TokenStage(), LexiconStage(), NamePatternStage(), PhrasePatternStage(), HeadlineNameStage(), PersonNamePartStage(),
            AcronymStage(), DescriptionStage(), KeyValueMentionStage(), ResolutionStage(),
            KeyValueRelationStage(), SentenceRelationStage(), TriggerRelationStage(), CitationAuthorStage(),
        ]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    }()

    /// The default order.
    public static let defaultOrder = [
        "structure", "sentences", "tokens", "lexicon", "name-patterns", "phrase-patterns", "headline-names", "person-name-parts", "acronyms", "descriptions",
        "key-value-mentions", "resolution", "key-value-relations", "sentence-relations", "trigger-relations", "citation-authors",
    ]

    /// A pipeline from stage names (a configuration file's lines).
    public static func pipeline(_ names: [String] = defaultOrder) throws(StageError) -> Pipeline {
        var stages: [any Stage] = []
        for name in names {
            guard let stage = self.stages[name] else {
                throw StageError(stage: name, document: "-", message: "no such stage; known: \(self.stages.keys.sorted().joined(separator: ", "))")
            }
            stages.append(stage)
        }
        return try Pipeline(stages: stages)
    }
}
