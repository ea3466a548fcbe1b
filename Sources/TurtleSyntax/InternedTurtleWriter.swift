import Dispatch
import RDFModel

/// Turtle and TriG written from an ``InternedDataset``: each distinct term's Turtle form (prefixed
/// name, bare number, escaped literal, blank node label) is made once per id, then the sorted
/// statements are written from those forms into one byte buffer. The bytes are exactly those of
/// ``TurtleWriter/write(_:prefixes:)`` and ``TriGWriter/write(_:prefixes:)`` for the same data.
public enum InternedTurtleWriter {
    /// The Turtle document of the default graph's statements (callers refuse named graphs first).
    public static func turtle(_ dataset: InternedDataset, prefixes: PrefixMap = .standard) -> [UInt8] {
        write(dataset, prefixes: prefixes, trig: false)
    }

    /// The TriG document of the dataset.
    public static func trig(_ dataset: InternedDataset, prefixes: PrefixMap = .standard) -> [UInt8] {
        write(dataset, prefixes: prefixes, trig: true)
    }

    /// Writes the Turtle (or, with `trig`, the TriG) document of the dataset to `emit` in pieces of
    /// about `chunkSize` bytes, so a large document is never whole in memory; the pieces joined are
    /// the bytes of ``turtle(_:prefixes:)`` or ``trig(_:prefixes:)``. An error thrown by `emit`
    /// stops the writing and is rethrown.
    public static func write<Failure: Error>(_ dataset: InternedDataset, prefixes: PrefixMap = .standard, trig: Bool, chunkSize: Int = 1 << 20,
                                             to emit: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Void) throws(Failure) {
        // The order and the forms depend only on the table, so they are made at the same time on
        // two threads; each writes only its own box, read after both are done.
        let sortedBox = Box<[InternedStatement]>([]), formsBox = Box<TurtleForms?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                sortedBox.value = dataset.sorted(.canonical, typeFirst: true)
            } else {
                formsBox.value = TurtleForms(dataset.terms, prefixes: prefixes)
            }
        }
        let statements = sortedBox.value
        let forms = formsBox.value ?? TurtleForms(dataset.terms, prefixes: prefixes)
        let rdfType = dataset.terms.id(of: .iri(Vocabulary.RDF.type))
        try forms.withForms { (text, starts, prefixOf) throws(Failure) in
            // The header lists only the prefixes the body uses, and it comes first: one pass over
            // the statements finds them before any byte of the body is written.
            var used = [Bool](repeating: false, count: prefixes.entries.count)
            @inline(__always) func mark(_ id: TermID) {
                let entry = prefixOf[Int(id)]
                if entry >= 0 { used[Int(entry)] = true }
            }
            for statement in statements {
                mark(statement.subject)
                if statement.predicate != rdfType { mark(statement.predicate) }
                mark(statement.object)
                if trig, !statement.isInDefaultGraph { mark(statement.graph) }
            }
            var body: [UInt8] = []
            body.reserveCapacity(min(chunkSize, dataset.terms.byteCount + statements.count * 12) + 4096)
            for (index, entry) in prefixes.entries.enumerated() where used[index] {
                var line = "@prefix \(entry.prefix): "
                NTriplesFormatter.appendIRI(IRI(entry.namespace), to: &line)
                line += " .\n"
                body.append(contentsOf: line.utf8)
            }
            if !body.isEmpty, !statements.isEmpty { body.append(0x0A) }
            @inline(__always) func append(_ id: TermID) {
                body.append(contentsOf: UnsafeBufferPointer(rebasing: text[starts[Int(id)]..<starts[Int(id) + 1]]))
            }
            var sectionStarted = false
            var index = 0
            while index < statements.count {
                let graph = statements[index].graph
                let named = !statements[index].isInDefaultGraph
                // Sections (the default graph, then each named graph) are separated by a blank line.
                if sectionStarted { body.append(0x0A) }
                sectionStarted = true
                if named, trig {
                    append(graph)
                    body.append(contentsOf: " {\n".utf8)
                }
                let indent = named && trig ? 4 : 0
                var firstBlock = true
                while index < statements.count, statements[index].graph == graph {
                    // A piece ends between subject blocks, once it is full.
                    if body.count >= chunkSize {
                        try body.withUnsafeBufferPointer { (bytes) throws(Failure) in try emit(bytes) }
                        body.removeAll(keepingCapacity: true)
                    }
                    let subject = statements[index].subject
                    if !firstBlock { body.append(0x0A) }
                    firstBlock = false
                    body.append(contentsOf: repeatElement(0x20, count: indent))
                    append(subject)
                    var firstPredicate = true
                    while index < statements.count, statements[index].graph == graph, statements[index].subject == subject {
                        let predicate = statements[index].predicate
                        if firstPredicate {
                            body.append(0x20)
                        } else {
                            body.append(contentsOf: " ;\n".utf8)
                            body.append(contentsOf: repeatElement(0x20, count: indent + 4))
                        }
                        firstPredicate = false
                        if predicate == rdfType {
                            body.append(UInt8(ascii: "a"))
                        } else {
                            append(predicate)
                        }
                        var firstObject = true
                        while index < statements.count, statements[index].graph == graph, statements[index].subject == subject,
                              statements[index].predicate == predicate {
                            if firstObject { body.append(0x20) } else { body.append(contentsOf: ", ".utf8) }
                            firstObject = false
                            append(statements[index].object)
                            index += 1
                        }
                    }
                    body.append(contentsOf: " .\n".utf8)
                }
                if named, trig { body.append(contentsOf: "}\n".utf8) }
            }
            if !body.isEmpty { try body.withUnsafeBufferPointer { (bytes) throws(Failure) in try emit(bytes) } }
        }
    }

    private static func write(_ dataset: InternedDataset, prefixes: PrefixMap, trig: Bool) -> [UInt8] {
        var document: [UInt8] = []
        write(dataset, prefixes: prefixes, trig: trig, chunkSize: .max) { (bytes: UnsafeBufferPointer<UInt8>) throws(Never) in
            document.append(contentsOf: bytes)
        }
        return document
    }
}

