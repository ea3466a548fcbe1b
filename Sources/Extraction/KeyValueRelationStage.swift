import OntologyModel
import RDFModel
import TextAnnotation

/// `- Key: value` lines state facts about the page's subject (the entity its title names):
/// `Location: Shanghai, China` → subject locatedIn Shanghai, subject locatedIn China.
public struct KeyValueRelationStage: Stage {
    public let name = "key-value-relations"
    public let requires: Set<AnnotationLayer> = [.structure, .entities]
    public let assigns: Set<AnnotationLayer> = [.relations]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        guard let firstKeyLine = document.sections.firstIndex(where: { $0.kind == .keyValue }),
              let subject = pageSubject(document, before: firstKeyLine) else { return }
        let subjectClass = document.entities[subject].entityClass
        for section in document.sections where section.kind == .keyValue {
            guard let key = section.key, let value = section.value else { continue }
            let keyText = document.document.text(in: key)
            guard let rule = context.rules.keys[WordTokenizer.fold(keyText)] else { continue }
            let provenance = Provenance(document: document.document.identifier, sentence: document.sentenceIndex(containing: section.range.lowerBound),
                                        range: section.range, stage: name, rule: "key:\(keyText)", confidence: 0.85)
            if rule.valueClass == nil {
                if let year = Self.year(in: document.document.text(in: value)) {
                    document.relations.append(Relation(subject: subject, property: rule.property, object: .literal(Literal(year, datatype: Vocabulary.XSD.gYear)), evidence: [], provenance: provenance))
                }
                continue
            }
            var seen: Set<Int> = []
            var placed = false
            for (mentionIndex, mention) in document.mentions.enumerated() where value.contains(mention.range) {
                guard let object = document.entityIndex(ofMention: mentionIndex), object != subject, seen.insert(object).inserted else { continue }
                let objectClass = document.entities[object].entityClass
                // "Location: Shanghai, China" names one place and what contains it: only the first
                // place is where the subject is (the sentence stage relates the places).
                if rule.property == "locatedIn", context.ontology.isSubclass(objectClass, of: "Place") {
                    if placed { continue }
                    placed = true
                }
                guard context.ontology.allows(rule.property, subject: subjectClass, object: objectClass) else { continue }
                document.relations.append(Relation(subject: subject, property: rule.property, object: .entity(object), evidence: [mentionIndex], provenance: provenance))
            }
        }
    }

    /// The entity a title names, else the one named on the line just before the key lines.
    func pageSubject(_ document: AnnotatedDocument, before keyLine: Int) -> Int? {
        let candidates = document.sections.indices.filter { $0 < keyLine }.reversed()
        for sectionIndex in candidates {
            let range = document.sections[sectionIndex].range
            if let mention = document.mentions.indices.first(where: { range.contains(document.mentions[$0].range) }),
               let entity = document.entityIndex(ofMention: mention) {
                return entity
            }
        }
        return nil
    }

    static func year(in text: String) -> String? {
        let digits = text.unicodeScalars.split { $0.properties.numericType == nil }.map { String(String.UnicodeScalarView($0)) }
        return digits.first { $0.count == 4 }
    }
}
