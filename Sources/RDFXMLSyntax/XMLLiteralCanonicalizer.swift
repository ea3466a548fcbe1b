/// Builds the lexical form of an `rdf:parseType="Literal"` value: the exclusive XML canonicalization
/// (with comments, empty InclusiveNamespaces list) of the element content, fed one event at a time.
///
/// Exclusive canonicalization declares a namespace only on the elements that visibly use it (their own
/// prefix or an attribute's prefix), and only when the nearest rendered ancestor did not already declare it
/// with the same value; elements outside the literal count as not rendered.
struct XMLLiteralCanonicalizer {
    private(set) var output = ""
    /// Rendered namespace declarations (prefix → namespace, "" = default namespace) per open element.
    private var rendered: [[String: String]] = [[:]]

    /// Open elements' qualified names, so end tags need no lookup.
    private var openNames: [String] = []

    /// How many elements of the literal are open.
    var depth: Int { openNames.count }

    mutating func startElement(_ element: XMLElementStart) {
        var inScope = rendered.last ?? [:]
        var declarations: [(prefix: String, namespace: String)] = []
        func use(prefix: String, namespace: String) {
            if (inScope[prefix] ?? "") != namespace {
                declarations.append((prefix, namespace))
                inScope[prefix] = namespace
            }
        }
        use(prefix: element.prefix ?? "", namespace: element.namespace ?? "")
        for attribute in element.attributes {
            // Unprefixed attributes are in no namespace and never use the default one; `xml` is implicit.
            guard let prefix = attribute.prefix, prefix != "xml" else { continue }
            use(prefix: prefix, namespace: attribute.namespace ?? "")
        }
        declarations.sort { $0.prefix.utf8.lexicographicallyPrecedes($1.prefix.utf8) }
        let attributes = element.attributes.sorted { lhs, rhs in
            let left = lhs.namespace ?? "", right = rhs.namespace ?? ""
            if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
            return lhs.localName.utf8.lexicographicallyPrecedes(rhs.localName.utf8)
        }
        let name = element.qualifiedName
        output += "<" + name
        for declaration in declarations {
            output += declaration.prefix.isEmpty ? " xmlns=\"" : " xmlns:\(declaration.prefix)=\""
            appendEscapedAttribute(declaration.namespace)
            output += "\""
        }
        for attribute in attributes {
            output += " " + attribute.qualifiedName + "=\""
            appendEscapedAttribute(attribute.value)
            output += "\""
        }
        output += ">"
        rendered.append(inScope)
        openNames.append(name)
    }

    mutating func endElement() {
        guard let name = openNames.popLast() else { return }
        rendered.removeLast()
        output += "</" + name + ">"
    }

    mutating func text(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\r": output += "&#xD;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }

    mutating func comment(_ text: String) {
        output += "<!--" + text + "-->"
    }

    mutating func processingInstruction(target: String, data: String) {
        output += "<?" + target + (data.isEmpty ? "" : " " + data) + "?>"
    }

    private mutating func appendEscapedAttribute(_ value: String) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case "\"": output += "&quot;"
            case "\t": output += "&#x9;"
            case "\n": output += "&#xA;"
            case "\r": output += "&#xD;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
