import Foundation
import RDFModel
import TurtleSyntax

/// Everything `Ontology/` holds: the core ontology and the lexicons.
public struct OntologyBundle: Sendable {
    public let ontology: Ontology
    public let lexicon: Lexicon
    public let directory: URL
}

/// Reads `Ontology/` at run time: `core.ttl` through the project's own Turtle reader, and every
/// `lexicons/<Class>.tsv` (a capitalised file name must be a class the ontology defines).
public enum OntologyLoader {
    public static let coreFileName = "core.ttl"

    /// Loads `core.ttl` and, unless `includeLexicons` is false, every lexicon file.
    public static func load(from directory: URL, namespace: String = PrefixMap.kgNamespace, includeLexicons: Bool = true) throws(OntologyError) -> OntologyBundle {
        let coreURL = directory.appendingPathComponent(coreFileName)
        guard let text = try? String(contentsOf: coreURL, encoding: .utf8) else {
            throw OntologyError("cannot read the ontology (looked for \(coreFileName) here; use --ontology DIR)", at: SourceLocation(file: coreURL.path, line: 1, column: 1))
        }
        let quads: [Quad]
        do {
            quads = try TurtleParser(dialect: .turtle, baseIRI: coreURL.absoluteString, fileName: coreURL.path).parse(text)
        } catch {
            throw OntologyError(error.message, at: error.location)
        }
        let ontology = try OntologyReader.ontology(from: quads.map(\.triple), namespace: namespace, sourceText: text, fileName: coreURL.path)
        let lexicon = includeLexicons ? try loadLexicons(from: directory.appendingPathComponent("lexicons"), ontology: ontology) : Lexicon()
        return OntologyBundle(ontology: ontology, lexicon: lexicon, directory: directory)
    }

    /// Every `*.tsv` in `directory`, in file-name order; a file named after an unknown class is an error.
    ///
    /// The lexicon is read from a compiled copy in `cacheDirectory` (default: `LexiconCache.defaultDirectory()`)
    /// when one matches the files' names and bytes; otherwise it is built from the files and, when
    /// the directory is writable, compiled there for the next run. The cache never makes loading fail.
    static func loadLexicons(from directory: URL, ontology: Ontology, cacheDirectory: URL?? = nil) throws(OntologyError) -> Lexicon {
        // Lexicons are named after their class (UpperCamelCase); other TSV files there are notes.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".tsv") && $0.unicodeScalars.first?.properties.isUppercase == true }.sorted()
        var files: [(name: String, bytes: Data)] = []
        for name in names {
            let entityClass = String(name.dropLast(4))
            let url = directory.appendingPathComponent(name)
            guard ontology.classes[entityClass] != nil else {
                throw OntologyError("lexicon file for unknown class '\(entityClass)'", at: SourceLocation(file: url.path, line: 1, column: 1))
            }
            guard let bytes = try? Data(contentsOf: url, options: .alwaysMapped) else {
                throw OntologyError("cannot read the lexicon", at: SourceLocation(file: url.path, line: 1, column: 1))
            }
            files.append((name, bytes))
        }
        let cache = cacheDirectory ?? LexiconCache.defaultDirectory()
        let key = cache == nil ? [] : LexiconCache.key(files: files)
        if let cache, let compiled = LexiconCache.load(key: key, from: cache) {
            return Lexicon(compiled: compiled)
        }
        var entriesByFile: [[LexiconEntry]] = []
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw OntologyError("cannot read the lexicon", at: SourceLocation(file: url.path, line: 1, column: 1))
            }
            entriesByFile.append(LexiconReader.entries(fromTSV: text, entityClass: String(file.name.dropLast(4))))
        }
        var lexicon = Lexicon()
        lexicon.reserveCapacity(entriesByFile.reduce(0) { $0 + $1.count })
        for entries in entriesByFile {
            for entry in entries { lexicon.add(entry) }
        }
        if let cache {
            LexiconCache.store(lexicon.compiledBytes(key: key), key: key, in: cache)
        }
        return lexicon
    }
}
