import RDFModel

/// One run of the RDFC-1.0 algorithm (sections 4.4–4.8) over the quads that mention blank nodes.
/// Blank nodes are numbered densely in order of first appearance; every quad is pre-split into
/// formatted text pieces and blank node slots, so the hot loops only concatenate.
struct RDFC10Run {
    /// A subject, object or graph name: fixed N-Quads text, or a blank node to be labelled.
    enum Slot {
        case text(String)
        case node(Int)
    }

    /// A quad in pieces.
    struct SplitQuad {
        let quad: Quad
        let subject: Slot
        /// `<iri>`: both its N-Quads form and the form Hash Related Blank Node appends.
        let predicate: String
        let object: Slot
        let graph: Slot?
    }

    let algorithm: HashAlgorithm
    let workLimit: Int
    let depthLimit: Int
    /// Input label of each blank node.
    private(set) var labels: [String] = []
    private var quads: [SplitQuad] = []
    /// The blank node to quads map: node → indices into `quads`.
    private var quadsOfNode: [[Int]] = []
    private var firstDegreeHashes: [String] = []
    private var canonicalIssuer = IdentifierIssuer(prefix: "c14n")
    /// What Hash Related Blank Node and Hash N-Degree Quads take as already-fixed labels: the
    /// canonical issuer (the standard algorithm), or the diff labels of `stableLabels()`.
    private var fixedLabels: FixedLabels = .canonical
    /// Hash N-Degree Quads calls made for the current top-level blank node.
    private var calls = 0

    init(quads input: [Quad], algorithm: HashAlgorithm, workLimit: Int, depthLimit: Int) {
        self.algorithm = algorithm
        self.workLimit = workLimit
        self.depthLimit = depthLimit
        var nodeIndex: [String: Int] = [:]
        quads.reserveCapacity(input.count)
        for quad in input {
            let quadIndex = quads.count
            func slot(_ term: Term) -> Slot {
                guard let blank = term.blankNode else { return .text(NTriplesFormatter.format(term)) }
                let node: Int
                if let known = nodeIndex[blank.id] {
                    node = known
                } else {
                    node = labels.count
                    nodeIndex[blank.id] = node
                    labels.append(blank.id)
                    quadsOfNode.append([])
                }
                // A quad is listed once per node even when the node fills two positions.
                if quadsOfNode[node].last != quadIndex { quadsOfNode[node].append(quadIndex) }
                return .node(node)
            }
            let subject = slot(quad.subject)
            let object = slot(quad.object)
            let graph = quad.graph.map(slot)
            quads.append(SplitQuad(quad: quad, subject: subject, predicate: NTriplesFormatter.format(.iri(quad.predicate)),
                                   object: object, graph: graph))
        }
    }

    /// Input label → canonical label (or the label in `names`, when given), for every blank node.
    func issuedIdentifiers(names: [String]? = nil) -> [String: String] {
        var map: [String: String] = [:]
        for (node, label) in labels.enumerated() {
            if let name = names?[node] ?? canonicalIssuer.identifier(for: node) { map[label] = name }
        }
        return map
    }

    /// Where already-fixed blank node labels come from while hashing.
    private enum FixedLabels {
        case canonical
        case stable([String?])
    }

    /// The fixed label of `node`, if it has one.
    private func fixedLabel(_ node: Int) -> String? {
        switch fixedLabels {
        case .canonical: canonicalIssuer.identifier(for: node)
        case let .stable(labels): labels[node]
        }
    }

    // MARK: 4.4 Canonicalization algorithm, steps 3–5

    mutating func issueCanonicalIdentifiers() throws(CanonicalizationError) {
        firstDegreeHashes = labels.indices.map(hashFirstDegreeQuads)
        var nodesByHash: [String: [Int]] = [:]
        for (node, hash) in firstDegreeHashes.enumerated() { nodesByHash[hash, default: []].append(node) }
        let hashes = nodesByHash.keys.sorted(by: CodePointOrder.less)

        // Step 4: blank nodes with a unique first-degree hash get their labels straight away.
        for hash in hashes {
            if let nodes = nodesByHash[hash], nodes.count == 1 { canonicalIssuer.issue(nodes[0]) }
        }

        // Step 5: the rest are told apart by their neighbourhoods.
        for hash in hashes {
            guard let nodes = nodesByHash[hash], nodes.count > 1 else { continue }
            var results: [(hash: String, issuer: IdentifierIssuer)] = []
            for node in nodes where canonicalIssuer.identifier(for: node) == nil {
                var temporary = IdentifierIssuer(prefix: "b")
                temporary.issue(node)
                calls = 0
                results.append(try hashNDegreeQuads(node, issuer: temporary, depth: 1))
            }
            // Stable by hash: equal hashes keep the order the nodes were met in.
            let ordered = results.indices.sorted { left, right in
                if results[left].hash != results[right].hash { return CodePointOrder.less(results[left].hash, results[right].hash) }
                return left < right
            }
            for index in ordered {
                for node in results[index].issuer.order { canonicalIssuer.issue(node) }
            }
        }
    }

