import Foundation
import Testing
@testable import OntologyModel

@Suite struct LexiconCacheTests {
    static let entries: [LexiconEntry] = [
        LexiconEntry(label: "stem cell", altLabels: ["SC"], entityClass: "CellType", wikidata: "Q48196", extra: ["cl": "CL:0000034"]),
        LexiconEntry(label: "T cell", altLabels: ["NK cell", "T lymphocyte"], entityClass: "CellType", wikidata: nil, extra: [:]),
        LexiconEntry(label: "Cell Stem Cell", altLabels: [], entityClass: "Journal", wikidata: nil, extra: ["nlm": "101311472", "active": "1"]),
        LexiconEntry(label: "Georgia", altLabels: [], entityClass: "Country", wikidata: "Q230", extra: [:]),
        LexiconEntry(label: "Georgia", altLabels: [], entityClass: "Region", wikidata: nil, extra: ["country": "US"]),
        LexiconEntry(label: "Georgia Tech", altLabels: [], entityClass: "University", wikidata: nil, extra: [:]),
        LexiconEntry(label: "KLF4", altLabels: ["Klf4"], entityClass: "Gene", wikidata: nil, extra: [:]),
        LexiconEntry(label: "Zürich", altLabels: ["Zurich", "Zu\u{308}rich"], entityClass: "City", wikidata: nil, extra: ["country": "CH"]),
        LexiconEntry(label: "Crohn's disease", altLabels: ["wet AMD"], entityClass: "Disease", wikidata: nil, extra: [:]),
        LexiconEntry(label: "city", altLabels: [], entityClass: "Topic", wikidata: nil, extra: [:]),
    ]

    static let sentences = [
        "published in Cell Stem Cell about a stem cell and stem cells",
        "T cells and NK cells but t cells in Georgia Tech and Georgia .",
        "Klf4 KLF4 klf4 in Zürich , Zurich and Zu\u{308}rich ; cities and a city",
        "Wet AMD and Crohn's disease , SC",
        "",
    ]

    static let key = Array(repeating: UInt8(7), count: CompiledLexicon.keySize)

    static func compiledCopy(of lexicon: Lexicon, key: [UInt8] = key) -> [UInt8] { lexicon.compiledBytes(key: key) }

