import Evaluation
import Foundation
import RDFModel
@testable import Report
import Testing

/// A small extract output built by hand in kg's provenance model (NIF mentions and sentences,
/// PROV statement records), with hostile text: markup, quotes, an ampersand and a NUL.
enum Fixture {
    static let kg = PrefixMap.kgNamespace
    static let id = "https://example.org/id/"
    static let document = IRI(id + "doc/notes.txt")
    static let text = "Zeng Fanyi leads the Shanghai Stem Cell Institute in Shanghai. <script>alert(\"x\")</script> & 'q' \u{0} Photo: Getty Images."

    static let zeng = IRI(id + "Person/zeng-fanyi")
    static let institute = IRI(id + "ResearchInstitute/shanghai-stem-cell-institute")
    static let shanghai = IRI(id + "City/shanghai")
    static let hostile = IRI(id + "Company/bold")

    /// Scalar offsets of the `occurrence`-th (0-based) `needle` in the text.
    static func range(of needle: String, occurrence: Int = 0) -> Range<Int> {
        let scalars = Array(text.unicodeScalars), target = Array(needle.unicodeScalars)
        var seen = 0
        for start in 0...(scalars.count - target.count) where Array(scalars[start..<(start + target.count)]) == target {
            if seen == occurrence { return start..<(start + target.count) }
            seen += 1
        }
        Issue.record("\(needle) not in the fixture text")
        return 0..<0
    }

    static var domain: Graph {
        var graph = Graph()
        func add(_ subject: IRI, _ predicate: IRI, _ object: Term) { graph.insert(Triple(.iri(subject), predicate, object)) }
        for (entity, type, label) in [(zeng, "Person", "Zeng Fanyi"), (institute, "ResearchInstitute", "Shanghai Stem Cell Institute"),
                                      (shanghai, "City", "Shanghai"), (hostile, "Company", "<b>Bold</b> & \"Co\"")] {
            add(entity, Vocabulary.RDF.type, .iri(IRI(kg + type)))
            add(entity, Vocabulary.RDFS.label, .literal(Literal(label, language: "en")))
        }
        add(institute, IRI(kg + "ledBy"), .iri(zeng))
        add(institute, IRI(kg + "locatedIn"), .iri(shanghai))
        add(zeng, IRI(kg + "affiliatedWith"), .iri(hostile))
        return graph
    }

