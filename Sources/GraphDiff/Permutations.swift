/// Permutations of `0..<count` in Steinhaus–Johnson–Trotter order, starting from the identity.
/// This is the order the reference implementation (rdf-canonize) visits, over the labels sorted
/// first; matching it keeps the issued-identifier map the same where permutations tie.
struct Permutations: IteratorProtocol {
    private var current: [Int]
    private var leftward: [Bool]
    private var finished = false

    init(count: Int) {
        current = Array(0..<count)
        leftward = Array(repeating: true, count: count)
    }

    mutating func next() -> [Int]? {
        if finished { return nil }
        let result = current
        // The largest mobile element: one whose neighbour in its direction is smaller.
        var mobile = -1, position = 0
        for (index, element) in current.enumerated() where element > mobile {
            let left = leftward[element]
            if (left && index > 0 && element > current[index - 1])
                || (!left && index < current.count - 1 && element > current[index + 1]) {
                mobile = element
                position = index
            }
        }
        if mobile < 0 {
            finished = true
        } else {
            let swap = leftward[mobile] ? position - 1 : position + 1
            current.swapAt(position, swap)
            for element in (mobile + 1)..<current.count { leftward[element].toggle() }
        }
        return result
    }
}
