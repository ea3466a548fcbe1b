import Evaluation
import RDFModel

/// Renders a `ReportModel` as one self-contained HTML page: inline CSS, an inline SVG, no script
/// and no reference to anything outside the file. The same model gives the same bytes.
public enum ReportRenderer {
    /// The page. `gold`, when given, marks false positives and misses; `title` heads the page.
    public static func html(_ model: ReportModel, gold: GoldComparison? = nil, title: String = "kg report") -> String {
        let entityByIRI = Dictionary(model.entities.map { ($0.iri, $0) }, uniquingKeysWith: { first, _ in first })
        let classes = Array(Set(model.entities.map(\.primaryClass))).sorted()
        var mentionCount: [IRI: Int] = [:]
        var mentionDocuments: [IRI: Set<String>] = [:]
        for document in model.documents {
            for mention in document.mentions {
                mentionCount[mention.entity, default: 0] += 1
                mentionDocuments[mention.entity, default: []].insert(document.name)
            }
        }
        let entityRelations = model.relations.filter { $0.object.iri.map { entityByIRI[$0] != nil } ?? false }

        var page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="kg report">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(stylesheet(classes: classes))
        </style>
        </head>
        <body>
        <header>
        <h1>\(HTMLText.escape(title))</h1>
        <p class="summary">\(model.documents.count) documents · \(model.entities.count) entities · \(model.relations.count) relations · \(model.documents.reduce(0) { $0 + $1.mentions.count }) mentions</p>
        <nav><a href="#legend">Legend</a> · \(gold == nil ? "" : "<a href=\"#gold\">Scores</a> · ")<a href="#graph">Graph</a> · <a href="#documents">Documents</a> · <a href="#relations">Relations</a> · <a href="#entities">Entities</a>\(gold == nil ? "" : " · <a href=\"#misses\">Misses</a>")</nav>
        </header>

        """
        // Legend and scores side by side, the long lists of misses last, so that a first screen
        // holds the picture and the start of the texts.
        page += "<div class=\"overview\">\n"
        page += legend(classes: classes, model: model, mentionCount: mentionCount, gold: gold)
        if let gold { page += scoresSection(gold) }
        page += "</div>\n"
        page += "<section id=\"graph\">\n<h2>Graph</h2>\n<p class=\"note\">Entities on a circle grouped by class (coloured arcs), relations as arrows through the middle coloured by property; hover a node or an arrow for its names.\(gold == nil ? "" : " Red rings and dashed arrows are false positives.")</p>\n"
        page += propertyLegend(entityRelations)
        page += "<div class=\"picture\">\n"
        page += GraphPicture.svg(entities: model.entities, relations: entityRelations, spurious: gold?.spuriousEntities ?? [],
                                 spuriousRelations: gold?.spuriousRelations ?? [])
        page += "\n</div>\n</section>\n"
        page += documentsSection(model, entityByIRI: entityByIRI, gold: gold)
        page += relationsSection(model, entityByIRI: entityByIRI, gold: gold)
        page += entitiesSection(model, mentionCount: mentionCount, mentionDocuments: mentionDocuments, gold: gold)
        if let gold { page += missesSection(gold) }
        page += "</body>\n</html>\n"
        return page
    }

    // MARK: - Sections

    static func legend(classes: [String], model: ReportModel, mentionCount: [IRI: Int], gold: GoldComparison?) -> String {
        var entitiesPerClass: [String: Int] = [:]
        var mentionsPerClass: [String: Int] = [:]
        for entity in model.entities {
            entitiesPerClass[entity.primaryClass, default: 0] += 1
            mentionsPerClass[entity.primaryClass, default: 0] += mentionCount[entity.iri] ?? 0
        }
        var html = "<section id=\"legend\">\n<h2>Legend</h2>\n<ul class=\"legend\">\n"
        for name in classes {
            html += "<li><mark class=\"swatch \(classToken(name))\">\(HTMLText.escape(name))</mark> \(plural(entitiesPerClass[name] ?? 0, "entity", "entities")), \(plural(mentionsPerClass[name] ?? 0, "mention", "mentions"))</li>\n"
        }
        if gold != nil {
            html += "<li><mark class=\"swatch fp\">false positive</mark> an entity or relation the gold does not have</li>\n"
            html += "<li><span class=\"miss\">missed</span> a gold entity's name where no entity was found</li>\n"
        }
        html += "</ul>\n<p class=\"note\">Hover a highlighted mention for its entity, class, IRI, stage, rule and confidence.</p>\n</section>\n"
        return html
    }

    static func propertyLegend(_ relations: [ReportRelation]) -> String {
        let properties = Array(Set(relations.map(\.property))).sorted()
        guard !properties.isEmpty else { return "" }
        var html = "<ul class=\"legend properties\">\n"
        for (index, property) in properties.enumerated() {
            let count = relations.filter { $0.property == property }.count
            html += "<li><span class=\"line\" style=\"background:\(ClassPalette.colour(forPropertyAt: index))\"></span> \(HTMLText.escape(property)) (\(count))</li>\n"
        }
        return html + "</ul>\n"
    }

    static func scoresSection(_ gold: GoldComparison) -> String {
        let evaluation = gold.evaluation
        func row(_ name: String, _ scores: Scores) -> String {
            "<tr><th>\(name)</th><td>\(decimal(scores.precision))</td><td>\(decimal(scores.recall))</td><td>\(decimal(scores.f1))</td>"
                + "<td>\(scores.truePositives)/\(scores.predicted) predicted, \(scores.goldFound)/\(scores.gold) gold</td></tr>\n"
        }
        var html = "<section id=\"gold\">\n<h2>Against the gold standard</h2>\n"
        html += "<table class=\"scores\">\n<tr><th></th><th>precision</th><th>recall</th><th>F1</th><th></th></tr>\n"
        html += row("entities strict", evaluation.strictEntities) + row("entities lenient", evaluation.lenientEntities)
        html += row("relations strict", evaluation.strictRelations) + row("relations lenient", evaluation.lenientRelations)
        html += "</table>\n"
        html += "<p class=\"note\">The matching of <code>kg evaluate</code>: an entity matches when one of its labels equals the gold label or an alias after normalisation; strict also needs the class. "
            + "Marks use the strict verdicts: \(evaluation.spuriousEntities.count) entities and \(evaluation.spuriousRelations.count) relations are false positives, <mark class=\"swatch fp\">marked like this</mark> in the texts, the tables and the graph; "
            + "<a href=\"#misses\">\(gold.missedEntities.count) entities and \(gold.missedRelations.count) relations were missed</a>, and a missed entity's name is <span class=\"miss\">underlined</span> where its document says it.</p>\n</section>\n"
        return html
    }

    static func missesSection(_ gold: GoldComparison) -> String {
        var html = "<section id=\"misses\">\n<h2>Missed (in the gold standard, not found)</h2>\n"
        html += "<h3>Entities (\(gold.missedEntities.count))</h3>\n<ul class=\"missed\">\n"
        for entity in gold.missedEntities {
            let aliases = entity.aliases.isEmpty ? "" : " <span class=\"aka\">also " + entity.aliases.map(HTMLText.escape).joined(separator: ", ") + "</span>"
            html += "<li><span class=\"miss\">\(HTMLText.escape(entity.label))</span> <span class=\"class\">\(HTMLText.escape(entity.class))</span>\(aliases)"
                + " <span class=\"where\">\(HTMLText.escape(entity.documents.joined(separator: ", ")))</span></li>\n"
        }
        html += "</ul>\n<h3>Relations (\(gold.missedRelations.count))</h3>\n<ul class=\"missed\">\n"
        for relation in gold.missedRelations {
            html += "<li class=\"miss-relation\">\(HTMLText.escape(relation.subject)) <span class=\"property\">\(HTMLText.escape(relation.property))</span> \(HTMLText.escape(relation.object))</li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    static func documentsSection(_ model: ReportModel, entityByIRI: [IRI: ReportEntity], gold: GoldComparison?) -> String {
        var html = "<section id=\"documents\">\n<h2>Documents</h2>\n"
        if !model.hasProvenance {
            html += "<p class=\"note\">This output folder holds no provenance (provenance.ttl, provenance.rdf, graph.trig or graph.nq), so there are no texts to show; extract with <code>--format ttl</code> or <code>rdf</code>.</p>\n"
        }
        for (index, document) in model.documents.enumerated() {
            var spans: [TextSpans.Span] = document.mentions.map { mention in
                let entity = entityByIRI[mention.entity]
                let className = entity?.primaryClass ?? ""
                let isSpurious = gold?.spuriousEntities.contains(mention.entity) ?? false
                var title = "\(entity?.label ?? mention.entity.value)\n\(entity?.classes.joined(separator: ", ") ?? "(not an entity of the graph)")\n\(mention.entity.value)"
                title += "\nstage: \(mention.stage ?? "?") · rule: \(mention.rule ?? "?") · confidence: \(mention.confidence ?? "?")"
                if isSpurious { title += "\nfalse positive: no gold entity matches" }
                return TextSpans.Span(
                    begin: mention.begin, end: mention.end, rank: 0,
                    open: "<mark class=\"m \(classToken(className))\(isSpurious ? " fp" : "")\" data-entity=\"\(HTMLText.attribute(mention.entity.value))\" title=\"\(HTMLText.attribute(title))\">",
                    close: "</mark>")
            }
            for miss in gold?.missSpans[document.name] ?? [] {
                let title = "missed: \(miss.entity.label) [\(miss.entity.class)] is in the gold standard, no entity matched it"
                spans.append(TextSpans.Span(begin: miss.begin, end: miss.end, rank: 1,
                                            open: "<span class=\"miss\" title=\"\(HTMLText.attribute(title))\">", close: "</span>"))
            }
            let rendered = TextSpans.render(document.text, spans: spans)
            html += "<article class=\"document\" id=\"doc-\(index + 1)\">\n<h3>\(HTMLText.escape(document.name))</h3>\n"
            html += "<p class=\"meta\">\(document.mentions.count) mentions · <code>\(HTMLText.escape(document.iri.value))</code>"
            if rendered.skipped > 0 {
                html += " · \(rendered.skipped) marks not shown (outside the text or crossing another mark)"
            }
            // A newline right after <pre> is dropped by the HTML parser; this one, so the text's own first line break stays.
            html += "</p>\n<pre class=\"text\">\n\(rendered.html)</pre>\n</article>\n"
        }
        return html + "</section>\n"
    }

    static func relationsSection(_ model: ReportModel, entityByIRI: [IRI: ReportEntity], gold: GoldComparison?) -> String {
        var html = "<section id=\"relations\">\n<h2>Relations (\(model.relations.count))</h2>\n"
        html += "<table class=\"relations\">\n<thead><tr><th>subject</th><th>property</th><th>object</th><th>evidence</th>\(gold == nil ? "" : "<th>gold</th>")</tr></thead>\n<tbody>\n"
        for relation in model.relations {
            let key = relation.object.iri.map { RelationKey(subject: relation.subject, property: relation.property, object: $0) }
            var verdict = ""
            var rowClass = ""
            if let gold {
                if let key, gold.spuriousRelations.contains(key) {
                    verdict = "<td class=\"verdict fp\">false positive</td>"
                    rowClass = " class=\"fp\""
                } else if let key, gold.scoredRelations.contains(key) {
                    verdict = "<td class=\"verdict ok\">✓ in gold</td>"
                } else {
                    verdict = "<td class=\"verdict\">not scored</td>"
                }
            }
            html += "<tr\(rowClass)><td>\(entityCell(relation.subject, entityByIRI))</td><td class=\"property\">\(HTMLText.escape(relation.property))</td>"
            if let object = relation.object.iri {
                html += "<td>\(entityCell(object, entityByIRI))</td>"
            } else if let literal = relation.object.literal {
                html += "<td class=\"literal\">\(HTMLText.escape(literal.lexicalForm))</td>"
            } else {
                html += "<td>\(HTMLText.escape(relation.object.description))</td>"
            }
            html += "<td class=\"evidence\">"
            if relation.evidence.isEmpty { html += "<span class=\"none\">no evidence recorded</span>" }
            for evidence in relation.evidence {
                let spans = evidence.mentionRanges.map {
                    TextSpans.Span(begin: $0.lowerBound, end: $0.upperBound, rank: 0, open: "<mark class=\"ev\">", close: "</mark>")
                }
                html += "<div class=\"sentence\"><q>\(TextSpans.render(evidence.sentence, spans: spans).html)</q>"
                html += " <span class=\"source\">\(HTMLText.escape(evidence.documentName)) · \(HTMLText.escape(evidence.stage ?? "?")) / \(HTMLText.escape(evidence.rule ?? "?")) · confidence \(HTMLText.escape(evidence.confidence ?? "?"))</span></div>"
            }
            html += "</td>\(verdict)</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    static func entitiesSection(_ model: ReportModel, mentionCount: [IRI: Int], mentionDocuments: [IRI: Set<String>], gold: GoldComparison?) -> String {
        var html = "<section id=\"entities\">\n<h2>Entities (\(model.entities.count))</h2>\n"
        html += "<table class=\"entities\">\n<thead><tr><th>label</th><th>class</th><th>IRI</th><th>other names</th><th>links</th><th>mentions</th><th>documents</th>\(gold == nil ? "" : "<th>gold</th>")</tr></thead>\n<tbody>\n"
        let ordered = model.entities.sorted { ($0.primaryClass, $0.label, $0.iri.value) < ($1.primaryClass, $1.label, $1.iri.value) }
        for entity in ordered {
            let isSpurious = gold?.spuriousEntities.contains(entity.iri) ?? false
            html += "<tr\(isSpurious ? " class=\"fp\"" : "")><td>\(HTMLText.escape(entity.label))</td>"
            html += "<td><mark class=\"swatch \(classToken(entity.primaryClass))\">\(HTMLText.escape(entity.classes.joined(separator: ", ")))</mark></td>"
            html += "<td><code>\(HTMLText.escape(entity.iri.value))</code></td>"
            html += "<td>\(entity.altLabels.map(HTMLText.escape).joined(separator: "; "))</td>"
            html += "<td>\(entity.links.map { "<code>\(HTMLText.escape($0.value))</code>" }.joined(separator: "<br>"))</td>"
            html += "<td class=\"number\">\(mentionCount[entity.iri] ?? 0)</td>"
            html += "<td>\((mentionDocuments[entity.iri] ?? []).sorted().map(HTMLText.escape).joined(separator: ", "))</td>"
            if gold != nil { html += isSpurious ? "<td class=\"verdict fp\">false positive</td>" : "<td class=\"verdict ok\">✓ in gold</td>" }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    static func entityCell(_ iri: IRI, _ entityByIRI: [IRI: ReportEntity]) -> String {
        guard let entity = entityByIRI[iri] else { return "<code>\(HTMLText.escape(iri.value))</code>" }
        return "<mark class=\"swatch \(classToken(entity.primaryClass))\" title=\"\(HTMLText.attribute(entity.iri.value))\">\(HTMLText.escape(entity.label))</mark>"
    }

    // MARK: - Style

    /// The CSS class of an ontology class's highlights.
    static func classToken(_ name: String) -> String { "k-" + HTMLText.token(name) }

    static func stylesheet(classes: [String]) -> String {
        var css = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1320px; padding: 0 24px 48px; color: #1d1d1f; background: #ffffff; }
        h1 { margin: 24px 0 4px; } h2 { margin-top: 36px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        .summary, .note, .meta { color: #555; }
        nav a { color: #0b57d0; }
        code { font-size: 12px; color: #444; overflow-wrap: anywhere; }
        .overview { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); gap: 0 32px; }
        @media (max-width: 900px) { .overview { grid-template-columns: 1fr; } }
        ul.legend { list-style: none; padding: 0; margin: 8px 0; columns: 2 220px; font-size: 14px; }
        ul.legend.properties { columns: 4 200px; }
        ul.legend li { margin: 2px 0; }
        ul.properties li .line { display: inline-block; width: 26px; height: 4px; vertical-align: middle; border-radius: 2px; }
        mark { color: inherit; border-radius: 3px; padding: 0 1px; }
        mark.m { box-shadow: inset 0 -2px 0 rgba(0,0,0,0.25); cursor: help; }
        mark.m mark.m { box-shadow: inset 0 -2px 0 rgba(0,0,0,0.5); }
        mark.swatch { padding: 1px 5px; }
        mark.fp, .swatch.fp { outline: 2px dashed #c00000; outline-offset: 1px; }
        mark.swatch.fp { background: #ffffff; }
        .miss { text-decoration: underline wavy #c00000; text-decoration-thickness: 1.5px; background: #ffe3e3; cursor: help; }
        mark.ev { background: #ffe58a; }
        pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.6 ui-monospace, "DejaVu Sans Mono", monospace; background: #fafafa; border: 1px solid #e4e4e4; border-radius: 6px; padding: 14px; }
        .picture { overflow: auto; border: 1px solid #e4e4e4; border-radius: 6px; }
        svg.graph { display: block; margin: 0 auto; font: 11px system-ui, sans-serif; }
        svg.graph .node text { fill: #222; }
        svg.graph .edge { opacity: 0.75; }
        svg.graph .node:hover text { font-weight: bold; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { border-bottom: 1px solid #eee; padding: 4px 6px; text-align: left; vertical-align: top; }
        td.number { text-align: right; }
        table.relations td:first-child, table.relations td:nth-child(3) { min-width: 11em; }
        td.property, .property { font-family: ui-monospace, monospace; font-size: 13px; }
        tr.fp td:first-child { box-shadow: inset 3px 0 0 #c00000; }
        td.verdict.fp { color: #c00000; font-weight: 600; } td.verdict.ok { color: #1a7f37; }
        .sentence + .sentence { margin-top: 4px; }
        .source, .where, .aka, .class { color: #666; font-size: 12px; }
        table.scores { width: auto; } table.scores td, table.scores th { text-align: right; white-space: nowrap; }

        """
        for name in classes {
            css += ".\(classToken(name)) { background: \(ClassPalette.colour(forClass: name)); }\n"
        }
        return css
    }

