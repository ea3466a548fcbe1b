import Foundation

/// A statement as four term ids: 16 bytes, no references. `graph` is ``InternedStatement/defaultGraph``
/// for the default graph.
public struct InternedStatement: Hashable, Sendable {
    public var subject: TermID
    public var predicate: TermID
    public var object: TermID
    public var graph: TermID

    /// The `graph` of a statement in the default graph.
    public static let defaultGraph = TermID.max

    public init(_ subject: TermID, _ predicate: TermID, _ object: TermID, graph: TermID = InternedStatement.defaultGraph) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }

    public var isInDefaultGraph: Bool { graph == Self.defaultGraph }
}

/// The statements of one run over one ``TermTable``: what a whole-file conversion, diff or
/// canonicalization reads into. Insertion appends (duplicates included); the sorted views drop
/// duplicates, so a reader never hashes a statement.
public struct InternedDataset: Sendable {
    public internal(set) var terms = TermTable()
    public private(set) var statements: [InternedStatement] = []

    public init() {}

    /// Statements over an existing table (every id must be one of `terms`').
    public init(terms: TermTable, statements: [InternedStatement]) {
        self.terms = terms
        self.statements = statements
    }

    /// A dataset holding `dataset`'s quads.
    public init(_ dataset: Dataset) {
        statements.reserveCapacity(dataset.count)
        for quad in dataset.quads { insert(quad) }
    }

    /// Makes room for the statements and terms of a document of `documentBytes` bytes, estimated
    /// generously from its size (reserved memory that is never used is never touched); a reader
    /// calls this before reading a whole file.
    public mutating func reserveCapacity(documentBytes: Int) {
        // About 50 bytes per statement in Turtle, 100 in N-Triples; the terms' N-Triples bytes
        // are at most about the document's, and distinct terms about one per statement.
        let statementCount = documentBytes / 48
        statements.reserveCapacity(statements.count + statementCount)
        // The index is touched as a whole, so it is made for the smaller estimate of N-Triples.
        terms.reserveCapacity(terms: terms.count + documentBytes / 128, bytes: terms.byteCount + documentBytes)
    }

    /// Appends a statement of already interned terms.
    public mutating func append(_ statement: InternedStatement) { statements.append(statement) }

    /// Appends `other`'s statements, interning its terms into this table in `other`'s id order:
    /// the terms get the ids, and the statements the order, that reading `other`'s source right
    /// after this one's would have given them.
    public mutating func append(contentsOf other: InternedDataset) {
        var remap = [TermID](repeating: 0, count: other.terms.count)
        other.terms.withStorage { bytes, starts in
            for id in remap.indices {
                remap[id] = terms.intern(ntriples: UnsafeBufferPointer(rebasing: bytes[starts[id]..<starts[id + 1]]))
            }
        }
        statements.reserveCapacity(statements.count + other.statements.count)
        for statement in other.statements {
            statements.append(InternedStatement(remap[Int(statement.subject)], remap[Int(statement.predicate)], remap[Int(statement.object)],
                                                graph: statement.isInDefaultGraph ? InternedStatement.defaultGraph : remap[Int(statement.graph)]))
        }
    }

    /// The last subject interned by `insert`, and recent predicates by the length of their IRI:
    /// readers hand over runs of statements about one subject with a few predicates, so most
    /// subjects and predicates are found here by one string comparison instead of being formatted
    /// and hashed.
    private var lastSubject: (term: Term, id: TermID)?
    private var recentPredicates = [(iri: IRI, id: TermID)?](repeating: nil, count: 32)

    /// Interns a term into `terms` (see ``TermTable/intern(_:)``).
    public mutating func intern(_ term: Term) -> TermID { terms.intern(term) }

    /// Interns canonical N-Triples term bytes into `terms` (see ``TermTable/intern(ntriples:)``).
    public mutating func intern(ntriples bytes: UnsafeBufferPointer<UInt8>) -> TermID { terms.intern(ntriples: bytes) }

    /// Interns the quad's terms and appends it.
    public mutating func insert(_ quad: Quad) {
        insert(subject: quad.subject, predicate: quad.predicate, object: terms.intern(quad.object), graph: quad.graph)
    }

