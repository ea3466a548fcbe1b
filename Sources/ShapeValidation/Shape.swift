import Foundation
import RDFModel

/// A SHACL property path (SHACL §2.3.1): a predicate, or a combination of paths.
indirect enum PropertyPath: Hashable, Sendable {
    case predicate(IRI)
    case inverse(PropertyPath)
    case sequence([PropertyPath])
    case alternative([PropertyPath])
    case zeroOrMore(PropertyPath)
    case oneOrMore(PropertyPath)
    case zeroOrOne(PropertyPath)
}

/// How a shape selects its focus nodes.
enum Target: Hashable, Sendable {
    case node(Term)
    case instancesOf(Term)
    case subjectsOf(IRI)
    case objectsOf(IRI)
}

/// The value kinds of `sh:nodeKind`.
enum NodeKind: Sendable {
    case iri, blankNode, literal, blankNodeOrIRI, blankNodeOrLiteral, iriOrLiteral

    func admits(_ term: Term) -> Bool {
        switch (self, term) {
        case (.iri, .iri), (.blankNode, .blank), (.literal, .literal): true
        case (.blankNodeOrIRI, .iri), (.blankNodeOrIRI, .blank): true
        case (.blankNodeOrLiteral, .blank), (.blankNodeOrLiteral, .literal): true
        case (.iriOrLiteral, .iri), (.iriOrLiteral, .literal): true
        default: false
        }
    }
}

/// One constraint of a shape: a SHACL Core constraint component with its parameter values.
enum Constraint: @unchecked Sendable {
    // NSRegularExpression is immutable once built and documented as safe to share across threads.
    case instanceOf(Term)
    case datatype(IRI)
    case nodeKind(NodeKind)
    case minCount(Int)
    case maxCount(Int)
    case memberOf([Term])
    case pattern(NSRegularExpression)
    case languageIn([String])
    case minInclusive(Literal)
    case maxInclusive(Literal)
    case minExclusive(Literal)
    case maxExclusive(Literal)
    case minLength(Int)
    case maxLength(Int)
    case uniqueLang
    case hasValue(Term)
    case equals(IRI)
    case disjoint(IRI)
    case lessThan(IRI)
    case lessThanOrEquals(IRI)
    case conformsTo(Term)
    case not(Term)
    case and([Term])
    case or([Term])
    case exactlyOne([Term])
    case closed(allowed: Set<IRI>)

    /// The constraint component's IRI, for `sh:sourceConstraintComponent`.
    var component: IRI {
        let name = switch self {
        case .instanceOf: "Class"
        case .datatype: "Datatype"
        case .nodeKind: "NodeKind"
        case .minCount: "MinCount"
        case .maxCount: "MaxCount"
        case .memberOf: "In"
        case .pattern: "Pattern"
        case .languageIn: "LanguageIn"
        case .minInclusive: "MinInclusive"
        case .maxInclusive: "MaxInclusive"
        case .minExclusive: "MinExclusive"
        case .maxExclusive: "MaxExclusive"
        case .minLength: "MinLength"
        case .maxLength: "MaxLength"
        case .uniqueLang: "UniqueLang"
        case .hasValue: "HasValue"
        case .equals: "Equals"
        case .disjoint: "Disjoint"
        case .lessThan: "LessThan"
        case .lessThanOrEquals: "LessThanOrEquals"
        case .conformsTo: "Node"
        case .not: "Not"
        case .and: "And"
        case .or: "Or"
        case .exactlyOne: "Xone"
        case .closed: "Closed"
        }
        return SH.term(name + "ConstraintComponent")
    }
}

/// A node shape (no path) or property shape (with a path), as read from the shapes graph.
struct Shape: Sendable {
    /// The shape's node in the shapes graph: its name in reports.
    let node: Term
    /// The path and the node that spelled it (copied into reports as `sh:resultPath`).
    let path: (path: PropertyPath, node: Term)?
    let targets: [Target]
    let constraints: [Constraint]
    /// The `sh:property` shapes, validated against the same focus node.
    let propertyShapes: [Term]
    let severity: IRI
    let messages: [Literal]
    let deactivated: Bool
}
