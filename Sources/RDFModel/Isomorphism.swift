/// Graph and dataset isomorphism up to blank-node renaming (colour refinement plus backtracking).
/// Meant for tests and small-to-medium graphs; `GraphDiff` canonicalizes for large ones.
public enum Isomorphism {
    public static func areIsomorphic(_ lhs: Graph, _ rhs: Graph) -> Bool {
        areIsomorphic(lhs.triples.map { Quad($0) }, rhs.triples.map { Quad($0) })
    }

    public static func areIsomorphic(_ lhs: Dataset, _ rhs: Dataset) -> Bool {
        areIsomorphic(Array(lhs.quads), Array(rhs.quads))
    }

    public static func areIsomorphic(_ lhs: [Quad], _ rhs: [Quad]) -> Bool {
        let left = Set(lhs), right = Set(rhs)
        guard left.count == right.count else { return false }
        let leftGround = left.filter { !hasBlank($0) }, rightGround = right.filter { !hasBlank($0) }
        guard leftGround == rightGround else { return false }
        let leftBlank = Array(left.subtracting(leftGround)), rightBlank = Array(right.subtracting(rightGround))
        guard leftBlank.count == rightBlank.count else { return false }
        if leftBlank.isEmpty { return true }
        var leftColors = refine(leftBlank, initial: [:])
        var rightColors = refine(rightBlank, initial: [:])
        return search(leftBlank, rightBlank, &leftColors, &rightColors, target: Set(rightBlank))
    }

    static func hasBlank(_ quad: Quad) -> Bool {
        quad.subject.isBlank || quad.object.isBlank || (quad.graph?.isBlank ?? false)
    }

    static func blanks(_ quad: Quad) -> [BlankNode] {
        [quad.subject, quad.object, quad.graph].compactMap { $0?.blankNode }
    }

    static func refine(_ quads: [Quad], initial: [BlankNode: Int]) -> [BlankNode: Int] {
        var colors = initial
        for quad in quads { for node in blanks(quad) where colors[node] == nil { colors[node] = 0 } }
        var classCount = Set(colors.values).count
        for _ in 0..<(colors.count + 1) {
            var signatures: [BlankNode: [Int]] = [:]
            for quad in quads {
                let terms = [quad.subject, quad.object, quad.graph]
                for (position, term) in terms.enumerated() {
                    guard let node = term?.blankNode else { continue }
                    var hasher = Hasher()
                    hasher.combine(position)
                    hasher.combine(quad.predicate)
                    for (other, otherTerm) in terms.enumerated() {
                        hasher.combine(other)
                        switch otherTerm {
                        case nil: hasher.combine(-1)
                        case let .blank(b)?: hasher.combine(b == node && other != position ? -2 : (colors[b] ?? 0))
                        case let term?: hasher.combine(term)
                        }
                    }
                    signatures[node, default: []].append(hasher.finalize())
                }
            }
            var next: [BlankNode: Int] = [:]
            for (node, color) in colors {
                var hasher = Hasher()
                hasher.combine(color)
                hasher.combine((signatures[node] ?? []).sorted())
                next[node] = hasher.finalize()
            }
            colors = next
            let newCount = Set(colors.values).count
            if newCount == classCount { break }
            classCount = newCount
        }
        return colors
    }

    static func search(_ lhs: [Quad], _ rhs: [Quad], _ leftColors: inout [BlankNode: Int], _ rightColors: inout [BlankNode: Int], target: Set<Quad>) -> Bool {
        let leftHistogram = Dictionary(grouping: leftColors.values, by: { $0 }).mapValues(\.count)
        let rightHistogram = Dictionary(grouping: rightColors.values, by: { $0 }).mapValues(\.count)
        guard leftHistogram == rightHistogram else { return false }
        // Pick the first ambiguous colour class (deterministically by size then colour).
        let ambiguous = leftHistogram.filter { $0.value > 1 }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.first
        guard let (color, _) = ambiguous else {
            let rightByColor = Dictionary(uniqueKeysWithValues: rightColors.map { ($0.value, $0.key) })
            var mapping: [BlankNode: BlankNode] = [:]
            for (node, color) in leftColors { mapping[node] = rightByColor[color] }
            return Set(lhs.map { map($0, mapping) }) == target
        }
        guard let node = leftColors.filter({ $0.value == color }).keys.sorted().first else { return false }
        let candidates = rightColors.filter { $0.value == color }.keys.sorted()
        let marker = color &+ 0x5bd1e995
        for candidate in candidates {
            var nextLeft = leftColors, nextRight = rightColors
            nextLeft[node] = marker
            nextRight[candidate] = marker
            nextLeft = refine(lhs, initial: nextLeft)
            nextRight = refine(rhs, initial: nextRight)
            if search(lhs, rhs, &nextLeft, &nextRight, target: target) { return true }
        }
        return false
    }

    static func map(_ quad: Quad, _ mapping: [BlankNode: BlankNode]) -> Quad {
        func mapTerm(_ term: Term) -> Term {
            if case let .blank(node) = term, let target = mapping[node] { return .blank(target) }
            return term
        }
        return Quad(mapTerm(quad.subject), quad.predicate, mapTerm(quad.object), graph: quad.graph.map(mapTerm))
    }
}
