import RDFModel

/// The RDF/XML grammar of RDF 1.1 XML Syntax (section 7), run as a push state machine over namespace-resolved
/// XML events. It knows nothing of libxml2: the SAX driver feeds it, and it buffers the triples it produces
/// until the driver drains them.
struct RDFXMLGrammar {
    /// Where the current event sits; set by the driver before each event so errors can point at it.
    var location = SourceLocation(line: 1, column: 1)

    private var produced: [Triple] = []
    private var stack: [Frame]
    private var generatedBlankNodes = 0
    /// Resolved rdf:ID IRIs seen so far: the same rdf:ID may not be used twice against the same base.
    private var usedIDs: Set<String> = []

    init(baseIRI: String?) {
        stack = [Frame(kind: .document, base: baseIRI, language: nil)]
    }

    /// Hands over the triples produced since the last call.
    mutating func takeTriples() -> [Triple] {
        defer { produced.removeAll(keepingCapacity: true) }
        return produced
    }

    // MARK: - Events

    mutating func startElement(_ element: XMLElementStart) throws(RDFSyntaxError) {
        guard let top = stack.last else { throw error("content after the end of the document element") }
        if top.kind == .literal {
            stack[stack.count - 1].literal.startElement(element)
            return
        }
        let context = try evaluateContext(element, parent: top)
        switch top.kind {
        case .document:
            if element.iri == RDFNames.rdf + "RDF" {
                for attribute in element.attributes where !RDFNames.isXMLReserved(attribute) {
                    throw error("attribute \(attribute.qualifiedName) is not allowed on rdf:RDF")
                }
                stack.append(Frame(kind: .rdfRoot, base: context.base, language: context.language))
            } else {
                _ = try startNodeElement(element, context: context)
            }
        case .rdfRoot:
            _ = try startNodeElement(element, context: context)
        case .node:
            try startPropertyElement(element, context: context)
        case .property:
            if top.objectAttribute != nil || top.datatype != nil || !top.propertyAttributes.isEmpty {
                throw error("property element <\(top.elementName)> has rdf:resource, rdf:nodeID, rdf:datatype or property attributes, so it cannot contain the node element <\(element.qualifiedName)>")
            }
            if top.hasNodeChild {
                throw error("property element <\(top.elementName)> may contain only one node element, found a second one <\(element.qualifiedName)>")
            }
            if !XMLNames.isWhitespace(top.text) {
                throw error("property element <\(top.elementName)> mixes text and the node element <\(element.qualifiedName)>")
            }
            let parent = stack.count - 1
            let object = try startNodeElement(element, context: context)
            stack[parent].hasNodeChild = true
            stack[parent].text = ""
            try emitProperty(stack[parent], object: object)
        case .collection:
            let parent = stack.count - 1
            let item = try startNodeElement(element, context: context)
            stack[parent].items.append(item)
        case .literal:
            break
        }
    }

    mutating func endElement() throws(RDFSyntaxError) {
        guard let top = stack.last else { return }
        switch top.kind {
        case .literal where top.literal.depth > 0:
            stack[stack.count - 1].literal.endElement()
        case .literal:
            stack.removeLast()
            try emitProperty(top, object: .literal(Literal(top.literal.output, datatype: Vocabulary.RDF.xmlLiteral)))
        case .property:
            stack.removeLast()
            try finishPropertyElement(top)
        case .collection:
            stack.removeLast()
            var next: Term = .iri(Vocabulary.RDF.nil)
            for item in top.items.reversed() {
                let cell = newBlankNode()
                emit(cell, Vocabulary.RDF.first, item)
                emit(cell, Vocabulary.RDF.rest, next)
                next = cell
            }
            try emitProperty(top, object: next)
        case .node, .rdfRoot:
            stack.removeLast()
        case .document:
            break
        }
    }

