import Evaluation
import RDFModel

/// The report's view of a gold standard: `kg evaluate`'s own matching (`Evaluator`, strict:
/// the class must match), turned into marks on entities, relations and document text.
public struct GoldComparison: Sendable {
    /// A gold entity no output entity matched, with the documents whose gold lists it.
    public struct MissedEntity: Hashable, Sendable {
        public let label: String
        public let `class`: String
        public let aliases: [String]
        public let documents: [String]
    }

    /// Where a missed entity's label or alias occurs in a document's text.
    public struct MissSpan: Hashable, Sendable {
        public let begin: Int
        public let end: Int
        public let entity: MissedEntity
    }

    /// The scores and lists exactly as `kg evaluate` computes them.
    public let evaluation: EvaluationReport
    public let spuriousEntities: Set<IRI>
    public let spuriousRelations: Set<RelationKey>
    /// Relations the evaluation scored (both ends are entities); the rest are not marked.
    public let scoredRelations: Set<RelationKey>
    public let missedEntities: [MissedEntity]
    public let missedRelations: [GoldStandard.Relation]
    /// Per document name, the places the missed entities' names occur (not overlapping each other).
    public let missSpans: [String: [MissSpan]]

    /// Scores `domain` against `gold` and finds the missed names in `model`'s documents.
    public static func compare(domain: Graph, gold: GoldStandard, model: ReportModel) -> GoldComparison {
        let evaluation = Evaluator.evaluate(domain, against: gold, namespace: model.ontologyNamespace)
        let missed = evaluation.missedEntityIndices.map { index in
            let entity = gold.entities[index]
            return MissedEntity(label: entity.label, class: entity.class, aliases: entity.aliases,
                                documents: index < gold.entityDocuments.count ? gold.entityDocuments[index] : [])
        }
        var spans: [String: [MissSpan]] = [:]
        for document in model.documents {
            let scalars = Array(document.text.unicodeScalars)
            var found: [MissSpan] = []
            for entity in missed where entity.documents.contains(where: { matchesDocument($0, document.name) }) {
                var forms: [String] = []
                for form in [entity.label] + entity.aliases where !form.isEmpty && !forms.contains(form) { forms.append(form) }
                for form in forms {
                    for range in occurrences(of: Array(form.unicodeScalars), in: scalars) {
                        found.append(MissSpan(begin: range.lowerBound, end: range.upperBound, entity: entity))
                    }
                }
            }
            // Longest first at each position; a span overlapping one already kept is dropped.
            found.sort { ($0.begin, -$0.end, $0.entity.label) < ($1.begin, -$1.end, $1.entity.label) }
            var kept: [MissSpan] = []
            for span in found where kept.last.map({ span.begin >= $0.end }) ?? true { kept.append(span) }
            if !kept.isEmpty { spans[document.name] = kept }
        }
        return GoldComparison(
            evaluation: evaluation, spuriousEntities: Set(evaluation.spuriousEntityIRIs),
            spuriousRelations: Set(evaluation.spuriousRelationKeys), scoredRelations: Set(evaluation.scoredRelationKeys),
            missedEntities: missed, missedRelations: evaluation.missedRelationIndices.map { gold.relations[$0] }, missSpans: spans)
    }

    /// A gold file names its document by file name; the report's name is the path under the input root.
    static func matchesDocument(_ goldName: String, _ name: String) -> Bool {
        goldName == name || name.hasSuffix("/" + goldName)
    }

    /// Where `needle` occurs in `text` as whole words, ignoring ASCII case (a one-for-one
    /// folding, so offsets stay scalar offsets).
    static func occurrences(of needle: [Unicode.Scalar], in text: [Unicode.Scalar]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= text.count else { return [] }
        func fold(_ scalar: Unicode.Scalar) -> UInt32 {
            ("A"..."Z").contains(scalar) ? scalar.value + 32 : scalar.value
        }
        func isWordScalar(_ index: Int) -> Bool {
            let properties = text[index].properties
            return properties.isAlphabetic || properties.numericType != nil
        }
        let folded = needle.map(fold)
        var result: [Range<Int>] = []
        var start = 0
        while start + needle.count <= text.count {
            var index = 0
            while index < needle.count, fold(text[start + index]) == folded[index] { index += 1 }
            if index == needle.count,
               start == 0 || !isWordScalar(start - 1),
               start + needle.count == text.count || !isWordScalar(start + needle.count) {
                result.append(start..<(start + needle.count))
                start += needle.count
            } else {
                start += 1
            }
        }
        return result
    }
}
