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
        var out = RecordWriter()
        out.bytes.reserveCapacity(annotated.document.text.utf8.count + 160 * (annotated.mentions.count + annotated.relations.count) + 1024)
        func provenance(_ provenance: Provenance) {
            out.text(provenance.document == identifier ? "" : provenance.document)
            out.optional(provenance.sentence)
            out.number(provenance.range.lowerBound)
            out.number(provenance.range.upperBound)
            out.text(provenance.stage)
            out.text(provenance.rule)
            out.plain(String(provenance.confidence))
        }
        out.record(magic)
        out.number(DocumentResult.formatVersion)
        out.record("hash")
        out.text(result.contentHash)
        out.record("key")
        out.text(result.key)
        out.record("document")
        out.text(identifier)
        out.record("text")
        out.text(annotated.document.text)
        for warning in result.warnings {
            out.record("warning")
            out.text(warning)
        }
        for notice in annotated.notices {
            out.record("notice")
            out.text(notice)
        }
        for sentence in annotated.sentences {
            out.record("sentence")
            out.number(sentence.range.lowerBound)
            out.number(sentence.range.upperBound)
            out.number(sentence.section)
        }
        for mention in annotated.mentions {
            out.record("mention")
            out.number(mention.range.lowerBound)
            out.number(mention.range.upperBound)
            out.optional(mention.sentence)
            out.text(mention.candidateClass)
            out.text(mention.canonicalLabel)
            out.text(mention.link ?? "")
            out.plain(mention.isName ? "1" : "0")
            out.plain(mention.source.rawValue)
            provenance(mention.provenance)
        }
        for entity in annotated.entities {
            out.record("entity")
            out.text(entity.preferredLabel)
            out.text(entity.entityClass)
            out.numbers(entity.mentions)
            out.texts(entity.altLabels.sorted())
            out.texts(entity.links.sorted())
            provenance(entity.provenance)
        }
        for relation in annotated.relations {
            out.record("relation")
            out.number(relation.subject)
            out.text(relation.property)
            switch relation.object {
            case let .entity(index):
                out.plain("entity")
                out.number(index)
                out.plain("")
                out.plain("")
            case let .literal(literal):
                out.plain("literal")
                out.text(literal.lexicalForm)
                out.text(literal.datatype.value)
                out.text(literal.language ?? "")
            }
            out.numbers(relation.evidence)
            provenance(relation.provenance)
        }
        out.record("end")
        out.bytes.append(UInt8(ascii: "\n"))
        return out.bytes
    }

    /// Writes records straight as bytes: a record's kind, then each field after a tab; the line
    /// ends when the next record starts.
    private struct RecordWriter {
        var bytes: [UInt8] = []

        mutating func record(_ kind: String) {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: "\n")) }
            bytes.append(contentsOf: kind.utf8)
        }

        /// A field written as it is (numbers, flags, names that never need escapes).
        mutating func plain(_ value: String) {
            bytes.append(UInt8(ascii: "\t"))
            bytes.append(contentsOf: value.utf8)
        }

        mutating func number(_ value: Int) {
            bytes.append(UInt8(ascii: "\t"))
            appendDigits(value)
        }

        mutating func optional(_ value: Int?) {
            if let value { number(value) } else { plain("-") }
        }

        /// Indexes joined by commas.
        mutating func numbers(_ values: [Int]) {
            bytes.append(UInt8(ascii: "\t"))
            for (position, value) in values.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                appendDigits(value)
            }
        }

        /// A text field, escaped (see ``DocumentResultCodec``).
        mutating func text(_ value: String) {
            bytes.append(UInt8(ascii: "\t"))
            appendEscaped(value)
        }

        /// Texts joined by U+001F, each escaped.
        mutating func texts(_ values: [String]) {
            bytes.append(UInt8(ascii: "\t"))
            for (position, value) in values.enumerated() {
                if position > 0 { bytes.append(0x1F) }
                appendEscaped(value)
            }
        }

        private mutating func appendDigits(_ value: Int) {
            guard value >= 0, value < 10 else {
                bytes.append(contentsOf: String(value).utf8)
                return
            }
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        }

        private mutating func appendEscaped(_ value: String) { DocumentResultCodec.appendEscaped(value, to: &bytes) }
    }

    /// Appends `value` escaped (see ``DocumentResultCodec``). The escapes are all ASCII, so they
    /// are made on the UTF-8 bytes.
    static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { source in
            var runStart = 0
            for (index, byte) in source.enumerated() {
                let escaped: UInt8
                switch byte {
                case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
                case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
                case 0x1F: escaped = UInt8(ascii: "s")
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(escaped)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
    }

    static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Reading

    /// Reads a result written by `encode`; `file` names it in errors. Fields are cut and
    /// unescaped as bytes: a corpus of results is read back faster than it was extracted.
    public static func decode(_ bytes: [UInt8], file: String) throws(DocumentResultError) -> DocumentResult {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var lineNumber = 0
        func fail(_ reason: String) -> DocumentResultError { DocumentResultError(file: file, line: lineNumber, reason: reason) }
        var fieldsOfLine: [ArraySlice<UInt8>] = []
        func field(_ index: Int) throws(DocumentResultError) -> ArraySlice<UInt8> {
            guard index < fieldsOfLine.count else { throw fail("field \(index + 1) is missing") }
            return fieldsOfLine[index]
        }
        func int(_ index: Int) throws(DocumentResultError) -> Int {
            guard let value = Self.number(in: try field(index)) else { throw fail("field \(index + 1) is not a number") }
            return value
        }
        func optionalInt(_ index: Int) throws(DocumentResultError) -> Int? {
            let bytes = try field(index)
            return bytes.elementsEqual([UInt8(ascii: "-")]) ? nil : try int(index)
        }
        func text(_ bytes: ArraySlice<UInt8>, _ index: Int) throws(DocumentResultError) -> String {
            guard let value = unescape(bytes) else { throw fail("field \(index + 1) has an unknown escape or is not UTF-8") }
            return value
        }
        func text(_ index: Int) throws(DocumentResultError) -> String { try text(try field(index), index) }
        func list(_ index: Int) throws(DocumentResultError) -> [String] {
            var items: [String] = []
            for item in try field(index).split(separator: 0x1F) { items.append(try text(item, index)) }
            return items
        }
        func indexes(_ index: Int) throws(DocumentResultError) -> [Int] {
            var items: [Int] = []
            for item in try field(index).split(separator: UInt8(ascii: ",")) {
                guard let value = Self.number(in: item), value >= 0 else { throw fail("field \(index + 1) is not a list of indexes") }
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
            guard let confidence = Double(try text(index + 6)) else { throw fail("the provenance is incomplete") }
            return Provenance(document: document.isEmpty ? identifier : document, sentence: try optionalInt(index + 1),
                              range: try range(index + 2), stage: try text(index + 4), rule: try text(index + 5), confidence: confidence)
        }

        var contentHash = "", key = "", body: String?
        var warnings: [String] = [], notices: [String] = []
        var sentences: [Sentence] = [], mentions: [Mention] = [], entities: [Entity] = [], relations: [Relation] = []
        var ended = false
        for raw in lines {
            lineNumber += 1
            guard !ended else { throw fail("text after the end record") }
            fieldsOfLine = raw.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            let kind = String(decoding: fieldsOfLine.first ?? [], as: UTF8.self)
            if lineNumber == 1 {
                guard kind == magic else { throw fail("not a kg per-document result") }
                guard try int(1) == DocumentResult.formatVersion else { throw fail("format version \(try text(1)) is not \(DocumentResult.formatVersion)") }
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

    /// A field's text: escapes resolved, UTF-8 checked; nil for an unknown escape or invalid UTF-8.
    static func unescape<Bytes: Collection>(_ field: Bytes) -> String? where Bytes.Element == UInt8 {
        guard field.contains(UInt8(ascii: "\\")) else { return String(validating: field, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(field.count)
        var escaped = false
        for byte in field {
            if escaped {
                switch byte {
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "s"): out.append(0x1F)
                default: return nil
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return escaped ? nil : String(validating: out, as: UTF8.self)
    }

    /// A non-negative or negative decimal integer of ASCII digits, nil otherwise.
    static func number(in bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        var negative = false
        var digits = 0
        for (offset, byte) in bytes.enumerated() {
            if offset == 0, byte == UInt8(ascii: "-") { negative = true; continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits == 0 ? nil : (negative ? -value : value)
    }
}
