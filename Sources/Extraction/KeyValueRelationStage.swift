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
        guard let firstKeyLine = document.sections.firstIndex(where: { $0.kind == .keyValue }) else { return }
        let pageSubject = pageSubject(document, before: firstKeyLine)
        for (sectionIndex, section) in document.sections.enumerated() where section.kind == .keyValue {
            guard let key = section.key, let value = section.value else { continue }
            let keyText = document.document.text(in: key)
            guard let rule = context.rules.keyRule(keyText), let property = rule.property else { continue }
            // Key clauses answering a question are about what the question asks about.
            let candidates = questionSubjects(document, before: sectionIndex) ?? pageSubject.map { [$0] } ?? []
            guard !candidates.isEmpty else { continue }
            let provenance = Provenance(document: document.document.identifier, sentence: document.sentenceIndex(containing: section.range.lowerBound),
                                        range: section.range, stage: name, rule: "key:\(keyText)", confidence: 0.85)
            if rule.isLiteral {
                // A literal's property has a domain too: "Founded: 1998" dates an event or a
                // programme, not the company the page is about (the ontology has no founding date).
                if let subject = candidates.first(where: { context.ontology.admits(property, subject: document.entities[$0].entityClass) }),
                   let year = Self.year(in: document.document.text(in: value)) {
                    document.relations.append(Relation(subject: subject, property: property, object: .literal(Literal(year, datatype: Vocabulary.XSD.gYear)), evidence: [], provenance: provenance))
                }
                continue
            }
            var seen: Set<Int> = []
            var placed = false
            for (mentionIndex, mention) in document.mentions.enumerated() where value.contains(mention.range) {
                guard let object = document.entityIndex(ofMention: mentionIndex), seen.insert(object).inserted else { continue }
                let objectClass = document.entities[object].entityClass
                guard let subject = candidates.first(where: {
                    $0 != object && context.ontology.allows(property, subject: document.entities[$0].entityClass, object: objectClass)
                }) else { continue }
                // "Location: Shanghai, China" names one place and what contains it: only the first
                // place is where the subject is (the sentence stage relates the places).
                if property == "locatedIn", context.ontology.isSubclass(objectClass, of: "Place") {
                    if placed { continue }
                    placed = true
                }
                document.relations.append(Relation(subject: subject, property: property, object: .entity(object), evidence: [mentionIndex], provenance: provenance))
            }
        }
    }

    /// When key clauses follow a question (an FAQ answer), the entities the question names, in order.
    func questionSubjects(_ document: AnnotatedDocument, before sectionIndex: Int) -> [Int]? {
        var index = sectionIndex - 1
        while index >= 0, document.sections[index].kind == .keyValue || document.sections[index].kind == .heading { index -= 1 }
        guard index >= 0, document.sections[index].kind == .question else { return nil }
        let range = document.sections[index].range
        var result: [Int] = []
        for mention in document.mentions.indices where range.contains(document.mentions[mention].range) {
            if let entity = document.entityIndex(ofMention: mention), !result.contains(entity) { result.append(entity) }
        }
        return result.isEmpty ? nil : result
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
