import RDFModel
import TextAnnotation

/// IRIs of documents and of strings inside them. A document's IRI comes from its path relative
/// to the input root, so it is stable across runs; strings use RFC 5147 fragments (`#char=b,e`,
/// offsets in Unicode code points, as NIF 2.0 counts them).
public enum DocumentIRIs {
    public static let namespace = PrefixMap.kgEntityNamespace + "doc/"

    /// The document (and its named graph): `https://w3id.org/kg/id/doc/<path>`.
    public static func document(_ identifier: String) -> IRI {
        IRI(namespace + percentEncoded(identifier))
    }

    /// A string of the document from `begin` to `end`.
    public static func string(_ identifier: String, _ range: TextRange) -> IRI {
        IRI(document(identifier).value + "#char=\(range.lowerBound),\(range.upperBound)")
    }

    /// The whole text: the document's `nif:Context`.
    public static func context(_ document: Document) -> IRI {
        string(document.identifier, TextRange(0, document.scalars.count))
    }

    /// Keeps unreserved characters and `/`; everything else as UTF-8 `%XX`.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