/// A result slot for one of the writer's two threads: each thread writes only its own box, and
/// `concurrentPerform` returns only after both are done, so no access overlaps.
private final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// The Turtle form of every term of a table, and the prefix table entry it uses (or -1).
struct TurtleForms {
    private var text: [UInt8] = []
    private var starts: [Int] = [0]
    private var prefixOf: [Int16] = []

    init(_ terms: TermTable, prefixes: PrefixMap) {
        let entries = prefixes.entries.map { (prefix: $0.prefix, namespace: Array($0.namespace.utf8)) }
        let validPrefix = prefixes.entries.map { TurtleTermFormatter.isValidPrefix($0.prefix) }
        let blankLabels = Self.blankLabels(terms)
        // Datatype IRIs repeat across many literals: their forms are cached by their bytes.
        var datatypeForms: [[UInt8]: (form: [UInt8], entry: Int16)] = [:]
        text.reserveCapacity(terms.byteCount)
        prefixOf.reserveCapacity(terms.count)
        starts.reserveCapacity(terms.count + 1)
        for id in 0..<TermID(terms.count) {
            terms.withBytes(of: id) { bytes in
                switch bytes[0] {
                case UInt8(ascii: "<"):
                    let (form, entry) = Self.iriForm(bytes, entries: entries, validPrefix: validPrefix, terms: terms, id: id, prefixes: prefixes)
                    text.append(contentsOf: form)
                    prefixOf.append(entry)
                case UInt8(ascii: "_"):
                    if let label = blankLabels[id] {
                        text.append(contentsOf: "_:".utf8)
                        text.append(contentsOf: label.utf8)
                    } else {
                        text.append(contentsOf: bytes)
                    }
                    prefixOf.append(-1)
                default:
                    var close = bytes.count - 1
                    while close > 0, bytes[close] != UInt8(ascii: "\"") { close -= 1 }
                    let suffix = close + 1
                    guard suffix < bytes.count, bytes[suffix] == UInt8(ascii: "^") else {
                        // Plain and language-tagged literals: Turtle escapes exactly as N-Triples.
                        text.append(contentsOf: bytes)
                        prefixOf.append(-1)
                        return
                    }
                    let datatype = Array(bytes[(suffix + 2)...])
                    let lexical = UnsafeBufferPointer(rebasing: bytes[1..<close])
                    if datatype.contains(UInt8(ascii: "\\")) || lexical.contains(UInt8(ascii: "\\")) {
                        let (form, entry) = Self.slowForm(terms.term(id), prefixes: prefixes)
                        text.append(contentsOf: form)
                        prefixOf.append(entry)
                        return
                    }
                    if Self.isBare(lexical: lexical, datatype: datatype) {
                        text.append(contentsOf: lexical)
                        prefixOf.append(-1)
                        return
                    }
                    let datatypeForm: (form: [UInt8], entry: Int16)
                    if let cached = datatypeForms[datatype] {
                        datatypeForm = cached
                    } else {
                        datatypeForm = datatype.withUnsafeBufferPointer {
                            Self.iriForm($0, entries: entries, validPrefix: validPrefix, terms: terms, id: nil, prefixes: prefixes)
                        }
                        datatypeForms[datatype] = datatypeForm
                    }
                    text.append(contentsOf: bytes[...close])
                    text.append(contentsOf: "^^".utf8)
                    text.append(contentsOf: datatypeForm.form)
                    prefixOf.append(datatypeForm.entry)
                }
            }
            starts.append(text.count)
        }
    }

