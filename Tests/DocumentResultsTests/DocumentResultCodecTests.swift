import DocumentResults
import Extraction
import Foundation
import RDFModel
import Testing
import TextAnnotation

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A document whose strings hold every character the format escapes.
private func trickyResult() -> DocumentResult {
    let identifier = "dir/a\tb\\c.txt"
    let text = "Tab\there, back\\slash, line\nbreak\r\n and \u{1F} unit separator. Dr. Ada Lovelace worked in London."
    var annotated = AnnotatedDocument(document: Document(identifier: identifier, text: text))
    annotated.sentences = [Sentence(range: TextRange(0, 56), section: 0), Sentence(range: TextRange(57, 91), section: 1)]
    let provenance = Provenance(document: identifier, sentence: 1, range: TextRange(61, 73), stage: "name-patterns", rule: "person\tcue", confidence: 0.7)
    annotated.mentions = [
        Mention(range: TextRange(61, 73), sentence: 1, candidateClass: "Person", canonicalLabel: "Ada Lovelace", source: .namePattern, provenance: provenance),
        Mention(range: TextRange(84, 90), sentence: nil, candidateClass: "City", canonicalLabel: "London", link: "geonames:2643743", isName: false,
                source: .lexicon, provenance: Provenance(document: "other.txt", sentence: nil, range: TextRange(84, 90), stage: "lexicon", rule: "lexicon:City", confidence: 1)),
    ]
    annotated.entities = [
        Entity(preferredLabel: "Ada Lovelace", altLabels: ["Ada", "A\\da\n", "Lovelace\u{1F}"], entityClass: "Person", mentions: [0], provenance: provenance),
        Entity(preferredLabel: "London", entityClass: "City", mentions: [1], links: ["geonames:2643743", "wikidata:Q84"], provenance: provenance),
    ]
    annotated.relations = [
        Relation(subject: 0, property: "affiliatedWith", object: .entity(1), evidence: [0, 1], provenance: provenance),
        Relation(subject: 0, property: "date", object: .literal(Literal("1815", datatype: Vocabulary.XSD.gYear)), evidence: [], provenance: provenance),
        Relation(subject: 1, property: "note", object: .literal(Literal("a \"quoted\"\ttext", language: "en-GB")), evidence: [1], provenance: provenance),
    ]
    annotated.notices = ["a sentence was cut\tat 2000 characters"]
    return DocumentResult(contentHash: "ab12", key: "cd34", document: annotated, warnings: ["x.txt: 1 invalid byte sequence\n"])
}

private func expectSameAnnotations(_ decoded: AnnotatedDocument, _ original: AnnotatedDocument) {
    #expect(decoded.document == original.document)
    #expect(decoded.sentences == original.sentences)
    #expect(decoded.mentions == original.mentions)
    #expect(decoded.entities == original.entities)
    #expect(decoded.relations == original.relations)
    #expect(decoded.notices == original.notices)
}

@Suite struct DocumentResultCodecTests {
    @Test func everyFieldSurvivesARoundTrip() throws {
        let original = trickyResult()
        let bytes = DocumentResultCodec.encode(original)
        let decoded = try DocumentResultCodec.decode(bytes, file: "t.kgr")
        #expect(decoded.contentHash == original.contentHash)
        #expect(decoded.key == original.key)
        #expect(decoded.warnings == original.warnings)
        expectSameAnnotations(decoded.document, original.document)
        #expect(DocumentResultCodec.encode(decoded) == bytes, "encoding is deterministic (sets are written sorted)")
        #expect(!bytes.contains(UInt8(ascii: "\r")), "control characters are escaped, one record per line")
    }

    @Test func extractedSeedsSurviveARoundTrip() throws {
        let setup = try ExtractionSetup.load(from: root.appendingPathComponent("Ontology"))
        let seeds = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("seeds").path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(!seeds.isEmpty)
        for name in seeds {
            let text = try String(contentsOf: root.appendingPathComponent("seeds/\(name)"), encoding: .utf8)
            var annotated = try setup.pipeline.run(Document(identifier: name, text: text), in: setup.context)
            annotated.releaseTokens()
            let result = DocumentResult(contentHash: "h", key: "k", document: annotated, warnings: [])
            let decoded = try DocumentResultCodec.decode(DocumentResultCodec.encode(result), file: name)
            expectSameAnnotations(decoded.document, annotated)
            #expect(!annotated.relations.isEmpty)
        }
    }

    @Test func damagedFilesAreErrorsWithTheirLine() throws {
        let good = String(decoding: DocumentResultCodec.encode(trickyResult()), as: UTF8.self)
        func error(_ text: String) -> DocumentResultError? {
            do {
                _ = try DocumentResultCodec.decode(Array(text.utf8), file: "bad.kgr")
                return nil
            } catch {
                return error
            }
        }
        let cut = String(good.split(separator: "\n").dropLast().joined(separator: "\n"))
        #expect(error(cut)?.reason.contains("end record") == true)
        #expect(error(good.replacingOccurrences(of: "kg-document-result\t1", with: "kg-document-result\t99"))?.line == 1)
        #expect(error("hello\n")?.reason.contains("not a kg per-document result") == true)
        let badIndex = good.replacingOccurrences(of: "relation\t0\taffiliatedWith\tentity\t1", with: "relation\t0\taffiliatedWith\tentity\t7")
        #expect(error(badIndex)?.reason.contains("index") == true)
        let badEscape = good.replacingOccurrences(of: "Tab\\there", with: "Tab\\qhere")
        let escapeError = error(badEscape)
        #expect(escapeError?.reason.contains("escape") == true)
        #expect(escapeError?.line == 5, "the text record is line 5")
        #expect(error(good.replacingOccurrences(of: "\tnamePattern\t", with: "\tguess\t"))?.reason.contains("source") == true)
    }

    @Test func changesAreTheGraphsWithOtherStatements() throws {
        func entry(_ name: String, _ statements: String) -> Manifest.Entry {
            Manifest.Entry(document: name, sha256: "h", graph: IRI("https://example.org/doc/" + name), statements: statements)
        }
        let old = [entry("a", "1"), entry("b", "2"), entry("c", "3"), entry("gone", "4")]
        let new = [entry("a", "1"), entry("b", "22"), entry("c", ""), entry("new", "5")]
        let changes = Manifest.changes(from: old, to: new)
        #expect(changes.replace.map(\.document) == ["b", "c", "new"], "other statements, unknown statements, a new graph")
        #expect(changes.delete.map(\.document) == ["gone"])
        #expect(changes.unchanged.map(\.document) == ["a"])
        #expect(Manifest.changes(from: [], to: new).replace.count == 4, "no record of the store: everything is sent")
    }

    @Test func manifestRowsReadBack() throws {
        let text = Manifest.text(["b.txt", "a\tdir/x.txt"], contentHashes: ["b.txt": "02", "a\tdir/x.txt": "01"]) { IRI("https://example.org/doc/" + $0.replacingOccurrences(of: "\t", with: "%09")) }
        let entries = try Manifest.parse(text, file: "manifest.tsv")
        #expect(entries.map(\.document) == ["a\tdir/x.txt", "b.txt"])
        #expect(entries.map(\.sha256) == ["01", "02"])
        #expect(throws: DocumentResultError.self) { _ = try Manifest.parse("document\tsha256\tgraph\tstatements\nonly-one-field\n", file: "m") }
    }
}
