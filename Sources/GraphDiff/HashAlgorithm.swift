/// The hash function RDFC-1.0 runs with. SHA-256 is the Recommendation's default.
public enum HashAlgorithm: String, Sendable, CaseIterable {
    case sha256
    case sha384

    /// The lower-case hexadecimal digest of the UTF-8 bytes of `text`, the form RDFC-1.0 compares and concatenates.
    public func hexDigest(_ text: String) -> String {
        let digest: [UInt8]
        switch self {
        case .sha256:
            var hasher = SHA256()
            hasher.update(text)
            digest = hasher.finalize()
        case .sha384:
            var hasher = SHA384()
            hasher.update(text)
            digest = hasher.finalize()
        }
        return Self.hex(digest)
    }

    /// Lower-case hexadecimal form of bytes.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
