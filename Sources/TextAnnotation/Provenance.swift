/// Where an annotation came from: carried by every mention, entity and relation from the first stage on.
public struct Provenance: Hashable, Comparable, Sendable {
    /// `Document.identifier`.
    public let document: String
    /// Index into `AnnotatedDocument.sentences`, or nil for structure-level evidence (titles, key lines).
    public let sentence: Int?
    /// The characters that are the evidence.
    public let range: TextRange
    /// The stage name, as registered.
    public let stage: String
    /// The rule identifier inside the stage.
    public let rule: String
    /// From 0 to 1.
    public let confidence: Double

    public init(document: String, sentence: Int?, range: TextRange, stage: String, rule: String, confidence: Double) {
        self.document = document
        self.sentence = sentence
        self.range = range
        self.stage = stage
        self.rule = rule
        self.confidence = min(1, max(0, confidence))
    }

    public static func < (lhs: Provenance, rhs: Provenance) -> Bool {
        (lhs.document, lhs.range, lhs.stage, lhs.rule) < (rhs.document, rhs.range, rhs.stage, rhs.rule)
    }
}
