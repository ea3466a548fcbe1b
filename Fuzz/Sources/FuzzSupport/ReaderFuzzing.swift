import GraphIO
import RDFModel

/// One fuzz input for a reader: what `kg convert` does with a file.
///
/// The bytes are read in `format`. A syntax error is the expected answer to bad input and ends the
/// run. Whatever reads without error is written in every syntax that can hold it, as `kg convert
/// --to` would; a writer may refuse data its syntax cannot carry (RDF/XML: a predicate with no
/// QName, a character XML 1.0 cannot hold), but what a writer does write must read back, with kg's
/// own reader, as the same data. A crash, a trap, a hang or a leak anywhere is a finding; so is
/// written output that does not read back (reported by a trap, so libFuzzer keeps the input).
public enum ReaderFuzzing {
    /// Relative IRIs in the input resolve against this, as against a file's URL in `kg convert`.
    static let base = "http://example.org/fuzz/input"

    /// Above this many quads the read-back is compared by count only (isomorphism with many blank
    /// nodes can take long, and a hang of the checker is no finding).
    static let isomorphismLimit = 256

    public static func run(_ format: RDFFormat, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let name = "fuzz.\(format.fileExtension)"
        var dataset = Dataset()
        do {
            try GraphReader.read(bytes: bytes, name: name, format: format, baseIRI: base) { dataset.insert($0) }
        } catch {
            return 0  // bad input, reported as an error: fine
        }
        let hasNamedGraphs = dataset.quads.contains { $0.graph != nil }
        for output in RDFFormat.allCases where output.isReadable && (output.holdsDatasets || !hasNamedGraphs) {
            let written: [UInt8]
            do {
                written = try GraphWriter.serialize(dataset, as: output)
            } catch {
                continue  // refused with an error (cannot write): fine
            }
            var again = Dataset()
            do {
                try GraphReader.read(bytes: written, name: "written.\(output.fileExtension)", format: output, baseIRI: base) { again.insert($0) }
            } catch {
                fail("\(format) input read, but kg's \(output) output does not read back: \(error)", written)
            }
            let same = dataset.count <= isomorphismLimit ? Isomorphism.areIsomorphic(dataset, again) : dataset.count == again.count
            if !same {
                fail("\(format) input read (\(dataset.count) quads), but kg's \(output) output reads back as different data (\(again.count) quads)", written)
            }
        }
        return 0
    }

    /// Stops the run so libFuzzer records the input as a crash, with the reason and the output.
    static func fail(_ reason: String, _ output: [UInt8]) -> Never {
        let shown = output.count > 4000 ? Array(output.prefix(4000)) : output
        fatalError("\(reason)\n--- output ---\n\(String(decoding: shown, as: UTF8.self))\n---")
    }
}
