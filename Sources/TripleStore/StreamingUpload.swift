import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GraphIO
import RDFModel

/// Uploads one graph file while checking it: the file is read in chunks, each chunk goes to the
/// reader first and is sent only once the reader has asked for the next one, and the last chunk
/// only after the whole file has been read without error. A malformed file therefore never
/// reaches the store as a complete request: the connection is closed with the body unfinished
/// (the request declares its full length), so the store commits nothing.
///
/// The store parses what it has received while the rest is still being read and checked here,
/// so checking adds little to the upload instead of coming before it. Plain `http://` only, over
/// one HTTP/1.1 connection (`Connection: close`); `https://` stores are loaded the other way
/// (checked first, then sent by `URLSessionTransport`).
public struct StreamingUpload: Sendable {
    /// What a successful upload checked and sent.
    public struct Outcome: Sendable, Equatable {
        public let statements: Int
        public let response: HTTPResponse
    }

    /// Why an upload failed.
    public enum Failure: Error, Sendable {
        /// The file is malformed; the connection was closed before the body was complete.
        case input(GraphIOError)
        /// No answer came (refused connection, lost connection).
        case transport(TransportError)
    }

    public let method: String
    public let url: URL
    public let headers: [(name: String, value: String)]

    public init(method: String, url: URL, headers: [(name: String, value: String)]) {
        self.method = method
        self.url = url
        self.headers = headers
    }

    /// Whether the URL can be sent this way (plain HTTP with a host).
    public static func supports(_ url: URL) -> Bool {
        url.scheme?.lowercased() == "http" && url.host?.isEmpty == false
    }

    /// Checks `file` as `format` while sending it; returns the statements read and the answer.
    /// Relative IRIs resolve against `baseIRI`, by default the file's URL (as `GraphReader` reads files).
    public func send(file: String, format: RDFFormat, baseIRI: String?) throws(Failure) -> Outcome {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue, let handle = FileHandle(forReadingAtPath: file) else {
            throw .input(.unreadable(path: file, reason: "cannot open the file"))
        }
        defer { try? handle.close() }
        let connection = try Self.connect(url)
        defer { close(connection) }

        var head = "\(method) \(Self.requestTarget(url)) HTTP/1.1\r\nHost: \(Self.hostHeader(url))\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(size)\r\nConnection: close\r\n\r\n"
        try Self.send(Array(head.utf8), to: connection)

        // The chunk handed to the reader last; it is sent when the reader wants the next one.
        // Checked chunks go from the file to the socket inside the kernel (sendfile), which saves
        // copying each byte out to the socket once more; `sent` is how far that has come.
        var pending: [UInt8]?
        var sent = 0
        // sendfile(2) has no MSG_NOSIGNAL: a store hanging up mid-body would raise SIGPIPE, so it
        // is used only when the program ignores that signal (`kg load` does).
        var useSendfile = Self.ignoresBrokenPipeSignal()
        var sendError: TransportError?
        var statements = 0
        do {
            statements = try GraphReader.validate(chunks: {
                if let chunk = pending {
                    do throws(TransportError) {
                        try Self.send(chunk, from: handle.fileDescriptor, at: &sent, useSendfile: &useSendfile, to: connection)
                    } catch {
                        sendError = error
                        throw error
                    }
                }
                let next = try handle.read(upToCount: 1 << 18).flatMap { $0.isEmpty ? nil : [UInt8]($0) }
                pending = next
                return next
            }, name: file, format: format, baseIRI: baseIRI ?? URL(fileURLWithPath: file).absoluteString)
        } catch {
            if let sendError { throw .transport(sendError) }
            // Closing now leaves the request short of its declared length: the store drops it.
            throw .input(error)
        }
        if let last = pending {
            do throws(TransportError) {
                try Self.send(last, from: handle.fileDescriptor, at: &sent, useSendfile: &useSendfile, to: connection)
            } catch {
                throw .transport(error)
            }
        }
        return Outcome(statements: statements, response: try Self.readResponse(connection))
    }

