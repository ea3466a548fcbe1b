import RDFModel

/// One `sh:ValidationResult`: a focus node that does not meet one constraint of one shape.
public struct ValidationResult: Hashable, Comparable, Sendable {
    public let focusNode: Term
    /// The shape's path as written in the shapes graph (an IRI or a blank-node path), for property shapes.
    public let resultPath: Term?
    /// The value node that failed, when the component reports one (not for counts).
    public let value: Term?
    public let sourceShape: Term
    public let sourceConstraintComponent: IRI
    public let severity: IRI
    /// The shape's `sh:message`s, or one message kg writes when the shape gives none.
    public let messages: [Literal]

    public static func < (lhs: ValidationResult, rhs: ValidationResult) -> Bool {
        if lhs.focusNode != rhs.focusNode { return lhs.focusNode < rhs.focusNode }
        if lhs.resultPath != rhs.resultPath { return precedes(lhs.resultPath, rhs.resultPath) }
        if lhs.sourceConstraintComponent != rhs.sourceConstraintComponent { return lhs.sourceConstraintComponent < rhs.sourceConstraintComponent }
        if lhs.value != rhs.value { return precedes(lhs.value, rhs.value) }
        if lhs.sourceShape != rhs.sourceShape { return lhs.sourceShape < rhs.sourceShape }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return lhs.messages.lexicographicallyPrecedes(rhs.messages)
    }

    private static func precedes(_ lhs: Term?, _ rhs: Term?) -> Bool {
        switch (lhs, rhs) {
        case let (left?, right?): left < right
        case (nil, _?): true
        default: false
        }
    }
}

/// The outcome of validating a data graph against a shapes graph.
public struct ValidationReport: Sendable {
    /// Every result, sorted by focus node, path, component, value and shape.
    public let results: [ValidationResult]
    /// How many (focus node, shape) pairs the targets selected.
    public let checkedFocusNodes: Int

    /// True when there is no result of any severity (SHACL §3.1).
    public var conforms: Bool { results.isEmpty }

    /// The report as an RDF graph: one `sh:ValidationReport` (`_:report`) with its results
    /// (`_:result1`, … in the sorted order), plus the shapes-graph triples of any blank-node
    /// path or shape a result names, so the report stands on its own.
    public func graph(shapes: ShapesGraph) -> Graph {
        var graph = Graph()
        let report = Term.blank(BlankNode("report"))
        let type = Vocabulary.RDF.type
        graph.insert(Triple(report, type, .iri(SH.validationReport)))
        graph.insert(Triple(report, SH.conforms, .literal(Literal(conforms ? "true" : "false", datatype: Vocabulary.XSD.boolean))))
        var copied: Set<Term> = []
        let shapesIndex = GraphIndex(shapes.source)
        for (position, result) in results.enumerated() {
            let node = Term.blank(BlankNode("result\(position + 1)"))
            graph.insert(Triple(report, SH.result, node))
            graph.insert(Triple(node, type, .iri(SH.validationResult)))
            graph.insert(Triple(node, SH.focusNode, result.focusNode))
            if let path = result.resultPath {
                graph.insert(Triple(node, SH.resultPath, path))
                copyBlankClosure(of: path, from: shapesIndex, into: &graph, copied: &copied)
            }
            if let value = result.value { graph.insert(Triple(node, SH.value, value)) }
            graph.insert(Triple(node, SH.sourceShape, result.sourceShape))
            copyBlankClosure(of: result.sourceShape, from: shapesIndex, into: &graph, copied: &copied)
            graph.insert(Triple(node, SH.sourceConstraintComponent, .iri(result.sourceConstraintComponent)))
            graph.insert(Triple(node, SH.resultSeverity, .iri(result.severity)))
            for message in result.messages { graph.insert(Triple(node, SH.resultMessage, .literal(message))) }
        }
        return graph
    }

    private func copyBlankClosure(of start: Term, from index: GraphIndex, into graph: inout Graph, copied: inout Set<Term>) {
        var pending = [start]
        while let node = pending.popLast() {
            guard node.isBlank, copied.insert(node).inserted else { continue }
            for (predicate, objects) in index.outgoing[node] ?? [:] {
                for object in objects {
                    graph.insert(Triple(node, predicate, object))
                    pending.append(object)
                }
            }
        }
    }
}
