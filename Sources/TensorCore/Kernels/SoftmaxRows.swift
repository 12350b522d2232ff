#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Kernels {
    /// Softmax or log-softmax of each contiguous row of `x` (`rows x n`) into `y`, in one
    /// visit per row while it sits in L1:
    ///
    ///     m = max_k x_k                      (NaN if any x_k is NaN)
    ///     softmax:    y_k = exp(x_k − m) / Σ_j exp(x_j − m)
    ///     logSoftmax: y_k = (x_k − m) − log Σ_j exp(x_j − m)
    ///
    /// (a row holding +inf or NaN gives NaN throughout, as in PyTorch)
    ///
    /// the same formulas as the general strided path (four passes over the whole tensor),
    /// which serves the other layouts. Rows run in parallel; each row's arithmetic is
    /// fixed (16-lane partial sums folded in lane order), so results do not depend on
    /// the thread count.
    static func softmaxRows(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, length n: Int,
                            log: Bool) {
        Parallel.forEach(count: rows, grain: Swift.max(1, elementwiseGrain / Swift.max(n, 1))) { range in
            for row in range {
                let xr = x + row * n, yr = y + row * n
                let m = rowMax(xr, n)
                for k in 0..<n { yr[k] = fastExp(xr[k] - m) }
                var acc = Vec()
                var k = 0
                while k + 16 <= n {
                    acc = acc + load(yr + k)
                    k += 16
                }
                var total: Float = 0
                for l in 0..<16 { total = total + acc[l] }
                while k < n {
                    total = total + yr[k]
                    k += 1
                }
                if log {
                    let l = logf(total)
                    for k in 0..<n { yr[k] = (xr[k] - m) - l }
                } else {
                    for k in 0..<n { yr[k] = yr[k] / total }
                }
            }
        }
    }

    /// The maximum of `n` contiguous values, NaN if any is NaN. Vector pass with a
    /// bit-select (see `greaterMask`); a row holding a NaN or an infinity, which that mask
    /// does not order exactly, is rescanned with the exact scalar loop.
    @inline(__always)
    static func rowMax(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var k = 0
        var m = -Float.infinity
        if n >= 16 {
            var mv = load(x)
            var poison = mv - mv
            k = 16
            while k + 16 <= n {
                let v = load(x + k)
                mv = select(greaterMask(v, than: mv), v, mv)
                poison = poison + (v - v)
                k += 16
            }
            var bad: Float = 0
            for l in 0..<16 { bad = bad + poison[l] }
            if bad.isNaN {
                k = 0
            } else {
                for l in 0..<16 where mv[l] > m { m = mv[l] }
            }
        }
        while k < n {
            let v = x[k]
            if v > m || v.isNaN && !m.isNaN { m = v }
            k += 1
        }
        return m
    }

    /// Backward of `softmaxRows` for each contiguous row, given the forward output `y`
    /// and the output gradient `g`:
    ///
    ///     softmax:    dx_k = y_k · (g_k − Σ_j g_j y_j)
    ///     logSoftmax: dx_k = g_k − exp(y_k) · Σ_j g_j
    static func softmaxRowsBackward(_ y: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                                    rows: Int, length n: Int, log: Bool) {
        Parallel.forEach(count: rows, grain: Swift.max(1, elementwiseGrain / Swift.max(n, 1))) { range in
            for row in range {
                let yr = y + row * n, gr = g + row * n, dr = dx + row * n
                var acc = Vec()
                var k = 0
                while k + 16 <= n {
                    acc = acc + (log ? load(gr + k) : load(gr + k) * load(yr + k))
                    k += 16
                }
                var total: Float = 0
                for l in 0..<16 { total = total + acc[l] }
                while k < n {
                    total = total + (log ? gr[k] : gr[k] * yr[k])
                    k += 1
                }
                if log {
                    for k in 0..<n { dr[k] = gr[k] - fastExp(yr[k]) * total }
                } else {
                    for k in 0..<n { dr[k] = yr[k] * (gr[k] - total) }
                }
            }
        }
    }
}
