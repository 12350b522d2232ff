#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Scalar math from the C library, for the functions without a fast kernel below. Inside
// `extension Tensor` the names `log`, `tanh`, ... refer to the tensor methods, so the
// ops call these instead.
@inline(__always) func flog(_ x: Float) -> Float { logf(x) }
@inline(__always) func flog1p(_ x: Float) -> Float { log1pf(x) }
@inline(__always) func ferf(_ x: Float) -> Float { erff(x) }
@inline(__always) func fpow(_ x: Float, _ y: Float) -> Float { powf(x, y) }

/// Branch-free `exp`, `expm1` and `tanh` for Float32 that the compiler vectorises inside
/// `Kernels.apply` loops (the C library's `expf`, `expm1f` and `tanhf` are opaque calls:
/// measured single-threaded on 3.9M elements, 16 / 53 / 65 ms against 5 / 7 / 9 ms here;
/// `sigmoid` 14 -> 6 ms, `elu` 38 -> 8 ms, `tanh` 66 -> 12 ms).
///
/// Method (Cephes `expf`): `x = n·ln2 + r` with `|r| ≤ ln2/2` (round-to-nearest through
/// the 1.5·2²³ trick, Cody-Waite two-part ln2), `eʳ = 1 + r + r²·P(r)` with Cephes'
/// degree-5 minimax `P`, and `2ⁿ` built from exponent bits in two halves so subnormal
/// results and overflow to infinity come out right. Measured against Double references
/// over dense sweeps: `fastExp` < 1 ulp, `fastExpm1` < 1.6 ulp, `fastTanh` < 2.3 ulp (glibc's
/// `tanhf`: 2.2 ulp). NaN propagates; ±inf give the limits.
extension Kernels {
    /// `(n, r)` with `x ≈ n·ln2 + r`, `|r| ≤ ln2/2` (x already clamped to about ±104).
    @inlinable @inline(__always)
    static func expReduce(_ x: Float) -> (n: Int32, r: Float) {
        let magic: Float = 12582912     // 1.5·2²³: adding it rounds to an integer
        let t = x * 1.44269504088896341 + magic
        let n = Int32(bitPattern: t.bitPattern) &- 0x4B40_0000
        let nf = t - magic
        let r = (x - nf * 0.693359375) + nf * 2.12194440e-4
        return (n, r)
    }

    /// Cephes' `P(r)` with `eʳ ≈ 1 + r + r²·P(r)` on `|r| ≤ ln2/2`.
    @inlinable @inline(__always)
    static func expPoly(_ r: Float) -> Float {
        (((((1.9875691500e-4 * r + 1.3981999507e-3) * r + 8.3334519073e-3) * r + 4.1665795894e-2) * r
            + 1.6666665459e-1) * r + 5.0000001201e-1)
    }

    /// `2ⁿ` for `-126 ≤ n ≤ 127`.
    @inlinable @inline(__always)
    static func exp2i(_ n: Int32) -> Float {
        Float(bitPattern: UInt32(bitPattern: (n &+ 127) &<< 23))
    }

    /// `eˣ` within 1 ulp, vectorisable. 0 below -104, inf above 88.73, NaN for NaN.
    @inlinable @inline(__always)
    public static func fastExp(_ x: Float) -> Float {
        let xc = x < -104 ? -104 : (x > 89 ? 89 : x)    // NaN passes through
        let (n, r) = expReduce(xc)
        let er = expPoly(r) * (r * r) + r + 1
        let half = n >> 1
        return er * exp2i(half) * exp2i(n &- half)
    }

    /// `eˣ − 1` within 1.6 ulp (accurate near 0, keeps the sign of -0), vectorisable.
    @inlinable @inline(__always)
    public static func fastExpm1(_ x: Float) -> Float {
        let xc = x < -87 ? -87 : (x > 89 ? 89 : x)      // expm1(-87) is -1 in Float
        let (n, r) = expReduce(xc)
        let q = expPoly(r) * (r * r) + r                 // eʳ − 1
        // Up to n = 24, 2ⁿ·q + (2ⁿ − 1) loses nothing to cancellation; beyond, the −1 is
        // below an ulp of eˣ.
        let s = exp2i(n > 24 ? 24 : n)
        let small = s * q + (s - 1)
        let half = n >> 1
        let large = (q + 1) * exp2i(half) * exp2i(n &- half) - 1
        let result = n > 24 ? large : (n == 0 ? q : small)
        return x == 0 ? x : result                      // expm1(-0) = -0
    }