    mutating func characters(_ text: String) throws(RDFSyntaxError) {
        guard let top = stack.last else { return }
        switch top.kind {
        case .literal:
            stack[stack.count - 1].literal.text(text)
        case .property:
            if top.hasNodeChild {
                if !XMLNames.isWhitespace(text) {
                    throw error("property element <\(top.elementName)> mixes a node element and text")
                }
            } else {
                stack[stack.count - 1].text += text
            }
        case .document:
            break
        case .rdfRoot, .node, .collection:
            if !XMLNames.isWhitespace(text) {
                throw error("unexpected text \(quoted(text)): expected \(top.kind == .node ? "a property element" : "a node element")")
            }
        }
    }

    mutating func comment(_ text: String) {
        if stack.last?.kind == .literal { stack[stack.count - 1].literal.comment(text) }
    }

    mutating func processingInstruction(target: String, data: String) {
        if stack.last?.kind == .literal { stack[stack.count - 1].literal.processingInstruction(target: target, data: data) }
    }

    // MARK: - Productions

    /// nodeElement (7.2.11): returns the node's subject and pushes a frame for its property elements.
    private mutating func startNodeElement(_ element: XMLElementStart, context: Context) throws(RDFSyntaxError) -> Term {
        guard let iri = element.iri else {
            throw error("element <\(element.qualifiedName)> is not in a namespace, so it cannot be a node element")
        }
        try requireAbsolute(iri, name: "element <\(element.qualifiedName)>")
        if let name = RDFNames.rdfLocalName(iri), RDFNames.forbiddenNodeElementNames.contains(name) {
            throw error("rdf:\(name) is not allowed as a node element name")
        }
        var id: String?, about: String?, nodeID: String?
        var properties: [(IRI, String)] = []
        for attribute in element.attributes where !RDFNames.isXMLReserved(attribute) {
            let attributeIRI = try self.attributeIRI(attribute)
            switch RDFNames.rdfLocalName(attributeIRI) {
            case "ID"?: id = attribute.value
            case "about"?: about = attribute.value
            case "nodeID"?: nodeID = attribute.value
            case let name? where RDFNames.forbiddenPropertyAttributeNames.contains(name):
                throw error("attribute rdf:\(name) is not allowed on the node element <\(element.qualifiedName)>")
            default: properties.append((IRI(attributeIRI), attribute.value))
            }
        }
        if [id, about, nodeID].compactMap({ $0 }).count > 1 {
            throw error("node element <\(element.qualifiedName)> may have only one of rdf:ID, rdf:about and rdf:nodeID")
        }
        let subject: Term
        if let id {
            subject = .iri(IRI(try identifierIRI(id, base: context.base, attribute: "rdf:ID")))
        } else if let about {
            subject = .iri(IRI(try resolve(about, base: context.base)))
        } else if let nodeID {
            subject = .blank(try blankNode(nodeID))
        } else {
            subject = newBlankNode()
        }
        if iri != RDFNames.rdf + "Description" {
            emit(subject, Vocabulary.RDF.type, .iri(IRI(iri)))
        }
        try emitPropertyAttributes(properties, of: subject, context: context)
        var frame = Frame(kind: .node, base: context.base, language: context.language)
        frame.subject = subject
        stack.append(frame)
        return subject
    }

