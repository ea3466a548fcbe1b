import Foundation
import GraphIO
import Testing
@testable import TripleStore

@Suite struct RequestTests {
    let endpoint = GraphStoreEndpoint(store: URL(string: "http://h:7878/store")!)
    let file = URL(fileURLWithPath: "/data/graph.ttl")

    @Test func mediaTypesOfEachSyntax() {
        #expect(RDFFormat.turtle.mediaType == "text/turtle")
        #expect(RDFFormat.ntriples.mediaType == "application/n-triples")
        #expect(RDFFormat.nquads.mediaType == "application/n-quads")
        #expect(RDFFormat.trig.mediaType == "application/trig")
        #expect(RDFFormat.rdfxml.mediaType == "application/rdf+xml")
    }

    @Test func loadIsPOSTAndReplaceIsPUTWithAFileBody() {
        let client = GraphStoreClient(endpoint: endpoint)
        let post = client.request(method: "POST", target: .defaultGraph, file: file, mediaType: "text/turtle")
        #expect(post.method == "POST")
        #expect(post.url.absoluteString == "http://h:7878/store?default")
        #expect(post.header("content-type") == "text/turtle")
        #expect(post.header("Authorization") == nil)
        #expect(post.body == .file(file))
    }

    @Test func basicAuthorization() {
        let client = GraphStoreClient(endpoint: endpoint, credentials: Credentials(user: "Aladdin", password: "open sesame"))
        let request = client.request(method: "PUT", target: .named("http://ex/g"), file: file, mediaType: "application/rdf+xml")
        // The example from RFC 7617.
        #expect(request.header("Authorization") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    }

    @Test func countQueryIsFormEncodedSPARQL() throws {
        let client = GraphStoreClient(endpoint: endpoint)
        let query = try #require(endpoint.query)
        let request = client.countRequest(.named("http://ex/g"), queryURL: query)
        #expect(request.url.absoluteString == "http://h:7878/query")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.header("Accept") == "application/sparql-results+json")
        guard case let .bytes(body) = request.body else { Issue.record("expected a body"); return }
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix("query="))
        #expect(String(text.dropFirst(6)).removingPercentEncoding == "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://ex/g> { ?s ?p ?o } }")
    }

    @Test func countReadsSPARQLJSON() async throws {
        let json = #"{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"223","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}"#
        let client = GraphStoreClient(endpoint: endpoint, transport: ScriptedTransport([.answer(200, json)]), sleeper: RecordingSleeper())
        #expect(try await client.count(in: .defaultGraph) == 223)
    }

    @Test func countRejectsOtherAnswers() async {
        let client = GraphStoreClient(endpoint: endpoint, transport: ScriptedTransport([.answer(200, "<html>hello</html>")]), sleeper: RecordingSleeper())
        await #expect(throws: TripleStoreError.self) { try await client.count(in: .defaultGraph) }
    }

    @Test func countNeedsAQueryEndpoint() async {
        let client = GraphStoreClient(endpoint: GraphStoreEndpoint(store: URL(string: "http://h/graphs")!), transport: ScriptedTransport([]))
        await #expect(throws: TripleStoreError.noQueryEndpoint(store: "http://h/graphs")) { try await client.count(in: .defaultGraph) }
    }
}

@Suite struct StreamingUploadResponseTests {
    @Test func readsPlainAndChunkedAnswers() {
        let plain = StreamingUpload.parseResponse(Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 5\r\n\r\noops!".utf8))
        #expect(plain == HTTPResponse(status: 400, body: Array("oops!".utf8)))
        let chunked = StreamingUpload.parseResponse(Array("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n".utf8))
        #expect(chunked == HTTPResponse(status: 201, body: Array("abcde".utf8)))
        #expect(StreamingUpload.parseResponse(Array("garbage".utf8)) == nil)
    }

    @Test func requestTargetAndHost() throws {
        let url = try #require(URL(string: "http://127.0.0.1:7878/store?graph=http%3A%2F%2Fex%2Fg"))
        #expect(StreamingUpload.requestTarget(url) == "/store?graph=http%3A%2F%2Fex%2Fg")
        #expect(StreamingUpload.hostHeader(url) == "127.0.0.1:7878")
        #expect(StreamingUpload.supports(url))
        #expect(!StreamingUpload.supports(try #require(URL(string: "https://example.org/store"))))
    }
}
