import Foundation
import RDFModel

/// Validates data graphs against a shapes graph with the SHACL Core constraint components
/// (all but the qualified value shapes), targets of every kind and every property path form.
public struct ShapeValidator: Sendable {
    public let shapes: ShapesGraph

    public init(shapes: ShapesGraph) { self.shapes = shapes }

    /// Validates `data`; the same graph always gives the same results in the same order.
    /// Throws only when shapes nest deeper than ``ShapesGraph/maximumDepth``.
    public func validate(_ data: Graph) throws(ShapesError) -> ValidationReport {
        var run = Run(data: GraphIndex(data), shapes: shapes.shapes)
        var results: [ValidationResult] = []
        var checked = 0
        for shapeNode in shapes.shapes.keys.sorted() {
            guard let shape = shapes.shapes[shapeNode], !shape.deactivated, !shape.targets.isEmpty else { continue }
            for focus in run.focusNodes(of: shape) {
                checked += 1
                try run.validate(focus, against: shape, depth: 0, into: &results)
            }
        }
        return ValidationReport(results: results.sorted(), checkedFocusNodes: checked)
    }
}

/// One validation run over one data graph.
private struct Run {
    let data: GraphIndex
    let shapes: [Term: Shape]
    /// Whether a node conforms to a shape, remembered: sh:or and sh:node ask again for every
    /// value that shares a class or a target.
    var conformance: [Pair: Bool] = [:]

    struct Pair: Hashable {
        let node: Term
        let shape: Term
    }

    init(data: GraphIndex, shapes: [Term: Shape]) {
        self.data = data
        self.shapes = shapes
    }

    func focusNodes(of shape: Shape) -> [Term] {
        var nodes: Set<Term> = []
        for target in shape.targets {
            switch target {
            case let .node(node): nodes.insert(node)
            case let .instancesOf(cls): nodes.formUnion(data.instances(of: cls))
            case let .subjectsOf(predicate): nodes.formUnion(data.subjectsByPredicate[predicate] ?? [])
            case let .objectsOf(predicate): nodes.formUnion(data.objectsByPredicate[predicate] ?? [])
            }
        }
        return nodes.sorted()
    }

    mutating func validate(_ focus: Term, against shape: Shape, depth: Int, into results: inout [ValidationResult]) throws(ShapesError) {
        guard !shape.deactivated else { return }
        guard depth < ShapesGraph.maximumDepth else { throw .tooDeep(shape: shape.node.description) }
        let values = shape.path.map { pathValues(from: focus, $0.path) } ?? [focus]
        for constraint in shape.constraints {
            try check(constraint, focus: focus, values: values, shape: shape, depth: depth, into: &results)
        }
        for node in shape.propertyShapes {
            guard let propertyShape = shapes[node] else { continue }
            try validate(focus, against: propertyShape, depth: depth + 1, into: &results)
        }
    }

    private mutating func conforms(_ node: Term, to shapeNode: Term, depth: Int) throws(ShapesError) -> Bool {
        let key = Pair(node: node, shape: shapeNode)
        if let known = conformance[key] { return known }
        guard let shape = shapes[shapeNode] else { return true }
        var found: [ValidationResult] = []
        try validate(node, against: shape, depth: depth + 1, into: &found)
        conformance[key] = found.isEmpty
        return found.isEmpty
    }

    // MARK: Constraint components

