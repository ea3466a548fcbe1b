import RDFModel
import TextAnnotation

/// Reads and writes `DocumentResult`s in kg's per-document result format: UTF-8 text, one
/// record per line, fields separated by tabs, in a fixed order, so the same result is always
/// the same bytes (see the README's "Per-document results" for the record kinds).
///
/// Inside a field, `\` `tab` `LF` `CR` and U+001F are written `\\` `\t` `\n` `\r` `\s`; a list
/// field (alternative labels, links, mention and evidence indexes) joins its items with U+001F
/// or commas. Optional values are empty (or `-` for a sentence index).
public enum DocumentResultCodec {
    static let magic = "kg-document-result"
    static let listSeparator: Character = "\u{1F}"

    // MARK: Writing

    public static func encode(_ result: DocumentResult) -> [UInt8] {
        let annotated = result.document
        let identifier = annotated.document.identifier
        var out = ""
        func line(_ fields: [String]) {
            out += fields.joined(separator: "\t")
            out += "\n"
        }
        func provenance(_ provenance: Provenance) -> [String] {
            [provenance.document == identifier ? "" : escape(provenance.document), optional(provenance.sentence),
             String(provenance.range.lowerBound), String(provenance.range.upperBound),
             escape(provenance.stage), escape(provenance.rule), String(provenance.confidence)]
        }
        line([magic, String(DocumentResult.formatVersion)])
        line(["hash", escape(result.contentHash)])
        line(["key", escape(result.key)])
        line(["document", escape(identifier)])
        line(["text", escape(annotated.document.text)])
        for warning in result.warnings { line(["warning", escape(warning)]) }
        for notice in annotated.notices { line(["notice", escape(notice)]) }
        for sentence in annotated.sentences {
            line(["sentence", String(sentence.range.lowerBound), String(sentence.range.upperBound), String(sentence.section)])
        }
        for mention in annotated.mentions {
            line(["mention", String(mention.range.lowerBound), String(mention.range.upperBound), optional(mention.sentence),
                  escape(mention.candidateClass), escape(mention.canonicalLabel), escape(mention.link ?? ""),
                  mention.isName ? "1" : "0", mention.source.rawValue] + provenance(mention.provenance))
        }
        for entity in annotated.entities {
            line(["entity", escape(entity.preferredLabel), escape(entity.entityClass), entity.mentions.map(String.init).joined(separator: ","),
                  entity.altLabels.sorted().map(escape).joined(separator: String(listSeparator)),
                  entity.links.sorted().map(escape).joined(separator: String(listSeparator))] + provenance(entity.provenance))
        }
        for relation in annotated.relations {
            let object: [String]
            switch relation.object {
            case let .entity(index): object = ["entity", String(index), "", ""]
            case let .literal(literal): object = ["literal", escape(literal.lexicalForm), escape(literal.datatype.value), escape(literal.language ?? "")]
            }
            line(["relation", String(relation.subject), escape(relation.property)] + object
                 + [relation.evidence.map(String.init).joined(separator: ",")] + provenance(relation.provenance))
        }
        line(["end"])
        return Array(out.utf8)
    }

