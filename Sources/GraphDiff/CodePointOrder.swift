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
}