    static func plural(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }

    /// Three decimals, as `kg evaluate` prints them, from an integer (no locale, no float printing).
    static func decimal(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        let fraction = String(scaled % 1000)
        return "\(scaled / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// Text with marks that may nest but never cross, rendered as escaped HTML.
enum TextSpans {
    struct Span {
        let begin: Int
        let end: Int
        /// Among spans of the same range, the lower rank is the outer one.
        let rank: Int
        let open: String
        let close: String
    }

    /// The text with each span wrapped in its `open`/`close`. A span outside the text, empty,
    /// reversed or crossing an open span is left out and counted in `skipped`.
    static func render(_ text: String, spans: [Span]) -> (html: String, skipped: Int) {
        let scalars = Array(text.unicodeScalars)
        let ordered = spans.sorted { ($0.begin, -$0.end, $0.rank, $0.open) < ($1.begin, -$1.end, $1.rank, $1.open) }
        var html = ""
        var cursor = 0
        var open: [Span] = []
        var skipped = 0
        func emit(upTo position: Int) {
            if position > cursor {
                html += HTMLText.escape(String(String.UnicodeScalarView(scalars[cursor..<position])))
                cursor = position
            }
        }
        for span in ordered {
            guard span.begin >= 0, span.end <= scalars.count, span.begin < span.end else {
                skipped += 1
                continue
            }
            while let top = open.last, top.end <= span.begin {
                emit(upTo: top.end)
                html += top.close
                open.removeLast()
            }
            if let top = open.last, span.end > top.end {
                skipped += 1
                continue
            }
            emit(upTo: span.begin)
            html += span.open
            open.append(span)
        }
        while let top = open.popLast() {
            emit(upTo: top.end)
            html += top.close
        }
        emit(upTo: scalars.count)
        return (html, skipped)
    }
}
