import ArgumentParser
import Foundation
import GraphIO
import TripleStore

struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load RDF files into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.",
        discussion: """
        One graph file into a plain-HTTP store (without --verify) is checked while it is sent; a \
        syntax error cuts the request short, so nothing is stored. Otherwise every file is parsed \
        completely first. Either way a malformed file is reported with file:line:column. Triples go to the store's default graph, or to the graph --graph names; POST \
        adds them, --replace uses PUT so the graph is replaced as a whole. TriG and N-Quads files are \
        loaded graph by graph into their named graphs. Refused connections and 5xx answers are retried \
        with backoff. With --user, the password is read from the environment variable KG_STORE_PASSWORD. \
        --verify counts each target graph's triples with a SPARQL query afterwards (the query endpoint \
        is derived from the store URL for Oxigraph, Fuseki, GraphDB and Virtuoso, or given with \
        --query-endpoint). With --sync OUT (a kg extract output folder), only what changed is sent: \
        the named graphs of documents whose statements differ from the manifest of the last sync \
        (recorded in OUT/.kg, or given with --since) are replaced, those of removed documents \
        deleted, and the default graph replaced. Exit status: 0 success; 1 a verified count differs; 2 unreadable or \
        malformed input, unreachable store or an error answer from it.
        """
    )

    static let passwordVariable = "KG_STORE_PASSWORD"

    @Argument(help: "The RDF files to load (.ttl .nt .nq .trig .rdf).")
    var files: [String]

    @Option(name: .long, help: "The Graph Store Protocol URL, e.g. http://localhost:7878/store.")
    var store: String

    @Option(name: .long, help: "The IRI of the graph to load into (default: the store's default graph).")
    var graph: String?

    @Flag(name: .long, help: "Replace the target graphs (PUT) instead of adding to them (POST).")
    var replace = false

    @Flag(name: .long, help: "Count the triples of each target graph afterwards and fail if any are missing.")
    var verify = false

    @Option(name: .long, help: "The SPARQL query URL for --verify (default: derived from --store).")
    var queryEndpoint: String?

    @Option(name: .long, help: "Input syntax for every file: ttl, nt, nq, trig, rdf (default: from the extension).")
    var from: String?

    @Option(name: .long, help: "User name for HTTP Basic authentication; the password comes from $KG_STORE_PASSWORD.")
    var user: String?

    @Option(name: .long, help: "Retries after a refused connection or a 5xx answer.")
    var retries = 3

    @Option(name: .long, help: "Seconds to wait before the first retry; each later wait doubles.")
    var retryDelay = 0.2

    @Flag(name: .long, help: "FILES is one kg extract output folder: replace the named graphs of the documents whose statements changed since the last sync, delete those of removed documents, and replace the default graph.")
    var sync = false

    @Option(name: .long, help: ArgumentHelp("With --sync: the manifest.tsv of what the store holds (default: the one recorded by the last sync of this folder to this store).", valueName: "manifest"))
    var since: String?

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file to load") }
        if sync {
            guard files.count == 1 else { throw ValidationError("--sync takes one kg extract output folder") }
            guard graph == nil, !replace, from == nil else { throw ValidationError("--sync decides the graphs and methods itself: drop --graph, --replace and --from") }
        } else if since != nil {
            throw ValidationError("--since goes with --sync")
        }
        guard !files.contains("-") else { throw ValidationError("kg load reads files, not standard input (the body is streamed from the file)") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        guard retryDelay >= 0, retryDelay.isFinite else { throw ValidationError("--retry-delay must be 0 or more seconds") }
    }

    func run() async throws {
        // A store that hangs up mid-upload is reported as an error (EPIPE), not a silent exit;
        // it also lets uploads send file bytes with sendfile(2) (`StreamingUpload`).
        signal(SIGPIPE, SIG_IGN)
        let endpoint = try makeEndpoint()
        if sync {
            if verify, endpoint.query == nil {
                Diagnostics.error(TripleStoreError.noQueryEndpoint(store: endpoint.store.absoluteString).description)
                throw ExitCode(ExitStatus.trouble)
            }
            let client = GraphStoreClient(endpoint: endpoint, credentials: try credentials(),
                                          retry: RetryPolicy(attempts: retries + 1, baseDelay: retryDelay))
            return try await runSync(client: client)
        }
        let inputs = try files.map { file in (path: file, format: try format(of: file)) }
        let client = GraphStoreClient(endpoint: endpoint, credentials: try credentials(),
                                      retry: RetryPolicy(attempts: retries + 1, baseDelay: retryDelay))
        if verify, endpoint.query == nil {
            Diagnostics.error(TripleStoreError.noQueryEndpoint(store: endpoint.store.absoluteString).description)
            throw ExitCode(ExitStatus.trouble)
        }

        // One graph file into a plain-HTTP store: checked while it is sent (a malformed file cuts
        // the request short, so nothing is stored); otherwise every file is checked first.
        let target: GraphTarget = graph.map { .named($0) } ?? .defaultGraph
        if inputs.count == 1, let input = inputs.first, !input.format.holdsDatasets, !verify,
           StreamingUpload.supports(endpoint.url(for: target)) {
            do {
                let statements = try await client.streamingLoad(file: input.path, format: input.format, into: target, replace: replace)
                if !quiet {
                    print("\(input.path): \(statements) statements sent to \(target) as \(input.format.mediaType) with "
                          + (replace ? "PUT (replacing it)" : "POST"))
                }
            } catch {
                switch error {
                case let .input(input): Diagnostics.error("\(input.description) (the upload was cut short: nothing was stored)")
                case let .store(store): Diagnostics.error(store.description)
                }
                throw ExitCode(ExitStatus.trouble)
            }
            return
        }

        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("kg-load-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            Diagnostics.error("cannot create a temporary folder: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.trouble)
        }
        defer { try? FileManager.default.removeItem(at: temporary) }

        let plan: LoadPlan
        do {
            plan = try LoadPlan.prepare(inputs: inputs, graph: graph.map { .named($0) } ?? .defaultGraph,
                                        countDistinct: verify, temporaryDirectory: temporary)
        } catch {
            Diagnostics.error("\(error.description) (nothing was sent)")
            throw ExitCode(ExitStatus.trouble)
        }

        var replaced = Set<GraphTarget>()
        for part in plan.parts {
            // A graph fed by several parts is replaced once, by the first; the rest add to it.
            let put = replace && replaced.insert(part.target).inserted
            do {
                if put {
                    try await client.replace(part.target, withFile: part.file, mediaType: part.mediaType)
                } else {
                    try await client.load(file: part.file, mediaType: part.mediaType, into: part.target)
                }
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(ExitStatus.trouble)
            }
            if !quiet {
                print("\(part.source): \(part.statements) statements sent to \(part.target) as \(part.mediaType) with " + (put ? "PUT (replacing it)" : "POST"))
            }
        }

        if verify { try await verifyCounts(plan, client: client) }
    }

    func verifyCounts(_ plan: LoadPlan, client: GraphStoreClient) async throws {
        try await verify(plan.targets.map { ($0, plan.distinctTriples[$0, default: 0]) }, exactly: replace, client: client, source: "the files")
    }

    /// Counts each target's triples in the store: exactly `expected` (a replaced graph) or at least
    /// that many (a graph added to); status 1 when any differs, 2 when the store cannot be asked.
    func verify(_ expected: [(GraphTarget, Int)], exactly: Bool, client: GraphStoreClient, source: String) async throws {
        var mismatch = false
        for (target, count) in expected {
            let found: Int
            do {
                found = try await client.count(in: target)
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(ExitStatus.trouble)
            }
            if exactly ? found == count : found >= count {
                if !quiet { print("verified \(target): \(found) triples (\(source) hold \(count) distinct)") }
            } else {
                mismatch = true
                Diagnostics.error("verification failed for \(target): the store holds \(found) triples, \(source) \(count) distinct"
                    + (exactly ? "" : " (expected at least that many)"))
            }
        }
        if mismatch { throw ExitCode(ExitStatus.partialFailure) }
    }

    func makeEndpoint() throws -> GraphStoreEndpoint {
        let storeURL = try httpURL(store, option: "--store")
        let queryURL = try queryEndpoint.map { try httpURL($0, option: "--query-endpoint") }
        return GraphStoreEndpoint(store: storeURL, query: queryURL)
    }

    func httpURL(_ text: String, option: String) throws -> URL {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false, let url = components.url
        else { throw ValidationError("\(option) must be an http:// or https:// URL, not '\(text)'") }
        guard components.password == nil else {
            throw ValidationError("\(option) must not hold a password; give --user and set \(Self.passwordVariable)")
        }
        return url
    }

    func credentials() throws -> Credentials? {
        guard let user else { return nil }
        guard let password = ProcessInfo.processInfo.environment[Self.passwordVariable] else {
            throw ValidationError("--user needs the password in the environment variable \(Self.passwordVariable)")
        }
        return Credentials(user: user, password: password)
    }

    func format(of file: String) throws -> RDFFormat {
        if let from {
            guard let found = RDFFormat(flag: from) else { throw ValidationError("unknown input format '\(from)'; choose from ttl, nt, nq, trig, rdf") }
            return found
        }
        guard let found = RDFFormat(fileName: file) else {
            throw ValidationError("cannot tell the syntax of '\(file)' from its name; give --from (ttl, nt, nq, trig, rdf)")
        }
        return found
    }
}
