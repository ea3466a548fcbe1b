/// An RDFC-1.0 identifier issuer: hands out `prefix0`, `prefix1`, … in order, remembering which
/// blank node got which. Blank nodes are the canonicalizer's dense integer ids, so copies (made once
/// per permutation) stay cheap.
struct IdentifierIssuer: Sendable {
    let prefix: String
    /// Blank node id → issued number.
    private(set) var issued: [Int: Int] = [:]
    /// Blank nodes in the order their identifiers were issued.
    private(set) var order: [Int] = []

    init(prefix: String) { self.prefix = prefix }

    func identifier(for node: Int) -> String? {
        guard let number = issued[node] else { return nil }
        return prefix + String(number)
    }

    /// Issues (or returns the already issued) identifier for `node`.
    @discardableResult
    mutating func issue(_ node: Int) -> String {
        if let number = issued[node] { return prefix + String(number) }
        let number = order.count
        issued[node] = number
        order.append(node)
        return prefix + String(number)
    }
}