    /// propertyElt (7.2.14): decides at once for rdf:parseType, otherwise when content or the end tag arrives.
    private mutating func startPropertyElement(_ element: XMLElementStart, context: Context) throws(RDFSyntaxError) {
        guard let iri = element.iri else {
            throw error("element <\(element.qualifiedName)> is not in a namespace, so it cannot be a property element")
        }
        try requireAbsolute(iri, name: "element <\(element.qualifiedName)>")
        let parent = stack.count - 1
        let predicate: IRI
        switch RDFNames.rdfLocalName(iri) {
        case "li"?:
            stack[parent].listCounter += 1
            predicate = IRI(RDFNames.rdf + "_\(stack[parent].listCounter)")
        case let name? where RDFNames.forbiddenPropertyElementNames.contains(name):
            throw error("rdf:\(name) is not allowed as a property element name")
        default:
            predicate = IRI(iri)
        }
        var frame = Frame(kind: .property, base: context.base, language: context.language)
        frame.subject = stack[parent].subject
        frame.predicate = predicate
        frame.elementName = element.qualifiedName
        var parseType: String?, resource: String?, nodeID: String?
        for attribute in element.attributes where !RDFNames.isXMLReserved(attribute) {
            let attributeIRI = try self.attributeIRI(attribute)
            switch RDFNames.rdfLocalName(attributeIRI) {
            case "ID"?: frame.reification = IRI(try identifierIRI(attribute.value, base: context.base, attribute: "rdf:ID"))
            case "parseType"?: parseType = attribute.value
            case "resource"?: resource = attribute.value
            case "nodeID"?: nodeID = attribute.value
            case "datatype"?: frame.datatype = IRI(try resolve(attribute.value, base: context.base))
            case let name? where RDFNames.forbiddenPropertyAttributeNames.contains(name):
                throw error("attribute rdf:\(name) is not allowed on the property element <\(element.qualifiedName)>")
            default: frame.propertyAttributes.append((IRI(attributeIRI), attribute.value))
            }
        }
        if resource != nil && nodeID != nil {
            throw error("property element <\(element.qualifiedName)> may not have both rdf:resource and rdf:nodeID")
        }
        if let resource {
            frame.objectAttribute = .iri(IRI(try resolve(resource, base: context.base)))
        } else if let nodeID {
            frame.objectAttribute = .blank(try blankNode(nodeID))
        }
        guard let parseType else {
            stack.append(frame)
            return
        }
        if frame.objectAttribute != nil || frame.datatype != nil || !frame.propertyAttributes.isEmpty {
            throw error("rdf:parseType=\"\(parseType)\" on <\(element.qualifiedName)> cannot be combined with rdf:resource, rdf:nodeID, rdf:datatype or property attributes")
        }
        switch parseType {
        case "Resource":
            let node = newBlankNode()
            try emitProperty(frame, object: node)
            var nodeFrame = Frame(kind: .node, base: context.base, language: context.language)
            nodeFrame.subject = node
            stack.append(nodeFrame)
        case "Collection":
            frame.kind = .collection
            stack.append(frame)
        default:
            // "Literal", and any other value, which the grammar treats like "Literal" (7.2.20).
            frame.kind = .literal
            stack.append(frame)
        }
    }

    /// The end of a property element without rdf:parseType: a literal, an empty property or a node element's parent.
    private mutating func finishPropertyElement(_ frame: Frame) throws(RDFSyntaxError) {
        if frame.hasNodeChild { return }
        let hasObjectAttributes = frame.objectAttribute != nil || !frame.propertyAttributes.isEmpty
        if !frame.text.isEmpty || frame.datatype != nil {
            if hasObjectAttributes {
                throw error("property element <\(frame.elementName)> has a literal value, so it cannot have rdf:resource, rdf:nodeID or property attributes")
            }
            try emitProperty(frame, object: .literal(literal(frame.text, frame)))
            return
        }
        if !hasObjectAttributes {
            try emitProperty(frame, object: .literal(literal("", frame)))
            return
        }
        let object = frame.objectAttribute ?? newBlankNode()
        try emitProperty(frame, object: object)
        try emitPropertyAttributes(frame.propertyAttributes, of: object, context: Context(base: frame.base, language: frame.language))
    }

    // MARK: - Helpers

    private func literal(_ text: String, _ frame: Frame) -> Literal {
        if let datatype = frame.datatype { return Literal(text, datatype: datatype) }
        if let language = frame.language { return Literal(text, language: language) }
        return Literal(text)
    }

    /// The property triple of a property element, and its reification when the element has rdf:ID.
    private mutating func emitProperty(_ frame: Frame, object: Term) throws(RDFSyntaxError) {
        guard let subject = frame.subject, let predicate = frame.predicate else {
            throw error("property element outside a node element")
        }
        emit(subject, predicate, object)
        if let statement = frame.reification {
            let node = Term.iri(statement)
            emit(node, Vocabulary.RDF.type, .iri(Vocabulary.RDF.statement))
            emit(node, Vocabulary.RDF.subject, subject)
            emit(node, Vocabulary.RDF.predicate, .iri(predicate))
            emit(node, Vocabulary.RDF.object, object)
        }
    }