    private mutating func check(_ constraint: Constraint, focus: Term, values: [Term], shape: Shape, depth: Int,
                                into results: inout [ValidationResult]) throws(ShapesError) {
        func report(_ value: Term?) {
            results.append(ValidationResult(
                focusNode: focus, resultPath: shape.path?.node, value: value, sourceShape: shape.node,
                sourceConstraintComponent: constraint.component, severity: shape.severity,
                messages: shape.messages.isEmpty ? [Literal(Self.message(for: constraint, value: value))] : shape.messages))
        }
        func reportEach(where fails: (Term) -> Bool) {
            for value in values where fails(value) { report(value) }
        }
        switch constraint {
        case let .instanceOf(cls):
            reportEach { $0.literal != nil || !data.isInstance($0, of: cls) }
        case let .datatype(datatype):
            reportEach { value in
                guard let literal = value.literal, literal.datatype == datatype else { return true }
                return !LiteralValues.isWellFormed(literal)
            }
        case let .nodeKind(kind):
            reportEach { !kind.admits($0) }
        case let .minCount(minimum):
            if values.count < minimum { report(nil) }
        case let .maxCount(maximum):
            if values.count > maximum { report(nil) }
        case let .memberOf(members):
            reportEach { !members.contains($0) }
        case let .pattern(expression):
            reportEach { value in
                let text: String
                switch value {
                case let .iri(iri): text = iri.value
                case let .literal(literal): text = literal.lexicalForm
                case .blank: return true
                }
                return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
            }
        case let .languageIn(ranges):
            reportEach { value in
                guard let tag = value.literal?.language else { return true }
                return !ranges.contains { Self.languageMatches(tag, range: $0) }
            }
        case let .minInclusive(bound): reportEach { Self.compare($0, .literal(bound)).map { $0 < 0 } ?? true }
        case let .maxInclusive(bound): reportEach { Self.compare($0, .literal(bound)).map { $0 > 0 } ?? true }
        case let .minExclusive(bound): reportEach { Self.compare($0, .literal(bound)).map { $0 <= 0 } ?? true }
        case let .maxExclusive(bound): reportEach { Self.compare($0, .literal(bound)).map { $0 >= 0 } ?? true }
        case let .minLength(minimum): reportEach { Self.text(of: $0).map { $0.unicodeScalars.count < minimum } ?? true }
        case let .maxLength(maximum): reportEach { Self.text(of: $0).map { $0.unicodeScalars.count > maximum } ?? true }
        case .uniqueLang:
            var counts: [String: Int] = [:]
            for value in values { if let tag = value.literal?.language, !tag.isEmpty { counts[tag, default: 0] += 1 } }
            for (_, count) in counts.sorted(by: { $0.key < $1.key }) where count > 1 { report(nil) }
        case let .hasValue(expected):
            if !values.contains(expected) { report(nil) }
        case let .equals(predicate):
            let others = data.values(focus, predicate)
            reportEach { !others.contains($0) }
            for other in others where !values.contains(other) { report(other) }
        case let .disjoint(predicate):
            let others = data.values(focus, predicate)
            reportEach { others.contains($0) }
        case let .lessThan(predicate):
            let others = data.values(focus, predicate)
            reportEach { value in others.contains { other in Self.compare(value, other).map { $0 >= 0 } ?? true } }
        case let .lessThanOrEquals(predicate):
            let others = data.values(focus, predicate)
            reportEach { value in others.contains { other in Self.compare(value, other).map { $0 > 0 } ?? true } }
        case let .conformsTo(shapeNode):
            for value in values where try !conforms(value, to: shapeNode, depth: depth) { report(value) }
        case let .not(shapeNode):
            for value in values where try conforms(value, to: shapeNode, depth: depth) { report(value) }
        case let .and(members):
            for value in values {
                for member in members where try !conforms(value, to: member, depth: depth) {
                    report(value)
                    break
                }
            }
        case let .or(members):
            for value in values {
                var any = false
                for member in members where try conforms(value, to: member, depth: depth) {
                    any = true
                    break
                }
                if !any { report(value) }
            }
        case let .exactlyOne(members):
            for value in values {
                var matching = 0
                for member in members where try conforms(value, to: member, depth: depth) { matching += 1 }
                if matching != 1 { report(value) }
            }
        case let .closed(allowed):
            for value in values {
                for (predicate, objects) in (data.outgoing[value] ?? [:]).sorted(by: { $0.key < $1.key }) where !allowed.contains(predicate) {
                    for object in objects {
                        results.append(ValidationResult(
                            focusNode: focus, resultPath: .iri(predicate), value: object, sourceShape: shape.node,
                            sourceConstraintComponent: constraint.component, severity: shape.severity,
                            messages: shape.messages.isEmpty ? [Literal("Predicate \(Term.iri(predicate)) is not allowed (closed shape)")] : shape.messages))
                    }
                }
            }
        }
    }

    private static func compare(_ value: Term, _ other: Term) -> Int? {
        guard let left = value.literal, let right = other.literal else { return nil }
        return LiteralValues.compare(left, right)
    }

    private static func text(of value: Term) -> String? {
        switch value {
        case let .iri(iri): iri.value
        case let .literal(literal): literal.lexicalForm
        case .blank: nil
        }
    }

