import Foundation

/// Code point order of two strings: their UTF-8 bytes compared with `memcmp` (the generic
/// `lexicographicallyPrecedes` on UTF-8 views made sorting a million statements take seconds).
@inline(__always)
func codePointPrecedes(_ lhs: String, _ rhs: String) -> Bool {
    let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
        rhs.utf8.withContiguousStorageIfAvailable { right -> Bool in
            let common = min(left.count, right.count)
            if common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
                let order = memcmp(leftBase, rightBase, common)
                if order != 0 { return order < 0 }
            }
            return left.count < right.count
        }
    }
    if let fast, let result = fast { return result }
    return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// An absolute IRI, kept as its Unicode string form.
public struct IRI: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The IRI string, without angle brackets.
    public let value: String

    /// Wraps an IRI string; no validation happens here (readers validate what they read).
    public init(_ value: String) { self.value = value }

    public static func < (lhs: IRI, rhs: IRI) -> Bool { codePointPrecedes(lhs.value, rhs.value) }
    public var description: String { "<\(value)>" }
}

/// A blank node, identified by a label that is unique within one graph or dataset.
public struct BlankNode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The label without the `_:` prefix.
    public let id: String

    public init(_ id: String) { self.id = id }

    public static func < (lhs: BlankNode, rhs: BlankNode) -> Bool { codePointPrecedes(lhs.id, rhs.id) }
    public var description: String { "_:\(id)" }
}

/// An RDF literal: a lexical form with a datatype, or with a language tag (datatype `rdf:langString`).
public struct Literal: Hashable, Comparable, Sendable {
    public let lexicalForm: String
    public let datatype: IRI
    /// Lower-cased BCP 47 tag, or nil.
    public let language: String?

    /// A plain `xsd:string` literal.
    public init(_ lexicalForm: String) {
        self.lexicalForm = lexicalForm
        self.datatype = Vocabulary.XSD.string
        self.language = nil
    }

    /// A typed literal.
    public init(_ lexicalForm: String, datatype: IRI) {
        self.lexicalForm = lexicalForm
        self.datatype = datatype
        self.language = nil
    }

    /// A language-tagged string; the tag is stored lower-cased, as RDF compares tags case-insensitively.
    public init(_ lexicalForm: String, language: String) {
        self.lexicalForm = lexicalForm
        self.datatype = Vocabulary.RDF.langString
        self.language = language.lowercased()
    }

    public static func < (lhs: Literal, rhs: Literal) -> Bool {
        if lhs.lexicalForm != rhs.lexicalForm { return codePointPrecedes(lhs.lexicalForm, rhs.lexicalForm) }
        if lhs.datatype != rhs.datatype { return lhs.datatype < rhs.datatype }
        return codePointPrecedes(lhs.language ?? "", rhs.language ?? "")
    }
}

/// Any RDF term. The order is the canonical one used by every writer: IRIs, then blank nodes, then literals.
public enum Term: Hashable, Comparable, Sendable, CustomStringConvertible {
    case iri(IRI)
    case blank(BlankNode)
    case literal(Literal)

    private var rank: Int {
        switch self {
        case .iri: 0
        case .blank: 1
        case .literal: 2
        }
    }

    public static func < (lhs: Term, rhs: Term) -> Bool {
        switch (lhs, rhs) {
        case let (.iri(a), .iri(b)): a < b
        case let (.blank(a), .blank(b)): a < b
        case let (.literal(a), .literal(b)): a < b
        default: lhs.rank < rhs.rank
        }
    }

    public var iri: IRI? { if case let .iri(value) = self { value } else { nil } }
    public var blankNode: BlankNode? { if case let .blank(value) = self { value } else { nil } }
    public var literal: Literal? { if case let .literal(value) = self { value } else { nil } }
    public var isBlank: Bool { blankNode != nil }

    /// The N-Triples form of the term.
    public var description: String { NTriplesFormatter.format(self) }
}

/// A triple in the default graph.
public struct Triple: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let subject: Term
    public let predicate: IRI
    public let object: Term

    public init(_ subject: Term, _ predicate: IRI, _ object: Term) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }

    public static func < (lhs: Triple, rhs: Triple) -> Bool {
        if lhs.subject != rhs.subject { return lhs.subject < rhs.subject }
        if lhs.predicate != rhs.predicate { return lhs.predicate < rhs.predicate }
        return lhs.object < rhs.object
    }

    /// The N-Triples line, without the newline.
    public var description: String { NTriplesFormatter.line(self) }
}

/// A triple with its graph name; `graph == nil` is the default graph.
public struct Quad: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let subject: Term
    public let predicate: IRI
    public let object: Term
    public let graph: Term?

    public init(_ subject: Term, _ predicate: IRI, _ object: Term, graph: Term? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }

    public init(_ triple: Triple, graph: Term? = nil) {
        self.init(triple.subject, triple.predicate, triple.object, graph: graph)
    }

    public var triple: Triple { Triple(subject, predicate, object) }

    /// Default graph first, then by graph name, then subject, predicate, object.
    public static func < (lhs: Quad, rhs: Quad) -> Bool {
        if lhs.graph != rhs.graph {
            guard let left = lhs.graph else { return true }
            guard let right = rhs.graph else { return false }
            return left < right
        }
        // Field by field rather than `lhs.triple < rhs.triple`, which would copy both triples.
        if lhs.subject != rhs.subject { return lhs.subject < rhs.subject }
        if lhs.predicate != rhs.predicate { return lhs.predicate < rhs.predicate }
        return lhs.object < rhs.object
    }

    /// The N-Quads line, without the newline.
    public var description: String { NTriplesFormatter.line(self) }
}
