import RDFModel
import TextAnnotation

/// Precision, recall and F1 of a graph against a gold standard.
public struct Scores: Hashable, Sendable {
    public let truePositives: Int
    public let predicted: Int
    public let gold: Int
    /// Gold items found (for recall); can differ from `truePositives` (predicted items that match).
    public let goldFound: Int

    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(goldFound) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// The evaluation's result: scores plus the items behind them.
public struct EvaluationReport: Sendable {
    public let strictEntities: Scores
    public let lenientEntities: Scores
    public let strictRelations: Scores
    public let lenientRelations: Scores
    /// Gold items no output item matched (strict), as readable lines.
    public let missedEntities: [String]
    public let spuriousEntities: [String]
    public let missedRelations: [String]
    public let spuriousRelations: [String]
    /// The same verdicts by identity, for tools that mark items rather than print them (`kg
    /// report`): output entities no gold entity matched (strict), output relations no gold
    /// relation matched (strict), and the indices into `GoldStandard.entities` / `.relations`
    /// of the gold items nothing matched. All sorted.
    public let spuriousEntityIRIs: [IRI]
    public let spuriousRelationKeys: [RelationKey]
    public let missedEntityIndices: [Int]
    public let missedRelationIndices: [Int]
    /// Output relations that were scored (both ends are output entities); the others (a literal
    /// object, an end without a class) are neither right nor wrong.
    public let scoredRelationKeys: [RelationKey]

