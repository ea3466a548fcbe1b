import Foundation
import GraphIO
import RDFModel
import ShapeValidation
import Testing
import TestSupport

private let fixtures = ExternalTool.packageRoot.appendingPathComponent("Tests/ShapeValidationTests/Fixtures")
private let kgShapes = ExternalTool.packageRoot.appendingPathComponent("Ontology/shapes.ttl")
private let userShapes = fixtures.appendingPathComponent("user/shapes.ttl")

private func readGraph(_ url: URL) throws -> Graph {
    var graph = Graph()
    try GraphReader.read(path: url.path) { graph.insert($0.triple) }
    return graph
}

private func turtle(_ text: String) throws -> Graph {
    var graph = Graph()
    try GraphReader.read(bytes: Array(text.utf8), name: "test.ttl", format: .turtle) { graph.insert($0.triple) }
    return graph
}

private func dataFiles(_ folder: String) -> [URL] {
    let directory = fixtures.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".ttl") && $0 != "shapes.ttl" }.sorted().map { directory.appendingPathComponent($0) }
}

/// "conforms" or "fails" with "Component=count" fields, the form pyshacl_counts.py prints.
private func verdict(_ report: ValidationReport) -> [String] {
    var counts: [String: Int] = [:]
    for result in report.results {
        let local = String(result.sourceConstraintComponent.value.split(separator: "#").last ?? "")
        counts[String(local.dropLast("ConstraintComponent".count)), default: 0] += 1
    }
    return [report.conforms ? "conforms" : "fails"] + counts.keys.sorted().map { "\($0)=\(counts[$0] ?? 0)" }
}

/// The `# expect:` line of a fixture: "conforms", or "Component count, …".
private func expectedVerdict(_ url: URL) throws -> [String] {
    let text = try String(contentsOf: url, encoding: .utf8)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# expect: ") }) else { return ["missing # expect: line"] }
    let body = line.dropFirst("# expect: ".count)
    if body == "conforms" { return ["conforms"] }
    let pairs = body.split(separator: ",").map { $0.split(separator: " ").map(String.init) }
    return ["fails"] + pairs.map { "\($0[0])=\($0.count > 1 ? $0[1] : "?")" }.sorted()
}

@Suite struct ShapeValidatorTests {
    @Test(arguments: dataFiles("kg"))
    func brokenGraphsBreakTheOntologyShapesAsDeclared(_ file: URL) throws {
        let validator = ShapeValidator(shapes: try ShapesGraph(try readGraph(kgShapes)))
        #expect(verdict(try validator.validate(try readGraph(file))) == (try expectedVerdict(file)), "\(file.lastPathComponent)")
    }

    @Test(arguments: dataFiles("user"))
    func userShapesFindWhatEachFileBreaks(_ file: URL) throws {
        let validator = ShapeValidator(shapes: try ShapesGraph(try readGraph(userShapes)))
        #expect(verdict(try validator.validate(try readGraph(file))) == (try expectedVerdict(file)), "\(file.lastPathComponent)")
    }

    @Test func theCommittedOutputConforms() throws {
        let validator = ShapeValidator(shapes: try ShapesGraph(try readGraph(kgShapes)))
        for name in ["graph.ttl", "provenance.ttl"] {
            let report = try validator.validate(try readGraph(ExternalTool.packageRoot.appendingPathComponent("Output/\(name)")))
            #expect(report.conforms, "Output/\(name): \(report.results.prefix(5))")
            #expect(report.checkedFocusNodes > 100, "the shapes' targets select the output's nodes")
        }
    }

    @Test(.enabled(if: ExternalTool.shouldRun(needingPythonModule: "pyshacl"), "needs python3 with pyshacl: run Scripts/test.sh, which installs it into .venv-test"))
    func agreesWithPySHACL() throws {
        let python = try #require(ExternalTool.path("python3"), "python3 is not installed")
        let cases: [(shapes: URL, data: [URL])] = [
            (kgShapes, dataFiles("kg") + ["graph.ttl", "provenance.ttl"].map { ExternalTool.packageRoot.appendingPathComponent("Output/\($0)") }),
            (userShapes, dataFiles("user")),
        ]
        var compared = 0
        for (shapesFile, data) in cases {
            let run = try ExternalTool.run(python, [fixtures.appendingPathComponent("pyshacl_counts.py").path, shapesFile.path] + data.map(\.path))
            try #require(run.status == 0, "pyshacl_counts.py failed: \(run.error)")
            let lines = run.output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
            #expect(lines.count == data.count)
            let validator = ShapeValidator(shapes: try ShapesGraph(try readGraph(shapesFile)))
            for fields in lines {
                let file = URL(fileURLWithPath: fields[0])
                #expect(verdict(try validator.validate(try readGraph(file))) == Array(fields.dropFirst()), "\(file.lastPathComponent): kg and pySHACL differ")
                compared += 1
            }
        }
        #expect(compared >= 30)
    }

    @Test(.enabled(if: ExternalTool.shouldRun(needingPythonModule: "rdflib"), "needs python3 with rdflib: run Scripts/test.sh, which installs it into .venv-test"))
    func shapesAreDerivedFromTheCurrentOntology() throws {
        let python = try #require(ExternalTool.path("python3"), "python3 is not installed")
        let run = try ExternalTool.run(python, ["Scripts/derive-shapes.py", "Ontology/core.ttl", "-"])
        try #require(run.status == 0, "\(run.error)")
        let committed = try String(contentsOf: kgShapes, encoding: .utf8)
        #expect(run.output == committed, "Ontology/shapes.ttl is stale: run python3 Scripts/derive-shapes.py")
    }

