/// The size of a split part: an absolute count or a fraction of the items (PyG accepts
/// an `int` or a `float` for `num_val` / `num_test`).
public enum SplitSize: Sendable, Equatable {
    case count(Int)
    case fraction(Double)

    /// The number of items out of `total`: fractions are rounded by `rounding`
    /// (`RandomNodeSplit` uses Python's `round`, half to even; `RandomLinkSplit` uses
    /// `int`, towards zero). Throws `.usage` for a negative count or a fraction outside
    /// `0...1`.
    func resolve(of total: Int, _ what: String, rounding: FloatingPointRoundingRule) throws -> Int {
        switch self {
        case .count(let n):
            guard n >= 0 else { throw DataError(.usage, "\(what): count \(n) is negative") }
            return n
        case .fraction(let f):
            guard f >= 0 && f <= 1 else { throw DataError(.usage, "\(what): fraction \(f) is outside 0...1") }
            return Int((Double(total) * f).rounded(rounding))
        }
    }
}