    private static func optional(_ value: Int?) -> String { value.map(String.init) ?? "-" }

    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{1F}" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\u{1F}": out.append(contentsOf: "\\s".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    // MARK: Reading

    /// Reads a result written by `encode`; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(DocumentResultError) -> DocumentResult {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var number = 0
        func fail(_ reason: String) -> DocumentResultError { DocumentResultError(file: file, line: number, reason: reason) }
        var fieldsOfLine: [Substring] = []
        func int(_ index: Int) throws(DocumentResultError) -> Int {
            guard index < fieldsOfLine.count, let value = Int(fieldsOfLine[index]) else { throw fail("field \(index + 1) is not a number") }
            return value
        }
        func optionalInt(_ index: Int) throws(DocumentResultError) -> Int? {
            guard index < fieldsOfLine.count else { throw fail("field \(index + 1) is missing") }
            return fieldsOfLine[index] == "-" ? nil : try int(index)
        }
        func text(_ index: Int) throws(DocumentResultError) -> String {
            guard index < fieldsOfLine.count else { throw fail("field \(index + 1) is missing") }
            guard let value = unescape(fieldsOfLine[index]) else { throw fail("field \(index + 1) has an unknown escape") }
            return value
        }
        func list(_ index: Int) throws(DocumentResultError) -> [String] {
            guard index < fieldsOfLine.count else { throw fail("field \(index + 1) is missing") }
            var items: [String] = []
            for item in fieldsOfLine[index].split(separator: listSeparator) {
                guard let value = unescape(item) else { throw fail("field \(index + 1) has an unknown escape") }
                items.append(value)
            }
            return items
        }
        func indexes(_ index: Int) throws(DocumentResultError) -> [Int] {
            guard index < fieldsOfLine.count else { throw fail("field \(index + 1) is missing") }
            var items: [Int] = []
            for item in fieldsOfLine[index].split(separator: ",") {
                guard let value = Int(item), value >= 0 else { throw fail("field \(index + 1) is not a list of indexes") }
                items.append(value)
            }
            return items
        }
        func range(_ index: Int) throws(DocumentResultError) -> TextRange {
            let lower = try int(index), upper = try int(index + 1)
            guard 0 <= lower, lower <= upper else { throw fail("range \(lower)..<\(upper) is not a range") }
            return TextRange(lower, upper)
        }
        var identifier = ""
        func provenance(_ index: Int) throws(DocumentResultError) -> Provenance {
            let document = try text(index)
            guard index + 6 < fieldsOfLine.count, let confidence = Double(fieldsOfLine[index + 6]) else { throw fail("the provenance is incomplete") }
            return Provenance(document: document.isEmpty ? identifier : document, sentence: try optionalInt(index + 1),
                              range: try range(index + 2), stage: try text(index + 4), rule: try text(index + 5), confidence: confidence)
        }

        var contentHash = "", key = "", body: String?
        var warnings: [String] = [], notices: [String] = []
        var sentences: [Sentence] = [], mentions: [Mention] = [], entities: [Entity] = [], relations: [Relation] = []
        var ended = false
        for raw in lines {
            number += 1
            guard !ended else { throw fail("text after the end record") }
            guard let decoded = String(validating: raw, as: UTF8.self) else { throw fail("not UTF-8") }
            fieldsOfLine = decoded.split(separator: "\t", omittingEmptySubsequences: false)
            let kind = fieldsOfLine.first ?? ""
            if number == 1 {
                guard kind == magic else { throw fail("not a kg per-document result") }
                guard try int(1) == DocumentResult.formatVersion else { throw fail("format version \(fieldsOfLine.count > 1 ? fieldsOfLine[1] : "?") is not \(DocumentResult.formatVersion)") }
                continue
            }
            switch kind {
            case "hash": contentHash = try text(1)
            case "key": key = try text(1)
            case "document": identifier = try text(1)
            case "text": body = try text(1)
            case "warning": warnings.append(try text(1))
            case "notice": notices.append(try text(1))
            case "sentence":
                sentences.append(Sentence(range: try range(1), section: try int(3)))
            case "mention":
                guard let source = MentionSource(rawValue: try text(8)) else { throw fail("unknown mention source") }
                let link = try text(6)
                mentions.append(Mention(range: try range(1), sentence: try optionalInt(3), candidateClass: try text(4), canonicalLabel: try text(5),
                                        link: link.isEmpty ? nil : link, isName: try text(7) == "1", source: source, provenance: try provenance(9)))
            case "entity":
                entities.append(Entity(preferredLabel: try text(1), altLabels: Set(try list(4)), entityClass: try text(2),
                                       mentions: try indexes(3), links: Set(try list(5)), provenance: try provenance(6)))
            case "relation":
                let object: RelationObject
                switch try text(3) {
                case "entity": object = .entity(try int(4))
                case "literal":
                    let language = try text(6)
                    object = .literal(language.isEmpty ? Literal(try text(4), datatype: IRI(try text(5))) : Literal(try text(4), language: language))
                default: throw fail("a relation's object is an entity or a literal")
                }
                relations.append(Relation(subject: try int(1), property: try text(2), object: object, evidence: try indexes(7), provenance: try provenance(8)))
            case "end": ended = true
            default: throw fail("unknown record '\(kind)'")
            }
        }
        guard ended else { throw fail("the file ends before its end record (cut short?)") }
        guard let body, !identifier.isEmpty else { throw fail("no document or text record") }
        let scalarCount = body.unicodeScalars.count
        guard sentences.allSatisfy({ $0.range.upperBound <= scalarCount }), mentions.allSatisfy({ $0.range.upperBound <= scalarCount }) else {
            throw fail("an offset lies beyond the text")
        }
        guard entities.allSatisfy({ $0.mentions.allSatisfy { $0 < mentions.count } }),
              relations.allSatisfy({ relation in
                  guard relation.subject < entities.count, relation.evidence.allSatisfy({ $0 < mentions.count }) else { return false }
                  if case let .entity(object) = relation.object { return object < entities.count }
                  return true
              }) else { throw fail("an index points past its list") }
        var annotated = AnnotatedDocument(document: Document(identifier: identifier, text: body))
        annotated.sentences = sentences
        annotated.mentions = mentions
        annotated.entities = entities
        annotated.relations = relations
        annotated.notices = notices
        return DocumentResult(contentHash: contentHash, key: key, document: annotated, warnings: warnings)
    }

    static func unescape(_ field: Substring) -> String? {
        guard field.contains("\\") else { return String(field) }
        var out = String.UnicodeScalarView()
        var escaped = false
        for scalar in field.unicodeScalars {
            if escaped {
                switch scalar {
                case "\\": out.append("\\")
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "s": out.append("\u{1F}")
                default: return nil
                }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.append(scalar)
            }
        }
        return escaped ? nil : String(out)
    }
}
