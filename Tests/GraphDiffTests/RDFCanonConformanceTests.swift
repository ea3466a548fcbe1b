import Foundation
import Testing
import RDFModel
@testable import GraphDiff
import TestSupport

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
    static let cases = W3CSuites.cases("rdf-canon")

    /// Map tests share the eval kind; their type tells them apart.
    static func isMapTest(_ test: W3CCase) -> Bool { test.type == "RDFC10MapTest" }

    static func algorithm(_ test: W3CCase) -> HashAlgorithm {
        test.properties["hashAlgorithm"] == "SHA384" ? .sha384 : .sha256
    }

    @Test func manifestHasAllEntries() {
        let entries = Self.cases
        #expect(entries.count == 86)
        #expect(entries.filter { $0.kind == .eval && !Self.isMapTest($0) }.count == 64)
        #expect(entries.filter { $0.kind == .eval && Self.isMapTest($0) }.count == 21)
        #expect(entries.filter { $0.kind == .negativeEval }.count == 1)
        #expect(entries.filter { Self.algorithm($0) == .sha384 }.map(\.id) == ["test075c", "test075m"])
    }

    @Test(arguments: cases)
    func conformance(_ entry: W3CCase) throws {
        let ok = try Self.run(entry)
        CanonTally.shared.record(ok, total: Self.cases.count)
        #expect(ok, "\(entry.id) (\(entry.type)) failed")
    }

    static func run(_ entry: W3CCase) throws -> Bool {
        let input = try String(contentsOf: entry.actionPath, encoding: .utf8)
        let quads = try NTriplesParser(quads: true, fileName: entry.actionFileName).parse(input)
        let canonicalizer = Canonicalizer(hash: algorithm(entry))
        switch entry.kind {
        case .negativeEval:
            do {
                _ = try canonicalizer.canonicalize(quads)
                return false
            } catch {
                // The work limit, not a clock, is what keeps this fast: it must be the error.
                guard case .tooComplex = error else { return false }
                return true
            }
        case .eval:
            guard let resultPath = entry.resultPath else { return false }
            if isMapTest(entry) {
                let data = try Data(contentsOf: resultPath)
                guard let expected = try JSONSerialization.jsonObject(with: data) as? [String: String] else { return false }
                return try canonicalizer.canonicalize(quads).issuedIdentifiers == expected
            }
            // The canonical form is compared byte for byte, so the result is read as text, not as quads.
            let expected = try String(contentsOf: resultPath, encoding: .utf8)
            return try canonicalizer.canonicalize(quads).nquads == expected
        case .positiveSyntax, .negativeSyntax:
            return false
        }
    }
}
