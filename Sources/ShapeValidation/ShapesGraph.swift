import Foundation
import RDFModel

/// A shapes graph that cannot be used as given, naming the shape and what is wrong with it.
public enum ShapesError: Error, Equatable, CustomStringConvertible, Sendable {
    case malformed(shape: String, reason: String)
    case unsupported(shape: String, parameter: String)
    case tooDeep(shape: String)

    public var description: String {
        switch self {
        case let .malformed(shape, reason): "shape \(shape): \(reason)"
        case let .unsupported(shape, parameter):
            "shape \(shape): \(parameter) is not supported by kg validate (SHACL Core without qualified value shapes or SPARQL)"
        case let .tooDeep(shape): "shape \(shape): shapes nest more than \(ShapesGraph.maximumDepth) deep (a recursive shape?)"
        }
    }
}

/// The shapes of a SHACL shapes graph, read once and checked, ready to validate data graphs.
public struct ShapesGraph: Sendable {
    /// How deep sh:node, sh:not, sh:and, sh:or and sh:xone may nest before validation gives up:
    /// SHACL leaves recursive shapes undefined, so a cycle is reported instead of looping.
    public static let maximumDepth = 32

    let shapes: [Term: Shape]
    /// The shapes graph's triples, to copy a blank-node path into a report.
    let source: Graph

    /// The number of shapes (node and property shapes, targeted or referenced).
    public var count: Int { shapes.count }