    /// Interns the subject, predicate and graph name and appends the statement with an object
    /// already interned in `terms`.
    public mutating func insert(subject: Term, predicate: IRI, object: TermID, graph: Term?) {
        let subjectID: TermID
        if let last = lastSubject, last.term == subject {
            subjectID = last.id
        } else {
            subjectID = terms.intern(subject)
            lastSubject = (subject, subjectID)
        }
        let predicateID: TermID
        let slot = predicate.value.utf8.count & 31
        if let recent = recentPredicates[slot], recent.iri == predicate {
            predicateID = recent.id
        } else {
            predicateID = terms.intern(.iri(predicate))
            recentPredicates[slot] = (predicate, predicateID)
        }
        let graphID = graph.map { terms.intern($0) } ?? InternedStatement.defaultGraph
        statements.append(InternedStatement(subjectID, predicateID, object, graph: graphID))
    }

    /// Whether the statement mentions a blank node.
    @inline(__always)
    public func hasBlankNode(_ statement: InternedStatement) -> Bool {
        terms.kind(of: statement.subject) == .blank || terms.kind(of: statement.object) == .blank
            || (!statement.isInDefaultGraph && terms.kind(of: statement.graph) == .blank)
    }

    /// The statement as a `Quad` value.
    public func quad(_ statement: InternedStatement) -> Quad {
        Quad(terms.term(statement.subject), terms.term(statement.predicate).iri ?? IRI(terms.ntriples(statement.predicate)),
             terms.term(statement.object), graph: statement.isInDefaultGraph ? nil : terms.term(statement.graph))
    }

    /// The statement's N-Quads line, without the newline.
    public func line(_ statement: InternedStatement) -> String {
        var out = terms.ntriples(statement.subject) + " " + terms.ntriples(statement.predicate) + " " + terms.ntriples(statement.object)
        if !statement.isInDefaultGraph { out += " " + terms.ntriples(statement.graph) }
        return out + " ."
    }

    /// Whether any statement is in a named graph.
    public var hasNamedGraphs: Bool { statements.contains { !$0.isInDefaultGraph } }

    /// The distinct statements sorted by `order`.
    ///
    /// With `.ntriplesBytes` this is the byte order of their N-Quads lines: subject, predicate,
    /// object, then graph (the default graph first). With `.canonical` it is the order of `Quad.<`:
    /// graph (the default graph first), subject, predicate, object; with `typeFirst`, each subject's
    /// `rdf:type` statements come before its others (the layout of Turtle, TriG and RDF/XML
    /// descriptions, as `Graph.sortedTriplesTypeFirst`).
    public func sorted(_ order: TermOrder, typeFirst: Bool = false) -> [InternedStatement] {
        sorted(order, ranks: terms.ranks(order), typeFirst: typeFirst)
    }

    /// As ``sorted(_:typeFirst:)`` with `ranks` already computed by `terms.ranks(order)`.
    public func sorted(_ order: TermOrder, ranks: [UInt32], typeFirst: Bool = false) -> [InternedStatement] {
        guard !statements.isEmpty else { return [] }
        let rdfType = typeFirst ? terms.id(of: .iri(Vocabulary.RDF.type)) : nil
        let byLine = order == .ntriplesBytes
        // Two 64-bit keys per statement, compared as integers. Ranks are below 2^31, so the
        // later-than-type bit fits above the predicate's rank.
        var keys: [(UInt64, UInt64)] = []
        keys.reserveCapacity(statements.count)
        var idOfRank = [TermID](repeating: 0, count: ranks.count)
        for (id, rank) in ranks.enumerated() { idOfRank[Int(rank)] = TermID(id) }
        ranks.withUnsafeBufferPointer { ranks in
            for statement in statements {
                let graph: UInt64 = statement.isInDefaultGraph ? 0 : UInt64(ranks[Int(statement.graph)]) + 1
                let subject = UInt64(ranks[Int(statement.subject)]), predicate = UInt64(ranks[Int(statement.predicate)])
                let object = UInt64(ranks[Int(statement.object)])
                if byLine {
                    keys.append((subject << 32 | predicate, object << 32 | graph))
                } else {
                    let later: UInt64 = rdfType != nil && statement.predicate != rdfType ? 1 << 63 : 0
                    keys.append((graph << 32 | subject, later | predicate << 32 | object))
                }
            }
        }
        keys.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var out: [InternedStatement] = []
        out.reserveCapacity(keys.count)
        var previous: (UInt64, UInt64)?
        for key in keys {
            if let previous, previous == key { continue }
            previous = key
            let graphRank: UInt64, subject: UInt64, predicate: UInt64, object: UInt64
            if byLine {
                (subject, predicate, object, graphRank) = (key.0 >> 32, key.0 & 0xFFFF_FFFF, key.1 >> 32, key.1 & 0xFFFF_FFFF)
            } else {
                (graphRank, subject, predicate, object) = (key.0 >> 32, key.0 & 0xFFFF_FFFF, (key.1 >> 32) & 0x7FFF_FFFF, key.1 & 0xFFFF_FFFF)
            }
            out.append(InternedStatement(idOfRank[Int(subject)], idOfRank[Int(predicate)], idOfRank[Int(object)],
                                         graph: graphRank == 0 ? InternedStatement.defaultGraph : idOfRank[Int(graphRank - 1)]))
        }
        return out
    }

