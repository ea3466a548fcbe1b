import Testing
import RDFModel
import RDFXMLSyntax

@Suite struct W3CRDFXMLConformanceTests {
    @Test func manifestListsEveryTest() {
        let entries = W3CManifest.entries
        let eval = entries.filter { if case .eval = $0.kind { true } else { false } }.count
        #expect(entries.count == 166)
        #expect(eval == 126)
        #expect(entries.count - eval == 40)
    }

    @Test(arguments: W3CManifest.entries)
    func conformance(_ entry: W3CManifestEntry) throws {
        #expect(Self.passes(entry), "\(entry.id): \(Self.failure(entry) ?? "")")
    }

    /// Runs the whole suite once more to print the score the brief asks for.
    @Test func summary() {
        let entries = W3CManifest.entries
        let passed = entries.filter(Self.passes).count
        print("W3C rdf-xml: \(passed)/\(entries.count) passed")
        #expect(passed == entries.count)
    }

    static func passes(_ entry: W3CManifestEntry) -> Bool { failure(entry) == nil }

    /// Why a test fails, or nil when it passes.
    static func failure(_ entry: W3CManifestEntry) -> String? {
        switch entry.kind {
        case .eval:
            guard let result = entry.result else { return "no mf:result" }
            do {
                let actual = try W3CManifest.read(entry.action)
                let expected = try W3CManifest.expected(result)
                if Isomorphism.areIsomorphic(actual, expected) { return nil }
                return "graphs differ\n--- actual\n\(NTriplesFormatter.document(actual))--- expected\n\(NTriplesFormatter.document(expected))"
            } catch {
                return "error: \(error)"
            }
        case .negativeSyntax:
            do {
                let graph = try W3CManifest.read(entry.action)
                return "parsed without error:\n\(NTriplesFormatter.document(graph))"
            } catch is RDFSyntaxError {
                return nil
            } catch {
                return "unexpected error type: \(error)"
            }
        case let .other(type):
            return "unknown test type \(type)"
        }
    }
}
