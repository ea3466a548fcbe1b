import Foundation
import Testing
@testable import TripleStore

@Suite struct GraphStoreEndpointTests {
    let oxigraph = GraphStoreEndpoint(store: URL(string: "http://127.0.0.1:7878/store")!)

    @Test func defaultGraphURL() {
        #expect(oxigraph.url(for: .defaultGraph).absoluteString == "http://127.0.0.1:7878/store?default")
    }

    @Test func namedGraphURLIsPercentEncoded() {
        let url = oxigraph.url(for: .named("http://example.org/g?a=1&b=2#frag x"))
        #expect(url.absoluteString == "http://127.0.0.1:7878/store?graph=http%3A%2F%2Fexample.org%2Fg%3Fa%3D1%26b%3D2%23frag%20x")
        #expect(URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first?.value == "http://example.org/g?a=1&b=2#frag x")
    }

    @Test func nonASCIIGraphIRIIsEncodedAsUTF8() {
        #expect(oxigraph.url(for: .named("http://ex/é")).absoluteString.hasSuffix("graph=http%3A%2F%2Fex%2F%C3%A9"))
    }

    @Test func existingQueryItemsAreKept() {
        let endpoint = GraphStoreEndpoint(store: URL(string: "http://h/sparql-graph-crud?x=1")!)
        #expect(endpoint.url(for: .defaultGraph).absoluteString == "http://h/sparql-graph-crud?x=1&default")
    }

    @Test(arguments: [
        ("http://localhost:7878/store", "http://localhost:7878/query"),
        ("http://localhost:3030/ds/data", "http://localhost:3030/ds/sparql"),
        ("http://localhost:7200/repositories/repo1/rdf-graphs/service", "http://localhost:7200/repositories/repo1"),
        ("http://localhost:8890/sparql-graph-crud", "http://localhost:8890/sparql"),
        ("http://localhost:8890/sparql-graph-crud-auth", "http://localhost:8890/sparql"),
        ("https://db.example/store/", "https://db.example/query"),
    ])
    func queryEndpointIsDerived(store: String, query: String) {
        #expect(GraphStoreEndpoint(store: URL(string: store)!).query?.absoluteString == query)
    }

    @Test func unknownStoreFormHasNoQueryEndpoint() {
        #expect(GraphStoreEndpoint(store: URL(string: "http://localhost/graphs")!).query == nil)
    }

    @Test func explicitQueryEndpointWins() {
        let endpoint = GraphStoreEndpoint(store: URL(string: "http://h/store")!, query: URL(string: "http://h/other")!)
        #expect(endpoint.query?.absoluteString == "http://h/other")
    }

    @Test func countingPatterns() {
        #expect(GraphTarget.defaultGraph.countingPattern == "{ ?s ?p ?o }")
        #expect(GraphTarget.named("http://ex/g").countingPattern == "{ GRAPH <http://ex/g> { ?s ?p ?o } }")
        #expect([GraphTarget.named("b"), .defaultGraph, .named("a")].sorted() == [.defaultGraph, .named("a"), .named("b")])
    }
}
