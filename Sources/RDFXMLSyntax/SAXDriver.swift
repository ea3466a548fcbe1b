internal import CLibXML2
import RDFModel

/// Runs libxml2's push parser with SAX2 callbacks and feeds the RDF/XML grammar.
///
/// Hardening: the parser never loads a DTD or fetches anything (`XML_PARSE_NONET`, and neither
/// `XML_PARSE_DTDLOAD` nor `XML_PARSE_NOENT` nor `XML_PARSE_HUGE`). Any entity declaration and any reference
/// to an entity other than the five predefined ones stops the parse with an error, so external entities
/// are never resolved and entity expansion attacks (billion laughs) never start.
enum SAXDriver {
    static let chunkSize = 1 << 16

    /// Parses the chunks `nextChunk` returns until it returns nil, handing triples to `sink` chunk by chunk.
    static func parse(
        baseIRI: String?,
        fileName: String?,
        nextChunk: () throws -> [UInt8]?,
        sink: (Triple) throws -> Void
    ) throws {
        _ = LibXML2Setup.initialized
        let session = SAXSession(baseIRI: baseIRI, fileName: fileName)
        let retained = Unmanaged.passRetained(session)
        defer { retained.release() }

        var handler = makeHandler()
        let first = try nextChunk() ?? []
        // The first bytes let libxml2 detect the encoding before anything else is parsed.
        let head = Array(first.prefix(4))
        let context: xmlParserCtxtPtr? = head.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCreatePushParserCtxt(&handler, retained.toOpaque(), chars.baseAddress, Int32(chars.count), fileName)
            }
        }
        guard let context else {
            throw RDFSyntaxError("cannot create an XML parser", at: SourceLocation(file: fileName, line: 1, column: 1))
        }
        defer { xmlFreeParserCtxt(context) }
        session.context = context
        _ = xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))

        var pending: ArraySlice<UInt8>? = first.dropFirst(head.count)
        while let chunk = pending {
            for start in stride(from: chunk.startIndex, to: chunk.endIndex, by: chunkSize) {
                let slice = chunk[start..<min(start + chunkSize, chunk.endIndex)]
                try feed(slice, terminate: false, context: context, session: session, sink: sink)
            }
            pending = try nextChunk().map { $0[...] }
        }
        try feed([], terminate: true, context: context, session: session, sink: sink)
        if context.pointee.wellFormed == 0 || session.failure != nil {
            throw session.failure ?? RDFSyntaxError("the document is not well-formed XML", at: session.location())
        }
    }

    private static func feed(
        _ bytes: ArraySlice<UInt8>, terminate: Bool, context: xmlParserCtxtPtr, session: SAXSession,
        sink: (Triple) throws -> Void
    ) throws {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = xmlParseChunk(context, chars.baseAddress, Int32(chars.count), terminate ? 1 : 0)
            }
        }
        if let failure = session.failure { throw failure }
        for triple in session.grammar.takeTriples() { try sink(triple) }
    }

    private static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localName, prefix, uri, _, _, attributeCount, _, attributes in
            guard let session = SAXSession.from(ctx), let localName else { return }
            var parsed: [XMLAttribute] = []
            if let attributes {
                parsed.reserveCapacity(Int(attributeCount))
                for index in 0..<Int(attributeCount) {
                    let base = index * 5
                    guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                    let raw = String(decoding: UnsafeBufferPointer(start: start, count: start.distance(to: end)), as: UTF8.self)
                    parsed.append(XMLAttribute(
                        prefix: attributes[base + 1].map { String(cString: $0) },
                        localName: String(cString: name),
                        namespace: attributes[base + 2].map { SAXDriver.decodeAttributeValue(String(cString: $0)) },
                        value: SAXDriver.decodeAttributeValue(raw)))
                }
            }
            let element = XMLElementStart(
                prefix: prefix.map { String(cString: $0) },
                localName: String(cString: localName),
                namespace: uri.map { SAXDriver.decodeAttributeValue(String(cString: $0)) },
                attributes: parsed)
            session.run { grammar throws(RDFSyntaxError) in try grammar.startElement(element) }
        }
        handler.endElementNs = { ctx, _, _, _ in
            SAXSession.from(ctx)?.run { grammar throws(RDFSyntaxError) in try grammar.endElement() }
        }
        let characters: charactersSAXFunc = { ctx, bytes, length in
            guard let session = SAXSession.from(ctx), let bytes else { return }
            let text = String(decoding: UnsafeBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
            session.run { grammar throws(RDFSyntaxError) in try grammar.characters(text) }
        }
        handler.characters = characters
        handler.cdataBlock = characters
        handler.ignorableWhitespace = characters
        handler.comment = { ctx, value in
            guard let session = SAXSession.from(ctx), let value else { return }
            let text = String(cString: value)
            session.run { grammar throws(RDFSyntaxError) in grammar.comment(text) }
        }
        handler.processingInstruction = { ctx, target, data in
            guard let session = SAXSession.from(ctx), let target else { return }
            let name = String(cString: target), value = data.map { String(cString: $0) } ?? ""
            session.run { grammar throws(RDFSyntaxError) in grammar.processingInstruction(target: name, data: value) }
        }
        handler.entityDecl = { ctx, name, _, _, _, _ in
            let entity = name.map { String(cString: $0) } ?? ""
            SAXSession.from(ctx)?.reject("DTD entity declarations are not allowed (found <!ENTITY \(entity) …>)")
        }
        handler.getEntity = { ctx, name in
            let entity = name.map { String(cString: $0) } ?? ""
            SAXSession.from(ctx)?.reject("entity references are not allowed (found &\(entity);); only the five predefined entities and character references are")
            return nil
        }
        handler.getParameterEntity = { ctx, name in
            let entity = name.map { String(cString: $0) } ?? ""
            SAXSession.from(ctx)?.reject("parameter entity references are not allowed (found %\(entity);)")
            return nil
        }
        handler.serror = { ctx, error in
            guard let session = SAXSession.from(ctx), let error else { return }
            session.record(error.pointee)
        }
        return handler
    }

    /// With entity substitution off, libxml2 hands `&` in attribute values (from `&amp;` or `&#38;`) on as
    /// the text `&#38;`; every other reference was rejected or decoded already. Namespace names are
    /// attribute values too (`xmlns:ex="http://a/?x&amp;y"`), and libxml2 hands them on the same way.
    static func decodeAttributeValue(_ raw: String) -> String {
        guard raw.utf8.contains(UInt8(ascii: "&")) else { return raw }
        let escaped = Array("&#38;".utf8)
        var bytes = Array(raw.utf8), out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), bytes[index...].starts(with: escaped) {
                out.append(UInt8(ascii: "&"))
                index += escaped.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        bytes = out
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The mutable state one parse shares with the C callbacks (through libxml2's user-data pointer).
final class SAXSession {
    var grammar: RDFXMLGrammar
    var context: xmlParserCtxtPtr?
    private(set) var failure: RDFSyntaxError?
    let fileName: String?

    init(baseIRI: String?, fileName: String?) {
        grammar = RDFXMLGrammar(baseIRI: baseIRI)
        self.fileName = fileName
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> SAXSession? {
        pointer.map { Unmanaged<SAXSession>.fromOpaque($0).takeUnretainedValue() }
    }

    func location() -> SourceLocation {
        guard let context else { return SourceLocation(file: fileName, line: 1, column: 1) }
        let raw = UnsafeMutableRawPointer(context)
        return SourceLocation(file: fileName, line: max(1, Int(xmlSAX2GetLineNumber(raw))), column: max(1, Int(xmlSAX2GetColumnNumber(raw))))
    }

    /// Runs one grammar step unless the parse has already failed; a grammar error stops libxml2.
    func run(_ step: (inout RDFXMLGrammar) throws(RDFSyntaxError) -> Void) {
        guard failure == nil else { return }
        grammar.location = location()
        do {
            try step(&grammar)
        } catch {
            stop(with: error)
        }
    }

    func reject(_ message: String) {
        stop(with: RDFSyntaxError(message, at: location()))
    }

    /// A libxml2 diagnostic: errors (well-formedness, namespaces) fail the parse, warnings are ignored.
    /// So is libxml2's complaint that a namespace name is not a valid URI (`xmlns:ns1="http://a:b/"`):
    /// it binds the name all the same, RDF/XML only joins it to local names into IRIs (which are checked
    /// as IRIs), Raptor accepts it, and kg's own writer writes such names for predicates in them.
    func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue, failure == nil else { return }
        if error.code == Int32(XML_WAR_NS_URI.rawValue) { return }
        var message = error.message.map { String(cString: $0) } ?? "XML error \(error.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        let line = error.line > 0 ? Int(error.line) : location().line
        let column = error.int2 > 0 ? Int(error.int2) : 1
        stop(with: RDFSyntaxError("XML error: " + message, at: SourceLocation(file: fileName, line: line, column: column)))
    }

    private func stop(with error: RDFSyntaxError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }
}
