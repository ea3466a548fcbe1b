import Foundation
import Testing
import RDFModel
import RDFXMLSyntax

/// The reader must never resolve external entities or expand entity bombs.
@Suite struct HardeningTests {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    @Test func externalEntityIsRejected() throws {
        let document = """
        <?xml version="1.0"?>
        <!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
        <rdf:RDF xmlns:rdf="\(Self.rdf)" xmlns:ex="http://example.org/">
          <rdf:Description rdf:about="http://example.org/s"><ex:p>&x;</ex:p></rdf:Description>
        </rdf:RDF>
        """
        var triples: [Triple] = []
        do {
            try RDFXMLParser(fileName: "xxe.rdf").parse(bytes: Array(document.utf8)) { triples.append($0) }
            Issue.record("a document with an external entity was accepted")
        } catch let error as RDFSyntaxError {
            #expect(error.message.contains("entity declarations are not allowed"), "\(error)")
            #expect(error.location.file == "xxe.rdf")
            #expect(error.location.line == 2)
        }
        #expect(!triples.contains { $0.description.contains("root:") })
    }

    @Test func undeclaredEntityReferenceIsRejected() {
        // An external DTD subset is never loaded, so the reference cannot be resolved from it either.
        let document = """
        <?xml version="1.0"?>
        <!DOCTYPE rdf:RDF SYSTEM "file:///etc/passwd">
        <rdf:RDF xmlns:rdf="\(Self.rdf)" xmlns:ex="http://example.org/">
          <rdf:Description rdf:about="http://example.org/s"><ex:p>&passwd;</ex:p></rdf:Description>
        </rdf:RDF>
        """
        #expect {
            _ = try RDFXMLParser().parse(document)
        } throws: { error in
            guard let error = error as? RDFSyntaxError else { return false }
            return error.message.contains("entity references are not allowed") && error.location.line == 4
        }
    }

    /// Rejected at the first entity declaration, so nothing is ever expanded (no timing needed).
    @Test func billionLaughsIsRejectedBeforeExpansion() {
        var dtd = "<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        let document = """
        <?xml version="1.0"?>
        <!DOCTYPE rdf:RDF [
        \(dtd)]>
        <rdf:RDF xmlns:rdf="\(Self.rdf)" xmlns:ex="http://example.org/">
          <rdf:Description rdf:about="http://example.org/s"><ex:p>&lol9;</ex:p></rdf:Description>
        </rdf:RDF>
        """
        #expect {
            _ = try RDFXMLParser().parse(document)
        } throws: { error in
            (error as? RDFSyntaxError)?.message.contains("entity declarations are not allowed") == true
        }
    }

    @Test func doctypeWithoutEntitiesIsFine() throws {
        let document = """
        <?xml version="1.0"?>
        <!DOCTYPE rdf:RDF SYSTEM "http://example.invalid/never-fetched.dtd" [ <!ELEMENT rdf:RDF ANY> ]>
        <rdf:RDF xmlns:rdf="\(Self.rdf)" xmlns:ex="http://example.org/">
          <rdf:Description rdf:about="http://example.org/s" ex:p="v"/>
        </rdf:RDF>
        """
        #expect(try RDFXMLParser().parse(document).count == 1)
    }

    @Test func predefinedEntitiesAndCharacterReferencesAreFine() throws {
        let document = """
        <rdf:RDF xmlns:rdf="\(Self.rdf)" xmlns:ex="http://example.org/">
          <rdf:Description rdf:about="http://example.org/s?a=1&amp;b=2" ex:q="&lt;&#38;&#x41;&quot;">
            <ex:p>&lt;&gt;&amp;&apos;&quot;&#233;&#x1F600;</ex:p>
          </rdf:Description>
        </rdf:RDF>
        """
        let graph = try RDFXMLParser().parseGraph(document)
        let s = Term.iri(IRI("http://example.org/s?a=1&b=2"))
        #expect(graph == Graph([
            Triple(s, IRI("http://example.org/p"), .literal(Literal("<>&'\"\u{E9}\u{1F600}"))),
            Triple(s, IRI("http://example.org/q"), .literal(Literal("<&A\""))),
        ]))
    }
}
