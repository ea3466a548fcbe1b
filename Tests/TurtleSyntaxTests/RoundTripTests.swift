import Foundation
import RDFModel
import Testing
import TestSupport
import TurtleSyntax

/// The expected results of every Turtle / TriG eval test, written by our writers and read back.
@Suite struct RoundTripTests {
    static let turtleResults = W3CSuites.cases("rdf-turtle").filter { $0.kind == .eval }
    static let trigResults = W3CSuites.cases("rdf-trig").filter { $0.kind == .eval }

    @Test(arguments: turtleResults)
    func turtleWriterRoundTrip(_ test: W3CCase) throws {
        let graph = try test.expectedGraph()
        let text = TurtleWriter.write(graph)
        let back = try TurtleParser(fileName: "written.ttl").parse(text)
        #expect(back.allSatisfy { $0.graph == nil })
        #expect(Isomorphism.areIsomorphic(graph, Graph(back.map(\.triple))), "\(text)")
        #expect(TurtleWriter.write(graph) == text, "same graph, same bytes")
    }

    @Test(arguments: turtleResults)
    func nTriplesReadAsTurtle(_ test: W3CCase) throws {
        let graph = try test.expectedGraph()
        let back = try TurtleParser().parse(NTriplesFormatter.document(graph))
        #expect(Isomorphism.areIsomorphic(graph, Graph(back.map(\.triple))))
    }

    @Test(arguments: trigResults)
    func trigWriterRoundTrip(_ test: W3CCase) throws {
        let dataset = try test.expectedDataset()
        let text = TriGWriter.write(dataset)
        let back = try TurtleParser(dialect: .trig, fileName: "written.trig").parse(text)
        #expect(Isomorphism.areIsomorphic(dataset, Dataset(back)), "\(text)")
        #expect(TriGWriter.write(dataset) == text, "same dataset, same bytes")
    }

    /// Each tool with its arguments; `FILE` stands for the input path.
    /// Raptor cuts literals at U+0000 even when it is written as `\u0000`, so it is not asked to keep them.
    static let peerTools: [(path: String, arguments: [String], keepsNUL: Bool)] = [
        ("/usr/bin/rapper", ["-q", "-i", "turtle", "-o", "ntriples", "FILE", "http://example.org/base/"], false),
        ("/usr/bin/serdi", ["-i", "turtle", "-o", "ntriples", "FILE"], true),
    ]

    /// Our Turtle output must read the same in the peer tools `rapper` (Raptor) and `serdi` (Serd).
    @Test(.enabled(if: peerTools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0.path) }))
    func peerToolsReadOurTurtle() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kg-turtle-peer-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for test in Self.turtleResults {
            let graph = try test.expectedGraph()
            let file = directory.appendingPathComponent(test.name + ".ttl")
            try Data(TurtleWriter.write(graph).utf8).write(to: file)
            let hasNUL = graph.contains { $0.object.literal?.lexicalForm.unicodeScalars.contains("\u{0}") ?? false }
            for tool in Self.peerTools where tool.keepsNUL || !hasNUL {
                let result = try ExternalTool.run(tool.path, tool.arguments.map { $0 == "FILE" ? file.path : $0 })
                #expect(result.status == 0, "\(tool.path) rejected \(test.name)")
                let quads = try NTriplesParser(quads: false).parse(result.output)
                #expect(Isomorphism.areIsomorphic(graph, Graph(quads.map(\.triple))), "\(tool.path) reads \(test.name) differently:\n\(result.output)")
            }
        }
    }

    /// Our TriG output must read the same in `serdi` (rapper's TriG support is parse-only and partial).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/serdi")))
    func serdiReadsOurTriG() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kg-trig-peer-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for test in Self.trigResults {
            let dataset = try test.expectedDataset()
            let file = directory.appendingPathComponent(test.name + ".trig")
            try Data(TriGWriter.write(dataset).utf8).write(to: file)
            let result = try ExternalTool.run("/usr/bin/serdi", ["-i", "trig", "-o", "nquads", file.path])
            #expect(result.status == 0, "serdi rejected \(test.name)")
            let quads = try NTriplesParser(quads: true).parse(result.output)
            #expect(Isomorphism.areIsomorphic(dataset, Dataset(quads)), "serdi reads \(test.name) differently")
        }
    }
}
