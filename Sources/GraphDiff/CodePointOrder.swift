import Foundation

/// Code point order of strings, the order RDFC-1.0 sorts hashes, paths and N-Quads lines in.
/// Comparing UTF-8 bytes gives code point order; Swift's `<` on `String` does not (it compares
/// canonically equivalent strings as equal), so it must not be used for canonical output.
enum CodePointOrder {
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
                    let order = memcmp(leftBase, rightBase, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }

    /// The indices of `strings` in code point order (stable). The bytes are copied once into one
    /// flat buffer so the comparisons are plain `memcmp`s, without reference counting per comparison:
    /// this sort dominates canonicalizing large, mostly ground datasets.
    static func sortedIndices(_ strings: [String]) -> [Int] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(strings.reduce(0) { $0 + $1.utf8.count })
        var starts: [Int] = []
        starts.reserveCapacity(strings.count + 1)
        for string in strings {
            starts.append(bytes.count)
            bytes.append(contentsOf: string.utf8)
        }
        starts.append(bytes.count)
        var order = Array(strings.indices)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            starts.withUnsafeBufferPointer { starts in
                order.sort { left, right in
                    let leftCount = starts[left + 1] - starts[left], rightCount = starts[right + 1] - starts[right]
                    let common = min(leftCount, rightCount)
                    if common > 0 {
                        let result = memcmp(base + starts[left], base + starts[right], common)
                        if result != 0 { return result < 0 }
                    }
                    if leftCount != rightCount { return leftCount < rightCount }
                    return left < right
                }
            }
        }
        return order
    }
}
