import Foundation
import GraphAssembly
import RDFModel
import TextAnnotation

/// The version kg reports in run metadata.
let kgVersion = "0.1.0"

/// `run.ttl`: the one place a run's clock time is recorded, kept out of the deterministic files.
enum RunMetadata {
    static func graph(started: Date, ended: Date, documents: [String]) -> Graph {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let run = Term.iri(IRI(PrefixMap.kgEntityNamespace + "run/" + formatter.string(from: started).replacingOccurrences(of: ":", with: "")))
        let agent = Term.iri(IRI(PrefixMap.kgEntityNamespace + "software/kg/" + kgVersion))
        var graph = Graph()
        graph.insert(Triple(run, Vocabulary.RDF.type, .iri(Vocabulary.PROV.activity)))
        graph.insert(Triple(run, Vocabulary.PROV.startedAtTime, .literal(Literal(formatter.string(from: started), datatype: Vocabulary.XSD.dateTime))))
        graph.insert(Triple(run, Vocabulary.PROV.endedAtTime, .literal(Literal(formatter.string(from: ended), datatype: Vocabulary.XSD.dateTime))))
        graph.insert(Triple(run, Vocabulary.PROV.wasAssociatedWith, agent))
        graph.insert(Triple(run, Vocabulary.PROV.generated, .iri(VoIDDescription.datasetIRI)))
        for identifier in documents {
            graph.insert(Triple(run, Vocabulary.PROV.used, .iri(DocumentIRIs.document(identifier))))
        }
        graph.insert(Triple(agent, Vocabulary.RDF.type, .iri(Vocabulary.PROV.softwareAgent)))
        graph.insert(Triple(agent, Vocabulary.RDFS.label, .literal(Literal("kg \(kgVersion)", language: "en"))))
        graph.insert(Triple(agent, Vocabulary.DCTerms.hasVersion, .literal(Literal(kgVersion))))
        return graph
    }
}
