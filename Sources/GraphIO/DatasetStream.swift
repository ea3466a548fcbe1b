import Foundation
import RDFModel
import RDFXMLSyntax
import TurtleSyntax

/// Writes a dataset whose named graphs come one at a time, so that a corpus of any size is
/// written without holding it: `graph.trig` and `graph.nq` (the dataset), and the provenance
/// graph in Turtle and RDF/XML (`provenance.ttl`, `provenance.rdf`: the union of each named
/// graph's provenance part, plus a part the named graphs share).
///
/// Each named graph is serialized on its own by ``fragments(graph:statements:provenance:formats:prefixes:)``
/// (a pure function, so many can be made at once on several threads) and appended in the order
/// of the graph names. The bytes are those of the whole-dataset writers (``InternedTurtleWriter``,
/// ``InternedRDFXMLWriter``) for the same data, with two rules that make this possible:
/// - no subject of one graph's provenance part is a subject of another's (what they share goes in
///   the shared part), and every subject of a graph's provenance part sorts after the shared
///   part's subjects and, across graphs, in the order of the graph names;
/// - `graph.nq` is written graph by graph: the default graph's lines sorted, then each named
///   graph's lines sorted, in the order of the graph names.
///
/// Bodies go to hidden files in the staging folder; ``finish(defaultGraph:sharedProvenance:)``
/// writes each file's header (the prefixes or namespaces actually used) and its body.
public final class DatasetStream {
    /// The syntaxes a stream writes.
    public struct Formats: Sendable, Equatable {
        public var trig = false
        public var nquads = false
        public var provenanceTurtle = false
        public var provenanceRDFXML = false

        public init(trig: Bool = false, nquads: Bool = false, provenanceTurtle: Bool = false, provenanceRDFXML: Bool = false) {
            self.trig = trig
            self.nquads = nquads
            self.provenanceTurtle = provenanceTurtle
            self.provenanceRDFXML = provenanceRDFXML
        }

        public var isEmpty: Bool { !trig && !nquads && !provenanceTurtle && !provenanceRDFXML }
    }

    /// One named graph, serialized in every chosen syntax without the files' headers.
    public struct Fragments: Sendable {
        /// The graph's name (the order fragments must be appended in).
        public let graphName: IRI
        /// Its N-Quads lines, sorted; always made, since the statement key is taken from them.
        public let nquads: [UInt8]
        /// `<name> {` … `}` of TriG, and the Turtle prefixes it uses.
        var trig: [UInt8] = []
        var trigPrefixes: Set<String> = []
        /// The subject blocks of its provenance part in Turtle, and the prefixes they use.
        var turtle: [UInt8] = []
        var turtlePrefixes: Set<String> = []
        /// The `rdf:Description`s of its provenance part, and the namespace declarations they need
        /// (prefix → the declaration's attribute text).
        var rdfxml: [UInt8] = []
        var xmlDeclarations: [String: String] = [:]
    }

    private let set: OutputSet
    private let formats: Formats
    private let prefixes: PrefixMap
    private var trigBody: StagedFile?
    private var turtleBody: StagedFile?
    private var rdfxmlBody: StagedFile?
    private var nquadsFile: StagedFile?
    private var trigPrefixes: Set<String> = []
    private var turtlePrefixes: Set<String> = []
    private var xmlDeclarations: [String: String] = [:]
    private var lastGraph: IRI?
    private var finished = false

    /// Opens the files of `formats` in the set's staging folder. The default graph's N-Quads lines
    /// go first, so `defaultGraph` is needed now; it is written again in TriG by `finish`.
    public init(set: OutputSet, formats: Formats, prefixes: PrefixMap, defaultGraph: Graph) throws(GraphIOError) {
        self.set = set
        self.formats = formats
        self.prefixes = prefixes
        if formats.trig { trigBody = try StagedFile(set: set, name: ".graph.trig.body") }
        if formats.provenanceTurtle { turtleBody = try StagedFile(set: set, name: ".provenance.ttl.body") }
        if formats.provenanceRDFXML { rdfxmlBody = try StagedFile(set: set, name: ".provenance.rdf.body") }
        if formats.nquads {
            let file = try StagedFile(set: set, name: "graph.nq")
            try file.append(NTriplesFormatter.documentBytes(defaultGraph.triples.lazy.map { Quad($0) }))
            nquadsFile = file
        }
    }

    deinit {
        for file in [trigBody, turtleBody, rdfxmlBody, nquadsFile] { file?.discard() }
    }