    private static let unsupportedParameters = ["qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "sparql"]

    /// Reads every shape of `graph`; throws on a parameter with a value SHACL does not allow.
    public init(_ graph: Graph) throws(ShapesError) {
        let index = GraphIndex(graph)
        var pending = Self.shapeNodes(in: index)
        var shapes: [Term: Shape] = [:]
        while let node = pending.popLast() {
            guard shapes[node] == nil else { continue }
            let shape = try Self.shape(node, in: index)
            shapes[node] = shape
            pending.append(contentsOf: Self.referencedShapes(of: shape).filter { shapes[$0] == nil })
        }
        self.shapes = shapes
        self.source = graph
    }

    /// The nodes that are shapes by their type, targets or path (SHACL §2.1).
    private static func shapeNodes(in index: GraphIndex) -> [Term] {
        var nodes: Set<Term> = []
        for type in [SH.nodeShape, SH.propertyShape] { nodes.formUnion(index.instancesByType[.iri(type)] ?? []) }
        for predicate in [SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.path] {
            nodes.formUnion(index.subjectsByPredicate[predicate] ?? [])
        }
        return nodes.sorted()
    }

    private static func referencedShapes(of shape: Shape) -> [Term] {
        var nodes = shape.propertyShapes
        for constraint in shape.constraints {
            switch constraint {
            case let .conformsTo(node), let .not(node): nodes.append(node)
            case let .and(list), let .or(list), let .exactlyOne(list): nodes.append(contentsOf: list)
            default: break
            }
        }
        return nodes
    }

    private static func shape(_ node: Term, in index: GraphIndex) throws(ShapesError) -> Shape {
        let name = node.description
        func values(_ predicate: IRI) -> [Term] { index.values(node, predicate) }
        func malformed(_ reason: String) -> ShapesError { .malformed(shape: name, reason: reason) }
        func list(_ parameter: String, _ head: Term) throws(ShapesError) -> [Term] {
            guard let members = index.list(head) else { throw malformed("sh:\(parameter) is not a well-formed RDF list") }
            return members
        }
        func iri(_ parameter: String, _ term: Term) throws(ShapesError) -> IRI {
            guard let value = term.iri else { throw malformed("sh:\(parameter) needs an IRI, not \(term)") }
            return value
        }
        func count(_ parameter: String, _ term: Term) throws(ShapesError) -> Int {
            guard let literal = term.literal, let value = Int(literal.lexicalForm.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw malformed("sh:\(parameter) needs a non-negative integer, not \(term)")
            }
            return value
        }
        func isTrue(_ term: Term) -> Bool { term.literal.map { $0.lexicalForm == "true" || $0.lexicalForm == "1" } ?? false }

        for parameter in unsupportedParameters where !values(SH.term(parameter)).isEmpty {
            throw .unsupported(shape: name, parameter: "sh:\(parameter)")
        }

        let pathNodes = values(SH.path)
        guard pathNodes.count <= 1 else { throw malformed("a shape has at most one sh:path") }
        let path: (path: PropertyPath, node: Term)?
        if let pathNode = pathNodes.first {
            path = (try propertyPath(pathNode, in: index, shape: name), pathNode)
        } else {
            path = nil
        }
        let isPropertyShape = path != nil

        var targets: [Target] = values(SH.targetNode).map(Target.node)
        targets += values(SH.targetClass).map(Target.instancesOf)
        for term in values(SH.targetSubjectsOf) { targets.append(.subjectsOf(try iri("targetSubjectsOf", term))) }
        for term in values(SH.targetObjectsOf) { targets.append(.objectsOf(try iri("targetObjectsOf", term))) }
        let shapeTypes = values(Vocabulary.RDF.type)
        if node.iri != nil, shapeTypes.contains(.iri(Vocabulary.RDFS.class)) {
            targets.append(.instancesOf(node))
        }

        var constraints: [Constraint] = []
        for term in values(SH.term("class")) { constraints.append(.instanceOf(term)) }
        for term in values(SH.term("datatype")) { constraints.append(.datatype(try iri("datatype", term))) }
        for term in values(SH.term("nodeKind")) {
            let kinds: [IRI: NodeKind] = [SH.iriKind: .iri, SH.blankNodeKind: .blankNode, SH.literalKind: .literal,
                                          SH.blankNodeOrIRIKind: .blankNodeOrIRI, SH.blankNodeOrLiteralKind: .blankNodeOrLiteral,
                                          SH.iriOrLiteralKind: .iriOrLiteral]
            guard let kind = term.iri.flatMap({ kinds[$0] }) else { throw malformed("sh:nodeKind \(term) is not a SHACL node kind") }
            constraints.append(.nodeKind(kind))
        }
        for (parameter, make) in [("minCount", Constraint.minCount), ("maxCount", Constraint.maxCount)] {
            for term in values(SH.term(parameter)) {
                guard isPropertyShape else { throw malformed("sh:\(parameter) belongs on a property shape (one with sh:path)") }
                constraints.append(make(try count(parameter, term)))
            }
        }
        for term in values(SH.term("in")) { constraints.append(.memberOf(try list("in", term))) }
        let flags = values(SH.flags).first?.literal?.lexicalForm ?? ""
        for term in values(SH.term("pattern")) {
            guard let source = term.literal?.lexicalForm else { throw malformed("sh:pattern needs a string, not \(term)") }
            constraints.append(.pattern(try regularExpression(source, flags: flags, shape: name)))
        }
        for term in values(SH.term("languageIn")) {
            var ranges: [String] = []
            for member in try list("languageIn", term) {
                guard let range = member.literal?.lexicalForm else { throw malformed("sh:languageIn lists strings, not \(member)") }
                ranges.append(range.lowercased())
            }
            constraints.append(.languageIn(ranges))
        }
        let bounds: [(String, (Literal) -> Constraint)] = [("minInclusive", Constraint.minInclusive), ("maxInclusive", Constraint.maxInclusive),
                                                            ("minExclusive", Constraint.minExclusive), ("maxExclusive", Constraint.maxExclusive)]
        for (parameter, make) in bounds {
            for term in values(SH.term(parameter)) {
                guard let literal = term.literal else { throw malformed("sh:\(parameter) needs a literal, not \(term)") }
                constraints.append(make(literal))
            }
        }
        for (parameter, make) in [("minLength", Constraint.minLength), ("maxLength", Constraint.maxLength)] {
            for term in values(SH.term(parameter)) { constraints.append(make(try count(parameter, term))) }
        }
        for term in values(SH.term("uniqueLang")) where isTrue(term) {
            guard isPropertyShape else { throw malformed("sh:uniqueLang belongs on a property shape (one with sh:path)") }
            constraints.append(.uniqueLang)
        }
        for term in values(SH.term("hasValue")) { constraints.append(.hasValue(term)) }
        let pairs: [(String, (IRI) -> Constraint)] = [("equals", Constraint.equals), ("disjoint", Constraint.disjoint),
                                                      ("lessThan", Constraint.lessThan), ("lessThanOrEquals", Constraint.lessThanOrEquals)]
        for (parameter, make) in pairs {
            for term in values(SH.term(parameter)) {
                if parameter.hasPrefix("less"), !isPropertyShape { throw malformed("sh:\(parameter) belongs on a property shape (one with sh:path)") }
                constraints.append(make(try iri(parameter, term)))
            }
        }
        for term in values(SH.term("node")) { constraints.append(.conformsTo(term)) }
        for term in values(SH.term("not")) { constraints.append(.not(term)) }
        for term in values(SH.term("and")) { constraints.append(.and(try list("and", term))) }
        for term in values(SH.term("or")) { constraints.append(.or(try list("or", term))) }
        for term in values(SH.term("xone")) { constraints.append(.exactlyOne(try list("xone", term))) }

        let propertyShapes = values(SH.property)
        if values(SH.term("closed")).contains(where: isTrue) {
            var allowed: Set<IRI> = []
            for shape in propertyShapes {
                if let predicate = index.value(shape, SH.path)?.iri { allowed.insert(predicate) }
            }
            for term in values(SH.ignoredProperties) {
                for member in try list("ignoredProperties", term) { allowed.insert(try iri("ignoredProperties", member)) }
            }
            constraints.append(.closed(allowed: allowed))
        }

        let severity = try values(SH.severity).first.map { term throws(ShapesError) in try iri("severity", term) } ?? SH.violation
        return Shape(node: node, path: path, targets: targets, constraints: constraints, propertyShapes: propertyShapes,
                     severity: severity, messages: values(SH.message).compactMap(\.literal),
                     deactivated: values(SH.deactivated).contains(where: isTrue))
    }

    private static func propertyPath(_ node: Term, in index: GraphIndex, shape: String, depth: Int = 0) throws(ShapesError) -> PropertyPath {
        guard depth < maximumDepth else { throw .tooDeep(shape: shape) }
        func nested(_ term: Term) throws(ShapesError) -> PropertyPath {
            try propertyPath(term, in: index, shape: shape, depth: depth + 1)
        }
        if let predicate = node.iri { return .predicate(predicate) }
        guard node.isBlank else { throw .malformed(shape: shape, reason: "sh:path cannot be a literal (\(node))") }
        if let inner = index.value(node, SH.inversePath) { return .inverse(try nested(inner)) }
        if let inner = index.value(node, SH.zeroOrMorePath) { return .zeroOrMore(try nested(inner)) }
        if let inner = index.value(node, SH.oneOrMorePath) { return .oneOrMore(try nested(inner)) }
        if let inner = index.value(node, SH.zeroOrOnePath) { return .zeroOrOne(try nested(inner)) }
        if let head = index.value(node, SH.alternativePath) {
            guard let members = index.list(head), members.count >= 2 else {
                throw .malformed(shape: shape, reason: "sh:alternativePath needs a list of two or more paths")
            }
            var paths: [PropertyPath] = []
            for member in members { paths.append(try nested(member)) }
            return .alternative(paths)
        }
        if let members = index.list(node), members.count >= 2 {
            var paths: [PropertyPath] = []
            for member in members { paths.append(try nested(member)) }
            return .sequence(paths)
        }
        throw .malformed(shape: shape, reason: "sh:path \(node) is not a SHACL property path")
    }

    /// XPath regular-expression flags (SHACL §4.4.1 `sh:flags`) mapped onto ICU's options.
    private static func regularExpression(_ pattern: String, flags: String, shape: String) throws(ShapesError) -> NSRegularExpression {
        var options: NSRegularExpression.Options = []
        for flag in flags {
            switch flag {
            case "i": options.insert(.caseInsensitive)
            case "s": options.insert(.dotMatchesLineSeparators)
            case "m": options.insert(.anchorsMatchLines)
            case "x": options.insert(.allowCommentsAndWhitespace)
            case "q": options.insert(.ignoreMetacharacters)
            default: throw .malformed(shape: shape, reason: "sh:flags \"\(flags)\" holds '\(flag)', which is not an XPath flag (s, m, i, x, q)")
            }
        }
        do {
            return try NSRegularExpression(pattern: pattern, options: options)
        } catch {
            throw .malformed(shape: shape, reason: "sh:pattern \"\(pattern)\" is not a regular expression")
        }
    }
}
