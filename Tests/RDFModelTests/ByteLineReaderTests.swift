import Testing
@testable import RDFModel

@Suite struct ByteLineReaderTests {
    static func lines(_ text: String, chunkSize: Int) throws -> [String] {
        let bytes = Array(text.utf8)
        var offset = 0
        var reader = ByteLineReader(chunks: {
            guard offset < bytes.count else { return nil }
            let end = min(offset + chunkSize, bytes.count)
            defer { offset = end }
            return Array(bytes[offset..<end])
        })
        var result: [String] = []
        while let line = try reader.nextLine() { result.append(String(decoding: line, as: UTF8.self)) }
        return result
    }

    // Lines that span chunks, and CRLF split across two chunks, must come out whole and once.
    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func splitsLinesAcrossChunks(chunkSize: Int) throws {
        let text = "first\r\nsecond\rthird\n\nfifth é\r\n\r\nlast"
        #expect(try Self.lines(text, chunkSize: chunkSize) == ["first", "second", "third", "", "fifth é", "", "last"])
    }

    @Test func countsLines() throws {
        var reader = ByteLineReader(bytes: Array("a\r\nb\rc\n".utf8))
        var numbers: [Int] = []
        while try reader.withNextLine({ _, number in numbers.append(number) }) != nil {}
        #expect(numbers == [1, 2, 3])
        #expect(reader.lineNumber == 3)
    }
}

@Suite struct NTriplesErrorPositionTests {
    // Columns count Unicode scalars; each error points at the offending token.
    @Test(arguments: [
        ("<http://a> <http://b> \"x\"^^<t> .", "1:28: relative IRI <t> is not allowed here"),
        ("<http://é> <http://b> \"x\"@en- .", "1:30: empty language subtag"),
        ("<http://a> <http://b> \"a\\u00ZZb\" .", "1:25: invalid unicode escape"),
        ("<http://a\\u0020b> <http://b> <http://c> .", "1:16: escaped character not allowed in an IRI"),
        ("_:a.b. <http://b> <http://c> .", "1:6: expected '<' to start an IRI"),
        ("<http://a> <http://b> <a?b:c> .", "1:23: relative IRI <a?b:c> is not allowed here"),
        ("<http://a> <http://b> \"é\\\"x\" junk", "1:30: expected '.' at the end of the statement"),
        ("<http://a> <http://b> \"abc", "1:27: unterminated string literal"),
        ("<http://a> <http://b> <http://c", "1:23: unterminated IRI"),
    ])
    func reportsPosition(line: String, expected: String) {
        #expect {
            _ = try NTriplesParser(quads: false).parse(line)
        } throws: { error in
            (error as? RDFSyntaxError)?.description == expected
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes = Array("<http://a> <http://b> \"".utf8) + [0xFF] + Array("\" .".utf8)
        #expect {
            _ = try NTriplesParser(quads: false).parseLine(bytes, lineNumber: 1)
        } throws: { error in
            (error as? RDFSyntaxError)?.description == "1:24: invalid UTF-8"
        }
    }

    @Test func sharesRepeatedIRIs() throws {
        let quads = try NTriplesParser(quads: false).parse("<http://s> <http://p> <http://o> .\n<http://s> <http://p> \"1\"^^<http://t> .\n")
        #expect(quads.map(\.predicate) == [IRI("http://p"), IRI("http://p")])
        #expect(quads[1].object == .literal(Literal("1", datatype: IRI("http://t"))))
    }
}