    private mutating func emitPropertyAttributes(_ attributes: [(IRI, String)], of subject: Term, context: Context) throws(RDFSyntaxError) {
        for (predicate, value) in attributes {
            if predicate == Vocabulary.RDF.type {
                emit(subject, predicate, .iri(IRI(try resolve(value, base: context.base))))
            } else if let language = context.language {
                emit(subject, predicate, .literal(Literal(value, language: language)))
            } else {
                emit(subject, predicate, .literal(Literal(value)))
            }
        }
    }

    private mutating func emit(_ subject: Term, _ predicate: IRI, _ object: Term) {
        produced.append(Triple(subject, predicate, object))
    }

    /// A fresh blank node; the label starts with a digit, so it can never equal an rdf:nodeID (an NCName).
    private mutating func newBlankNode() -> Term {
        generatedBlankNodes += 1
        return .blank(BlankNode("\(generatedBlankNodes)"))
    }

    private func blankNode(_ nodeID: String) throws(RDFSyntaxError) -> BlankNode {
        guard XMLNames.isNCName(nodeID) else { throw error("rdf:nodeID \(quoted(nodeID)) is not an XML NCName") }
        return BlankNode(nodeID)
    }

    /// rdf:ID: an NCName made into `base#name`, used at most once per base.
    private mutating func identifierIRI(_ name: String, base: String?, attribute: String) throws(RDFSyntaxError) -> String {
        guard XMLNames.isNCName(name) else { throw error("\(attribute) \(quoted(name)) is not an XML NCName") }
        let iri = try resolve("#" + name, base: base)
        guard usedIDs.insert(iri).inserted else {
            throw error("\(attribute) \(quoted(name)) is used twice (it names <\(iri)> both times)")
        }
        return iri
    }

    private func resolve(_ reference: String, base: String?) throws(RDFSyntaxError) -> String {
        try requireIRICharacters(reference, what: "IRI")
        if let base { return IRIResolver.resolve(reference, against: base) }
        guard IRIResolver.isAbsolute(reference) else {
            throw error("relative IRI \(quoted(reference)) cannot be resolved: there is no base IRI")
        }
        return IRIResolver.resolve(reference, against: reference)
    }

    /// No IRI holds a space, a control character or one of `<>"{}|^`\` (RFC 3987; Turtle's and
    /// N-Triples' IRIREF refuse them even escaped), so a graph with one could not be written in any
    /// other syntax and read back. Percent-encoded (`%20`) they are fine.
    private func requireIRICharacters(_ text: String, what: String) throws(RDFSyntaxError) {
        guard let bad = text.utf8.first(where: { byte in
            switch byte {
            case 0...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
                 UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"): true
            default: false
            }
        }) else { return }
        let character = bad == 0x20 ? "a space" : bad < 0x20 ? "U+00" + (bad < 0x10 ? "0" : "") + String(bad, radix: 16, uppercase: true) : "'\(Character(Unicode.Scalar(bad)))'"
        throw error("\(what) \(quoted(text)) holds \(character), which no IRI may hold")
    }

    /// The attribute's IRI; unqualified `ID`, `about`, `resource`, `parseType` and `type` mean their rdf: forms (6.1.4).
    private func attributeIRI(_ attribute: XMLAttribute) throws(RDFSyntaxError) -> String {
        if let namespace = attribute.namespace {
            let iri = namespace + attribute.localName
            try requireAbsolute(iri, name: "attribute \(attribute.qualifiedName)")
            return iri
        }
        if RDFNames.unqualifiedRDFAttributes.contains(attribute.localName) { return RDFNames.rdf + attribute.localName }
        throw error("attribute \(attribute.localName) is not in a namespace")
    }

    /// An element or attribute name stands for its namespace name joined to its local name, taken as
    /// it is (never resolved against the base): with a relative namespace name (`xmlns:ex="ex/"`) that
    /// is no IRI an RDF graph can hold, and no other syntax could write it back unchanged.
    private func requireAbsolute(_ iri: String, name: String) throws(RDFSyntaxError) {
        guard IRIResolver.isAbsolute(iri) else {
            throw error("\(name) stands for \(quoted(iri)), which is not an absolute IRI (its namespace name is relative)")
        }
        try requireIRICharacters(iri, what: "\(name) stands for")
    }

