import RDFModel

/// A graph indexed both ways, for the lookups validation makes: a node's values for a
/// predicate, the nodes pointing at it, every subject or object of a predicate, and SHACL's
/// class membership (rdf:type followed by rdfs:subClassOf in the same graph).
struct GraphIndex {
    private(set) var outgoing: [Term: [IRI: [Term]]] = [:]
    private(set) var incoming: [Term: [IRI: [Term]]] = [:]
    private(set) var subjectsByPredicate: [IRI: [Term]] = [:]
    private(set) var objectsByPredicate: [IRI: [Term]] = [:]
    private(set) var instancesByType: [Term: [Term]] = [:]
    private var subclassesByClass: [Term: [Term]] = [:]

    init(_ graph: Graph) {
        for triple in graph.sortedTriples {
            outgoing[triple.subject, default: [:]][triple.predicate, default: []].append(triple.object)
            incoming[triple.object, default: [:]][triple.predicate, default: []].append(triple.subject)
            subjectsByPredicate[triple.predicate, default: []].append(triple.subject)
            objectsByPredicate[triple.predicate, default: []].append(triple.object)
            if triple.predicate == Vocabulary.RDF.type {
                instancesByType[triple.object, default: []].append(triple.subject)
            } else if triple.predicate == Vocabulary.RDFS.subClassOf {
                subclassesByClass[triple.object, default: []].append(triple.subject)
            }
        }
        for (predicate, subjects) in subjectsByPredicate { subjectsByPredicate[predicate] = uniqueSorted(subjects) }
        for (predicate, objects) in objectsByPredicate { objectsByPredicate[predicate] = uniqueSorted(objects) }
    }

    /// The values of `predicate` on `node`, sorted.
    func values(_ node: Term, _ predicate: IRI) -> [Term] { outgoing[node]?[predicate] ?? [] }

    /// The nodes whose `predicate` has `node` as a value, sorted.
    func subjects(pointingAt node: Term, by predicate: IRI) -> [Term] { incoming[node]?[predicate] ?? [] }

    func value(_ node: Term, _ predicate: IRI) -> Term? { values(node, predicate).first }

    /// `cls` and every class below it by rdfs:subClassOf, cycles tolerated.
    func classAndSubclasses(_ cls: Term) -> Set<Term> {
        var seen: Set<Term> = [cls]
        var pending = [cls]
        while let next = pending.popLast() {
            for child in subclassesByClass[next] ?? [] where seen.insert(child).inserted { pending.append(child) }
        }
        return seen
    }

    /// SHACL instances of `cls` (SHACL §1.5), sorted.
    func instances(of cls: Term) -> [Term] {
        uniqueSorted(classAndSubclasses(cls).flatMap { instancesByType[$0] ?? [] })
    }

    /// Whether `node` is a SHACL instance of `cls`.
    func isInstance(_ node: Term, of cls: Term) -> Bool {
        let types = values(node, Vocabulary.RDF.type)
        guard !types.isEmpty else { return false }
        if types.contains(cls) { return true }
        let accepted = classAndSubclasses(cls)
        return types.contains { accepted.contains($0) }
    }

    /// The members of the RDF list starting at `head`, or nil when it is not a well-formed list.
    func list(_ head: Term) -> [Term]? {
        var members: [Term] = []
        var seen: Set<Term> = []
        var node = head
        while node != .iri(Vocabulary.RDF.nil) {
            guard seen.insert(node).inserted, let first = value(node, Vocabulary.RDF.first),
                  let rest = value(node, Vocabulary.RDF.rest) else { return nil }
            members.append(first)
            node = rest
        }
        return members
    }
}

func uniqueSorted(_ terms: [Term]) -> [Term] { Array(Set(terms)).sorted() }