    /// Serializes one named graph holding `statements` (repeats allowed). Its provenance part,
    /// written to the provenance files, is the statements whose subject is inside the graph's
    /// name (`<name>#…`: the document's strings and statement records).
    public static func fragments(graph name: IRI, statements: [Triple], formats: Formats,
                                 prefixes: PrefixMap) throws(GraphIOError) -> Fragments {
        var named = InternedDataset()
        let graphTerm = Term.iri(name)
        for triple in statements { named.insert(Quad(triple, graph: graphTerm)) }
        var result = Fragments(graphName: name, nquads: named.nquadsBytes())
        if formats.trig {
            (result.trig, result.trigPrefixes) = splitTurtleHeader(InternedTurtleWriter.trig(named, prefixes: prefixes))
        }
        guard formats.provenanceTurtle || formats.provenanceRDFXML else { return result }
        // The same terms, the statements about the graph's own nodes, in the default graph.
        let inside = Array("<\(name.value)#".utf8)
        var ownSubject = [Bool?](repeating: nil, count: named.terms.count)
        var own: [InternedStatement] = []
        for statement in named.statements {
            let subject = Int(statement.subject)
            let isOwn = ownSubject[subject] ?? named.terms.withBytes(of: statement.subject) { $0.starts(with: inside) }
            ownSubject[subject] = isOwn
            if isOwn { own.append(InternedStatement(statement.subject, statement.predicate, statement.object)) }
        }
        guard !own.isEmpty else { return result }
        let part = InternedDataset(terms: named.terms, statements: own)
        if formats.provenanceTurtle {
            (result.turtle, result.turtlePrefixes) = splitTurtleHeader(InternedTurtleWriter.turtle(part, prefixes: prefixes))
        }
        if formats.provenanceRDFXML {
            do {
                (result.rdfxml, result.xmlDeclarations) = try splitRDFXML(InternedRDFXMLWriter.write(part, prefixes: prefixes))
            } catch {
                throw .cannotWrite(format: .rdfxml, reason: error.message)
            }
        }
        return result
    }

    /// Appends one named graph's fragments; graphs must come in the order of their names.
    public func append(_ fragments: Fragments) throws(GraphIOError) {
        if let lastGraph, !(lastGraph < fragments.graphName) {
            throw .cannotWrite(format: .trig, reason: "named graph \(fragments.graphName) came after \(lastGraph); they must come in order")
        }
        lastGraph = fragments.graphName
        try nquadsFile?.append(fragments.nquads)
        if let trigBody {
            // Sections (the default graph, then each named graph) are separated by a blank line;
            // the default graph's section is put before the first in `finish`.
            try trigBody.append([0x0A])
            try trigBody.append(fragments.trig)
            trigPrefixes.formUnion(fragments.trigPrefixes)
        }
        if let turtleBody, !fragments.turtle.isEmpty {
            // Subject blocks are separated by a blank line; the shared part's blocks come first.
            try turtleBody.append([0x0A])
            try turtleBody.append(fragments.turtle)
            turtlePrefixes.formUnion(fragments.turtlePrefixes)
        }
        if let rdfxmlBody, !fragments.rdfxml.isEmpty {
            try rdfxmlBody.append(fragments.rdfxml)
            xmlDeclarations.merge(fragments.xmlDeclarations) { first, _ in first }
        }
    }

    /// Writes every file's header, the default graph (TriG) and the shared provenance part, then
    /// the bodies, and closes the files (they are in the set, to be committed with it).
    public func finish(defaultGraph: Graph, sharedProvenance: Graph) throws(GraphIOError) {
        precondition(!finished, "a dataset stream is finished once")
        finished = true
        if let nquadsFile {
            try nquadsFile.close()
            set.markWritten("graph.nq")
            self.nquadsFile = nil
        }
        if let trigBody {
            var defaults = InternedDataset()
            for triple in defaultGraph { defaults.insert(Quad(triple)) }
            let (section, used) = Self.splitTurtleHeader(InternedTurtleWriter.trig(defaults, prefixes: prefixes))
            let header = turtleHeader(trigPrefixes.union(used))
            // The body starts with a separator before each named graph; without a default graph
            // section the first one goes.
            try trigBody.assemble(into: "graph.trig", head: header + (header.isEmpty || (section.isEmpty && trigBody.isEmpty) ? [] : [0x0A]) + section,
                                  skippingFirstBodyBytes: section.isEmpty ? 1 : 0, tail: [])
            set.markWritten("graph.trig")
            self.trigBody = nil
        }
        var shared = InternedDataset()
        if formats.provenanceTurtle || formats.provenanceRDFXML {
            for triple in sharedProvenance { shared.insert(Quad(triple)) }
        }
        if let turtleBody {
            let (section, used) = sharedProvenance.isEmpty ? ([], []) : Self.splitTurtleHeader(InternedTurtleWriter.turtle(shared, prefixes: prefixes))
            let header = turtleHeader(turtlePrefixes.union(used))
            let hasBody = !section.isEmpty || !turtleBody.isEmpty
            try turtleBody.assemble(into: "provenance.ttl", head: header + (header.isEmpty || !hasBody ? [] : [0x0A]) + section,
                                    skippingFirstBodyBytes: section.isEmpty ? 1 : 0, tail: [])
            set.markWritten("provenance.ttl")
            self.turtleBody = nil
        }
        if let rdfxmlBody {
            var section: [UInt8] = []
            var declarations = xmlDeclarations
            if !sharedProvenance.isEmpty {
                do {
                    let (bytes, used) = try Self.splitRDFXML(InternedRDFXMLWriter.write(shared, prefixes: prefixes))
                    section = bytes
                    declarations.merge(used) { first, _ in first }
                } catch {
                    throw .cannotWrite(format: .rdfxml, reason: error.message)
                }
            }
            if section.isEmpty, rdfxmlBody.isEmpty {
                // An empty graph has its own shape; the whole-graph writer makes it.
                try rdfxmlBody.assemble(into: "provenance.rdf", head: GraphWriter.serialize(Graph(), as: .rdfxml, prefixes: prefixes),
                                        skippingFirstBodyBytes: 0, tail: [])
            } else {
                var head = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF".utf8)
                for prefix in declarationOrder(declarations.keys) { head += Array(declarations[prefix, default: ""].utf8) }
                head.append(UInt8(ascii: ">"))
                try rdfxmlBody.assemble(into: "provenance.rdf", head: head + section, skippingFirstBodyBytes: 0,
                                        tail: Array("\n</rdf:RDF>\n".utf8))
            }
            set.markWritten("provenance.rdf")
            self.rdfxmlBody = nil
        }
    }