    /// The table and the lists, as printed by `kg evaluate`.
    /// The score table, then (unless `scoresOnly`) the missed and spurious items. The hold-out
    /// set is shown with `scoresOnly`, so that its texts never guide a rule.
    public func render(title: String, scoresOnly: Bool = false) -> String {
        func row(_ name: String, _ scores: Scores) -> String {
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
            func number(_ value: Double) -> String {
                let scaled = Int((value * 1000).rounded())
                return "\(scaled / 1000).\(String(repeating: "0", count: 3 - String(scaled % 1000).count))\(scaled % 1000)"
            }
            return pad(name, 20) + pad(number(scores.precision), 11) + pad(number(scores.recall), 11) + pad(number(scores.f1), 8)
                + "(\(scores.truePositives)/\(scores.predicted) predicted, \(scores.goldFound)/\(scores.gold) gold)"
        }
        var lines = ["== \(title)", "                    precision  recall     F1"]
        lines.append(row("entities strict", strictEntities))
        lines.append(row("entities lenient", lenientEntities))
        lines.append(row("relations strict", strictRelations))
        lines.append(row("relations lenient", lenientRelations))
        if scoresOnly { return lines.joined(separator: "\n") + "\n" }
        func list(_ name: String, _ items: [String]) {
            lines.append("-- \(name) (\(items.count))")
            lines += items.map { "   \($0)" }
        }
        list("missed entities", missedEntities)
        list("spurious entities", spuriousEntities)
        list("missed relations", missedRelations)
        list("spurious relations", spuriousRelations)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// An output relation as the evaluation sees it: subject, the property's local name, object.
public struct RelationKey: Hashable, Comparable, Sendable {
    public let subject: IRI
    public let property: String
    public let object: IRI

    public init(subject: IRI, property: String, object: IRI) {
        self.subject = subject
        self.property = property
        self.object = object
    }

    public static func < (lhs: RelationKey, rhs: RelationKey) -> Bool {
        if lhs.subject != rhs.subject { return lhs.subject < rhs.subject }
        if lhs.property != rhs.property { return lhs.property < rhs.property }
        return lhs.object < rhs.object
    }
}

/// Matches a graph's entities and relations against gold. An output entity matches a gold
/// entity when one of its `rdfs:label`/`skos:altLabel` values equals the gold label or an alias
/// after `NameKey` normalisation (strict: the class must match too); a relation matches when
/// subject, property and object match.
public enum Evaluator {
    struct OutputEntity {
        let iri: IRI
        let classes: Set<String>
        let label: String
        let names: Set<String>
    }

    public static func evaluate(_ graph: Graph, against gold: GoldStandard, namespace: String = PrefixMap.kgNamespace) -> EvaluationReport {
        var classesBySubject: [IRI: Set<String>] = [:]
        var namesBySubject: [IRI: Set<String>] = [:]
        var labelBySubject: [IRI: String] = [:]
        var relationTriples: [(IRI, String, IRI)] = []
        for triple in graph.sortedTriples {
            guard let subject = triple.subject.iri else { continue }
            if triple.predicate == Vocabulary.RDF.type, let type = triple.object.iri, type.value.hasPrefix(namespace) {
                classesBySubject[subject, default: []].insert(String(type.value.dropFirst(namespace.count)))
            } else if triple.predicate == Vocabulary.RDFS.label || triple.predicate == Vocabulary.SKOS.altLabel, let literal = triple.object.literal {
                namesBySubject[subject, default: []].insert(NameKey.singular(literal.lexicalForm))
                if triple.predicate == Vocabulary.RDFS.label { labelBySubject[subject] = literal.lexicalForm }
            } else if triple.predicate.value.hasPrefix(namespace), let object = triple.object.iri {
                relationTriples.append((subject, String(triple.predicate.value.dropFirst(namespace.count)), object))
            }
        }
        let outputs = classesBySubject.keys.sorted().map {
            OutputEntity(iri: $0, classes: classesBySubject[$0] ?? [], label: labelBySubject[$0] ?? $0.value, names: namesBySubject[$0] ?? [])
        }
        let goldNames = gold.entities.map { Set(([$0.label] + $0.aliases).map(NameKey.singular)) }

        func matches(_ output: OutputEntity, _ goldIndex: Int, strict: Bool) -> Bool {
            !output.names.isDisjoint(with: goldNames[goldIndex]) && (!strict || output.classes.contains(gold.entities[goldIndex].class))
        }

        func entityScores(strict: Bool) -> (Scores, [String], [String], spuriousIRIs: [IRI], missedIndices: [Int]) {
            var goldFound = Set<Int>()
            var correct = 0
            var spurious: [String] = []
            var spuriousIRIs: [IRI] = []
            for output in outputs {
                let hits = gold.entities.indices.filter { matches(output, $0, strict: strict) }
                if hits.isEmpty {
                    spurious.append("\(output.label) [\(output.classes.sorted().joined(separator: ","))]")
                    spuriousIRIs.append(output.iri)
                } else {
                    correct += 1
                    goldFound.formUnion(hits)
                }
            }
            let missedIndices = gold.entities.indices.filter { !goldFound.contains($0) }
            let missed = missedIndices.map { "\(gold.entities[$0].label) [\(gold.entities[$0].class)]" }
            return (Scores(truePositives: correct, predicted: outputs.count, gold: gold.entities.count, goldFound: goldFound.count), missed, spurious,
                    spuriousIRIs, missedIndices)
        }

        let outputByIRI = Dictionary(uniqueKeysWithValues: outputs.map { ($0.iri, $0) })
        let goldIndexByLabel = Dictionary(gold.entities.enumerated().map { ($0.element.label, $0.offset) }, uniquingKeysWith: { first, _ in first })

        func relationScores(strict: Bool) -> (Scores, [String], [String], spuriousKeys: [RelationKey], missedIndices: [Int]) {
            var goldFound = Set<Int>()
            var correct = 0
            var spurious: [String] = []
            var spuriousKeys: [RelationKey] = []
            for (subject, property, object) in relationTriples {
                guard let s = outputByIRI[subject], let o = outputByIRI[object] else { continue }
                let hits = gold.relations.indices.filter { index in
                    let relation = gold.relations[index]
                    guard relation.property == property, let gs = goldIndexByLabel[relation.subject], let go = goldIndexByLabel[relation.object] else { return false }
                    return matches(s, gs, strict: strict) && matches(o, go, strict: strict)
                }
                if hits.isEmpty {
                    spurious.append("\(s.label) \(property) \(o.label)")
                    spuriousKeys.append(RelationKey(subject: subject, property: property, object: object))
                } else {
                    correct += 1
                    goldFound.formUnion(hits)
                }
            }
            let predicted = relationTriples.filter { outputByIRI[$0.0] != nil && outputByIRI[$0.2] != nil }.count
            let missedIndices = gold.relations.indices.filter { !goldFound.contains($0) }
            let missed = missedIndices.map {
                "\(gold.relations[$0].subject) \(gold.relations[$0].property) \(gold.relations[$0].object)"
            }
            return (Scores(truePositives: correct, predicted: predicted, gold: gold.relations.count, goldFound: goldFound.count), missed, spurious,
                    spuriousKeys.sorted(), missedIndices)
        }

        let strictEntities = entityScores(strict: true), lenientEntities = entityScores(strict: false)
        let strictRelations = relationScores(strict: true), lenientRelations = relationScores(strict: false)
        return EvaluationReport(
            strictEntities: strictEntities.0, lenientEntities: lenientEntities.0,
            strictRelations: strictRelations.0, lenientRelations: lenientRelations.0,
            missedEntities: strictEntities.1, spuriousEntities: strictEntities.2,
            missedRelations: strictRelations.1, spuriousRelations: strictRelations.2,
            spuriousEntityIRIs: strictEntities.spuriousIRIs.sorted(), spuriousRelationKeys: strictRelations.spuriousKeys,
            missedEntityIndices: strictEntities.missedIndices, missedRelationIndices: strictRelations.missedIndices,
            scoredRelationKeys: relationTriples.filter { outputByIRI[$0.0] != nil && outputByIRI[$0.2] != nil }
                .map { RelationKey(subject: $0.0, property: $0.1, object: $0.2) }.sorted())
    }
}
