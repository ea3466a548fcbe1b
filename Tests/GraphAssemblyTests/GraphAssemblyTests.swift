import Foundation
import Testing
import Extraction
@testable import GraphAssembly
import OntologyModel
import RDFModel
import TextAnnotation

@Suite struct GraphAssemblyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func setup() throws -> StageContext {
        let bundle = try OntologyLoader.load(from: Self.root.appendingPathComponent("Ontology"), includeLexicons: false)
        let rules = try ExtractionRules.load(from: Self.root.appendingPathComponent("Ontology/rules"), ontology: bundle.ontology)
        let lexicon = Lexicon(entries: [
            LexiconEntry(label: "Shanghai", altLabels: [], entityClass: "City", wikidata: "Q8686", extra: [:]),
            LexiconEntry(label: "China", altLabels: [], entityClass: "Country", wikidata: "Q148", extra: [:]),
        ])
        return StageContext(ontology: bundle.ontology, lexicon: lexicon, rules: rules)
    }

    func corpus(_ texts: [(String, String)]) throws -> (MergedCorpus, Ontology) {
        let context = try setup()
        let pipeline = try StageRegistry.pipeline()
        let documents = try texts.map { try pipeline.run(Document(identifier: $0.0, text: $0.1), in: context) }
        return (CorpusMerger.merge(documents, ontology: context.ontology), context.ontology)
    }

    let texts = [
        ("b/second.txt", "The Karolinska Biomedicum Institute, led by Professor Anna Lindqvist, moved to Shanghai, China."),
        ("a/first é.txt", "Professor Anna Lindqvist visited Shanghai. The Karolinska Biomedicum Institute is funded by the Swedish Research Council."),
    ]

    @Test func mintsStableIRIsFromClassAndLabel() {
        #expect(EntityMinter.iri(entityClass: "ResearchInstitute", label: "Shanghai Stem Cell Institute").value
                == "https://w3id.org/kg/id/ResearchInstitute/shanghai-stem-cell-institute")
        #expect(EntityMinter.slug("Zürich — Café & Co.") == "zurich-cafe-co")
        #expect(DocumentIRIs.document("a/first é.txt").value == "https://w3id.org/kg/id/doc/a/first%20%C3%A9.txt")
    }

    @Test func namesThatMintOneIRIBecomeOneEntity() throws {
        // Two spellings that resolution keeps apart ("Café" and "Cafe") mint the same IRI: the merge
        // makes them one entity instead of two with one IRI.
        let (merged, _) = try corpus([
            ("a.txt", "The Café Lindqvist Research Institute opened in Shanghai."),
            ("b.txt", "The Cafe Lindqvist Research Institute opened in Shanghai."),
        ])
        let institutes = merged.entities.filter { $0.entityClass == "ResearchInstitute" }
        #expect(institutes.count == 1)
        #expect(Set(merged.entities.map(\.iri)).count == merged.entities.count)
        #expect(institutes.first?.memberCount == 2)
    }

    @Test func provenanceMappingDoesNotDependOnThreads() throws {
        let (merged, ontology) = try corpus(texts)
        let one = DatasetBuilder.build(merged, ontology: ontology, jobs: 1)
        let two = DatasetBuilder.build(merged, ontology: ontology, jobs: 2)
        #expect(one.dataset == two.dataset)
        #expect(one.provenance == two.provenance)
        #expect(one.statementKeys == two.statementKeys)
        #expect(one.statementKeys.count == merged.documents.count)
    }

    @Test func summariesMergeToTheSameCorpusInAnyOrderAndThreads() throws {
        let (inMemory, ontology) = try corpus(texts + [("c.txt", "Anna Lindqvist of the Swedish Research Council spoke in Shanghai.")])
        let accumulator = CorpusAccumulator(ontology: ontology)
        let documents = inMemory.documents
        // Added from two threads, last document first: the accumulator counts, it does not order.
        let summaries = ParallelMap.map(0..<documents.count, jobs: 2) { index in
            DocumentSummary(documents[documents.count - 1 - index], accumulator: accumulator)
        }
        let streamed = CorpusMerger.merge(summaries: summaries, accumulator: accumulator)
        #expect(streamed.entities == inMemory.entities)
        #expect(streamed.identifiers == inMemory.identifiers)
        #expect(!streamed.relations.isEmpty)
        #expect(streamed.relations == inMemory.relations)
        var perDocument = Graph()
        for (index, document) in documents.enumerated() {
            // A document read back is resolved against the merge without being counted again.
            let resolving = streamed.resolving(document, as: index, accumulator: accumulator)
            for entity in document.entities.indices {
                #expect(resolving.iri(document: index, entity: entity) == inMemory.iri(document: index, entity: entity))
            }
            perDocument.formUnion(GraphBuilder.relations(resolving, document: index, annotated: document, ontology: ontology))
        }
        #expect(perDocument == streamed.relations)
        #expect(CorpusMerger.merge(summaries: summaries, accumulator: accumulator).entities == streamed.entities)
    }

    @Test func mergeDoesNotDependOnDocumentOrder() throws {
        let (forward, ontology) = try corpus(texts)
        let (backward, _) = try corpus(texts.reversed())
        #expect(GraphBuilder.graph(forward, ontology: ontology) == GraphBuilder.graph(backward, ontology: ontology))
        #expect(DatasetBuilder.dataset(forward, ontology: ontology) == DatasetBuilder.dataset(backward, ontology: ontology))
        // One entity for the person named in both documents.
        #expect(forward.entities.filter { $0.entityClass == "Person" }.count == 1)
    }

    @Test func everyStatementHasAProvenanceRecordAndOffsetsSelectAnchors() throws {
        let (merged, ontology) = try corpus(texts)
        let dataset = DatasetBuilder.dataset(merged, ontology: ontology)
        let domain = GraphBuilder.graph(merged, ontology: ontology)
        #expect(dataset.graphNames.compactMap { $0?.iri?.value }.sorted() == [
            "https://w3id.org/kg/id/doc/a/first%20%C3%A9.txt", "https://w3id.org/kg/id/doc/b/second.txt",
        ])
        let quads = dataset.quads
        for triple in domain {
            let records = quads.filter { $0.predicate == Vocabulary.RDF.subject && $0.object == triple.subject }.map(\.subject)
            let matching = records.filter { record in
                quads.contains { $0.subject == record && $0.predicate == Vocabulary.RDF.predicate && $0.object == .iri(triple.predicate) }
                    && quads.contains { $0.subject == record && $0.predicate == Vocabulary.RDF.object && $0.object == triple.object }
            }
            #expect(!matching.isEmpty, "no provenance record for \(triple)")
        }
        let texts = Dictionary(uniqueKeysWithValues: merged.documents.map { (DocumentIRIs.document($0.document.identifier).value, $0.document) })
        var checked = 0
        for anchor in quads where anchor.predicate == Vocabulary.NIF.anchorOf {
            guard let graph = anchor.graph?.iri?.value, let document = texts[graph] else { continue }
            func offset(_ predicate: IRI) -> Int? {
                quads.first { $0.subject == anchor.subject && $0.predicate == predicate }?.object.literal.flatMap { Int($0.lexicalForm) }
            }
            let begin = try #require(offset(Vocabulary.NIF.beginIndex)), end = try #require(offset(Vocabulary.NIF.endIndex))
            #expect(document.text(in: TextRange(begin, end)) == anchor.object.literal?.lexicalForm)
            checked += 1
        }
        #expect(checked > 5)
    }

    @Test func confidenceIsACanonicalDecimal() {
        #expect(ProvenanceMapper.confidence(0.85) == .literal(Literal("0.85", datatype: Vocabulary.XSD.decimal)))
        #expect(ProvenanceMapper.confidence(1) == .literal(Literal("1.0", datatype: Vocabulary.XSD.decimal)))
        #expect(ProvenanceMapper.confidence(0.5) == .literal(Literal("0.5", datatype: Vocabulary.XSD.decimal)))
    }
}