    /// RFC 4647 basic filtering, as SPARQL's langMatches: "*" matches any tag, otherwise the
    /// range equals the tag or is a prefix of it up to a hyphen (tags are already lower-cased).
    private static func languageMatches(_ tag: String, range: String) -> Bool {
        if range == "*" { return !tag.isEmpty }
        return tag == range || tag.hasPrefix(range + "-")
    }

    private static func message(for constraint: Constraint, value: Term?) -> String {
        switch constraint {
        case let .instanceOf(cls): "Value is not an instance of \(cls)"
        case let .datatype(datatype): "Value is not a well-formed literal of datatype \(Term.iri(datatype))"
        case .nodeKind: "Value is not of the required node kind"
        case let .minCount(minimum): "Fewer than \(minimum) values"
        case let .maxCount(maximum): "More than \(maximum) values"
        case .memberOf: "Value is not one of the allowed values (sh:in)"
        case let .pattern(expression): "Value does not match the pattern \"\(expression.pattern)\""
        case .languageIn: "Language tag is not one of the allowed ones (sh:languageIn)"
        case let .minInclusive(bound): "Value is not >= \(Term.literal(bound))"
        case let .maxInclusive(bound): "Value is not <= \(Term.literal(bound))"
        case let .minExclusive(bound): "Value is not > \(Term.literal(bound))"
        case let .maxExclusive(bound): "Value is not < \(Term.literal(bound))"
        case let .minLength(minimum): "Value is shorter than \(minimum) characters"
        case let .maxLength(maximum): "Value is longer than \(maximum) characters"
        case .uniqueLang: "More than one value shares a language tag"
        case let .hasValue(expected): "Missing the value \(expected)"
        case let .equals(predicate): "Values differ from those of \(Term.iri(predicate))"
        case let .disjoint(predicate): "Value is also a value of \(Term.iri(predicate))"
        case let .lessThan(predicate): "Value is not less than the values of \(Term.iri(predicate))"
        case let .lessThanOrEquals(predicate): "Value is not less than or equal to the values of \(Term.iri(predicate))"
        case let .conformsTo(shape): "Value does not conform to the shape \(shape)"
        case let .not(shape): "Value conforms to the shape \(shape), which it must not"
        case .and: "Value does not conform to every shape of sh:and"
        case .or: "Value conforms to none of the shapes of sh:or"
        case .exactlyOne: "Value does not conform to exactly one shape of sh:xone"
        case .closed: "Predicate is not allowed (closed shape)"
        }
    }
}

/// Path evaluation (SHACL §2.3.1): the value nodes a path reaches from a focus node.
extension Run {
    func pathValues(from focus: Term, _ path: PropertyPath) -> [Term] {
        step([focus], path, inverse: false).sorted()
    }

    private func step(_ nodes: Set<Term>, _ path: PropertyPath, inverse: Bool) -> Set<Term> {
        switch path {
        case let .predicate(predicate):
            var reached: Set<Term> = []
            for node in nodes {
                reached.formUnion(inverse ? data.subjects(pointingAt: node, by: predicate) : data.values(node, predicate))
            }
            return reached
        case let .inverse(inner):
            return step(nodes, inner, inverse: !inverse)
        case let .sequence(parts):
            return (inverse ? parts.reversed() : parts).reduce(nodes) { step($0, $1, inverse: inverse) }
        case let .alternative(choices):
            return choices.reduce(into: Set<Term>()) { $0.formUnion(step(nodes, $1, inverse: inverse)) }
        case let .zeroOrMore(inner):
            return closure(from: nodes, inner, inverse: inverse)
        case let .oneOrMore(inner):
            return closure(from: step(nodes, inner, inverse: inverse), inner, inverse: inverse)
        case let .zeroOrOne(inner):
            return nodes.union(step(nodes, inner, inverse: inverse))
        }
    }

    /// The nodes reachable from `start` in zero or more steps of `path`.
    private func closure(from start: Set<Term>, _ path: PropertyPath, inverse: Bool) -> Set<Term> {
        var reached = start
        var frontier = start
        while !frontier.isEmpty {
            frontier = step(frontier, path, inverse: inverse).subtracting(reached)
            reached.formUnion(frontier)
        }
        return reached
    }
}