    /// Step 6: each quad with canonical labels (or `names`, one per blank node, when given), and its
    /// N-Quads line.
    func relabelledQuads(names: [String]? = nil) -> [(Quad, String)] {
        let name: (Int) -> String = { node in names?[node] ?? canonicalLabel(node) }
        return quads.map { split in
            func term(_ slot: Slot, original: Term) -> Term {
                if case let .node(node) = slot { return .blank(BlankNode(name(node))) }
                return original
            }
            let quad = Quad(term(split.subject, original: split.quad.subject), split.quad.predicate,
                            term(split.object, original: split.quad.object),
                            graph: split.quad.graph.map { original in split.graph.map { term($0, original: original) } ?? original })
            let line = serialize(split) { "_:" + name($0) }
            return (quad, line)
        }
    }

    // MARK: Labels for diffing

    /// Labels for diffing, after `issueCanonicalIdentifiers()`: `b` + the first 16 hex digits of a
    /// hash of the blank node's own statements, so an edit elsewhere in the dataset does not
    /// relabel it (canonical labels are numbered in hash order over the whole dataset, so one new
    /// blank node can shift all of them). The first of these that is unique in the dataset:
    ///
    /// 1. the hash of the statements that point at it (it is their object), hashed like a
    ///    first-degree hash: a blank node is usually the value of some property of a named thing,
    ///    and that link is what names it, so a change to its own properties shows as just that
    ///    change and not also as a moved link;
    /// 2. its first-degree hash (all its statements);
    /// 3. its Hash N-Degree Quads result, computed against the labels of 1 and 2 rather than
    ///    canonical ones, for the reason above.
    ///
    /// Every label is a function of the dataset's structure, so isomorphic datasets still get
    /// identical lines. Blank nodes whose labels still tie (automorphic ones, a 64-bit prefix
    /// collision, or past the work limit) keep their canonical labels, which are the only thing
    /// that tells them apart.
    mutating func stableLabels() -> [String] {
        func unique(_ hashes: [String?]) -> [String?] {
            var nodesPerHash: [String: Int] = [:]
            for case let hash? in hashes { nodesPerHash[hash, default: 0] += 1 }
            return hashes.map { hash in hash.flatMap { nodesPerHash[$0] == 1 ? "b" + $0.prefix(16) : nil } }
        }
        let byIncoming = unique(labels.indices.map(hashIncomingQuads))
        let byFirstDegree = unique(firstDegreeHashes)
        var candidates = labels.indices.map { byIncoming[$0] ?? byFirstDegree[$0] }
        let known = candidates
        fixedLabels = .stable(known)
        defer { fixedLabels = .canonical }
        for node in labels.indices where known[node] == nil {
            // `b0`, `b1`, … of the temporary issuer cannot equal a 17-character `b…` label.
            var temporary = IdentifierIssuer(prefix: "b")
            temporary.issue(node)
            calls = 0
            if let result = try? hashNDegreeQuads(node, issuer: temporary, depth: 1) {
                candidates[node] = "b" + result.hash.prefix(16)
            }
        }
        var uses: [String: Int] = [:]
        for case let candidate? in candidates { uses[candidate, default: 0] += 1 }
        return labels.indices.map { node in
            if let candidate = candidates[node], uses[candidate] == 1 { return candidate }
            return canonicalLabel(node)
        }
    }

    private func canonicalLabel(_ node: Int) -> String {
        // Every node is issued by step 5; the fallback only guards the invariant without trapping.
        canonicalIssuer.identifier(for: node) ?? labels[node]
    }

    /// The N-Quads line of a split quad (no newline), with blank nodes named by `name`.
    private func serialize(_ split: SplitQuad, name: (Int) -> String) -> String {
        var line = ""
        func append(_ slot: Slot) {
            switch slot {
            case let .text(text): line += text
            case let .node(node): line += name(node)
            }
        }
        append(split.subject)
        line += " "
        line += split.predicate
        line += " "
        append(split.object)
        if let graph = split.graph {
            line += " "
            append(graph)
        }
        line += " ."
        return line
    }

