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

    /// Input label → canonical label, for every blank node.
    var issuedIdentifiers: [String: String] {
        var map: [String: String] = [:]
        for (node, label) in labels.enumerated() {
            if let canonical = canonicalIssuer.identifier(for: node) { map[label] = canonical }
        }
        return map
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

    /// Step 6: each quad with canonical labels, and its canonical N-Quads line.
    func relabelledQuads() -> [(Quad, String)] {
        quads.map { split in
            func term(_ slot: Slot, original: Term) -> Term {
                if case let .node(node) = slot { return .blank(BlankNode(canonicalLabel(node))) }
                return original
            }
            let quad = Quad(term(split.subject, original: split.quad.subject), split.quad.predicate,
                            term(split.object, original: split.quad.object),
                            graph: split.quad.graph.map { original in split.graph.map { term($0, original: original) } ?? original })
            let line = serialize(split) { "_:" + canonicalLabel($0) }
            return (quad, line)
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

    // MARK: 4.7 Hash Related Blank Node

    private func hashRelatedBlankNode(_ related: Int, in split: SplitQuad, issuer: IdentifierIssuer, position: String) -> String {
        var input = position
        if position != "g" { input += split.predicate }
        if let canonical = canonicalIssuer.identifier(for: related) {
            input += "_:" + canonical
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
                    if let canonical = canonicalIssuer.identifier(for: related) {
                        path += "_:" + canonical
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