    /// `tanh x = u / (u + 2)` with `u = expm1(2|x|)`, sign restored; within 2.3 ulp,
    /// vectorisable. Rounds to ±1 beyond |x| = 9 (as the exact value does in Float).
    @inlinable @inline(__always)
    public static func fastTanh(_ x: Float) -> Float {
        let a = x.magnitude
        let u = fastExpm1(2 * (a > 9 ? 9 : a))
        let t = u / (u + 2)
        return Float(bitPattern: t.bitPattern | (x.bitPattern & 0x8000_0000))
    }
}

/// A scalar function that `Kernels.apply` maps over a tensor.
///
/// Why not a closure: `Kernels.map(x) { ... }` is fast on one thread, but on the parallel
/// path the chunk body reaches its closure argument through a captured context and calls
/// it once per element, unvectorised (measured on 3.9M elements: relu 0.7 ms on one
/// thread, 6-8 ms on two). A conforming struct fixes the function by its *type*, so the
/// generic kernel, its chunk closure included, is specialised and the loop vectorises on
/// every path. Parameters (a slope, bounds) are stored properties.
public protocol UnaryFloatOp {
    func callAsFunction(_ x: Float) -> Float
}

/// A scalar function of two values that `Kernels.apply` maps over two tensors of the same
/// element count, e.g. `(grad, input) -> grad · f'(input)` in a backward pass.
public protocol BinaryFloatOp {
    func callAsFunction(_ x: Float, _ y: Float) -> Float
}

extension Kernels {
    /// `out[i] = op(x[i])`, in parallel; see `UnaryFloatOp` for why a struct.
    @inlinable
    public static func apply<Op: UnaryFloatOp>(_ x: Tensor, _ op: Op) -> Tensor {
        let out = Tensor(uninitializedShape: x.shape)
        let src = x.data, dst = out.data
        Parallel.forEach(count: x.count, grain: elementwiseGrain) { r in
            for i in r { dst[i] = op(src[i]) }
        }
        return out
    }

    /// `out[i] = op(x[i], y[i])` for two tensors of the same element count; the result has
    /// `x`'s shape.
    @inlinable
    public static func apply<Op: BinaryFloatOp>(_ x: Tensor, _ y: Tensor, _ op: Op) -> Tensor {
        precondition(x.count == y.count, "Kernels.apply: \(x.shape) vs \(y.shape)")
        let out = Tensor(uninitializedShape: x.shape)
        let a = x.data, b = y.data, dst = out.data
        Parallel.forEach(count: x.count, grain: elementwiseGrain) { r in
            for i in r { dst[i] = op(a[i], b[i]) }
        }
        return out
    }
}

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
    /// of zero as `input * noise` does in PyTorch. A 256 x 8 table maps each mask byte to
    /// its eight factors (`scale` where the bit is set, else 0), so the inner loop is a
    /// plain, vectorisable multiply.
    static func applyBitMask(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count n: Int,
                             mask: UnsafePointer<UInt64>, scale: Float) {
        let table = UnsafeMutablePointer<Float>.allocate(capacity: 256 * 8)
        defer { table.deallocate() }
        for byte in 0..<256 {
            for bit in 0..<8 { table[byte * 8 + bit] = (byte >> bit) & 1 == 1 ? scale : 0 }
        }
        let words = (n + 63) / 64
        Parallel.forEach(count: words, grain: max(1, elementwiseGrain / 64)) { r in
            for w in r {
                let bitsWord = mask[w]
                let base = w * 64
                if base + 64 <= n {
                    for k in 0..<8 {
                        let row = table + Int(truncatingIfNeeded: (bitsWord >> UInt64(8 * k)) & 0xFF) * 8
                        let o = base + 8 * k
                        for j in 0..<8 { dst[o + j] = src[o + j] * row[j] }
                    }
                } else {
                    for j in 0..<(n - base) {
                        let keep = (bitsWord >> UInt64(j)) & 1 == 1
                        dst[base + j] = src[base + j] * (keep ? scale : 0)
                    }
                }
            }
        }
    }
}
