import RDFModel

/// Links from an entity to the identifiers public authorities already use for it. A lexicon
/// entry carries a compact identifier (`CL:0000057`); this turns it into the authority's IRI and
/// the predicate that fits: the ontology terms of OBO (Cell Ontology, MONDO, NCBITaxon) and EFO
/// are classes, and a gene record at NCBI describes the gene rather than being it, so those are
/// `skos:exactMatch`; a GeoNames feature and a Wikidata item are the thing itself, so
/// `owl:sameAs`.
public enum AuthorityLinks {
    /// One authority: its compact prefix, the IRI of an identifier (`before` + local + `after`),
    /// and the predicate that links to it.
    public struct Authority: Sendable {
        public let prefix: String
        public let before: String
        public let after: String
        public let predicate: IRI
    }

    /// The authorities kg links to.
    public static let authorities = [
        Authority(prefix: "CL", before: "http://purl.obolibrary.org/obo/CL_", after: "", predicate: Vocabulary.SKOS.exactMatch),
        Authority(prefix: "MONDO", before: "http://purl.obolibrary.org/obo/MONDO_", after: "", predicate: Vocabulary.SKOS.exactMatch),
        Authority(prefix: "NCBITaxon", before: "http://purl.obolibrary.org/obo/NCBITaxon_", after: "", predicate: Vocabulary.SKOS.exactMatch),
        Authority(prefix: "EFO", before: "http://www.ebi.ac.uk/efo/EFO_", after: "", predicate: Vocabulary.SKOS.exactMatch),
        Authority(prefix: "ncbigene", before: "https://identifiers.org/ncbigene:", after: "", predicate: Vocabulary.SKOS.exactMatch),
        Authority(prefix: "geonames", before: "https://sws.geonames.org/", after: "/", predicate: Vocabulary.OWL.sameAs),
        Authority(prefix: "wikidata", before: "http://www.wikidata.org/entity/", after: "", predicate: Vocabulary.OWL.sameAs),
    ]

    /// The link triple of a compact identifier, or nil for an unknown prefix or a local part that
    /// is not a plain identifier (letters, digits, `_`, `.`, `-`).
    public static func triple(_ subject: Term, _ compact: String) -> Triple? {
        guard let colon = compact.firstIndex(of: ":") else { return nil }
        let prefix = String(compact[..<colon]), local = String(compact[compact.index(after: colon)...])
        guard !local.isEmpty, local.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || "_.-".unicodeScalars.contains($0) }),
              let authority = authorities.first(where: { $0.prefix == prefix }) else { return nil }
        return Triple(subject, authority.predicate, .iri(IRI(authority.before + local + authority.after)))
    }
}
