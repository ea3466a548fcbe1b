import Foundation
import RDFModel

/// Mints entity IRIs from the class and a slug of the canonical label, never from processing
/// order, so the same entity gets the same IRI in every run, shard and thread count.
public enum EntityMinter {
    /// `https://w3id.org/kg/id/{Class}/{slug}`.
    public static func iri(entityClass: String, label: String) -> IRI {
        IRI(PrefixMap.kgEntityNamespace + entityClass + "/" + slug(label))
    }

    /// Lower-case letters and digits of any script, diacritics removed, other runs turned into `-`.
    public static func slug(_ label: String) -> String {
        if let ascii = asciiSlug(label) { return ascii }
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

    /// `slug` of an all-ASCII label, where folding changes nothing but case: one pass over the
    /// bytes. Nil for any other label.
    static func asciiSlug(_ label: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(label.utf8.count)
        var pendingDash = false
        for byte in label.utf8 {
            guard byte < 0x80 else { return nil }
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lowered >= 0x61 && lowered <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if pendingDash, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(lowered)
            } else {
                pendingDash = true
            }
        }
        return bytes.isEmpty ? "unnamed" : String(decoding: bytes, as: UTF8.self)
    }
}
