import Foundation
import Testing
import RDFModel
@testable import GraphDiff

/// One entry of the W3C rdf-canon manifest.
struct CanonManifestEntry: Sendable, CustomStringConvertible {
    enum Kind: String, Sendable { case eval = "RDFC10EvalTest", map = "RDFC10MapTest", negative = "RDFC10NegativeEvalTest" }
    let name: String
    let kind: Kind
    let action: String
    let result: String?
    let algorithm: HashAlgorithm
    var description: String { name }
}

/// A purpose-built scanner for `Tests/W3C/rdf-canon/manifest.ttl` (the Turtle reader lives elsewhere):
/// the entry list, then for each `:name a rdfc:Type; … .` block its action, result and hash algorithm.
enum CanonManifest {
    static let suiteDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("W3C/rdf-canon")

    static func load() -> [CanonManifestEntry] {
        guard let text = try? String(contentsOf: suiteDirectory.appendingPathComponent("manifest.ttl"), encoding: .utf8),
              let listStart = text.range(of: "mf:entries ("),
              let listEnd = text[listStart.upperBound...].range(of: ")") else { return [] }
        let names = text[listStart.upperBound..<listEnd.lowerBound].split(whereSeparator: \.isWhitespace).map(String.init)
        var blocks: [String: [String]] = [:]
        var current: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(":test"), line.contains(" a rdfc:"), let name = line.split(separator: " ").first {
                current = String(name)
                blocks[String(name), default: []].append(line)
            } else if let name = current {
                if line == "." { current = nil } else { blocks[name, default: []].append(line) }
            }
        }
        return names.compactMap { name in
            guard let lines = blocks[name] else { return nil }
            func value(after key: String) -> String? {
                guard let line = lines.first(where: { $0.contains(key + " ") }),
                      let range = line.range(of: key + " ") else { return nil }
                return line[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ;<>\""))
            }
            guard let typeName = lines.first?.components(separatedBy: "a rdfc:").last?
                    .trimmingCharacters(in: CharacterSet(charactersIn: " ;")),
                  let kind = CanonManifestEntry.Kind(rawValue: typeName),
                  let action = value(after: "mf:action") else { return nil }
            let algorithm: HashAlgorithm = value(after: "rdfc:hashAlgorithm") == "SHA384" ? .sha384 : .sha256
            return CanonManifestEntry(name: String(name.dropFirst()), kind: kind, action: action,
                                      result: value(after: "mf:result"), algorithm: algorithm)
        }
    }

    static let entries = load()
}

/// Pass/fail tally for the summary line.
final class CanonTally: @unchecked Sendable {
    private let lock = NSLock()
    private var passed = 0, finished = 0
    func record(_ ok: Bool, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        finished += 1
        if ok { passed += 1 }
        if finished == total { print("W3C rdf-canon: \(passed)/\(total) passed") }
    }
    static let shared = CanonTally()
}

@Suite struct RDFCanonConformanceTests {
    @Test func manifestHasAllEntries() {
        let entries = CanonManifest.entries
        #expect(entries.count == 86)
        #expect(entries.filter { $0.kind == .eval }.count == 64)
        #expect(entries.filter { $0.kind == .map }.count == 21)
        #expect(entries.filter { $0.kind == .negative }.count == 1)
        #expect(entries.filter { $0.algorithm == .sha384 }.map(\.name) == ["test075c", "test075m"])
    }

    @Test(arguments: CanonManifest.entries)
    func conformance(_ entry: CanonManifestEntry) throws {
        let ok = try Self.run(entry)
        CanonTally.shared.record(ok, total: CanonManifest.entries.count)
        #expect(ok, "\(entry.name) (\(entry.kind.rawValue)) failed")
    }

    static func run(_ entry: CanonManifestEntry) throws -> Bool {
        let directory = CanonManifest.suiteDirectory
        let input = try String(contentsOf: directory.appendingPathComponent(entry.action), encoding: .utf8)
        let quads = try NTriplesParser(quads: true, fileName: entry.action).parse(input)
        let canonicalizer = Canonicalizer(hash: entry.algorithm)
        switch entry.kind {
        case .negative:
            let start = Date()
            do {
                _ = try canonicalizer.canonicalize(quads)
                return false
            } catch {
                guard case .tooComplex = error else { return false }
                // ~0.2 s in a debug build, a few ms in release; the slack is for a loaded machine.
                return Date().timeIntervalSince(start) < 2.0
            }
        case .eval:
            guard let result = entry.result else { return false }
            let expected = try String(contentsOf: directory.appendingPathComponent(result), encoding: .utf8)
            return try canonicalizer.canonicalize(quads).nquads == expected
        case .map:
            guard let result = entry.result else { return false }
            let data = try Data(contentsOf: directory.appendingPathComponent(result))
            guard let expected = try JSONSerialization.jsonObject(with: data) as? [String: String] else { return false }
            return try canonicalizer.canonicalize(quads).issuedIdentifiers == expected
        }
    }
}
