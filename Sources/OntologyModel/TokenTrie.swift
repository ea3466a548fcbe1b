/// A trie over word tokens. Tokens are interned to integer ids once, and every edge of every node
/// lives in one hash map keyed by (node, token id), so building it allocates no per-node tables
/// and a look-up is one integer hash.
struct TokenTrie: Sendable {
    /// Node 0 is the root.
    static let root: Int32 = 0

    /// Folded token → id. Keyed by `String`, so canonically equivalent tokens share one id, as
    /// they would share one key of any `String`-keyed table.
    private var tokenIDs: [String: Int32] = [:]
    private var edges: [UInt64: Int32] = [:]
    private(set) var nodeCount = 1

    init() {}

    /// Room for about `tokens` more tokens along new paths.
    mutating func reserveCapacity(tokens: Int) {
        edges.reserveCapacity(edges.count + tokens)
        tokenIDs.reserveCapacity(tokenIDs.count + tokens / 4)
    }

    /// The id of a token, interning it when new.
    mutating func intern(_ token: String) -> Int32 {
        if let id = tokenIDs[token] { return id }
        let id = Int32(truncatingIfNeeded: tokenIDs.count)
        tokenIDs[token] = id
        return id
    }

    /// The id of a token the trie has seen, or nil: no path goes through an unknown token.
    func id(of token: String) -> Int32? { tokenIDs[token] }

    private static func key(_ node: Int32, _ token: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: token))
    }

    func child(of node: Int32, token: Int32) -> Int32? { edges[Self.key(node, token)] }

    /// The child of `node` along `token`, added when missing.
    mutating func child(of node: Int32, addingToken token: Int32) -> Int32 {
        let key = Self.key(node, token)
        if let next = edges[key] { return next }
        let next = Int32(truncatingIfNeeded: nodeCount)
        nodeCount += 1
        edges[key] = next
        return next
    }

    /// Every interned token with its id, in no particular order (for compiling the trie).
    var tokenTable: [(token: String, id: Int32)] { tokenIDs.map { ($0.key, $0.value) } }

    /// Every edge as (parent node, token id, child node), in no particular order.
    var edgeTable: [(node: Int32, token: Int32, child: Int32)] {
        edges.map { (Int32(truncatingIfNeeded: $0.key >> 32), Int32(truncatingIfNeeded: $0.key & 0xFFFF_FFFF), $0.value) }
    }

    /// The node at the end of `tokens` from the root, adding the missing nodes.
    mutating func insert(_ tokens: [Int32]) -> Int32 {
        var node = Self.root
        var index = 0
        while index < tokens.count {
            node = child(of: node, addingToken: tokens[index])
            index += 1
        }
        return node
    }
}
