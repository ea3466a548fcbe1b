import RDFModel

extension Canonicalizer {
    /// `statements` with their blank nodes relabelled: the statements without blank nodes as they
    /// are, the others canonicalized as `Quad`s (usually a small part of a large dataset) and
    /// interned back into `terms` with their new labels. Duplicates may remain.
    func relabel(_ statements: some Collection<InternedStatement>, terms: inout TermTable,
                 labelling: BlankNodeLabelling) throws(CanonicalizationError) -> [InternedStatement] {
        var out: [InternedStatement] = []
        out.reserveCapacity(statements.count)
        var withBlanks: [InternedStatement] = []
        let view = InternedDataset(terms: terms, statements: [])
        for statement in statements {
            if view.hasBlankNode(statement) { withBlanks.append(statement) } else { out.append(statement) }
        }
        guard !withBlanks.isEmpty else { return out }
        let canonical = try canonicalize(withBlanks.map { view.quad($0) }, labelling: labelling)
        for quad in canonical.quads {
            out.append(InternedStatement(terms.intern(quad.subject), terms.intern(.iri(quad.predicate)), terms.intern(quad.object),
                                         graph: quad.graph.map { terms.intern($0) } ?? InternedStatement.defaultGraph))
        }
        return out
    }

    /// The canonical N-Quads document of an interned dataset (every line followed by LF): the same
    /// bytes as `canonicalize(dataset.dataset()).nquads`, with only the statements that mention
    /// blank nodes going through the `Quad` algorithm.
    public func canonicalNQuads(_ dataset: InternedDataset) throws(CanonicalizationError) -> [UInt8] {
        var terms = dataset.terms
        let statements = try relabel(dataset.statements, terms: &terms, labelling: .canonical)
        return InternedDataset(terms: terms, statements: statements).nquadsBytes()
    }
}

extension GraphDifference {
    /// The difference between two sides read into one interned dataset (one term table):
    /// `both.statements[..<oldCount]` is the old side, the rest the new. Each side's blank nodes
    /// get the content-derived diff labels (`.stable`); the rest is an integer set difference.
    public init(_ both: InternedDataset, oldCount: Int, canonicalizer: Canonicalizer = Canonicalizer()) throws(CanonicalizationError) {
        var terms = both.terms
        let old = try canonicalizer.relabel(both.statements[..<oldCount], terms: &terms, labelling: .stable)
        let new = try canonicalizer.relabel(both.statements[oldCount...], terms: &terms, labelling: .stable)
        let ranks = terms.ranks(.ntriplesBytes)
        let oldSorted = InternedDataset(terms: terms, statements: old).sorted(.ntriplesBytes, ranks: ranks)
        let newSorted = InternedDataset(terms: terms, statements: new).sorted(.ntriplesBytes, ranks: ranks)
        // Both are in line order, so one merge pass finds what only one side has.
        func key(_ statement: InternedStatement) -> (UInt32, UInt32, UInt32, UInt32) {
            (ranks[Int(statement.subject)], ranks[Int(statement.predicate)], ranks[Int(statement.object)],
             statement.isInDefaultGraph ? 0 : ranks[Int(statement.graph)] + 1)
        }
        var removedStatements: [InternedStatement] = [], addedStatements: [InternedStatement] = []
        var left = 0, right = 0
        while left < oldSorted.count, right < newSorted.count {
            let a = key(oldSorted[left]), b = key(newSorted[right])
            if a == b {
                left += 1
                right += 1
            } else if a < b {
                removedStatements.append(oldSorted[left])
                left += 1
            } else {
                addedStatements.append(newSorted[right])
                right += 1
            }
        }
        removedStatements.append(contentsOf: oldSorted[left...])
        addedStatements.append(contentsOf: newSorted[right...])

        let view = InternedDataset(terms: terms, statements: [])
        let rdfType = terms.id(of: .iri(Vocabulary.RDF.type))
        func classes(of changed: [InternedStatement], in all: [InternedStatement]) -> [[Term]] {
            guard !changed.isEmpty else { return [] }
            var classesBySubject: [TermID: Set<TermID>] = [:]
            for statement in changed { classesBySubject[statement.subject] = [] }
            if let rdfType {
                for statement in all where statement.predicate == rdfType && classesBySubject[statement.subject] != nil {
                    classesBySubject[statement.subject, default: []].insert(statement.object)
                }
            }
            // N-Triples byte order of the class terms, as the `Quad` version sorts their text.
            return changed.map { statement in
                (classesBySubject[statement.subject] ?? []).sorted { ranks[Int($0)] < ranks[Int($1)] }.map { terms.term($0) }
            }
        }
        removed = removedStatements.map { view.quad($0) }
        removedLines = removedStatements.map { view.line($0) }
        added = addedStatements.map { view.quad($0) }
        addedLines = addedStatements.map { view.line($0) }
        removedClasses = classes(of: removedStatements, in: old)
        addedClasses = classes(of: addedStatements, in: new)
    }
}
