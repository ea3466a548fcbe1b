import RDFModel

/// Writes graphs and datasets as JSON-LD 1.1 in compacted form: an `@context` of the prefix
/// table, then one node object per subject under `@graph` (named graphs as `{"@id": g,
/// "@graph": […]}`), IRIs as compact IRIs where a prefix fits, `rdf:type` as `@type`, every value
/// in an array and every literal as a value object (so a round trip keeps its exact lexical form
/// and datatype). Subjects, properties and values are sorted: the same data gives the same bytes.
public enum JSONLDWriter {
    public static func write(_ graph: Graph, prefixes: PrefixMap = .standard) -> String {
        write(quadsByGraph: [(nil, graph.sortedTriplesTypeFirst)], prefixes: prefixes)
    }

    public static func write(_ dataset: Dataset, prefixes: PrefixMap = .standard) -> String {
        var groups: [(Term?, [Triple])] = []
        for quad in dataset.sortedQuads {
            if let last = groups.last, last.0 == quad.graph {
                groups[groups.count - 1].1.append(quad.triple)
            } else {
                groups.append((quad.graph, [quad.triple]))
            }
        }
        return write(quadsByGraph: groups, prefixes: prefixes)
    }

    static func write(quadsByGraph groups: [(graph: Term?, triples: [Triple])], prefixes: PrefixMap) -> String {
        var out = "{\n  \"@context\": {"
        for (index, entry) in prefixes.entries.enumerated() {
            out += (index == 0 ? "\n" : ",\n") + "    " + quoted(entry.prefix) + ": " + quoted(entry.namespace)
        }
        out += "\n  },\n  \"@graph\": ["
        var firstTop = true
        func separator(_ indent: String, _ first: inout Bool) -> String {
            defer { first = false }
            return (first ? "\n" : ",\n") + indent
        }
        for group in groups {
            if let graph = group.graph {
                out += separator("    ", &firstTop) + "{\n      \"@id\": " + quoted(node(graph, prefixes)) + ",\n      \"@graph\": ["
                var firstInner = true
                for description in descriptions(group.triples) {
                    out += separator("        ", &firstInner) + nodeObject(description, indent: "        ", prefixes: prefixes)
                }
                out += "\n      ]\n    }"
            } else {
                for description in descriptions(group.triples) {
                    out += separator("    ", &firstTop) + nodeObject(description, indent: "    ", prefixes: prefixes)
                }
            }
        }
        out += "\n  ]\n}\n"
        return out
    }

    /// Triples sorted by subject (type first), split into one run per subject.
    static func descriptions(_ triples: [Triple]) -> [[Triple]] {
        var result: [[Triple]] = []
        for triple in triples {
            if let last = result.last?.last, last.subject == triple.subject {
                result[result.count - 1].append(triple)
            } else {
                result.append([triple])
            }
        }
        return result
    }

    static func nodeObject(_ triples: [Triple], indent: String, prefixes: PrefixMap) -> String {
        let inner = indent + "  "
        var lines = ["\"@id\": " + quoted(node(triples[0].subject, prefixes))]
        // Only IRIs go under `@type`; a literal or blank node stays a plain `rdf:type` value.
        let types = triples.filter { triple in
            guard case .iri = triple.object else { return false }
            return triple.predicate == Vocabulary.RDF.type
        }
        if !types.isEmpty {
            lines.append("\"@type\": [" + types.map { quoted(node($0.object, prefixes)) }.joined(separator: ", ") + "]")
        }
        var current: IRI?
        var values: [String] = []
        func flush() {
            guard let predicate = current else { return }
            lines.append(quoted(compact(predicate, prefixes)) + ": [" + values.joined(separator: ", ") + "]")
        }
        for triple in triples where !types.contains(triple) {
            if triple.predicate != current {
                flush()
                current = triple.predicate
                values = []
            }
            values.append(value(triple.object, prefixes))
        }
        flush()
        return "{\n" + lines.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + "}"
    }

    static func value(_ term: Term, _ prefixes: PrefixMap) -> String {
        switch term {
        case .iri, .blank:
            return "{\"@id\": " + quoted(node(term, prefixes)) + "}"
        case let .literal(literal):
            if let language = literal.language {
                return "{\"@value\": " + quoted(literal.lexicalForm) + ", \"@language\": " + quoted(language) + "}"
            }
            if literal.datatype == Vocabulary.XSD.string { return "{\"@value\": " + quoted(literal.lexicalForm) + "}" }
            return "{\"@value\": " + quoted(literal.lexicalForm) + ", \"@type\": " + quoted(compact(literal.datatype, prefixes)) + "}"
        }
    }

    static func node(_ term: Term, _ prefixes: PrefixMap) -> String {
        switch term {
        case let .iri(iri): compact(iri, prefixes)
        case let .blank(blank): "_:" + blank.id
        case let .literal(literal): literal.lexicalForm
        }
    }

    /// `prefix:local` where a namespace of the table starts the IRI and the rest cannot be read
    /// as anything else (not empty, not starting with `//`); else the whole IRI.
    static func compact(_ iri: IRI, _ prefixes: PrefixMap) -> String {
        guard let (prefix, local) = prefixes.split(iri), !local.isEmpty, !local.hasPrefix("//") else { return iri.value }
        return prefix + ":" + local
    }

    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
