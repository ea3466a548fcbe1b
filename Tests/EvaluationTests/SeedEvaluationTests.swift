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

@Suite struct SeedEvaluationTests {
    @Test func seedsScore() throws {
        let report = try evaluateFolder(texts: "seeds", gold: "Tests/Gold/seeds")
        print(report.render(title: "seeds"))
        #expect(report.strictEntities.f1 > 0.3)
    }

    /// The hold-out set is never used for tuning: this only reports its scores.
    @Test func holdOutScore() throws {
        let report = try evaluateFolder(texts: "Tests/HoldOut/texts", gold: "Tests/HoldOut/gold")
        print(report.render(title: "hold-out set (never tuned on)"))
        #expect(report.strictEntities.predicted > 0)
    }

    @Test func developmentSetScore() throws {
        let report = try evaluateFolder(texts: "Tests/DevSet/texts", gold: "Tests/DevSet/gold")
        print(report.render(title: "development set"))
        #expect(report.strictEntities.f1 > 0.3)
    }
}
