import TensorCore

/// Fused CPU kernels behind NeuralNet's layers and losses: one pass forward and one pass
/// backward per op, with no intermediate tensors beyond small per-row or per-feature
/// statistics.
///
/// Determinism: every reduction has an order fixed by the shapes alone. Row statistics
/// are computed by the one chunk that owns the row; per-feature (column) sums are
/// parallel over column blocks, each column summed over rows in order; scalar loss sums
/// add fixed-size blocks (partials in parallel, then in order). Results therefore do not
/// depend on the thread count.
public enum FusedKernels {
    /// Elements per block of a scalar loss sum. The split depends only on the count, so
    /// the sum is the same for every thread count.
    static let sumBlock = 4096

    /// Column sums of a row-major `[rows, cols]` matrix into `out` (`cols` values).
    ///
    /// Parallel over blocks of columns; each column is summed over rows in order, so the
    /// result does not depend on the thread count.
    /// - Complexity: O(rows · cols), one pass over the matrix.
    public static func columnSums(_ src: UnsafePointer<Float>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Float>) {
        guard cols > 0 else { return }
        Parallel.forEach(count: cols, grain: max(1, Kernels.elementwiseGrain / max(rows, 1))) { r in
            let lo = r.lowerBound, n = r.count
            (out + lo).initialize(repeating: 0, count: n)
            for i in 0..<rows {
                let row = src + i * cols + lo
                let dst = out + lo
                for j in 0..<n { dst[j] = dst[j] + row[j] }
            }
        }
    }

    // MARK: Row helpers (8-wide accumulators, fixed order for a given length)

    /// Σ p[j] for j in 0..<n.
    @inline(__always)
    static func rowSum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var j = 0
        while j + 8 <= n {
            acc = acc + UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Float>.self)
            j += 8
        }
        var s = acc.sum()
        while j < n { s += p[j]; j += 1 }
        return s
    }

    /// Σ (p[j] − mean)² for j in 0..<n.
    @inline(__always)
    static func rowSquaredDeviations(_ p: UnsafePointer<Float>, _ n: Int, mean: Float) -> Float {
        var acc = SIMD8<Float>()
        let m = SIMD8<Float>(repeating: mean)
        var j = 0
        while j + 8 <= n {
            let d = UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Float>.self) - m
            acc = acc + d * d
            j += 8
        }
        var s = acc.sum()
        while j < n { let d = p[j] - mean; s += d * d; j += 1 }
        return s
    }

    /// Σ f(i) for i in 0..<count, in Double: fixed blocks of `sumBlock` terms are summed
    /// (in Float) in parallel, then the block partials are added in order.
    @inline(__always)
    static func blockSum(count: Int, _ term: (Int) -> Float) -> Double {
        guard count > 0 else { return 0 }
        let blocks = (count + sumBlock - 1) / sumBlock
        if blocks == 1 {
            var s: Float = 0
            for i in 0..<count { s += term(i) }
            return Double(s)
        }
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: blocks)
        defer { partials.deallocate() }
        Parallel.forEach(count: blocks, grain: max(1, Kernels.elementwiseGrain / sumBlock)) { r in
            for b in r {
                var s: Float = 0
                for i in (b * sumBlock)..<min(count, (b + 1) * sumBlock) { s += term(i) }
                partials[b] = Double(s)
            }
        }
        var total = 0.0
        for b in 0..<blocks { total += partials[b] }
        return total
    }

    /// `out[i] = f(i)` for i in 0..<count, in parallel.
    @inline(__always)
    static func fill(_ out: UnsafeMutablePointer<Float>, count: Int, _ f: (Int) -> Float) {
        Parallel.forEach(count: count, grain: Kernels.elementwiseGrain) { r in
            for i in r { out[i] = f(i) }
        }
    }
}