    static func open(_ bytes: [UInt8], key: [UInt8] = key) -> CompiledLexicon? {
        CompiledLexicon(storage: LexiconBytes(copying: bytes), key: key)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kg-lexicon-cache-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The project's ontology (which defines CellType, City and Gene).
    static func projectOntology() throws -> Ontology {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try OntologyLoader.load(from: root.appendingPathComponent("Ontology"), includeLexicons: false).ontology
    }

    /// A lexicon folder with three small TSV files.
    static func lexiconFolder() throws -> URL {
        let folder = try temporaryDirectory()
        try "label\taltLabels\twikidata\textra\nstem cell\tSC\t\tcl=CL:0000034\nT cell\tNK cell\t\t\n".write(to: folder.appendingPathComponent("CellType.tsv"), atomically: true, encoding: .utf8)
        try "label\taltLabels\twikidata\textra\nZürich\tZurich\tQ72\tcountry=CH;parent=Switzerland\nGeorgia\t\t\t\n".write(to: folder.appendingPathComponent("City.tsv"), atomically: true, encoding: .utf8)
        try "label\taltLabels\twikidata\textra\nKLF4\tKlf4|EZF\t\tband=9q31.2\n".write(to: folder.appendingPathComponent("Gene.tsv"), atomically: true, encoding: .utf8)
        try "class\trows\nCellType\t2\n".write(to: folder.appendingPathComponent("counts.tsv"), atomically: true, encoding: .utf8)
        return folder
    }

    static func expectSameMatches(_ left: Lexicon, _ right: Lexicon, _ sentences: [String] = sentences) {
        #expect(left.entries.count == right.entries.count)
        #expect(Array(left.entries) == Array(right.entries))
        for sentence in sentences {
            let tokens = WordTokenizer.words(sentence)
            #expect(left.matches(in: tokens) == right.matches(in: tokens), "\(sentence)")
        }
    }

    @Test func compiledLexiconMatchesLikeTheBuiltOne() throws {
        let built = Lexicon(entries: Self.entries)
        let compiled = try #require(Self.open(Self.compiledCopy(of: built)))
        let read = Lexicon(compiled: compiled)
        #expect(read.isCompiled)
        #expect(!read.isEmpty)
        Self.expectSameMatches(built, read)
        #expect(!read.matches(in: WordTokenizer.words(Self.sentences[0])).isEmpty)
        // Growing a compiled lexicon turns it into a built one with the same entries.
        var grown = read
        grown.add(LexiconEntry(label: "hepatocyte", altLabels: [], entityClass: "CellType", wikidata: nil, extra: [:]))
        var expected = built
        expected.add(LexiconEntry(label: "hepatocyte", altLabels: [], entityClass: "CellType", wikidata: nil, extra: [:]))
        Self.expectSameMatches(grown, expected, Self.sentences + ["hepatocytes"])
    }

    @Test func emptyLexiconCompiles() throws {
        let compiled = try #require(Self.open(Self.compiledCopy(of: Lexicon())))
        let read = Lexicon(compiled: compiled)
        #expect(read.isEmpty)
        #expect(read.matches(in: ["Georgia"]).isEmpty)
    }

    @Test func loadingTwiceReadsTheCacheWithTheSameResult() throws {
        let ontology = try Self.projectOntology()
        let folder = try Self.lexiconFolder(), cache = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: cache) }
        let first = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache)
        #expect(!first.isCompiled)
        let written = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(written.count == 1 && written[0].hasPrefix("lexicon-") && written[0].hasSuffix(".bin"))
        let second = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache)
        #expect(second.isCompiled)
        let uncached = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: .some(nil))
        #expect(!uncached.isCompiled)
        let sentences = ["stem cells in Zürich and Zurich", "Klf4 , EZF and T cells in Georgia", "NK cells"]
        Self.expectSameMatches(first, second, sentences)
        Self.expectSameMatches(uncached, second, sentences)
        #expect(second.matches(in: ["Zurich"]).map { second.entries[$0.entry].extra } == [["country": "CH", "parent": "Switzerland"]])
    }

    @Test func aChangedLexiconFileChangesTheKeyAndIsRebuilt() throws {
        let ontology = try Self.projectOntology()
        let folder = try Self.lexiconFolder(), cache = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: cache) }
        let one = Data("label\taltLabels\nGeorgia\n".utf8), other = Data("label\taltLabels\nGeorgie\n".utf8)
        #expect(LexiconCache.key(files: [("City.tsv", one)]) != LexiconCache.key(files: [("City.tsv", other)]))
        #expect(LexiconCache.key(files: [("City.tsv", one)]) != LexiconCache.key(files: [("Region.tsv", one)]))
        #expect(LexiconCache.key(files: [("City.tsv", one)]) != LexiconCache.key(files: [("City.tsv", one), ("Gene.tsv", Data())]))
        #expect(LexiconCache.key(files: [("City.tsv", one)]) == LexiconCache.key(files: [("City.tsv", one)]))

        _ = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache)
        #expect(try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache).isCompiled)
        try "label\taltLabels\twikidata\textra\nBasel\t\t\t\n".write(to: folder.appendingPathComponent("City.tsv"), atomically: true, encoding: .utf8)
        let changed = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache)
        #expect(!changed.isCompiled)
        #expect(changed.matches(in: ["Zürich"]).isEmpty)
        #expect(changed.matches(in: ["Basel"]).count == 1)
        let reread = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache)
        #expect(reread.isCompiled)
        #expect(reread.matches(in: ["Zürich"]).isEmpty)
        #expect(reread.matches(in: ["Basel"]).count == 1)
    }

    @Test func damagedCompiledLexiconsAreRefused() throws {
        let bytes = Self.compiledCopy(of: Lexicon(entries: Self.entries))
        #expect(Self.open(bytes) != nil)
        #expect(Self.open(bytes, key: Array(repeating: 8, count: CompiledLexicon.keySize)) == nil)
        #expect(Self.open([]) == nil)
        for length in [1, 8, CompiledLexicon.headerSize - 1, CompiledLexicon.headerSize, bytes.count / 2, bytes.count - 1] {
            #expect(Self.open(Array(bytes.prefix(length))) == nil, "truncated to \(length)")
        }
        #expect(Self.open(bytes + [0]) == nil)
        var wrongMagic = bytes
        wrongMagic[0] ^= 0xFF
        #expect(Self.open(wrongMagic) == nil)
        var wrongVersion = bytes
        wrongVersion[8] &+= 1
        #expect(Self.open(wrongVersion) == nil)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var flipped = bytes
            flipped[Int.random(in: CompiledLexicon.headerSize..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            #expect(Self.open(flipped) == nil)
            let random = (0..<Int.random(in: 0..<4096, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Self.open(random) == nil)
            // Random bytes behind a valid-looking header.
            #expect(Self.open(Array(bytes.prefix(CompiledLexicon.headerSize)) + random) == nil)
        }
    }

    /// A file whose checksum is right but whose tables point outside it (a writer bug, say) is refused too.
    @Test func inconsistentTablesWithAValidChecksumAreRefused() throws {
        let bytes = Self.compiledCopy(of: Lexicon(entries: Self.entries))
        // Every payload word set to a huge value in turn, for the first few hundred words, checksum recomputed.
        let payloadWords = (bytes.count - CompiledLexicon.headerSize) / 4
        for word in stride(from: 0, to: min(payloadWords, 600), by: 1) {
            var broken = bytes
            let offset = CompiledLexicon.headerSize + 4 * word
            for index in 0..<4 { broken[offset + index] = 0xF0 }
            Self.rechecksum(&broken)
            if let compiled = Self.open(broken) {
                // Some words (surface-form bytes, say) may still leave a readable file; reading it must not crash.
                let read = Lexicon(compiled: compiled)
                for sentence in Self.sentences { _ = read.matches(in: WordTokenizer.words(sentence)) }
                for entry in read.entries { _ = entry.label }
            }
        }
        // A count in the header that disagrees with the size.
        var wrongCount = bytes
        wrongCount[40] &+= 1
        Self.rechecksum(&wrongCount)
        #expect(Self.open(wrongCount) == nil)
    }

    static func rechecksum(_ bytes: inout [UInt8]) {
        let checksum = bytes.withUnsafeBytes { LexiconHasher.checksum(UnsafeRawBufferPointer(rebasing: $0[CompiledLexicon.headerSize...])) }
        withUnsafeBytes(of: checksum.littleEndian) { for (index, byte) in $0.enumerated() { bytes[32 + index] = byte } }
    }

    @Test func aCorruptCacheFileIsIgnoredAndReplaced() throws {
        let ontology = try Self.projectOntology()
        let folder = try Self.lexiconFolder(), cache = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: cache) }
        let reference = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: .some(nil))
        _ = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first)
        let file = cache.appendingPathComponent(name)
        let good = try Data(contentsOf: file)
        for damaged in [good.prefix(good.count / 2), Data("KGLEXBIN garbage".utf8), Data(repeating: 0, count: good.count), Data()] {
            try damaged.write(to: file)
            let lexicon = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache)
            #expect(!lexicon.isCompiled)
            Self.expectSameMatches(reference, lexicon, ["stem cells in Zürich", "Klf4 and EZF"])
            // Rebuilt in place.
            #expect(try Data(contentsOf: file) == good)
            #expect(try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache).isCompiled)
        }
    }

    @Test func anUnwritableCacheDirectoryStillLoads() throws {
        let ontology = try Self.projectOntology()
        let folder = try Self.lexiconFolder(), parent = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: parent) }
        // A directory below a regular file can never be created, whoever runs the test.
        let blocker = parent.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let cache = blocker.appendingPathComponent("kg")
        let reference = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: .some(nil))
        for _ in 0..<2 {
            let lexicon = try OntologyLoader.loadLexicons(from: folder, ontology: ontology, cacheDirectory: cache)
            #expect(!lexicon.isCompiled)
            Self.expectSameMatches(reference, lexicon, ["stem cells in Zürich", "Klf4 and EZF"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["not-a-directory"])
    }

    @Test func cacheDirectoryComesFromTheEnvironmentAndIsNeverTheWorkingDirectory() {
        #expect(LexiconCache.defaultDirectory(environment: ["KG_CACHE_DIR": "/tmp/kgc", "HOME": "/home/a"])?.path == "/tmp/kgc")
        #expect(LexiconCache.defaultDirectory(environment: ["KG_CACHE_DIR": "", "HOME": "/home/a"]) == nil)
        #expect(LexiconCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/var/cache/a", "HOME": "/home/a"])?.path == "/var/cache/a/kg")
        #expect(LexiconCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/a"])?.path == "/home/a/.cache/kg")
        #expect(LexiconCache.defaultDirectory(environment: ["HOME": "/home/a"])?.path == "/home/a/.cache/kg")
        #expect(LexiconCache.defaultDirectory(environment: [:]) == nil)
    }
}