    func withForms<R, Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int16>) throws(Failure) -> R) throws(Failure) -> R {
        try text.withUnsafeBufferPointer { (text) throws(Failure) in
            try starts.withUnsafeBufferPointer { (starts) throws(Failure) in
                try prefixOf.withUnsafeBufferPointer { (prefixOf) throws(Failure) in try body(text, starts, prefixOf) }
            }
        }
    }

    /// An IRI (`<…>` bytes) as a prefixed name when the longest matching namespace leaves a valid
    /// local name, else as it is. ASCII IRIs without escapes are split on bytes; others go the
    /// `String` way of ``TurtleTermFormatter``.
    private static func iriForm(_ bytes: UnsafeBufferPointer<UInt8>, entries: [(prefix: String, namespace: [UInt8])], validPrefix: [Bool],
                                terms: TermTable, id: TermID?, prefixes: PrefixMap) -> (form: [UInt8], entry: Int16) {
        let value = UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)])
        guard value.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") }) else {
            let term = id.map { terms.term($0) } ?? .iri(IRI(TermTable.unescaped(value)))
            return slowForm(term, prefixes: prefixes)
        }
        var best: (entry: Int, length: Int)?
        for (index, entry) in entries.enumerated() where entry.namespace.count <= value.count
            && entry.namespace.elementsEqual(value[..<entry.namespace.count]) {
            if best == nil || entry.namespace.count > (best?.length ?? 0) { best = (index, entry.namespace.count) }
        }
        guard let best, validPrefix[best.entry], isValidASCIILocalName(UnsafeBufferPointer(rebasing: value[best.length...])) else {
            return (Array(bytes), -1)
        }
        var form = Array(entries[best.entry].prefix.utf8)
        form.append(UInt8(ascii: ":"))
        form.append(contentsOf: value[best.length...])
        return (form, Int16(best.entry))
    }

    /// `TurtleTermFormatter.isValidLocalName` for ASCII bytes.
    static func isValidASCIILocalName(_ local: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !local.isEmpty else { return true }
        if local.last == UInt8(ascii: ".") { return false }
        func isHex(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
        }
        func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
        var index = 0
        while index < local.count {
            let byte = local[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < local.count, isHex(local[index + 1]), isHex(local[index + 2]) else { return false }
                index += 3
                continue
            }
            let valid = isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || (byte >= 0x30 && byte <= 0x39)
                || (index > 0 && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")))
            if !valid { return false }
            index += 1
        }
        return true
    }

    /// Whether a typed literal is written as a bare number or boolean (`TurtleTermFormatter.isBare`).
    private static func isBare(lexical: UnsafeBufferPointer<UInt8>, datatype: [UInt8]) -> Bool {
        switch datatype {
        case Self.boolean: return lexical.elementsEqual("true".utf8) || lexical.elementsEqual("false".utf8)
        case Self.integer: return TurtleTermFormatter.numberShape(Array(lexical)) == .integer
        case Self.decimal: return TurtleTermFormatter.numberShape(Array(lexical)) == .decimal
        case Self.double: return TurtleTermFormatter.numberShape(Array(lexical)) == .double
        default: return false
        }
    }

    private static let boolean = Array("<\(Vocabulary.XSD.boolean.value)>".utf8)
    private static let integer = Array("<\(Vocabulary.XSD.integer.value)>".utf8)
    private static let decimal = Array("<\(Vocabulary.XSD.decimal.value)>".utf8)
    private static let double = Array("<\(Vocabulary.XSD.double.value)>".utf8)

    /// The form ``TurtleTermFormatter`` gives a term, and the entry of the prefix it used.
    private static func slowForm(_ term: Term, prefixes: PrefixMap) -> (form: [UInt8], entry: Int16) {
        var formatter = TurtleTermFormatter(prefixes: prefixes, blankNodes: [])
        var out = ""
        formatter.append(term, to: &out)
        let entry = prefixes.entries.firstIndex { formatter.usedPrefixes.contains($0.prefix) }
        return (Array(out.utf8), entry.map { Int16($0) } ?? -1)
    }

    /// Blank node labels to write instead of the stored ones; empty when every label is already a
    /// valid Turtle label (checked on ASCII bytes; anything else takes the formatter's way).
    private static func blankLabels(_ terms: TermTable) -> [TermID: String] {
        var blanks: [TermID] = []
        var allValid = true
        for id in 0..<TermID(terms.count) where terms.kind(of: id) == .blank {
            blanks.append(id)
            if allValid {
                allValid = terms.withBytes(of: id) { isValidASCIIBlankLabel(UnsafeBufferPointer(rebasing: $0[2...])) }
            }
        }
        guard !allValid else { return [:] }
        var nodes: [TermID: BlankNode] = [:]
        for id in blanks { nodes[id] = terms.term(id).blankNode }
        let labels = TurtleTermFormatter.labels(for: Set(nodes.values))
        return nodes.compactMapValues { labels[$0] }
    }

    /// `TurtleTermFormatter.isValidBlankLabel` for ASCII labels; false for anything else.
    private static func isValidASCIIBlankLabel(_ label: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = label.first, label.last != UInt8(ascii: ".") else { return false }
        func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        guard isLetter(first) || isDigit(first) || first == UInt8(ascii: "_") else { return false }
        return label.dropFirst().allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }
}
