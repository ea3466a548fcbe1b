import Foundation
import OntologyModel

/// Everything an extraction run needs from `Ontology/`: the ontology, lexicons, rules and the
/// pipeline configuration (`pipeline.txt`, one stage name per line; the default order if absent).
public struct ExtractionSetup: Sendable {
    public let context: StageContext
    public let pipeline: Pipeline

    /// Why `Ontology/` could not be used; the message starts with `file:line:column`.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func load(from directory: URL) throws(Failure) -> ExtractionSetup {
        do {
            let bundle = try OntologyLoader.load(from: directory)
            let rules = try ExtractionRules.load(from: directory.appendingPathComponent("rules"), ontology: bundle.ontology)
            let configuration = directory.appendingPathComponent("pipeline.txt")
            var names = StageRegistry.defaultOrder
            if let text = try? String(contentsOf: configuration, encoding: .utf8) {
                names = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
            }
            let pipeline = try StageRegistry.pipeline(names)
            return ExtractionSetup(context: StageContext(ontology: bundle.ontology, lexicon: bundle.lexicon, rules: rules), pipeline: pipeline)
        } catch let error as OntologyError {
            throw Failure(description: error.description)
        } catch let error as RuleError {
            throw Failure(description: error.description)
        } catch let error as StageError {
            throw Failure(description: "\(directory.appendingPathComponent("pipeline.txt").path): \(error.message) (stage \(error.stage))")
        } catch {
            throw Failure(description: "\(error)")
        }
    }
}
