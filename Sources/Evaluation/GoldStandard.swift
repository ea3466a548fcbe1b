import Foundation
import TextAnnotation

/// Hand-made answers for a set of documents (the JSON format documented in `Tests/Gold/README.md`).
public struct GoldStandard: Sendable {
    public struct Entity: Hashable, Sendable, Decodable {
        public let label: String
        /// The ontology class's local name.
        public let `class`: String
        public let aliases: [String]

        public init(label: String, class entityClass: String, aliases: [String] = []) {
            self.label = label
            self.class = entityClass
            self.aliases = aliases
        }

        enum CodingKeys: String, CodingKey { case label, `class`, aliases }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            label = try container.decode(String.self, forKey: .label)
            self.class = try container.decode(String.self, forKey: .class)
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        }
    }

    public struct Relation: Hashable, Sendable, Decodable {
        public let subject: String
        public let property: String
        public let object: String

        public init(subject: String, property: String, object: String) {
            self.subject = subject
            self.property = property
            self.object = object
        }
    }

    struct File: Decodable {
        let document: String
        let entities: [Entity]
        let relations: [Relation]
    }

    /// A gold file that could not be used.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var entities: [Entity] = []
    public private(set) var relations: [Relation] = []
    public private(set) var documents: [String] = []
    /// For each of `entities` (same index), the gold files' `document` names that list it, in
    /// file order: where a report looks for a missed entity's names.
    public private(set) var entityDocuments: [[String]] = []

    public init(entities: [Entity], relations: [Relation]) {
        self.entities = entities
        self.relations = relations
        entityDocuments = entities.map { _ in [] }
    }

    /// Every `*.json` of a folder, merged: the same entity named in two files counts once.
    public static func load(directory: URL) throws(Failure) -> GoldStandard {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw Failure(description: "\(directory.path): no gold .json files") }
        var gold = GoldStandard(entities: [], relations: [])
        var entityIndexByKey: [String: Int] = [:]
        var seenRelations: Set<Relation> = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            let file: File
            do {
                file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
            } catch {
                throw Failure(description: "\(url.path): not a gold file: \(error)")
            }
            gold.documents.append(file.document)
            let labels = Set(file.entities.map(\.label))
            for relation in file.relations where !labels.contains(relation.subject) || !labels.contains(relation.object) {
                throw Failure(description: "\(url.path): relation \(relation.subject) \(relation.property) \(relation.object) names an entity the file does not list")
            }
            for entity in file.entities {
                let key = NameKey.singular(entity.label) + "|" + entity.class
                if let index = entityIndexByKey[key] {
                    if gold.entityDocuments[index].last != file.document { gold.entityDocuments[index].append(file.document) }
                } else {
                    entityIndexByKey[key] = gold.entities.count
                    gold.entities.append(entity)
                    gold.entityDocuments.append([file.document])
                }
            }
            for relation in file.relations where seenRelations.insert(relation).inserted {
                gold.relations.append(relation)
            }
        }
        return gold
    }
}