    static var provenance: Graph {
        var graph = Graph()
        func add(_ subject: Term, _ predicate: IRI, _ object: Term) { graph.insert(Triple(subject, predicate, object)) }
        func integer(_ value: Int) -> Term { .literal(Literal(String(value), datatype: Vocabulary.XSD.nonNegativeInteger)) }
        func string(_ range: Range<Int>) -> Term { .iri(IRI(document.value + "#char=\(range.lowerBound),\(range.upperBound)")) }
        let length = text.unicodeScalars.count
        let context = string(0..<length)
        add(context, Vocabulary.RDF.type, .iri(Vocabulary.NIF.context))
        add(context, Vocabulary.NIF.isString, .literal(Literal(text)))
        add(context, Vocabulary.NIF.sourceUrl, .iri(document))
        let sentence = range(of: "Zeng Fanyi leads the Shanghai Stem Cell Institute in Shanghai.")
        add(string(sentence), Vocabulary.RDF.type, .iri(Vocabulary.NIF.sentence))
        add(string(sentence), Vocabulary.NIF.referenceContext, context)
        add(string(sentence), Vocabulary.NIF.beginIndex, integer(sentence.lowerBound))
        add(string(sentence), Vocabulary.NIF.endIndex, integer(sentence.upperBound))
        add(string(sentence), Vocabulary.NIF.anchorOf, .literal(Literal(String(text.unicodeScalars.dropFirst(sentence.lowerBound).prefix(sentence.count)))))
        let activity = Term.iri(IRI(id + "activity/name-patterns/person-cue"))
        add(activity, IRI(kg + "stage"), .literal(Literal("name-patterns")))
        add(activity, IRI(kg + "rule"), .literal(Literal("person-cue")))
        let mentions: [(Range<Int>, IRI)] = [
            (range(of: "Zeng Fanyi"), zeng), (range(of: "Shanghai Stem Cell Institute"), institute),
            (range(of: "Shanghai", occurrence: 1), shanghai), (range(of: "alert"), hostile),
        ]
        for (span, entity) in mentions {
            let mention = string(span)
            add(mention, Vocabulary.RDF.type, .iri(Vocabulary.NIF.phrase))
            add(mention, Vocabulary.NIF.referenceContext, context)
            add(mention, Vocabulary.NIF.beginIndex, integer(span.lowerBound))
            add(mention, Vocabulary.NIF.endIndex, integer(span.upperBound))
            add(mention, Vocabulary.ITSRDF.taIdentRef, .iri(entity))
            add(mention, Vocabulary.PROV.wasGeneratedBy, activity)
            add(mention, IRI(kg + "confidence"), .literal(Literal("0.8", datatype: Vocabulary.XSD.decimal)))
            if span.upperBound <= sentence.upperBound { add(mention, Vocabulary.NIF.sentenceProperty, string(sentence)) }
        }
        // The record of `institute ledBy zeng`, derived from its sentence and both mentions.
        let record = Term.iri(IRI(id + "statement/1"))
        let relationActivity = Term.iri(IRI(id + "activity/sentence-relations/led-by"))
        add(relationActivity, IRI(kg + "stage"), .literal(Literal("sentence-relations")))
        add(relationActivity, IRI(kg + "rule"), .literal(Literal("ledBy.leads")))
        add(record, Vocabulary.RDF.type, .iri(Vocabulary.RDF.statement))
        add(record, Vocabulary.RDF.subject, .iri(institute))
        add(record, Vocabulary.RDF.predicate, .iri(IRI(kg + "ledBy")))
        add(record, Vocabulary.RDF.object, .iri(zeng))
        add(record, Vocabulary.PROV.wasDerivedFrom, string(sentence))
        add(record, Vocabulary.PROV.wasDerivedFrom, string(range(of: "Zeng Fanyi")))
        add(record, Vocabulary.PROV.wasDerivedFrom, string(range(of: "Shanghai Stem Cell Institute")))
        add(record, Vocabulary.PROV.wasGeneratedBy, relationActivity)
        add(record, IRI(kg + "confidence"), .literal(Literal("0.77", datatype: Vocabulary.XSD.decimal)))
        return graph
    }

    /// Gold: the three real entities, plus Getty Images (missed); ledBy (found) and a missed relation.
    static func gold() throws -> GoldStandard {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-report-gold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = """
        {"document": "notes.txt",
         "entities": [{"label": "Zeng Fanyi", "class": "Person"}, {"label": "Shanghai Stem Cell Institute", "class": "ResearchInstitute"},
                      {"label": "Shanghai", "class": "City"}, {"label": "Getty Images", "class": "Company"}],
         "relations": [{"subject": "Shanghai Stem Cell Institute", "property": "ledBy", "object": "Zeng Fanyi"},
                       {"subject": "Zeng Fanyi", "property": "affiliatedWith", "object": "Shanghai Stem Cell Institute"}]}
        """
        try Data(json.utf8).write(to: folder.appendingPathComponent("notes.json"))
        return try GoldStandard.load(directory: folder)
    }

    static func model() -> ReportModel { ReportModel.build(domain: domain, provenance: provenance) }
}

func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

@Suite struct ReportRendererTests {
    @Test func escapesTextAndAttributes() {
        #expect(HTMLText.escape("<script>a & \"b\" 'c'\u{0}\u{7}\u{FFFF}</script>") == "&lt;script&gt;a &amp; \"b\" 'c'\u{FFFD}\u{FFFD}\u{FFFD}&lt;/script&gt;")
        #expect(HTMLText.attribute("a\"b'c<d>&\nx") == "a&quot;b&#39;c&lt;d&gt;&amp;&#10;x")
        #expect(HTMLText.token("CellType") == "CellType")
        #expect(HTMLText.token("a b\"<") == "a_20_b_22__3c_")
    }

