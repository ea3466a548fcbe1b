import OntologyModel
import RDFModel
import TextAnnotation

/// The one place that decides how provenance becomes RDF.
///
/// - Text and mentions in NIF 2.0: each document is a `nif:Context` holding its text; each
///   sentence a `nif:Sentence`, each mention a `nif:Phrase` with its offsets, anchor text, sentence
///   and `itsrdf:taIdentRef` to its entity.
/// - Statements in PROV-O through RDF reification, which every store loads: for each statement a
///   document supports, an `rdf:Statement` record with `prov:wasDerivedFrom` its mentions (or its
///   sentence), `prov:wasGeneratedBy` the activity of the stage and rule, and `kg:confidence`.
///   One record per statement and document; records of the same statement from two documents stay
///   apart, so each document's named graph is self-contained.
public enum ProvenanceMapper {
    /// NIF and PROV triples for document `index` of the corpus, held by the corpus.
    public static func provenance(_ corpus: MergedCorpus, document index: Int, ontology: Ontology) -> Graph {
        provenance(corpus, document: index, annotated: corpus.documents[index], ontology: ontology)
    }

    /// NIF and PROV triples for document `index` of the corpus, given its annotations.
    public static func provenance(_ corpus: MergedCorpus, document index: Int, annotated: AnnotatedDocument, ontology: Ontology) -> Graph {
        Graph(triples(corpus, document: index, annotated: annotated, ontology: ontology))
    }

    /// The triples of ``provenance(_:document:annotated:ontology:)`` as a list, which may repeat a
    /// triple (writers that sort drop repeats, at less cost than hashing every triple).
    public static func triples(_ corpus: MergedCorpus, document index: Int, annotated: AnnotatedDocument, ontology: Ontology) -> [Triple] {
        let document = annotated.document
        var graph = TripleList()
        let context = Term.iri(DocumentIRIs.context(document))
        graph.insert(Triple(context, Vocabulary.RDF.type, .iri(Vocabulary.NIF.context)))
        graph.insert(Triple(context, Vocabulary.RDF.type, .iri(Vocabulary.NIF.offsetBasedString)))
        graph.insert(Triple(context, Vocabulary.NIF.isString, .literal(Literal(document.text))))
        graph.insert(Triple(context, Vocabulary.NIF.beginIndex, offset(0)))
        graph.insert(Triple(context, Vocabulary.NIF.endIndex, offset(document.scalars.count)))
        graph.insert(Triple(context, Vocabulary.NIF.sourceUrl, .iri(DocumentIRIs.document(document.identifier))))

        func sentenceIRI(_ sentence: Int?) -> Term? {
            guard let sentence, annotated.sentences.indices.contains(sentence) else { return nil }
            return .iri(DocumentIRIs.string(document.identifier, annotated.sentences[sentence].range))
        }
        func mentionIRI(_ mention: Int) -> Term { .iri(DocumentIRIs.string(document.identifier, annotated.mentions[mention].range)) }

        // Sentences that hold a mention or a fact.
        var usedSentences = Set(annotated.mentions.compactMap(\.sentence))
        usedSentences.formUnion(annotated.relations.compactMap(\.provenance.sentence))
        for sentence in usedSentences.sorted() where annotated.sentences.indices.contains(sentence) {
            let range = annotated.sentences[sentence].range
            let subject = Term.iri(DocumentIRIs.string(document.identifier, range))
            addString(subject, range: range, type: Vocabulary.NIF.sentence, context: context, document: document, to: &graph)
        }
        // Mentions of entities.
        for (entityIndex, entity) in annotated.entities.enumerated() {
            guard let iri = corpus.iri(document: index, entity: entityIndex) else { continue }
            for mention in entity.mentions {
                let subject = mentionIRI(mention)
                let found = annotated.mentions[mention]
                addString(subject, range: found.range, type: Vocabulary.NIF.phrase, context: context, document: document, to: &graph)
                graph.insert(Triple(subject, Vocabulary.ITSRDF.taIdentRef, .iri(iri)))
                if let sentence = sentenceIRI(found.sentence) { graph.insert(Triple(subject, Vocabulary.NIF.sentenceProperty, sentence)) }
                addActivity(found.provenance, generating: subject, ontology: ontology, to: &graph)
            }
        }
        // Records for the entity descriptions this document supports.
        for (entityIndex, entity) in annotated.entities.enumerated() {
            guard let iri = corpus.iri(document: index, entity: entityIndex),
                  let merged = corpus.entity(iri: iri) else { continue }
            let subject = Term.iri(iri)
            let evidence = entity.mentions.map(mentionIRI)
            var statements = [Triple(subject, Vocabulary.RDF.type, .iri(ontology.iri(merged.entityClass)))]
            let surfaces = Set(entity.mentions.filter { annotated.mentions[$0].isName }.map { document.text(in: annotated.mentions[$0].range) })
            let names = Set([entity.preferredLabel]).union(entity.altLabels).union(surfaces)
            if names.contains(merged.label) {
                statements.append(Triple(subject, Vocabulary.RDFS.label, .literal(Literal(merged.label, language: "en"))))
            }
            for alternative in merged.altLabels where names.contains(alternative) {
                statements.append(Triple(subject, Vocabulary.SKOS.altLabel, .literal(Literal(alternative, language: "en"))))
            }
            for link in merged.links where entity.links.contains(link) {
                if let triple = AuthorityLinks.triple(subject, link) { statements.append(triple) }
            }
            for statement in statements {
                addRecord(for: statement, evidence: evidence, provenance: entity.provenance, document: document, ontology: ontology, to: &graph)
            }
        }
        // Records for the relations: one per statement. Two entities of one document can mint one
        // IRI (a name read with and without its region), so two relations can make one statement;
        // the first one's record stands, as a record has one activity and one confidence.
        var recorded = Set<Triple>()
        for relation in annotated.relations {
            guard let triple = GraphBuilder.triple(for: relation, in: corpus, document: index, ontology: ontology),
                  recorded.insert(triple).inserted else { continue }
            var evidence = relation.evidence.filter { annotated.mentions.indices.contains($0) }.map(mentionIRI)
            if let sentence = sentenceIRI(relation.provenance.sentence) { evidence.append(sentence) }
            if evidence.isEmpty { evidence = [.iri(DocumentIRIs.string(document.identifier, relation.provenance.range))] }
            addRecord(for: triple, evidence: evidence, provenance: relation.provenance, document: document, ontology: ontology, to: &graph)
        }
        return graph.triples
    }

