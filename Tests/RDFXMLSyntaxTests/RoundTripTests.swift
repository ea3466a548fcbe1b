import Foundation
import Testing
import RDFModel
import RDFXMLSyntax

/// Every eval test's expected graph, written by RDFXMLWriter, must read back isomorphic.
@Suite struct RoundTripTests {
    static let evalEntries = W3CManifest.entries.filter { if case .eval = $0.kind { true } else { false } }

    @Test(arguments: evalEntries)
    func expectedGraphRoundTrips(_ entry: W3CManifestEntry) throws {
        let result = try #require(entry.result)
        let graph = try W3CManifest.expected(result)
        let bytes: [UInt8]
        do {
            bytes = try RDFXMLWriter.write(graph)
        } catch {
            // Only a predicate without an XML name may stop the writer for these graphs.
            #expect(error.message.contains("cannot be written in RDF/XML"), "\(entry.id): \(error)")
            print("round trip \(entry.id): refused as expected: \(error)")
            return
        }
        var reread = Graph()
        try RDFXMLParser(fileName: entry.id).parse(bytes: bytes) { reread.insert($0) }
        #expect(Isomorphism.areIsomorphic(graph, reread), "\(entry.id):\n\(String(decoding: bytes, as: UTF8.self))")
        #expect(try RDFXMLWriter.write(graph) == bytes, "output must be deterministic")
    }

    /// rapper (Raptor) must read a sample of the output without warnings and to the same graph.
    @Test(arguments: ["datatypes-test001", "rdf-containers-syntax-vs-schema-test004", "xml-canon-test001",
                      "rdfms-empty-property-elements-test012", "rdf-charmod-literals-test001", "rdfms-xmllang-test006",
                      "rdf-ns-prefix-confusion-test0010", "rdfms-syntax-incomplete-test004"])
    func rapperReadsOutput(_ id: String) throws {
        guard let rapper = Rapper.path else {
            print("skipping rapper check for \(id): rapper is not on PATH")
            return
        }
        let entry = try #require(W3CManifest.entries.first { $0.id == id })
        let graph = try W3CManifest.expected(try #require(entry.result))
        let bytes = try RDFXMLWriter.write(graph)
        let output = try Rapper.run(rapper, input: bytes)
        #expect(output.status == 0, "\(id): \(output.errors)")
        #expect(output.errors.isEmpty, "\(id): rapper said \(output.errors)")
        let parsed = Graph(try NTriplesParser(quads: false).parse(output.ntriples).map(\.triple))
        #expect(Isomorphism.areIsomorphic(graph, parsed), "\(id): rapper read\n\(output.ntriples)")
    }
}

enum Rapper {
    static var path: String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/rapper" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ path: String, input: [UInt8]) throws -> (status: Int32, ntriples: String, errors: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rdfxml-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("graph.rdf")
        try Data(input).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-q", "-i", "rdfxml", "-o", "ntriples", file.path, "http://example.invalid/base"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