    @Test func hostileDocumentTextIsEscaped() {
        let html = ReportRenderer.html(Fixture.model())
        #expect(!html.contains("<script"), "document text became markup")
        #expect(html.contains("&lt;script&gt;<mark"))
        #expect(html.contains("(\"x\")&lt;/script&gt; &amp; 'q' \u{FFFD} Photo"))
        #expect(!html.unicodeScalars.contains("\u{0}"))
        // The hostile label, in the entity table and the SVG.
        #expect(html.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; \"Co\""))
        #expect(!html.contains("<b>Bold"))
        // In attributes, quotes are escaped too.
        #expect(html.contains("title=\"&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Co&quot;&#10;Company"))
    }

    @Test func mentionsAreHighlightedWithTheirProvenance() {
        let html = ReportRenderer.html(Fixture.model())
        #expect(count("<mark class=\"m ", in: html) == 4)
        #expect(html.contains("<mark class=\"m k-Person\" data-entity=\"https://example.org/id/Person/zeng-fanyi\" title=\"Zeng Fanyi&#10;Person&#10;https://example.org/id/Person/zeng-fanyi&#10;stage: name-patterns · rule: person-cue · confidence: 0.8\">Zeng Fanyi</mark>"))
        #expect(html.contains(">Shanghai Stem Cell Institute</mark> in <mark class=\"m k-City\""))
        #expect(html.contains(".k-Person { background: #f4a6a6; }"))
        // The relation with its evidence sentence, the two mentions marked in it.
        #expect(html.contains("<q><mark class=\"ev\">Zeng Fanyi</mark> leads the <mark class=\"ev\">Shanghai Stem Cell Institute</mark> in Shanghai.</q>"))
        #expect(html.contains("notes.txt · sentence-relations / ledBy.leads · confidence 0.77"))
        #expect(count("no evidence recorded", in: html) == 2)
    }

    @Test func pageIsSelfContained() throws {
        let html = ReportRenderer.html(Fixture.model(), gold: GoldComparison.compare(domain: Fixture.domain, gold: try Fixture.gold(), model: Fixture.model()))
        for reference in ["<script", "src=", "<link", "@import", "url(http", "href=\"http", "xlink:href=\"http"] {
            #expect(!html.contains(reference), "\(reference)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
    }

    @Test func sameGraphsGiveTheSameBytes() throws {
        let first = ReportRenderer.html(Fixture.model(), gold: GoldComparison.compare(domain: Fixture.domain, gold: try Fixture.gold(), model: Fixture.model()))
        // The same statements inserted in the opposite order.
        let domain = Graph(Fixture.domain.sortedTriples.reversed()), provenance = Graph(Fixture.provenance.sortedTriples.reversed())
        let model = ReportModel.build(domain: domain, provenance: provenance)
        let second = ReportRenderer.html(model, gold: GoldComparison.compare(domain: domain, gold: try Fixture.gold(), model: model))
        #expect(first == second)
    }

    @Test func goldMarksFalsePositivesAndMisses() throws {
        let model = Fixture.model()
        let comparison = GoldComparison.compare(domain: Fixture.domain, gold: try Fixture.gold(), model: model)
        #expect(comparison.spuriousEntities == [Fixture.hostile])
        #expect(comparison.missedEntities.map(\.label) == ["Getty Images"])
        #expect(comparison.missedRelations.map(\.property) == ["affiliatedWith"])
        let html = ReportRenderer.html(model, gold: comparison)
        // The spurious entity's mention, table row and node.
        #expect(html.contains("<mark class=\"m k-Company fp\""))
        #expect(html.contains("false positive: no gold entity matches"))
        #expect(html.contains("<g class=\"node fp\""))
        // Relations: ledBy in gold; locatedIn and affiliatedWith are false positives.
        #expect(count("<tr class=\"fp\">", in: html) == 3, "two relations and one entity")
        #expect(count("<td class=\"verdict ok\">✓ in gold</td>", in: html) == 4, "one relation and three entities")
        // The missed entity where the text names it, and in the gold section.
        #expect(html.contains("Photo: <span class=\"miss\" title=\"missed: Getty Images [Company] is in the gold standard, no entity matched it\">Getty Images</span>."))
        #expect(html.contains("<li class=\"miss-relation\">Zeng Fanyi <span class=\"property\">affiliatedWith</span> Shanghai Stem Cell Institute</li>"))
        // The scores are kg evaluate's.
        #expect(comparison.evaluation.strictEntities.precision == 0.75)
        #expect(html.contains("<tr><th>entities strict</th><td>0.750</td><td>0.750</td><td>0.750</td>"))
    }

    @Test func marksNestButNeverCross() {
        func span(_ begin: Int, _ end: Int, _ name: String) -> TextSpans.Span {
            TextSpans.Span(begin: begin, end: end, rank: 0, open: "<\(name)>", close: "</\(name)>")
        }
        let (html, skipped) = TextSpans.render("abcdefgh", spans: [span(0, 4, "a"), span(1, 3, "b"), span(2, 6, "c"), span(6, 20, "d"), span(5, 5, "e")])
        #expect(html == "<a>a<b>bc</b>d</a>efgh")
        #expect(skipped == 3)
    }

    @Test func missedNamesAreFoundAsWholeWordsIgnoringCase() {
        let text = Array("Shanghai, shanghaied; SHANGHAI.".unicodeScalars)
        #expect(GoldComparison.occurrences(of: Array("Shanghai".unicodeScalars), in: text) == [0..<8, 22..<30])
    }
}

@Suite struct GraphPictureTests {
    static func entities(_ count: Int) -> [ReportEntity] {
        (0..<count).map { index in
            ReportEntity(iri: IRI("https://example.org/id/Thing/\(index)"), classes: [["Person", "City", "Gene", "Method"][index % 4]],
                         label: "Entity number \(index) with a rather long name", altLabels: [], links: [])
        }
    }

