import Foundation
@testable import GraphIO
import RDFModel
import Testing

/// A large N-Triples or N-Quads file is read in two parts at once; the dataset (term ids, their
/// order, the statements) and the errors must be those of reading it in one pass.
@Suite struct TwoPartReadTests {
    /// Lines that share terms across the two halves (subjects, predicates, a datatype, a blank
    /// node, a graph) and terms new in each half, with escapes and non-ASCII text.
    static func lines(_ count: Int, quads: Bool) -> [String] {
        (0..<count).map { index in
            let subject = index % 7 == 0 ? "_:b\(index % 5)" : "<http://example.org/s/\(index % 40)>"
            let object: String
            switch index % 4 {
            case 0: object = "\"value \(index)\"@en"
            case 1: object = "\"\(index)\"^^<http://www.w3.org/2001/XMLSchema#integer>"
            case 2: object = "<http://example.org/o/\(index / 3)>"
            default: object = "\"caf\\u00E9 \(index % 9) é\""
            }
            let graph = quads && index % 3 == 0 ? " <http://example.org/g/\(index % 4)>" : ""
            return "\(subject) <http://example.org/p/\(index % 6)> \(object)\(graph) ."
        }
    }

    static func onePass(_ bytes: [UInt8], quads: Bool, file: String) -> Result<InternedDataset, RDFSyntaxError> {
        var dataset = InternedDataset()
        var reader = ByteLineReader(bytes: bytes)
        do {
            try NTriplesParser(quads: quads, fileName: file).parse(&reader, into: &dataset)
            return .success(dataset)
        } catch {
            return .failure(error as! RDFSyntaxError)
        }
    }

    static func twoParts(_ path: String, format: RDFFormat) -> Result<InternedDataset, RDFSyntaxError> {
        var dataset = InternedDataset()
        do throws(GraphIOError) {
            try GraphReader.interned(path: path, format: format, baseIRI: nil, into: &dataset, twoPartsFrom: 1)
            return .success(dataset)
        } catch {
            guard case let .syntax(syntax) = error else { Issue.record("not a syntax error: \(error)"); return .failure(RDFSyntaxError("", at: SourceLocation(line: 0, column: 0))) }
            return .failure(syntax)
        }
    }

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kg-two-parts-\(UUID().uuidString).nq").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func expectSame(_ given: Result<InternedDataset, RDFSyntaxError>, _ expected: Result<InternedDataset, RDFSyntaxError>) {
        switch (given, expected) {
        case let (.success(left), .success(right)):
            #expect(left.terms.count == right.terms.count)
            #expect((0..<TermID(left.terms.count)).allSatisfy { left.terms.ntriples($0) == right.terms.ntriples($0) })
            #expect(left.statements == right.statements)
            #expect(!left.statements.isEmpty)
        case let (.failure(left), .failure(right)):
            #expect(left == right)
        default:
            Issue.record("one read failed and the other did not: \(given) vs \(expected)")
        }
    }

    @Test(arguments: [(false, "\n"), (true, "\n"), (false, "\r\n")])
    func givesTheDatasetOfOnePass(_ quads: Bool, _ newline: String) throws {
        let text = Self.lines(2_000, quads: quads).joined(separator: newline) + newline
        let path = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        Self.expectSame(Self.twoParts(path, format: quads ? .nquads : .ntriples), Self.onePass(Array(text.utf8), quads: quads, file: path))
    }

    /// An error in the second half is reported at its line in the whole file; with errors in
    /// both halves, the first one is.
    @Test(arguments: [[1_500], [300, 1_700]])
    func reportsTheFirstErrorAtItsLineInTheWholeFile(_ broken: [Int]) throws {
        var lines = Self.lines(2_000, quads: false)
        for index in broken { lines[index] = "<http://example.org/s> <http://example.org/p> <relative> ." }
        let text = lines.joined(separator: "\n") + "\n"
        let path = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Self.twoParts(path, format: .ntriples)
        Self.expectSame(result, Self.onePass(Array(text.utf8), quads: false, file: path))
        if case let .failure(error) = result { #expect(error.location.line == broken[0] + 1) } else { Issue.record("no error") }
    }
}
