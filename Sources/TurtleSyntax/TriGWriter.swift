import RDFModel

/// Writes a dataset as pretty, deterministic TriG: the used `@prefix` lines, the default graph's
/// subject blocks (as plain Turtle), then each named graph as `name { … }`, sorted by name
/// (IRIs, then blank nodes), with the same block layout as ``TurtleWriter`` indented by four spaces.
/// Blank node labels are shared across graphs, as TriG scopes them to the document.
public enum TriGWriter {
    /// The TriG text of `dataset`; the same dataset always gives the same bytes.
    public static func write(_ dataset: Dataset, prefixes: PrefixMap = .standard) -> String {
        let quads = dataset.sortedQuads
        var formatter = TurtleTermFormatter(prefixes: prefixes, blankNodes: TurtleWriter.blankNodes(in: quads))
        var sections: [String] = []
        var start = 0
        // Quads sort with the default graph first, then by graph name, so each graph is one run.
        while start < quads.count {
            let name = quads[start].graph
            var end = start
            while end < quads.count, quads[end].graph == name { end += 1 }
            let triples = quads[start..<end].map(\.triple)
            if let name {
                var section = ""
                formatter.append(name, to: &section)
                section += " {\n"
                section += TurtleWriter.subjectBlocks(triples, indent: "    ", formatter: &formatter)
                section += "}\n"
                sections.append(section)
            } else {
                sections.append(TurtleWriter.subjectBlocks(triples, indent: "", formatter: &formatter))
            }
            start = end
        }
        return TurtleWriter.assemble(header: formatter.header(), sections: sections)
    }
}