    // MARK: Headers

    /// `@prefix` lines of the table's entries whose names are in `used`, in the table's order (as
    /// the whole-graph writer declares them).
    private func turtleHeader(_ used: Set<String>) -> [UInt8] {
        var header = ""
        for entry in prefixes.entries where used.contains(entry.prefix) {
            header += "@prefix \(entry.prefix): "
            NTriplesFormatter.appendIRI(IRI(entry.namespace), to: &header)
            header += " .\n"
        }
        return Array(header.utf8)
    }

    /// Namespace prefixes in the RDF/XML writer's order: the table's, then generated ones by name.
    private func declarationOrder(_ names: Dictionary<String, String>.Keys) -> [String] {
        var position: [String: Int] = [:]
        for (index, entry) in prefixes.entries.enumerated() where position[entry.prefix] == nil { position[entry.prefix] = index }
        return names.sorted { (position[$0] ?? Int.max, $0) < (position[$1] ?? Int.max, $1) }
    }

    /// A Turtle or TriG document split into its body and the names of the prefixes it declares.
    static func splitTurtleHeader(_ document: [UInt8]) -> (body: [UInt8], prefixes: Set<String>) {
        let directive = Array("@prefix ".utf8)
        guard document.starts(with: directive) else { return (document, []) }
        var names: Set<String> = []
        var index = 0
        // Each header line is `@prefix name: <namespace> .`; a blank line ends the header.
        while index < document.count, document[index...].starts(with: directive) {
            let nameStart = index + directive.count
            var colon = nameStart
            while colon < document.count, document[colon] != UInt8(ascii: ":") { colon += 1 }
            names.insert(String(decoding: document[nameStart..<colon], as: UTF8.self))
            while index < document.count, document[index] != 0x0A { index += 1 }
            index += 1
        }
        if index < document.count, document[index] == 0x0A { index += 1 }
        return (Array(document[index...]), names)
    }

    /// An RDF/XML document split into its descriptions (the bytes between the root element's tags)
    /// and its namespace declarations (prefix → ` xmlns:prefix="…"`).
    static func splitRDFXML(_ document: [UInt8]) -> (body: [UInt8], declarations: [String: String]) {
        let root = Array("<rdf:RDF".utf8), end = Array("\n</rdf:RDF>\n".utf8)
        guard let rootStart = firstIndex(of: root, in: document), document.count >= end.count,
              Array(document.suffix(end.count)) == end else { return ([], [:]) }
        var close = rootStart + root.count
        // Attribute values escape `>`, so the first `>` ends the start tag.
        while close < document.count, document[close] != UInt8(ascii: ">") { close += 1 }
        let attributes = String(decoding: document[(rootStart + root.count)..<close], as: UTF8.self)
        var declarations: [String: String] = [:]
        for piece in attributes.components(separatedBy: " xmlns:").dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            declarations[String(piece[..<equals])] = " xmlns:" + piece
        }
        let bodyEnd = document.count - end.count
        return (close + 1 <= bodyEnd ? Array(document[(close + 1)..<bodyEnd]) : [], declarations)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}

