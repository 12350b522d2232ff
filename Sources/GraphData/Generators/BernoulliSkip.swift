import Foundation
import TensorCore

extension RandomGenerator {
    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextUnitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// The indices `k` in `0..<count` kept when each is kept independently with
    /// probability `p`, ascending, drawn by geometric skipping (Batagelj and Brandes
    /// 2005, as networkx's `fast_gnp_random_graph`): O(count · p) draws instead of
    /// `count`.
    mutating func bernoulliIndices(count: Int, p: Double) -> [Int] {
        if p <= 0 || count <= 0 { return [] }
        if p >= 1 { return Array(0..<count) }
        let logQ = log(1 - p)
        var out: [Int] = []
        out.reserveCapacity(Int(Double(count) * p * 1.1) + 16)
        var k = -1
        while true {
            let skip = (log(1 - nextUnitDouble()) / logQ).rounded(.down)
            guard skip < Double(count) else { break }
            k += 1 + Int(skip)
            guard k < count else { break }
            out.append(k)
        }
        return out
    }
}

/// The unordered pair `(v, w)`, `w < v`, at position `k` of the order
/// `(1,0), (2,0), (2,1), (3,0), ...` (k = v(v−1)/2 + w).
func triangularPair(_ k: Int) -> (Int, Int) {
    var v = Int(((1 + (1 + 8 * Double(k)).squareRoot()) / 2).rounded(.down))
    while v * (v - 1) / 2 > k { v -= 1 }
    while (v + 1) * v / 2 <= k { v += 1 }
    return (v, k - v * (v - 1) / 2)
}
