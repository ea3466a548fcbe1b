import RDFModel

/// Writes a graph as pretty, deterministic Turtle.
///
/// The layout: the `@prefix` lines actually used (in the table's order), a blank line, then one
/// block per subject (IRIs, then blank nodes, each sorted), `a` first, then predicates sorted,
/// objects sorted, joined with `;` and `,`. Blank nodes are always written as `_:label`.
/// The output ends with a newline (an empty graph gives an empty string).
public enum TurtleWriter {
    /// The Turtle text of `graph`; the same graph always gives the same bytes.
    /// `prefixes` is the table prefixed names are taken from (only the used entries are declared).
    public static func write(_ graph: Graph, prefixes: PrefixMap = .standard) -> String {
        let triples = graph.sortedTriples
        var formatter = TurtleTermFormatter(prefixes: prefixes, blankNodes: blankNodes(in: triples.lazy.map { Quad($0) }))
        let body = subjectBlocks(triples, indent: "", formatter: &formatter)
        return assemble(header: formatter.header(), sections: body.isEmpty ? [] : [body])
    }

    /// The subject blocks of already sorted triples, separated by blank lines.
    static func subjectBlocks(_ triples: [Triple], indent: String, formatter: inout TurtleTermFormatter) -> String {
        var out = ""
        var start = 0
        while start < triples.count {
            var end = start
            while end < triples.count, triples[end].subject == triples[start].subject { end += 1 }
            if !out.isEmpty { out += "\n" }
            subjectBlock(triples[start..<end], indent: indent, formatter: &formatter, to: &out)
            start = end
        }
        return out
    }

    private static func subjectBlock(_ triples: ArraySlice<Triple>, indent: String,
                                     formatter: inout TurtleTermFormatter, to out: inout String) {
        guard let subject = triples.first?.subject else { return }
        // `a` first, then the other predicates in IRI order (the input is already sorted that way).
        let ordered = triples.filter { $0.predicate == Vocabulary.RDF.type } + triples.filter { $0.predicate != Vocabulary.RDF.type }
        out += indent
        formatter.append(subject, to: &out)
        var index = 0
        var firstPredicate = true
        while index < ordered.count {
            let predicate = ordered[index].predicate
            out += firstPredicate ? " " : " ;\n" + indent + "    "
            firstPredicate = false
            if predicate == Vocabulary.RDF.type {
                out += "a"
            } else {
                formatter.appendIRI(predicate, to: &out)
            }
            var firstObject = true
            while index < ordered.count, ordered[index].predicate == predicate {
                out += firstObject ? " " : ", "
                firstObject = false
                formatter.append(ordered[index].object, to: &out)
                index += 1
            }
        }
        out += " .\n"
    }

    static func blankNodes(in quads: some Sequence<Quad>) -> Set<BlankNode> {
        var nodes: Set<BlankNode> = []
        for quad in quads {
            for term in [quad.subject, quad.object, quad.graph] {
                if let node = term?.blankNode { nodes.insert(node) }
            }
        }
        return nodes
    }

    static func assemble(header: String, sections: [String]) -> String {
        var parts: [String] = []
        if !header.isEmpty { parts.append(header) }
        parts.append(contentsOf: sections)
        return parts.joined(separator: "\n")
    }
}