    /// Whether SIGPIPE is ignored, so a write to a closed connection fails with EPIPE instead.
    private static func ignoresBrokenPipeSignal() -> Bool {
        var current = sigaction()
        guard sigaction(SIGPIPE, nil, &current) == 0 else { return false }
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1  // SIG_IGN
    }

    /// Sends `chunk`, which the file holds at offset `offset`, and moves `offset` past it: with
    /// sendfile(2) straight from the file, or from the bytes when the file cannot be sent that way
    /// (then `useSendfile` turns false for the rest of the upload).
    private static func send(_ chunk: [UInt8], from file: Int32, at offset: inout Int, useSendfile: inout Bool,
                             to connection: Int32) throws(TransportError) {
        var remaining = chunk.count
        while useSendfile, remaining > 0 {
            var position = off_t(offset)
            let count = Glibc.sendfile(connection, file, &position, remaining)
            if count > 0 {
                offset += count
                remaining -= count
                continue
            }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EPIPE || errno == ECONNRESET {
                throw TransportError(reason: "connection lost while sending: \(String(cString: strerror(errno)))", isRetryable: false)
            }
            // EINVAL, ENOSYS, a file that shrank (0 bytes): send the rest from the checked bytes.
            useSendfile = false
        }
        guard remaining > 0 else { return }
        try write(Array(chunk[(chunk.count - remaining)...]), to: connection)
        offset += remaining
    }

    // MARK: HTTP over a socket

    static func requestTarget(_ url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var target = components?.percentEncodedPath ?? "/"
        if target.isEmpty { target = "/" }
        if let query = components?.percentEncodedQuery { target += "?" + query }
        return target
    }

    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return url.port.map { "\(bracketed):\($0)" } ?? bracketed
    }

    private static func connect(_ url: URL) throws(Failure) -> Int32 {
        guard let host = url.host else { throw .transport(TransportError(reason: "no host in \(url)", isRetryable: false)) }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(url.port ?? 80), &hints, &list) == 0, let first = list else {
            throw .transport(TransportError(reason: "unknown host", isRetryable: true))
        }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if descriptor >= 0 {
                if Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return descriptor }
                close(descriptor)
            }
            candidate = info.pointee.ai_next
        }
        throw .transport(TransportError(reason: "connection refused (is the server running?)", isRetryable: true))
    }

    private static func write(_ bytes: [UInt8], to connection: Int32) throws(TransportError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                // MSG_NOSIGNAL: a server that hangs up mid-body is an error here, not a SIGPIPE.
                let sent = Glibc.send(connection, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += sent
            }
        }
        if failure != 0 {
            throw TransportError(reason: "connection lost while sending: \(String(cString: strerror(failure)))", isRetryable: false)
        }
    }

    private static func send(_ bytes: [UInt8], to connection: Int32) throws(Failure) {
        do throws(TransportError) { try write(bytes, to: connection) } catch { throw .transport(error) }
    }

    /// Reads the whole answer (the server closes the connection after it) and parses the status,
    /// the headers and the body (plain or chunked).
    private static func readResponse(_ connection: Int32) throws(Failure) -> HTTPResponse {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET, !data.isEmpty { break }
                throw .transport(TransportError(reason: "connection lost while reading the answer", isRetryable: false))
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        guard let response = parseResponse(data) else {
            throw .transport(TransportError(reason: "not an HTTP response", isRetryable: false))
        }
        return response
    }

    static func parseResponse(_ data: [UInt8]) -> HTTPResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = data.indices.first(where: { data[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else { return nil }
        let chunked = head.dropFirst().contains { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "transfer-encoding"
                && parts[1].lowercased().contains("chunked")
        }
        var body = Array(data[(end + 4)...])
        if chunked { body = dechunked(body) }
        return HTTPResponse(status: status, body: body)
    }

    static func dechunked(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].firstIndex(of: 13) else { break }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            guard start + size <= bytes.count else { break }
            out.append(contentsOf: bytes[start..<(start + size)])
            index = start + size + 2
        }
        return out
    }
}
