import Foundation
import Testing
import RDFModel
import RDFXMLSyntax

/// A purpose-built reader for the W3C rdf-xml `manifest.ttl` (the Turtle reader is a separate module):
/// it reads the `mf:entries` list, then each `<#id>` block's `a` type, `mf:action` and `mf:result`.
struct W3CManifestEntry: Sendable, CustomTestStringConvertible {
    enum Kind: Sendable { case eval, negativeSyntax, other(String) }

    var id: String
    var kind: Kind
    var action: String
    var result: String?

    var testDescription: String { id }
}

enum W3CManifest {
    static let base = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-xml/"

    static var suiteDirectory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" && url.path != "/" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("W3C/rdf-xml")
    }

    /// The tests listed in `mf:entries`, in manifest order; an unreadable manifest gives no entries
    /// (and the count test then fails).
    static let entries: [W3CManifestEntry] = {
        guard let text = try? String(contentsOf: suiteDirectory.appendingPathComponent("manifest.ttl"), encoding: .utf8) else { return [] }
        return parse(text)
    }()

    static func parse(_ text: String) -> [W3CManifestEntry] {
        let tokens = tokenize(text)
        var order: [String] = []
        if let start = tokens.firstIndex(of: "mf:entries"), tokens.indices.contains(start + 1), tokens[start + 1] == "(" {
            var index = start + 2
            while index < tokens.count, tokens[index] != ")" {
                order.append(tokens[index])
                index += 1
            }
        }
        // Blocks: subject, then predicate/object pairs separated by ";" up to ".".
        var blocks: [String: [String: String]] = [:]
        var index = 0
        while index < tokens.count {
            let subject = tokens[index]
            var properties: [String: String] = [:]
            index += 1
            while index + 1 < tokens.count, tokens[index] != "." {
                let predicate = tokens[index], object = tokens[index + 1]
                if properties[predicate] == nil { properties[predicate] = object }
                index += 2
                // Skip the rest of an object list (the entries list) up to the next ";" or ".".
                while index < tokens.count, tokens[index] != ";", tokens[index] != "." { index += 1 }
                if index < tokens.count, tokens[index] == ";" { index += 1 }
            }
            index += 1
            if subject.hasPrefix("<#") { blocks[subject] = properties }
        }
        return order.compactMap { id in
            guard let block = blocks[id], let type = block["a"], let action = block["mf:action"] else { return nil }
            let kind: W3CManifestEntry.Kind = switch type {
            case "rdft:TestXMLEval": .eval
            case "rdft:TestXMLNegativeSyntax": .negativeSyntax
            default: .other(type)
            }
            return W3CManifestEntry(
                id: String(id.dropFirst(2).dropLast()), kind: kind,
                action: String(action.dropFirst().dropLast()),
                result: block["mf:result"].map { String($0.dropFirst().dropLast()) })
        }
    }

    /// IRIs `<…>`, strings (skipped as one token), words, and the punctuation `( ) ; . ,`; comments dropped.
    static func tokenize(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [String] = []
        var index = 0
        func isBreak(_ s: Unicode.Scalar) -> Bool { " \t\r\n;,()<\"#".unicodeScalars.contains(s) }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\r", "\n":
                index += 1
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "<":
                var token = ""
                while index < scalars.count, scalars[index] != ">" { token.unicodeScalars.append(scalars[index]); index += 1 }
                tokens.append(token + ">")
                index += 1
            case "\"":
                let long = index + 2 < scalars.count && scalars[index + 1] == "\"" && scalars[index + 2] == "\""
                index += long ? 3 : 1
                while index < scalars.count {
                    if scalars[index] == "\\" { index += 2; continue }
                    if scalars[index] == "\"" {
                        if !long { index += 1; break }
                        if index + 2 < scalars.count, scalars[index + 1] == "\"", scalars[index + 2] == "\"" { index += 3; break }
                    }
                    index += 1
                }
                tokens.append("\"string\"")
            case ";", ",", "(", ")":
                tokens.append(String(scalar))
                index += 1
            default:
                var token = ""
                while index < scalars.count, !isBreak(scalars[index]) { token.unicodeScalars.append(scalars[index]); index += 1 }
                // A final "." ends the statement rather than belonging to the word.
                if token.hasSuffix("."), token.count > 1 {
                    tokens.append(String(token.dropLast()))
                    tokens.append(".")
                } else {
                    tokens.append(token)
                }
            }
        }
        return tokens
    }

    static func data(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: suiteDirectory.appendingPathComponent(relativePath)))
    }

    /// Parses one test input with the base the suite assumes.
    static func read(_ relativePath: String) throws -> Graph {
        var graph = Graph()
        try RDFXMLParser(baseIRI: base + relativePath, fileName: relativePath).parse(bytes: try data(relativePath)) { graph.insert($0) }
        return graph
    }

    /// The expected N-Triples graph.
    static func expected(_ relativePath: String) throws -> Graph {
        let text = String(decoding: try data(relativePath), as: UTF8.self)
        return Graph(try NTriplesParser(quads: false, fileName: relativePath).parse(text).map(\.triple))
    }
}
