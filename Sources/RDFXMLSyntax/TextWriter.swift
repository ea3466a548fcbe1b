internal import CLibXML2
import RDFModel

/// A thin wrapper over libxml2's `xmlTextWriter` writing to memory: every call checks libxml2's result.
/// The writer does the escaping; only the caller's whitespace and already-verified XML literals go out raw.
struct TextWriter: ~Copyable {
    private let writer: xmlTextWriterPtr

    /// Runs `body` with a writer and returns the bytes it wrote. Both libxml2 objects are freed on every path.
    static func write(_ body: (borrowing TextWriter) throws(RDFWriteError) -> Void) throws(RDFWriteError) -> [UInt8] {
        _ = LibXML2Setup.initialized
        guard let buffer = xmlBufferCreate() else { throw RDFWriteError("libxml2 could not allocate an output buffer") }
        defer { xmlBufferFree(buffer) }
        do {
            guard let raw = xmlNewTextWriterMemory(buffer, 0) else { throw RDFWriteError("libxml2 could not create a text writer") }
            defer { xmlFreeTextWriter(raw) }
            let writer = TextWriter(writer: raw)
            try writer.check(xmlTextWriterStartDocument(raw, "1.0", "UTF-8", nil), "start the document")
            try body(writer)
            try writer.check(xmlTextWriterEndDocument(raw), "end the document")
            try writer.check(xmlTextWriterFlush(raw), "flush")
        }
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    private init(writer: xmlTextWriterPtr) { self.writer = writer }

    func startElement(_ name: String) throws(RDFWriteError) {
        try check(Self.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "start element \(name)")
    }

    func attribute(_ name: String, _ value: String) throws(RDFWriteError) {
        let result = Self.withXMLChars(name) { name in Self.withXMLChars(value) { xmlTextWriterWriteAttribute(writer, name, $0) } }
        try check(result, "write attribute \(name)")
    }

    /// Character data, escaped by libxml2 (`&`, `<`, `>`, and CR as a character reference).
    func text(_ text: String) throws(RDFWriteError) {
        try check(Self.withXMLChars(text) { xmlTextWriterWriteString(writer, $0) }, "write text")
    }

    /// Unescaped output: indentation, or an XML literal already checked to read back unchanged.
    func raw(_ text: String) throws(RDFWriteError) {
        try check(Self.withXMLChars(text) { xmlTextWriterWriteRaw(writer, $0) }, "write raw content")
    }

    /// Ends the element, as `<x/>` when it has no content.
    func endElement() throws(RDFWriteError) {
        try check(xmlTextWriterEndElement(writer), "end element")
    }

    /// Ends the element with an end tag even when it has no content.
    func fullEndElement() throws(RDFWriteError) {
        try check(xmlTextWriterFullEndElement(writer), "end element")
    }

    private func check(_ result: Int32, _ action: String) throws(RDFWriteError) {
        if result < 0 { throw RDFWriteError("libxml2 failed to \(action)") }
    }

    private static func withXMLChars<T>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        string.withCString { chars in
            chars.withMemoryRebound(to: xmlChar.self, capacity: string.utf8.count + 1, body)
        }
    }
}
