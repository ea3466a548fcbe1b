import Foundation
import Testing
import Evaluation
import Extraction
import GraphAssembly
import RDFModel
import TextAnnotation

/// Runs the whole pipeline on a folder of texts and scores it against its gold.
func evaluateFolder(texts: String, gold: String) throws -> EvaluationReport {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let setup = try ExtractionSetup.load(from: root.appendingPathComponent("Ontology"))
    let folder = root.appendingPathComponent(texts)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
    var documents: [AnnotatedDocument] = []
    for name in names {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        documents.append(try setup.pipeline.run(Document(identifier: name, text: text), in: setup.context))
    }
    let corpus = CorpusMerger.merge(documents, ontology: setup.context.ontology)
    let graph = GraphBuilder.graph(corpus, ontology: setup.context.ontology)
    return Evaluator.evaluate(graph, against: try GoldStandard.load(directory: root.appendingPathComponent(gold)))
}

/// One row of `Tests/Gold/score-floors.tsv`: a text set and its committed strict F1 scores.
struct ScoreFloor: CustomTestStringConvertible, Sendable {
    let set: String
    let texts: String
    let gold: String
    let entities: Double
    let relations: Double

    var testDescription: String { self.set }

    /// How far below its committed figure a score may fall before the test fails.
    static let tolerance = 0.02

    static func load() -> [ScoreFloor] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard let text = try? String(contentsOf: root.appendingPathComponent("Tests/Gold/score-floors.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> ScoreFloor? in
            let fields = line.split(separator: "\t").map(String.init)
            guard !line.hasPrefix("#"), fields.count == 5, fields[0] != "set", let entities = Double(fields[3]), let relations = Double(fields[4]) else { return nil }
            return ScoreFloor(set: fields[0], texts: fields[1], gold: fields[2], entities: entities, relations: relations)
        }
    }
}

/// Extraction quality never drops silently: each set's strict F1 stays within 0.02 of the figures
/// committed in `Tests/Gold/score-floors.tsv`. The hold-out set is never tuned on; it is only scored.
@Suite struct SeedEvaluationTests {
    @Test func everySetHasAFloor() {
        #expect(Set(ScoreFloor.load().map(\.set)) == ["seeds", "development", "hold-out"])
    }

    @Test(arguments: ScoreFloor.load())
    func scoreStaysAboveItsFloor(_ floor: ScoreFloor) throws {
        let report = try evaluateFolder(texts: floor.texts, gold: floor.gold)
        // The hold-out set's items are never shown: only its scores are looked at.
        print(report.render(title: floor.set, scoresOnly: floor.set == "hold-out"))
        #expect(report.strictEntities.f1 >= floor.entities - ScoreFloor.tolerance,
                "\(floor.set): entities strict F1 \(report.strictEntities.f1) fell below the committed \(floor.entities)")
        #expect(report.strictRelations.f1 >= floor.relations - ScoreFloor.tolerance,
                "\(floor.set): relations strict F1 \(report.strictRelations.f1) fell below the committed \(floor.relations)")
    }
}
