import Foundation
import RDFModel
import Testing
import TurtleSyntax

/// What a manifest entry asks for.
public enum W3CTestKind: String, Sendable {
    case eval, positiveSyntax, negativeSyntax, negativeEval
}

/// One entry of a W3C `manifest.ttl`, resolved to files on disk.
public struct W3CCase: Sendable, CustomStringConvertible, CustomTestStringConvertible {
    public let suite: String
    /// The entry's own local name in the manifest (`amp-in-url-test001`, `test075c`); `name` is
    /// its `mf:name`, which some suites use for a description rather than an identifier.
    public let id: String
    public let name: String
    /// The local name of the entry's type (`TestTurtleEval`, `RDFC10MapTest`, …).
    public let type: String
    public let kind: W3CTestKind
    /// The action's retrieval IRI, which is also its base IRI.
    public let actionIRI: String
    public let actionPath: URL
    public let resultPath: URL?
    /// Other literal-valued properties by local name (`hashAlgorithm`, `computationalComplexity`).
    public let properties: [String: String]

    public var description: String { "\(suite) \(name) (\(kind.rawValue))" }
    public var testDescription: String { description }

    /// The action's path inside its suite folder (`amp-in-url/test001.rdf`), for messages.
    public var actionFileName: String { String(actionIRI.dropFirst(W3CSuites.base(of: suite).count)) }

    /// The expected result of an eval test, read as N-Quads when the result file is `.nq` and as
    /// N-Triples otherwise, so a graph suite's result with a graph name is an error.
    public func expectedQuads() throws -> [Quad] {
        guard let resultPath else { throw W3CManifestError(message: "\(description) has no mf:result") }
        let text = String(decoding: try Data(contentsOf: resultPath), as: UTF8.self)
        return try NTriplesParser(quads: resultPath.pathExtension == "nq", fileName: resultPath.lastPathComponent)
            .parse(text)
    }

    /// The expected result of an eval test as a dataset.
    public func expectedDataset() throws -> Dataset { Dataset(try expectedQuads()) }

    /// The expected result of an eval test as a graph (graph names dropped; graph suites have none).
    public func expectedGraph() throws -> Graph { Graph(try expectedQuads().map(\.triple)) }
}

/// A manifest entry that lacks what a test needs from it.
public struct W3CManifestError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Reads the suites' manifests (copied byte for byte under `Tests/W3C/`) with the project's own
/// Turtle reader; the suites and their base IRIs are described in `Tests/W3C/README.md`.
public enum W3CSuites {
    public static let mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"

    /// The retrieval IRI of a suite's folder.
    public static func base(of suite: String) -> String {
        suite == "rdf-canon" ? "https://w3c.github.io/rdf-canon/tests/" : "https://w3c.github.io/rdf-tests/rdf/rdf11/\(suite)/"
    }

    public static var root: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("W3C")
    }

    /// The entries of one suite in `mf:entries` order, or an empty list if the manifest cannot be
    /// read (count checks then fail).
    public static func cases(_ suite: String) -> [W3CCase] {
        (try? load(suite)) ?? []
    }

    public static func load(_ suite: String) throws -> [W3CCase] {
        let directory = root.appendingPathComponent(suite)
        let suiteBase = base(of: suite)
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("manifest.ttl")))
        var bySubject: [Term: [(IRI, Term)]] = [:]
        try TurtleParser(baseIRI: suiteBase + "manifest", fileName: "manifest.ttl").parse(bytes: bytes) { quad in
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
            let typeName = String(type.split(whereSeparator: { $0 == "#" || $0 == "/" }).last ?? "")
            let kind: W3CTestKind
            if typeName.hasSuffix("NegativeEvalTest") || typeName.hasSuffix("NegativeEval") {
                kind = .negativeEval
            } else if typeName.hasSuffix("Eval") || typeName.hasSuffix("EvalTest") || typeName.hasSuffix("MapTest") {
                kind = .eval
            } else if typeName.hasSuffix("PositiveSyntax") {
                kind = .positiveSyntax
            } else if typeName.hasSuffix("NegativeSyntax") {
                kind = .negativeSyntax
            } else {
                continue
            }
            var properties: [String: String] = [:]
            for (predicate, object) in bySubject[entry] ?? [] {
                guard let literal = object.literal else { continue }
                let local = String(predicate.value.split(whereSeparator: { $0 == "#" || $0 == "/" }).last ?? "")
                properties[local] = literal.lexicalForm
            }
            let id: String = switch entry {
            case let .iri(iri): String(iri.value.split(whereSeparator: { $0 == "#" || $0 == "/" }).last ?? "")
            default: action
            }
            let name = values(entry, IRI(mf + "name")).first?.literal?.lexicalForm ?? action
            let result = values(entry, IRI(mf + "result")).first?.iri?.value
            cases.append(W3CCase(
                suite: suite, id: id, name: name, type: typeName, kind: kind, actionIRI: action,
                actionPath: directory.appendingPathComponent(String(action.dropFirst(suiteBase.count))),
                resultPath: result.map { directory.appendingPathComponent(String($0.dropFirst(suiteBase.count))) },
                properties: properties
            ))
        }
        return cases
    }
}
