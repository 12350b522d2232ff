#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Scalar math used by the elementwise ops. Inside `extension Tensor` the names `exp`,
// `log`, `tanh`, ... refer to the tensor methods, so the kernels call these instead.
@inline(__always) func fexp(_ x: Float) -> Float { expf(x) }
@inline(__always) func fexpm1(_ x: Float) -> Float { expm1f(x) }
@inline(__always) func flog(_ x: Float) -> Float { logf(x) }
@inline(__always) func flog1p(_ x: Float) -> Float { log1pf(x) }
@inline(__always) func ftanh(_ x: Float) -> Float { tanhf(x) }
@inline(__always) func ferf(_ x: Float) -> Float { erff(x) }
@inline(__always) func fpow(_ x: Float, _ y: Float) -> Float { powf(x, y) }

extension Kernels {
    /// `out = f(x, y, z)` with NumPy broadcasting of all three operands (the output shape
    /// is the broadcast of the three shapes). Used by `where`, by `maximum`/`minimum`
    /// backward (`f(grad, a, b)`) and by `pow` backward. Throws naming `op` and the three
    /// shapes when they do not broadcast.
    @inlinable
    public static func broadcast(_ x: Tensor, _ y: Tensor, _ z: Tensor, op: String,
                                 _ f: (Float, Float, Float) -> Float) throws -> Tensor {
        let shape: [Int]
        do {
            shape = try Shape.broadcast(try Shape.broadcast(x.shape, y.shape, op: op), z.shape, op: op)
        } catch {
            throw TensorError(op, "shapes cannot be broadcast together: \(x.shape), \(y.shape) and \(z.shape)")
        }
        let out = Tensor(uninitializedShape: shape)
        let n = out.count
        guard n > 0 else { return out }
        let px = x.data, py = y.data, pz = z.data, dst = out.data
        // Equal element counts mean no axis was actually broadcast: same linear layout.
        if x.count == n && y.count == n && z.count == n {
            Parallel.forEach(count: n, grain: elementwiseGrain) { r in
                for i in r { dst[i] = f(px[i], py[i], pz[i]) }
            }
            return out
        }
        let rank = shape.count
        let sx = Shape.broadcastStrides(x.shape, to: shape)
        let sy = Shape.broadcastStrides(y.shape, to: shape)
        let sz = Shape.broadcastStrides(z.shape, to: shape)
        let inner = shape[rank - 1]
        let rows = n / inner
        let ix = sx[rank - 1], iy = sy[rank - 1], iz = sz[rank - 1]
        Parallel.forEach(count: rows, grain: max(1, elementwiseGrain / inner)) { r in
            for row in r {
                var rem = row, ox = 0, oy = 0, oz = 0
                var axis = rank - 2
                while axis >= 0 {
                    let d = shape[axis]
                    let idx = rem % d
                    rem /= d
                    ox += idx * sx[axis]
                    oy += idx * sy[axis]
                    oz += idx * sz[axis]
                    axis -= 1
                }
                let o = row * inner
                for j in 0..<inner { dst[o + j] = f(px[ox + j * ix], py[oy + j * iy], pz[oz + j * iz]) }
            }
        }
        return out
    }

    /// Fills `words` 64-bit words with independent bits that are 1 with probability
    /// `keep` (quantised to a multiple of 2⁻²⁴, the resolution of a uniform Float).
    ///
    /// Bit slicing: write `keep ≈ Q / 2²⁴` in binary `0.b₁b₂…b₂₄`. Starting from the
    /// lowest set bit of `Q` with a uniform random word `r`, each higher bit folds in a new
    /// uniform word `u`: `r = bᵢ ? (u | r) : (u & r)`, so `P(bit) = bᵢ/2 + P(bit so far)/2`,
    /// which ends at exactly `Q / 2²⁴` for every bit position at once. That costs
    /// `24 − trailingZeros(Q)` draws per 64 elements (one for `keep = 0.5`), against one
    /// draw per element for a uniform-and-compare mask. Sequential, so the mask depends only
    /// on the generator's state.
    static func bernoulliWords(_ mask: UnsafeMutablePointer<UInt64>, words: Int, keep: Double,
                               using rng: inout RandomGenerator) {
        let bits = 24
        let q = UInt64((keep * Double(1 << bits)).rounded())
        if q == 0 {
            mask.initialize(repeating: 0, count: words)
            return
        }
        if q >= 1 << bits {
            mask.initialize(repeating: ~0, count: words)
            return
        }
        let low = q.trailingZeroBitCount
        for w in 0..<words {
            var r = rng.next()
            var bit = low + 1
            while bit < bits {
                let u = rng.next()
                r = (q >> UInt64(bit)) & 1 == 1 ? (u | r) : (u & r)
                bit += 1
            }
            mask[w] = r
        }
    }

    /// `dst[i] = src[i] * (bit i of mask ? scale : 0)` for `n` elements, in parallel over
    /// whole 64-element words. Multiplying (rather than writing 0) keeps NaN and the sign
    /// of zero as `input * noise` does in PyTorch.
    static func applyBitMask(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count n: Int,
                             mask: UnsafePointer<UInt64>, scale: Float) {
        let words = (n + 63) / 64
        Parallel.forEach(count: words, grain: max(1, elementwiseGrain / 64)) { r in
            for w in r {
                let bitsWord = mask[w]
                let base = w * 64
                let end = min(64, n - base)
                for j in 0..<end {
                    let keep = (bitsWord >> UInt64(j)) & 1 == 1
                    dst[base + j] = src[base + j] * (keep ? scale : 0)
                }
            }
        }
    }
}
