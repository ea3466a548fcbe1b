import OntologyModel
import TextAnnotation

/// Why a stage or pipeline failed: which stage, which document, what went wrong.
public struct StageError: Error, Hashable, Sendable, CustomStringConvertible {
    public let stage: String
    public let document: String
    public let message: String

    public init(stage: String, document: String, message: String) {
        self.stage = stage
        self.document = document
        self.message = message
    }

    public var description: String { "\(document): stage \(stage): \(message)" }
}

/// What every stage may read: the ontology, the lexicons and the rules. Read-only.
public struct StageContext: Sendable {
    public let ontology: Ontology
    public let lexicon: Lexicon
    public let rules: ExtractionRules

    public init(ontology: Ontology, lexicon: Lexicon, rules: ExtractionRules) {
        self.ontology = ontology
        self.lexicon = lexicon
        self.rules = rules
    }
}

/// One step of the pipeline: reads some annotation layers, adds others.
public protocol Stage: Sendable {
    /// The registered name, written into provenance.
    var name: String { get }
    var requires: Set<AnnotationLayer> { get }
    var assigns: Set<AnnotationLayer> { get }
    func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError)
}

/// An ordered list of stages, checked at construction so every stage's inputs exist.
public struct Pipeline: Sendable {
    public let stages: [any Stage]

    /// Fails when a stage requires a layer no earlier stage assigns, or assigns structure,
    /// sentences, tokens or mentions after entities exist (entities point at mentions by index; a
    /// later change would break them).
    public init(stages: [any Stage]) throws(StageError) {
        var available: Set<AnnotationLayer> = []
        for stage in stages {
            let missing = stage.requires.subtracting(available)
            if !missing.isEmpty {
                let names = missing.map(\.rawValue).sorted().joined(separator: ", ")
                throw StageError(stage: stage.name, document: "-", message: "needs \(names), which no earlier stage assigns")
            }
            if available.contains(.entities), !stage.assigns.isDisjoint(with: Self.fixedOnceEntitiesExist) {
                throw StageError(stage: stage.name, document: "-", message: "changes mentions after entities exist; put it before the resolution stage")
            }
            available.formUnion(stage.assigns)
        }
        self.stages = stages
    }

    /// The layers entities refer into.
    static let fixedOnceEntitiesExist: Set<AnnotationLayer> = [.structure, .sentences, .tokens, .mentions]

    /// Runs every stage over one document. `observe`, when given, is called before the first stage
    /// and after each stage with the index of the stage just finished (nil before the first), so a
    /// caller can time the stages; the library itself reads no clock.
    public func run(_ document: Document, in context: StageContext, observe: ((Int?) -> Void)? = nil) throws(StageError) -> AnnotatedDocument {
        var annotated = AnnotatedDocument(document: document)
        observe?(nil)
        for (index, stage) in stages.enumerated() {
            // A stage that declares no mention layer must not change the mentions once entities
            // point at them: checked, not trusted.
            let frozen = annotated.layers.contains(.entities) ? annotated.mentions.map(\.range) : nil
            try stage.run(&annotated, in: context)
            if let frozen, annotated.mentions.count != frozen.count || !zip(frozen, annotated.mentions).allSatisfy({ $0 == $1.range }) {
                throw StageError(stage: stage.name, document: document.identifier, message: "changed the mentions after entities were resolved")
            }
            annotated.layers.formUnion(stage.assigns)
            observe?(index)
        }
        return annotated
    }
}
