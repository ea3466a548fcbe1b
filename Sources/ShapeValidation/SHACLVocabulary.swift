import RDFModel

/// The SHACL terms the validator reads and writes.
enum SH {
    static let namespace = "http://www.w3.org/ns/shacl#"
    static func term(_ localName: String) -> IRI { IRI(namespace + localName) }

    static let nodeShape = term("NodeShape")
    static let propertyShape = term("PropertyShape")
    static let targetNode = term("targetNode")
    static let targetClass = term("targetClass")
    static let targetSubjectsOf = term("targetSubjectsOf")
    static let targetObjectsOf = term("targetObjectsOf")
    static let property = term("property")
    static let path = term("path")
    static let inversePath = term("inversePath")
    static let alternativePath = term("alternativePath")
    static let zeroOrMorePath = term("zeroOrMorePath")
    static let oneOrMorePath = term("oneOrMorePath")
    static let zeroOrOnePath = term("zeroOrOnePath")
    static let deactivated = term("deactivated")
    static let severity = term("severity")
    static let message = term("message")
    static let violation = term("Violation")
    static let flags = term("flags")
    static let ignoredProperties = term("ignoredProperties")

    static let validationReport = term("ValidationReport")
    static let validationResult = term("ValidationResult")
    static let conforms = term("conforms")
    static let result = term("result")
    static let focusNode = term("focusNode")
    static let resultPath = term("resultPath")
    static let value = term("value")
    static let sourceShape = term("sourceShape")
    static let sourceConstraintComponent = term("sourceConstraintComponent")
    static let resultSeverity = term("resultSeverity")
    static let resultMessage = term("resultMessage")

    /// Node kinds, the values of `sh:nodeKind`.
    static let iriKind = term("IRI")
    static let blankNodeKind = term("BlankNode")
    static let literalKind = term("Literal")
    static let blankNodeOrIRIKind = term("BlankNodeOrIRI")
    static let blankNodeOrLiteralKind = term("BlankNodeOrLiteral")
    static let iriOrLiteralKind = term("IRIOrLiteral")
}