    @Test func theReportIsAStandardValidationReportInAFixedOrder() throws {
        let shapes = try ShapesGraph(try readGraph(kgShapes))
        let data = try readGraph(fixtures.appendingPathComponent("kg/24-several-faults.ttl"))
        let report = try ShapeValidator(shapes: shapes).validate(data)
        let graph = report.graph(shapes: shapes)
        let sh = "http://www.w3.org/ns/shacl#"
        let results = graph.triples.filter { $0.predicate == IRI(sh + "result") }
        #expect(results.count == 4)
        #expect(graph.contains(Triple(.blank(BlankNode("report")), IRI(sh + "conforms"), .literal(Literal("false", datatype: Vocabulary.XSD.boolean)))))
        for property in ["focusNode", "sourceShape", "sourceConstraintComponent", "resultSeverity", "resultMessage"] {
            #expect(graph.triples.filter { $0.predicate == IRI(sh + property) }.count == 4, "each result has sh:\(property)")
        }
        let again = try ShapeValidator(shapes: shapes).validate(Graph(data.sortedTriples.reversed()))
        #expect(again.graph(shapes: shapes) == graph, "the same data gives the same report")
    }

    @Test func aBlankNodePathIsCopiedIntoTheReport() throws {
        let shapes = try ShapesGraph(try turtle("""
            @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
            ex:S sh:targetNode ex:a ; sh:property [ sh:path [ sh:inversePath ex:knows ] ; sh:minCount 1 ] .
            """))
        let report = try ShapeValidator(shapes: shapes).validate(try turtle("<https://example.org/a> <https://example.org/p> 1 ."))
        #expect(report.results.count == 1)
        let path = try #require(report.results.first?.resultPath)
        let graph = report.graph(shapes: shapes)
        #expect(graph.contains(Triple(path, IRI("http://www.w3.org/ns/shacl#inversePath"), .iri(IRI("https://example.org/knows")))))
    }

    @Test func shapesKGCannotEvaluateAreRefusedNotIgnored() throws {
        let prefixes = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .\n"
        #expect(throws: ShapesError.self) {
            _ = try ShapesGraph(try turtle(prefixes + "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedValueShape ex:T ; sh:qualifiedMinCount 1 ] ."))
        }
        #expect(throws: ShapesError.self) { _ = try ShapesGraph(try turtle(prefixes + "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount \"many\" ] .")) }
        #expect(throws: ShapesError.self) { _ = try ShapesGraph(try turtle(prefixes + "ex:S sh:targetClass ex:C ; sh:minCount 1 .")) }
        #expect(throws: ShapesError.self) { _ = try ShapesGraph(try turtle(prefixes + "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern \"(\" ] .")) }
        #expect(throws: ShapesError.self) { _ = try ShapesGraph(try turtle(prefixes + "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern \"a\" ; sh:flags \"z\" ] .")) }
        #expect(throws: ShapesError.self) { _ = try ShapesGraph(try turtle(prefixes + "ex:S sh:targetClass ex:C ; sh:property [ sh:path \"p\" ] .")) }
    }

    @Test func aRecursiveShapeIsAnErrorNotALoop() throws {
        let shapes = try ShapesGraph(try turtle("""
            @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
            ex:Chain sh:targetNode ex:a ; sh:property [ sh:path ex:next ; sh:node ex:Chain ] .
            """))
        let data = try turtle("@prefix ex: <https://example.org/> . ex:a ex:next ex:a .")
        #expect(throws: ShapesError.tooDeep(shape: "<https://example.org/Chain>")) { _ = try ShapeValidator(shapes: shapes).validate(data) }
    }

    @Test func literalsAreCheckedAgainstTheLexicalSpaceOfTheirDatatype() throws {
        let shapes = try ShapesGraph(try turtle("""
            @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ex:N sh:targetSubjectsOf ex:n ; sh:property [ sh:path ex:n ; sh:datatype xsd:nonNegativeInteger ] .
            ex:D sh:targetSubjectsOf ex:d ; sh:property [ sh:path ex:d ; sh:datatype xsd:date ] .
            ex:B sh:targetSubjectsOf ex:b ; sh:property [ sh:path ex:b ; sh:datatype xsd:boolean ] .
            """))
        func failures(_ body: String) throws -> Int {
            let data = try turtle("@prefix ex: <https://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n" + body)
            return try ShapeValidator(shapes: shapes).validate(data).results.count
        }
        #expect(try failures(#"ex:a ex:n "0"^^xsd:nonNegativeInteger, "42"^^xsd:nonNegativeInteger ."#) == 0)
        #expect(try failures(#"ex:a ex:n "-1"^^xsd:nonNegativeInteger, "4.5"^^xsd:nonNegativeInteger, "x"^^xsd:nonNegativeInteger ."#) == 3)
        #expect(try failures(#"ex:a ex:d "2026-12-02"^^xsd:date, "2026-12-02Z"^^xsd:date ."#) == 0)
        #expect(try failures(#"ex:a ex:d "2026-13-02"^^xsd:date, "02/12/2026"^^xsd:date ."#) == 2)
        #expect(try failures(#"ex:a ex:b true, "0"^^xsd:boolean ."#) == 0)
        #expect(try failures(#"ex:a ex:b "yes"^^xsd:boolean ."#) == 1)
    }
}
