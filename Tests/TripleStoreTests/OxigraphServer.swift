import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import TripleStore

/// Why an Oxigraph server could not be used.
struct OxigraphUnavailable: Error, CustomStringConvertible {
    let description: String
}

/// A real Oxigraph server on 127.0.0.1, with a fresh store in a temporary folder. Use
/// `OxigraphServer.with { server in … }`, which always stops the server (terminate, then wait)
/// and removes the store, also when the body fails.
final class OxigraphServer: @unchecked Sendable {
    let port: Int
    let folder: URL
    let pid: pid_t
    private let lock = NSLock()
    private var exited = false

    var storeURL: String { "http://127.0.0.1:\(port)/store" }
    var queryURL: String { "http://127.0.0.1:\(port)/query" }
    var client: GraphStoreClient {
        GraphStoreClient(endpoint: GraphStoreEndpoint(store: URL(string: storeURL)!), retry: RetryPolicy(attempts: 1, baseDelay: 0))
    }

    static func with<T>(_ body: (OxigraphServer) async throws -> T) async throws -> T {
        let server = try await start()
        defer { server.stop() }
        return try await body(server)
    }

    /// The `oxigraph` binary on PATH (under CI its absence fails the suite; elsewhere the suite is skipped).
    static func binary() throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/oxigraph"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw OxigraphUnavailable(description: "the oxigraph server binary is not on PATH; Scripts/test.sh installs it into .venv-test (Tests/requirements.txt), or install it yourself")
    }

    static func start() async throws -> OxigraphServer {
        let binary = try binary()
        var lastProblem = ""
        // A port found free can be taken before oxigraph binds it; then try another.
        for _ in 1...3 {
            let port = try freePort()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kg-oxigraph-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let log = folder.appendingPathComponent("server.log")
            let pid = try spawn(binary, ["serve", "--location", folder.appendingPathComponent("store").path, "--bind", "127.0.0.1:\(port)"],
                                log: log.path)
            let server = OxigraphServer(port: port, folder: folder, pid: pid)
            if await server.waitUntilReady() { return server }
            lastProblem = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            server.stop()
        }
        throw OxigraphUnavailable(description: "oxigraph did not start: \(lastProblem)")
    }

    /// Starts a program with posix_spawn and a cleared signal mask. (Foundation's Process passes
    /// on the mask of the spawning thread, and test worker threads block SIGTERM, so a server
    /// started that way would ignore `terminate()` and `waitUntilExit()` would hang.)
    static func spawn(_ path: String, _ arguments: [String], log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard status == 0 else { throw OxigraphUnavailable(description: "cannot start \(path): \(String(cString: strerror(status)))") }
        return pid
    }

    private init(port: Int, folder: URL, pid: pid_t) {
        self.port = port
        self.folder = folder
        self.pid = pid
    }

    /// Polls every 20 ms, for at most 15 s, until the server answers HTTP at all.
    private func waitUntilReady() async -> Bool {
        let transport = URLSessionTransport(timeout: 2)
        guard let url = URL(string: "http://127.0.0.1:\(port)/") else { return false }
        for _ in 0..<750 {
            guard isRunning else { return false }
            if (try? await transport.send(HTTPRequest(method: "GET", url: url))) != nil { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return false
    }

    /// Terminates the server by its process id (SIGTERM; SIGKILL if it is still there after
    /// 5 s), reaps it, and removes the store.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        if !exited {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            var reaped = false
            for _ in 0..<500 {
                if waitpid(pid, &status, WNOHANG) == pid { reaped = true; break }
                usleep(10_000)
            }
            if !reaped {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
            }
            exited = true
        }
        try? FileManager.default.removeItem(at: folder)
    }

    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        if exited { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        return !exited
    }

    /// The number of triples in the whole store, default and named graphs together.
    func totalTriples() async throws -> Int {
        try await select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    }

    /// The single integer ?n a SELECT query answers.
    func select(_ query: String) async throws -> Int {
        let body = "query=" + GraphStoreEndpoint.percentEncodedQueryValue(query)
        let request = HTTPRequest(method: "POST", url: URL(string: queryURL)!, headers: [
            (name: "Content-Type", value: "application/x-www-form-urlencoded"), (name: "Accept", value: "application/sparql-results+json"),
        ], body: .bytes(Array(body.utf8)))
        let response = try await client.send(request)
        return try SPARQLResults.singleInteger(response.body, variable: "n", url: queryURL)
    }

    /// A TCP port nothing listens on right now, from binding port 0.
    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw OxigraphUnavailable(description: "socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) }
        }
        guard bound == 0 else { throw OxigraphUnavailable(description: "bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else { throw OxigraphUnavailable(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
