import OntologyModel
import TextAnnotation

/// Word and punctuation tokens of every sentence.
public struct TokenStage: Stage {
    public let name = "tokens"
    public let requires: Set<AnnotationLayer> = [.sentences]
    public let assigns: Set<AnnotationLayer> = [.tokens]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let scalars = document.document.scalars
        var tokens: [Token] = []
        for (index, sentence) in document.sentences.enumerated() {
            for span in WordTokenizer.tokenize(scalars, in: sentence.range.lowerBound..<sentence.range.upperBound) {
                tokens.append(Token(range: TextRange(span.lowerBound, span.upperBound), sentence: index))
            }
        }
        document.tokens = tokens
        document.tokenTexts = tokens.map { document.document.text(in: $0.range) }
        document.foldedTokens = document.tokenTexts.map(WordTokenizer.fold)
    }
}
