import RDFModel

/// The qualified element names the writer gives predicates, and the namespaces it declares for them.
///
/// A predicate under a namespace of the fixed prefix table uses that prefix when the rest is an NCName;
/// otherwise it is split before its longest NCName suffix, and such namespaces get `ns1`, `ns2`, … in
/// sorted order, so the names never depend on the order triples arrived in.
struct PredicateQNames {
    /// Prefix → namespace, in declaration order (table order, then generated ones).
    private(set) var declarations: [(prefix: String, namespace: String)] = []
    private var names: [IRI: String] = [:]

    init(predicates: [IRI], prefixes: PrefixMap) throws(RDFWriteError) {
        var splits: [IRI: (namespace: String, local: String)] = [:]
        var usedTableNamespaces: Set<String> = [Vocabulary.RDF.namespace]
        var generatedNamespaces: Set<String> = []
        let tableNamespaces = Set(prefixes.entries.map(\.namespace))
        for predicate in predicates {
            if let name = RDFNames.rdfLocalName(predicate.value),
               RDFNames.forbiddenPropertyElementNames.contains(name) || name == "li" {
                throw RDFWriteError("predicate \(predicate) cannot be written in RDF/XML: rdf:\(name) is reserved by the RDF/XML syntax")
            }
            if let split = prefixes.split(predicate), XMLNames.isNCName(split.local),
               let namespace = prefixes.namespace(for: split.prefix) {
                splits[predicate] = (namespace, split.local)
                usedTableNamespaces.insert(namespace)
                continue
            }
            guard let split = Self.splitAtNCNameSuffix(predicate.value) else {
                throw RDFWriteError("predicate \(predicate) cannot be written in RDF/XML: it does not end in an XML name (NCName) that could be an element's local name")
            }
            if split.namespace == RDFNames.xml || split.namespace == "http://www.w3.org/2000/xmlns/" {
                throw RDFWriteError("predicate \(predicate) cannot be written in RDF/XML: its namespace is reserved by XML")
            }
            splits[predicate] = split
            if tableNamespaces.contains(split.namespace) {
                usedTableNamespaces.insert(split.namespace)
            } else {
                generatedNamespaces.insert(split.namespace)
            }
        }
        var prefixByNamespace: [String: String] = [:]
        var taken: Set<String> = []
        for entry in prefixes.entries where usedTableNamespaces.contains(entry.namespace) && prefixByNamespace[entry.namespace] == nil {
            prefixByNamespace[entry.namespace] = entry.prefix
            taken.insert(entry.prefix)
            declarations.append((entry.prefix, entry.namespace))
        }
        let tablePrefixes = Set(prefixes.entries.map(\.prefix))
        var counter = 0
        for namespace in generatedNamespaces.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            var prefix: String
            repeat {
                counter += 1
                prefix = "ns\(counter)"
            } while tablePrefixes.contains(prefix) || taken.contains(prefix)
            taken.insert(prefix)
            prefixByNamespace[namespace] = prefix
            declarations.append((prefix, namespace))
        }
        for (predicate, split) in splits {
            guard let prefix = prefixByNamespace[split.namespace] else { continue }
            names[predicate] = prefix + ":" + split.local
        }
    }

    /// `prefix:local` for a predicate given at construction.
    func qualifiedName(_ predicate: IRI) throws(RDFWriteError) -> String {
        guard let name = names[predicate] else { throw RDFWriteError("predicate \(predicate) has no XML name") }
        return name
    }

    /// Splits before the longest suffix that is an NCName; nil when there is none or nothing is left before it.
    static func splitAtNCNameSuffix(_ iri: String) -> (namespace: String, local: String)? {
        let scalars = Array(iri.unicodeScalars)
        var start = scalars.count
        while start > 0, XMLNames.isNCNameChar(scalars[start - 1]) { start -= 1 }
        while start < scalars.count, !XMLNames.isNCNameStart(scalars[start]) { start += 1 }
        guard start > 0, start < scalars.count else { return nil }
        var namespace = "", local = ""
        namespace.unicodeScalars.append(contentsOf: scalars[..<start])
        local.unicodeScalars.append(contentsOf: scalars[start...])
        return (namespace, local)
    }
}
