/// Per-head dot products of short heads (`C < 16` channels), eight heads at a time.
///
/// Why: `Kernels.dot` over one head's `C` floats ends in a horizontal sum, a chain of
/// `C − 1` dependent scalar adds; at GAT's 8 heads x 8 channels that chain, once per
/// head and edge, made the multi-head SDDMM run at under 1 GFLOP/s. Here the heads are
/// the SIMD lanes instead: rows are first copied head-interleaved, `t[j·Hp + h] =
/// x[h·C + j]` (`Hp` = H rounded up to 8, padding lanes zero), so that channel `j` of
/// eight heads is one contiguous `SIMD8`, and each lane then adds its head's products
/// in exactly the order `Kernels.dot` does:
///
///     0 + (p₀ + p₁ + … + p₇)  +  (p₈ + … + p₁₁)  +  p₁₂ + …   (the 8-, 4- and 1-wide pieces)
///
/// so every result equals `Kernels.dot(x + h·C, y + h·C, C)`, bit for bit.
extension Kernels {
    /// Heads rounded up to the 8-lane blocks of the interleaved layout.
    @inline(__always)
    static func paddedHeads(_ heads: Int) -> Int { (heads + 7) & ~7 }

    /// Whether `headDots8` applies: several heads, each shorter than one 16-wide block.
    @inline(__always)
    static func usesInterleavedHeadDots(heads: Int, channels c: Int) -> Bool { heads > 1 && c < 16 }

    /// Copies `rows` rows of `[H·C]` floats (row stride `H·C`) into the head-interleaved
    /// layout `[rows, C, Hp]`: `out[r, j, h] = x[r, h·C + j]`, zero for `h ≥ H`. `out`
    /// holds `rows · C · Hp` floats.
    static func interleaveHeads(_ x: UnsafePointer<Float>, rows: Range<Int>, heads: Int, channels c: Int,
                                out: UnsafeMutablePointer<Float>) {
        let hc = heads * c, hp = paddedHeads(heads)
        for r in rows {
            let src = x + r * hc, dst = out + r * c * hp
            for j in 0..<c {
                let lane = dst + j * hp
                for h in 0..<heads { lane[h] = src[h * c + j] }
                for h in heads..<hp { lane[h] = 0 }
            }
        }
    }

    /// The dot products of eight heads: lane `h` is `Σ_j a[j·Hp + h] · b[j·Hp + h]` over
    /// `c` (< 16) channels, summed as `Kernels.dot` sums one head (see the type's note).
    /// `a`, `b` point at one interleaved row, offset to the head block.
    @inline(__always)
    static func headDots8(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, channels c: Int,
                          stride hp: Int) -> SIMD8<Float> {
        @inline(__always) func product(_ j: Int) -> SIMD8<Float> {
            UnsafeRawPointer(a + j * hp).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + j * hp).loadUnaligned(as: SIMD8<Float>.self)
        }
        var total = SIMD8<Float>()
        var j = 0
        if c >= 8 {
            var piece = product(0)
            for t in 1..<8 { piece = piece + product(t) }
            total = total + piece
            j = 8
        }
        if c & 4 != 0 {
            var piece = product(j)
            for t in 1..<4 { piece = piece + product(j + t) }
            total = total + piece
            j += 4
        }
        while j < c {
            total = total + product(j)
            j += 1
        }
        return total
    }

    /// All `H` dot products of two interleaved rows into `out[0..<H]`.
    @inline(__always)
    static func headDots(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, heads: Int, channels c: Int,
                         out: UnsafeMutablePointer<Float>) {
        let hp = paddedHeads(heads)
        var block = 0
        while block < heads {
            let dots = headDots8(a + block, b + block, channels: c, stride: hp)
            if block + 8 <= heads {
                UnsafeMutableRawPointer(out + block).storeBytes(of: dots, as: SIMD8<Float>.self)
            } else {
                for h in 0..<(heads - block) { out[block + h] = dots[h] }
            }
            block += 8
        }
    }
}

extension Kernels {
    /// A new buffer `[rows, C, Hp]` holding `x` `[rows, H·C]` head-interleaved, filled
    /// in parallel; the caller deallocates it.
    static func interleavedHeadRows(_ x: UnsafePointer<Float>, rows: Int, heads: Int,
                                    channels c: Int) -> UnsafeMutablePointer<Float> {
        let width = c * paddedHeads(heads)
        let out = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(rows * width, 1))
        Parallel.forEach(count: rows, grain: Swift.max(1, elementwiseGrain / Swift.max(width, 1))) { range in
            interleaveHeads(x, rows: range, heads: heads, channels: c, out: out)
        }
        return out
    }
}