    /// The sorted, distinct N-Quads document (N-Triples when every statement is in the default
    /// graph): byte for byte what `NTriplesFormatter.documentBytes` gives for the same quads.
    public func nquadsBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(terms.byteCount + statements.count * 8)
        nquads { out.append(contentsOf: $0) }
        return out
    }

    /// ``nquadsBytes()`` handed to `chunk` in consecutive pieces of at most `chunkSize` bytes
    /// (a term longer than that alone comes as its own piece), so a writer never holds the whole
    /// document.
    public func nquads(chunkSize: Int = 1 << 20, _ chunk: (UnsafeBufferPointer<UInt8>) -> Void) {
        let sorted = sorted(.ntriplesBytes)
        let size = max(chunkSize, 8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buffer.deallocate() }
        var used = 0
        func flush() {
            if used > 0 { chunk(UnsafeBufferPointer(start: buffer, count: used)) }
            used = 0
        }
        terms.withStorage { bytes, starts in
            guard let base = bytes.baseAddress else { return }
            func append(_ id: TermID) {
                let start = starts[Int(id)], length = starts[Int(id) + 1] - start
                if used + length > size {
                    flush()
                    if length > size {
                        chunk(UnsafeBufferPointer(start: base + start, count: length))
                        return
                    }
                }
                (buffer + used).update(from: base + start, count: length)
                used += length
            }
            /// Appends a space (or ` .` and a line feed when `end`), flushing first when they do not fit.
            func separator(end: Bool) {
                if used + 3 > size { flush() }
                buffer[used] = 0x20
                if end {
                    buffer[used + 1] = UInt8(ascii: ".")
                    buffer[used + 2] = 0x0A
                    used += 3
                } else {
                    used += 1
                }
            }
            for statement in sorted {
                append(statement.subject)
                separator(end: false)
                append(statement.predicate)
                separator(end: false)
                append(statement.object)
                if !statement.isInDefaultGraph {
                    separator(end: false)
                    append(statement.graph)
                }
                separator(end: true)
            }
        }
        flush()
    }

    /// The statements as a `Dataset` of values (for code that works on `Quad`s).
    public func dataset() -> Dataset {
        let values = terms.terms()
        var dataset = Dataset()
        for statement in statements {
            guard let predicate = values[Int(statement.predicate)].iri else { continue }
            dataset.insert(Quad(values[Int(statement.subject)], predicate, values[Int(statement.object)],
                                graph: statement.isInDefaultGraph ? nil : values[Int(statement.graph)]))
        }
        return dataset
    }

    /// The statements as `Quad` values in their stored order (duplicates included).
    public func quads() -> [Quad] {
        let values = terms.terms()
        return statements.compactMap { statement in
            guard let predicate = values[Int(statement.predicate)].iri else { return nil }
            return Quad(values[Int(statement.subject)], predicate, values[Int(statement.object)],
                        graph: statement.isInDefaultGraph ? nil : values[Int(statement.graph)])
        }
    }
}
