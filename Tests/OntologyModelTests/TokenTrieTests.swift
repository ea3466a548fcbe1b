import Testing
@testable import OntologyModel

@Suite struct TokenTrieTests {
    @Test func internsEachTokenOnce() {
        var trie = TokenTrie()
        let cell = trie.intern("cell")
        let stem = trie.intern("stem")
        #expect(cell != stem)
        #expect(trie.intern("cell") == cell)
        #expect(trie.id(of: "stem") == stem)
        #expect(trie.id(of: "liver") == nil)
    }

    @Test func sharesPrefixesAndFindsChildren() {
        var trie = TokenTrie()
        let stem = trie.intern("stem"), cell = trie.intern("cell"), cells = trie.intern("cells")
        let stemCell = trie.insert([stem, cell])
        let stemCells = trie.insert([stem, cells])
        #expect(stemCell != stemCells)
        #expect(trie.insert([stem, cell]) == stemCell)
        // Root, "stem", "stem cell", "stem cells".
        #expect(trie.nodeCount == 4)
        guard let stemNode = trie.child(of: TokenTrie.root, token: stem) else {
            Issue.record("no edge for the first token")
            return
        }
        #expect(trie.child(of: stemNode, token: cell) == stemCell)
        #expect(trie.child(of: TokenTrie.root, token: cell) == nil)
    }
}
