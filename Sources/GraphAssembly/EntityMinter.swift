import Foundation
import RDFModel
import TextAnnotation

/// Mints entity IRIs from the class and a slug of the canonical label, never from processing
/// order, so the same entity gets the same IRI in every run, shard and thread count.
public enum EntityMinter {
    /// `https://w3id.org/kg/id/{Class}/{slug}`.
    public static func iri(entityClass: String, label: String) -> IRI {
        IRI(PrefixMap.kgEntityNamespace + entityClass + "/" + slug(label))
    }

    /// Lower-case letters and digits of any script, diacritics removed, other runs turned into `-`.
    public static func slug(_ label: String) -> String {
        // An all-ASCII label folds to its lower-case letters and digits: the name key's words.
        if let words = NameKey.asciiWordList(label) { return words.isEmpty ? "unnamed" : words.joined(separator: "-") }
        let folded = label.precomposedStringWithCompatibilityMapping
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = String.UnicodeScalarView()
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "unnamed" : String(out)
    }
}