    @Test func aHundredEntitiesHaveRoomForTheirLabels() {
        let (nodes, size) = GraphPicture.layout(Self.entities(100))
        #expect(nodes.count == 100)
        for (index, node) in nodes.enumerated() {
            let next = nodes[(index + 1) % nodes.count]
            #expect(hypot(node.x - next.x, node.y - next.y) >= 15.9, "neighbours at least 16 px apart")
            // A 34-character label at 11 px (about 200 px) stays inside the picture.
            #expect(node.x + 210 * cos(node.angle) >= -1 && node.x + 210 * cos(node.angle) <= size + 1)
            #expect(node.y + 210 * sin(node.angle) >= -1 && node.y + 210 * sin(node.angle) <= size + 1)
        }
        #expect(size < 1300, "a hundred entities fit a 1280 px window")
    }

    @Test func layoutIsGroupedByClassAndDeterministic() {
        let entities = Self.entities(40)
        let svg = GraphPicture.svg(entities: entities, relations: [])
        #expect(svg == GraphPicture.svg(entities: entities.reversed(), relations: []))
        #expect(count("<circle", in: svg) == 40)
        #expect(count("class=\"arc\"", in: svg) == 4, "one arc per class")
        let order = GraphPicture.layout(entities).nodes.map { Int($0.entity.value.split(separator: "/").last ?? "") ?? -1 }
        #expect(order.prefix(10).allSatisfy { $0 % 4 == 1 }, "City first")
    }

    @Test func edgesPointFromSubjectToObject() {
        let entities = Self.entities(3)
        let relation = ReportRelation(subject: entities[0].iri, property: "locatedIn", object: .iri(entities[1].iri), evidence: [])
        let svg = GraphPicture.svg(entities: entities, relations: [relation])
        #expect(count("<path class=\"edge\"", in: svg) == 1)
        #expect(svg.contains("marker-end=\"url(#arrow-0)\""))
        #expect(svg.contains("<title>Entity number 0 with a rather long name locatedIn Entity number 1 with a rather long name</title>"))
        #expect(GraphPicture.svg(entities: [], relations: []).contains("no entities"))
    }
}
