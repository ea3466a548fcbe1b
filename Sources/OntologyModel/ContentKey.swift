import Foundation

/// Content keys for caches: 32 hex digits of kg's fast 128-bit hash (`LexiconHasher`) over a
/// list of fields. They tell changed inputs apart; they are not for adversaries.
public enum ContentKey {
    /// The key of `fields`, each hashed with its length so fields never run together.
    public static func hex(_ fields: [String]) -> String {
        var hasher = LexiconHasher()
        hasher.combine(UInt64(fields.count))
        for field in fields { hasher.combine(field) }
        let (high, low) = hasher.finish()
        return hexDigits(high) + hexDigits(low)
    }

    /// The key of an extraction configuration: the running `kg` build and every file under the
    /// ontology folder (core ontology, rules, lexicons, pipeline), names and bytes. Any edit,
    /// added or removed file, or rebuilt `kg` gives another key.
    public static func configuration(ontologyFolder folder: URL) throws -> String {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        var paths: [String] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                paths.append(String(url.standardizedFileURL.resolvingSymlinksInPath().path.dropFirst(root.path.count)))
            }
        }
        var hasher = LexiconHasher()
        hasher.combine("kg-configuration")
        hasher.combine(LexiconCache.programIdentity)
        for path in paths.sorted() {
            let bytes = try Data(contentsOf: root.appendingPathComponent(path))
            hasher.combine(path)
            bytes.withUnsafeBytes { hasher.combine($0) }
        }
        let (high, low) = hasher.finish()
        return hexDigits(high) + hexDigits(low)
    }

    private static func hexDigits(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