    /// Triples in the order they are made; each activity is described once.
    struct TripleList {
        var triples: [Triple] = []
        var activities: Set<Term> = []
        mutating func insert(_ triple: Triple) { triples.append(triple) }
    }

    static func offset(_ value: Int) -> Term {
        .literal(Literal(String(value), datatype: Vocabulary.XSD.nonNegativeInteger))
    }

    static func addString(_ subject: Term, range: TextRange, type: IRI, context: Term, document: Document, to graph: inout TripleList) {
        graph.insert(Triple(subject, Vocabulary.RDF.type, .iri(type)))
        graph.insert(Triple(subject, Vocabulary.RDF.type, .iri(Vocabulary.NIF.offsetBasedString)))
        graph.insert(Triple(subject, Vocabulary.NIF.referenceContext, context))
        graph.insert(Triple(subject, Vocabulary.NIF.beginIndex, offset(range.lowerBound)))
        graph.insert(Triple(subject, Vocabulary.NIF.endIndex, offset(range.upperBound)))
        graph.insert(Triple(subject, Vocabulary.NIF.anchorOf, .literal(Literal(document.text(in: range)))))
    }

    /// The namespace of activities: the only subjects that the provenance of two documents share.
    public static let activityNamespace = PrefixMap.kgEntityNamespace + "activity/"

    /// The activity of a stage and rule: `kgr:activity/<stage>/<rule>`.
    public static func activity(stage: String, rule: String) -> IRI {
        IRI(activityNamespace + EntityMinter.slug(stage) + "/" + EntityMinter.slug(rule))
    }

    static func addActivity(_ provenance: Provenance, generating subject: Term, ontology: Ontology, to graph: inout TripleList) {
        let activity = Term.iri(activity(stage: provenance.stage, rule: provenance.rule))
        if graph.activities.insert(activity).inserted {
            graph.insert(Triple(activity, Vocabulary.RDF.type, .iri(Vocabulary.PROV.activity)))
            graph.insert(Triple(activity, ontology.iri("stage"), .literal(Literal(provenance.stage))))
            graph.insert(Triple(activity, ontology.iri("rule"), .literal(Literal(provenance.rule))))
        }
        graph.insert(Triple(subject, Vocabulary.PROV.wasGeneratedBy, activity))
        graph.insert(Triple(subject, ontology.iri("confidence"), confidence(provenance.confidence)))
    }

    static func addRecord(for statement: Triple, evidence: [Term], provenance: Provenance, document: Document, ontology: Ontology, to graph: inout TripleList) {
        let record = Term.iri(recordIRI(statement, document: document.identifier))
        graph.insert(Triple(record, Vocabulary.RDF.type, .iri(Vocabulary.RDF.statement)))
        graph.insert(Triple(record, Vocabulary.RDF.subject, statement.subject))
        graph.insert(Triple(record, Vocabulary.RDF.predicate, .iri(statement.predicate)))
        graph.insert(Triple(record, Vocabulary.RDF.object, statement.object))
        for source in evidence { graph.insert(Triple(record, Vocabulary.PROV.wasDerivedFrom, source)) }
        addActivity(provenance, generating: record, ontology: ontology, to: &graph)
    }

    /// `<document IRI>#statement-<hash>`: a 64-bit FNV-1a of the statement's N-Triples line and
    /// the document, so the same statement from the same document always gets the same record.
    /// Inside the document's IRI, as its strings are, so that everything a document's provenance
    /// says about its own nodes sorts together and the provenance files can be written document
    /// by document.
    static func recordIRI(_ statement: Triple, document: String) -> IRI {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (NTriplesFormatter.line(statement) + "\n" + document).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return IRI(DocumentIRIs.document(document).value + "#statement-" + String(repeating: "0", count: 16 - hex.count) + hex)
    }

    /// An `xsd:decimal` with at most three fractional digits, in canonical form.
    static func confidence(_ value: Double) -> Term {
        let thousandths = Int((min(1, max(0, value)) * 1000).rounded())
        var fraction = String(thousandths % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.count > 1, fraction.hasSuffix("0") { fraction.removeLast() }
        return .literal(Literal("\(thousandths / 1000).\(fraction)", datatype: Vocabulary.XSD.decimal))
    }
}
