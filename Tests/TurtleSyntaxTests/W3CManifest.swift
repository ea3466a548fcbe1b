import Foundation
import RDFModel
import Testing
import TurtleSyntax

/// What a manifest entry asks of the parser.
enum W3CTestKind: String, Sendable {
    case eval, positiveSyntax, negativeSyntax
}

/// One entry of a W3C `manifest.ttl`, resolved to files on disk.
struct W3CCase: Sendable, CustomTestStringConvertible {
    let suite: String
    let name: String
    let kind: W3CTestKind
    /// The action's retrieval IRI, which is also its base IRI.
    let actionIRI: String
    let actionPath: URL
    let resultPath: URL?

    var testDescription: String { "\(suite) \(name) (\(kind.rawValue))" }
}

/// Reads the suites' manifests with our own Turtle reader.
enum W3CSuites {
    static let rdfTestsBase = "https://w3c.github.io/rdf-tests/rdf/rdf11/"

    static var root: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Tests/W3C")
    }

    /// The entries of one suite in `mf:entries` order, or an empty list if the manifest cannot be read
    /// (the count checks in the summary test then fail).
    static func cases(_ suite: String) -> [W3CCase] {
        (try? load(suite)) ?? []
    }

    static func load(_ suite: String) throws -> [W3CCase] {
        let directory = root.appendingPathComponent(suite)
        let suiteBase = rdfTestsBase + suite + "/"
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("manifest.ttl")))
        var bySubject: [Term: [(IRI, Term)]] = [:]
        try TurtleParser(baseIRI: suiteBase + "manifest.ttl", fileName: "manifest.ttl").parse(bytes: bytes) { quad in
            bySubject[quad.subject, default: []].append((quad.predicate, quad.object))
        }
        func values(_ subject: Term, _ predicate: IRI) -> [Term] {
            (bySubject[subject] ?? []).filter { $0.0 == predicate }.map(\.1)
        }
        let entriesPredicate = IRI(mf + "entries")
        guard let manifest = bySubject.first(where: { $0.value.contains { $0.0 == entriesPredicate } })?.key,
              var list = values(manifest, entriesPredicate).first else { return [] }
        var cases: [W3CCase] = []
        while list != .iri(Vocabulary.RDF.nil) {
            guard let entry = values(list, Vocabulary.RDF.first).first,
                  let next = values(list, Vocabulary.RDF.rest).first else { break }
            list = next
            guard let type = values(entry, Vocabulary.RDF.type).first?.iri?.value,
                  let action = values(entry, IRI(mf + "action")).first?.iri?.value,
                  action.hasPrefix(suiteBase) else { continue }
            let kind: W3CTestKind
            if type.hasSuffix("Eval") {
                kind = .eval
            } else if type.hasSuffix("PositiveSyntax") {
                kind = .positiveSyntax
            } else if type.hasSuffix("NegativeSyntax") {
                kind = .negativeSyntax
            } else {
                continue
            }
            let name = values(entry, IRI(mf + "name")).first?.literal?.lexicalForm ?? action
            let result = values(entry, IRI(mf + "result")).first?.iri?.value
            cases.append(W3CCase(
                suite: suite, name: name, kind: kind, actionIRI: action,
                actionPath: directory.appendingPathComponent(String(action.dropFirst(suiteBase.count))),
                resultPath: result.map { directory.appendingPathComponent(String($0.dropFirst(suiteBase.count))) }
            ))
        }
        return cases
    }

    static let mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
}