    /// xml:base and xml:lang of an element, inherited from its parent.
    private func evaluateContext(_ element: XMLElementStart, parent: Frame) throws(RDFSyntaxError) -> Context {
        var context = Context(base: parent.base, language: parent.language)
        for attribute in element.attributes where attribute.namespace == RDFNames.xml {
            switch attribute.localName {
            case "lang":
                guard attribute.value.isEmpty || Self.isLanguageTag(attribute.value) else {
                    throw error("xml:lang \(quoted(attribute.value)) is not a language tag (letters, then '-' and letters or digits, as en or de-CH-1996)")
                }
                context.language = attribute.value.isEmpty ? nil : attribute.value
            case "base": context.base = try resolve(attribute.value, base: parent.base)
            default: break
            }
        }
        return context
    }

    /// The language tags RDF's other syntaxes can carry (Turtle's and N-Triples' LANGTAG):
    /// `[a-zA-Z]+ ("-" [a-zA-Z0-9]+)*`.
    static func isLanguageTag(_ text: String) -> Bool {
        var first = true
        for subtag in text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false) {
            guard !subtag.isEmpty, subtag.allSatisfy({ byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
                case UInt8(ascii: "0")...UInt8(ascii: "9"): !first
                default: false
                }
            }) else { return false }
            first = false
        }
        return !first
    }

    private func quoted(_ text: String) -> String {
        let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return "\"" + short + "\""
    }

    private func error(_ message: String) -> RDFSyntaxError {
        RDFSyntaxError(message, at: location)
    }
}

/// The in-scope xml:base and xml:lang.
private struct Context {
    var base: String?
    var language: String?
}

/// One open element and what the grammar expects inside it.
private struct Frame {
    enum Kind { case document, rdfRoot, node, property, collection, literal }

    var kind: Kind
    var base: String?
    var language: String?
    /// The node of a node element; for property elements, the subject of their triple.
    var subject: Term?
    /// rdf:li numbering, per node element.
    var listCounter = 0
    var predicate: IRI?
    var elementName = ""
    var reification: IRI?
    var datatype: IRI?
    /// rdf:resource or rdf:nodeID of a property element.
    var objectAttribute: Term?
    var propertyAttributes: [(IRI, String)] = []
    var text = ""
    var hasNodeChild = false
    var items: [Term] = []
    var literal = XMLLiteralCanonicalizer()

    init(kind: Kind, base: String?, language: String?) {
        self.kind = kind
        self.base = base
        self.language = language
    }
}

/// Names the RDF/XML grammar treats specially.
enum RDFNames {
    static let rdf = Vocabulary.RDF.namespace
    static let xml = "http://www.w3.org/XML/1998/namespace"

    static let coreSyntaxTerms: Set<String> = ["RDF", "ID", "about", "parseType", "resource", "nodeID", "datatype"]
    static let oldTerms: Set<String> = ["aboutEach", "aboutEachPrefix", "bagID"]
    static let forbiddenNodeElementNames = coreSyntaxTerms.union(oldTerms).union(["li"])
    static let forbiddenPropertyElementNames = coreSyntaxTerms.union(oldTerms).union(["Description"])
    static let forbiddenPropertyAttributeNames = coreSyntaxTerms.union(oldTerms).union(["Description", "li"])
    static let unqualifiedRDFAttributes: Set<String> = ["ID", "about", "resource", "parseType", "type"]

    /// The local name of an IRI in the rdf: namespace.
    static func rdfLocalName(_ iri: String) -> String? {
        iri.hasPrefix(rdf) ? String(iri.dropFirst(rdf.count)) : nil
    }

    /// Attributes RDF/XML ignores: those whose prefix or (unprefixed) name starts with "xml", in any case.
    static func isXMLReserved(_ attribute: XMLAttribute) -> Bool {
        if let prefix = attribute.prefix { return prefix.lowercased().hasPrefix("xml") }
        return attribute.localName.lowercased().hasPrefix("xml")
    }
}