    // MARK: 4.6 Hash First Degree Quads

    private func hashFirstDegreeQuads(_ node: Int) -> String {
        var lines = quadsOfNode[node].map { index in
            serialize(quads[index]) { $0 == node ? "_:a" : "_:z" } + "\n"
        }
        lines.sort(by: CodePointOrder.less)
        return algorithm.hexDigest(lines.joined())
    }

    /// Like Hash First Degree Quads, over only the quads with `node` as object; nil when there are
    /// none.
    private func hashIncomingQuads(_ node: Int) -> String? {
        var lines: [String] = []
        for index in quadsOfNode[node] {
            guard case let .node(object) = quads[index].object, object == node else { continue }
            lines.append(serialize(quads[index]) { $0 == node ? "_:a" : "_:z" } + "\n")
        }
        guard !lines.isEmpty else { return nil }
        lines.sort(by: CodePointOrder.less)
        return algorithm.hexDigest(lines.joined())
    }

    // MARK: 4.7 Hash Related Blank Node

    private func hashRelatedBlankNode(_ related: Int, in split: SplitQuad, issuer: IdentifierIssuer, position: String) -> String {
        var input = position
        if position != "g" { input += split.predicate }
        if let fixed = fixedLabel(related) {
            input += "_:" + fixed
        } else if let temporary = issuer.identifier(for: related) {
            input += "_:" + temporary
        } else {
            input += firstDegreeHashes[related]
        }
        return algorithm.hexDigest(input)
    }

    // MARK: 4.8 Hash N-Degree Quads

    private mutating func hashNDegreeQuads(_ node: Int, issuer startIssuer: IdentifierIssuer,
                                           depth: Int) throws(CanonicalizationError) -> (hash: String, issuer: IdentifierIssuer) {
        calls += 1
        if calls > workLimit { throw .tooComplex(limit: workLimit) }
        if depth > depthLimit { throw .tooDeep(limit: depthLimit) }
        var issuer = startIssuer

        // Steps 1–3: group the related blank nodes by their related hash.
        var relatedByHash: [String: [Int]] = [:]
        for index in quadsOfNode[node] {
            let split = quads[index]
            for (slot, position) in [(split.subject, "s"), (split.object, "o"), (split.graph, "g")] {
                guard case let .node(related)? = slot, related != node else { continue }
                let hash = hashRelatedBlankNode(related, in: split, issuer: issuer, position: position)
                relatedByHash[hash, default: []].append(related)
            }
        }

        // Steps 4–5.
        var dataToHash = ""
        for relatedHash in relatedByHash.keys.sorted(by: CodePointOrder.less) {
            dataToHash += relatedHash
            let nodes = (relatedByHash[relatedHash] ?? []).sorted { CodePointOrder.less(labels[$0], labels[$1]) }
            var chosenPath = ""
            var chosenIssuer: IdentifierIssuer?
            var permutations = Permutations(count: nodes.count)
            permutation: while let permutation = permutations.next() {
                var issuerCopy = issuer
                var path = ""
                var recursionList: [Int] = []
                for position in permutation {
                    let related = nodes[position]
                    if let fixed = fixedLabel(related) {
                        path += "_:" + fixed
                    } else {
                        if issuerCopy.identifier(for: related) == nil { recursionList.append(related) }
                        path += "_:" + issuerCopy.issue(related)
                    }
                    if isWorse(path, than: chosenPath) { continue permutation }
                }
                for related in recursionList {
                    let result = try hashNDegreeQuads(related, issuer: issuerCopy, depth: depth + 1)
                    path += "_:" + issuerCopy.issue(related)
                    path += "<" + result.hash + ">"
                    issuerCopy = result.issuer
                    if isWorse(path, than: chosenPath) { continue permutation }
                }
                if chosenIssuer == nil || CodePointOrder.less(path, chosenPath) {
                    chosenPath = path
                    chosenIssuer = issuerCopy
                }
            }
            dataToHash += chosenPath
            if let chosenIssuer { issuer = chosenIssuer }
        }
        return (algorithm.hexDigest(dataToHash), issuer)
    }

    /// The pruning test of steps 5.4.4.3 and 5.4.5.5: this permutation can no longer win.
    private func isWorse(_ path: String, than chosenPath: String) -> Bool {
        !chosenPath.isEmpty && path.utf8.count >= chosenPath.utf8.count && CodePointOrder.less(chosenPath, path)
    }
}
