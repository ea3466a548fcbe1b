import Foundation
import GraphIO
import Testing
@testable import TripleStore

@Suite struct LoadPlanTests {
    func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-loadplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test func graphFileIsSentAsItIs() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("a.ttl")
            try Data("@prefix ex: <http://ex/> .\nex:a ex:p ex:b , ex:c .\nex:a ex:p ex:b .\n_:x ex:p 1 .\n".utf8).write(to: file)
            let plan = try LoadPlan.prepare(inputs: [(path: file.path, format: .turtle)], graph: .named("http://ex/g"), countDistinct: true,
                                            temporaryDirectory: folder)
            #expect(plan.parts == [LoadPart(source: file.path, target: .named("http://ex/g"), file: file, mediaType: "text/turtle", statements: 4)])
            #expect(plan.distinctTriples == [.named("http://ex/g"): 3])
        }
    }

    @Test func datasetIsSplitGraphByGraph() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("d.trig")
            try Data("""
            @prefix ex: <http://ex/> .
            ex:a ex:p ex:b .
            ex:g2 { ex:a ex:p ex:e . }
            ex:g1 { ex:a ex:p ex:c . ex:a ex:p "d"@en . }
            ex:g2 { ex:a ex:p ex:f . }

            """.utf8).write(to: file)
            let plan = try LoadPlan.prepare(inputs: [(path: file.path, format: .trig)], graph: .defaultGraph, countDistinct: true, temporaryDirectory: folder)
            #expect(plan.parts.map(\.target) == [.defaultGraph, .named("http://ex/g2"), .named("http://ex/g1")])
            #expect(plan.parts.map(\.statements) == [1, 2, 2])
            #expect(plan.parts.allSatisfy { $0.mediaType == "application/n-triples" && $0.file.path.hasPrefix(folder.path) })
            #expect(plan.targets == [.defaultGraph, .named("http://ex/g1"), .named("http://ex/g2")])
            #expect(plan.distinctTriples == [.defaultGraph: 1, .named("http://ex/g1"): 2, .named("http://ex/g2"): 2])
            let g1 = try String(contentsOf: plan.parts[2].file, encoding: .utf8)
            #expect(g1 == "<http://ex/a> <http://ex/p> <http://ex/c> .\n<http://ex/a> <http://ex/p> \"d\"@en .\n")
        }
    }

    @Test func blankNodesOfDifferentFilesStayApart() throws {
        try withFolder { folder in
            let a = folder.appendingPathComponent("a.nt"), b = folder.appendingPathComponent("b.nt")
            try Data("_:x <http://ex/p> \"1\" .\n".utf8).write(to: a)
            try Data("_:x <http://ex/p> \"1\" .\n".utf8).write(to: b)
            let plan = try LoadPlan.prepare(inputs: [(path: a.path, format: .ntriples), (path: b.path, format: .ntriples)], graph: .defaultGraph, countDistinct: true,
                                            temporaryDirectory: folder)
            #expect(plan.distinctTriples == [.defaultGraph: 2])
            #expect(plan.parts.count == 2)
        }
    }

    @Test func malformedFileIsRejectedWithItsPosition() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("bad.ttl")
            try Data("@prefix ex: <http://ex/> .\nex:a ex:p ex:b .\nex:a ex:p .\n".utf8).write(to: file)
            do throws(LoadPlanError) {
                _ = try LoadPlan.prepare(inputs: [(path: file.path, format: .turtle)], graph: .defaultGraph, countDistinct: false, temporaryDirectory: folder)
                Issue.record("expected a syntax error")
            } catch {
                guard case .input(.syntax) = error else { Issue.record("expected a syntax error, got \(error)"); return }
                #expect(error.description.hasPrefix("\(file.path):3:"))
            }
        }
    }

    @Test func blankNodeGraphNamesAreRefused() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("b.nq")
            try Data("<http://ex/a> <http://ex/p> <http://ex/b> _:g .\n".utf8).write(to: file)
            #expect(throws: LoadPlanError.self) {
                _ = try LoadPlan.prepare(inputs: [(path: file.path, format: .nquads)], graph: .defaultGraph, countDistinct: false, temporaryDirectory: folder)
            }
        }
    }
}
