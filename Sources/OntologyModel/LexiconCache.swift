import Foundation

/// A fast non-cryptographic hash (two 64-bit multiply-rotate lanes over 8-byte words): a content
/// key for lexicon files and a checksum for compiled lexicons. Not for adversaries; for telling
/// changed files and damaged caches apart.
struct LexiconHasher {
    private var first: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0

    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63

    @inline(__always) private mutating func mix(_ word: UInt64) {
        first = ((first ^ (word &* Self.prime2)) << 31 | (first ^ (word &* Self.prime2)) >> 33) &* Self.prime1
        second = ((second &+ (word &* Self.prime4)) << 27 | (second &+ (word &* Self.prime4)) >> 37) &* Self.prime3 ^ first
    }

    /// Adds a field: its length, then its bytes (so fields never run together).
    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var tail: UInt64 = 0, shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        mix(tail)
        length &+= UInt64(bytes.count)
    }

    mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    mutating func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { combine($0) }
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var value = value
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }

    /// 128 bits: both lanes, finished.
    func finish() -> (UInt64, UInt64) {
        let high = Self.avalanche(first ^ length), low = Self.avalanche(second ^ (first &* Self.prime3) ^ length)
        return (high, low)
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = LexiconHasher()
        hasher.combine(bytes)
        let (high, low) = hasher.finish()
        return high ^ low
    }
}

/// Where compiled lexicons live, and how they are found and written.
///
/// A compiled lexicon is `<directory>/lexicon-<key>.bin`, the key a 128-bit hash of the format
/// version, the program that compiled it, and every lexicon file's name and bytes in order: a
/// changed, added or removed TSV (or a rebuilt `kg`) gives another key, so a stale file is never
/// read. Files are written to a temporary name and renamed into place, so a reader sees a whole
/// file or none; one that fails its checks is ignored and rebuilt.
enum LexiconCache {
    /// `$KG_CACHE_DIR` (empty: no cache), else `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`. Never
    /// inside the repository unless asked for.
    static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let explicit = environment["KG_CACHE_DIR"] {
            return explicit.isEmpty ? nil : URL(fileURLWithPath: explicit, isDirectory: true)
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("kg", isDirectory: true)
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/kg", isDirectory: true)
    }

    /// Identifies the running program (path, size, modification time), so a rebuilt `kg`, whose
    /// lexicon rules may have changed, compiles its own lexicon.
    static let programIdentity: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        var info = stat()
        guard !path.isEmpty, stat(path, &info) == 0 else { return path }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return "\(path)\u{0}\(info.st_size)\u{0}\(modified.tv_sec).\(modified.tv_nsec)"
    }()

    /// The key of a list of lexicon files (name and bytes, in load order).
    static func key(files: [(name: String, bytes: Data)], program: String = programIdentity) -> [UInt8] {
        var hasher = LexiconHasher()
        hasher.combine("kg-lexicon")
        hasher.combine(UInt64(CompiledLexicon.formatVersion))
        hasher.combine(program)
        hasher.combine(UInt64(files.count))
        for file in files {
            hasher.combine(file.name)
            hasher.combine(UInt64(file.bytes.count))
            file.bytes.withUnsafeBytes { hasher.combine($0) }
        }
        let (high, low) = hasher.finish()
        var key: [UInt8] = []
        withUnsafeBytes(of: high.bigEndian) { key.append(contentsOf: $0) }
        withUnsafeBytes(of: low.bigEndian) { key.append(contentsOf: $0) }
        return key
    }

    static func fileURL(key: [UInt8], in directory: URL) -> URL {
        directory.appendingPathComponent("lexicon-" + key.map { String(format: "%02x", $0) }.joined() + ".bin")
    }

    /// The compiled lexicon for `key`, or nil when there is none or it fails its checks.
    static func load(key: [UInt8], from directory: URL) -> CompiledLexicon? {
        guard let bytes = LexiconBytes(mapping: fileURL(key: key, in: directory).path) else { return nil }
        return CompiledLexicon(storage: bytes, key: key)
    }

    /// Writes a compiled lexicon atomically; false (and nothing left behind) when it cannot.
    @discardableResult
    static func store(_ compiled: [UInt8], key: [UInt8], in directory: URL) -> Bool {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return false
        }
        let target = fileURL(key: key, in: directory)
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp")
        do {
            try Data(compiled).write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                try? manager.removeItem(at: temporary)
                return false
            }
        } catch {
            try? manager.removeItem(at: temporary)
            return false
        }
        pruneOldFiles(in: directory, keeping: target.lastPathComponent)
        return true
    }

    /// Keeps the few most recent compiled lexicons (other programs' or other lexicon versions'),
    /// removing older ones so the cache does not grow with every rebuild.
    static func pruneOldFiles(in directory: URL, keeping current: String, limit: Int = 4) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        let dated = names.filter { $0.hasPrefix("lexicon-") && $0.hasSuffix(".bin") && $0 != current }.compactMap { name -> (String, Date)? in
            guard let date = (try? manager.attributesOfItem(atPath: directory.appendingPathComponent(name).path))?[.modificationDate] as? Date else { return nil }
            return (name, date)
        }.sorted { $0.1 > $1.1 }
        for (name, _) in dated.dropFirst(max(limit - 1, 0)) {
            try? manager.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
