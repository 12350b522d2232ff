/// SIMD row kernels shared by the sparse ops: the inner loops over a feature row.
///
/// Why by hand: in a loop like `o[j] = o[j] + v * x[j]` the compiler cannot rule out that
/// `o` and `x` overlap and does not vectorise it (measured: SpMM at 64 features ran at
/// 1.5 GFLOP/s). These kernels load 16 floats at a time into registers, accumulate a
/// block of the output row across all of a row's entries, and store it once.
extension Kernels {
    typealias Vec = SIMD16<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Vec {
        UnsafeRawPointer(p).loadUnaligned(as: Vec.self)
    }

    @inline(__always)
    static func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec.self)
    }

    /// `out[0..<f] = Σ_{k ∈ entries} w_k · x[col_k · f ..< col_k · f + f]` with `w_k =
    /// values[k]`, or 1 when `values` is nil. Entries are added in increasing `k`.
    @inline(__always)
    static func gatherAccumulateRow(out: UnsafeMutablePointer<Float>, f: Int, entries: Range<Int>,
                                    col: UnsafePointer<Int32>, values: UnsafePointer<Float>?,
                                    x: UnsafePointer<Float>) {
        gatherAccumulateRow(out: out, f: f, entries: entries, col: col, values: values, valueStride: 1, x: x, xStride: f)
    }

    /// The strided form: `out[0..<f] = Σ_k values[k · valueStride] · x[col_k · xStride ..<
    /// col_k · xStride + f]`. With `x` and `values` offset to head `h` and the strides
    /// `H·C` and `H`, this is one head's block of a multi-head aggregation.
    @inline(__always)
    static func gatherAccumulateRow(out: UnsafeMutablePointer<Float>, f: Int, entries: Range<Int>,
                                    col: UnsafePointer<Int32>, values: UnsafePointer<Float>?, valueStride: Int,
                                    x: UnsafePointer<Float>, xStride: Int) {
        var j = 0
        // Blocks of 64 features: four accumulators stay in registers over all entries.
        while j + 64 <= f {
            var a0 = Vec(), a1 = Vec(), a2 = Vec(), a3 = Vec()
            for k in entries {
                let xr = x + Int(col[k]) * xStride + j
                let w = Vec(repeating: values?[k * valueStride] ?? 1)
                a0 = a0 + w * load(xr)
                a1 = a1 + w * load(xr + 16)
                a2 = a2 + w * load(xr + 32)
                a3 = a3 + w * load(xr + 48)
            }
            store(a0, out + j); store(a1, out + j + 16); store(a2, out + j + 32); store(a3, out + j + 48)
            j += 64
        }
        while j + 16 <= f {
            var a = Vec()
            for k in entries {
                let w = Vec(repeating: values?[k * valueStride] ?? 1)
                a = a + w * load(x + Int(col[k]) * xStride + j)
            }
            store(a, out + j)
            j += 16
        }
        if j < f { gatherAccumulateTail(out: out + j, rest: f - j, entries: entries, col: col, values: values,
                                        valueStride: valueStride, x: x + j, xStride: xStride) }
    }

    /// The last `rest` (< 16) features of `gatherAccumulateRow`, in registers: an 8-wide,
    /// a 4-wide and up to three scalar accumulators (`rest = 8a + 4b + c`). Reading lanes
    /// of a 16-wide register one at a time instead cost 17% of gcn_cora_nodrop's profile
    /// (7 classes).
    @inline(__always)
    static func gatherAccumulateTail(out: UnsafeMutablePointer<Float>, rest: Int, entries: Range<Int>,
                                     col: UnsafePointer<Int32>, values: UnsafePointer<Float>?, valueStride: Int,
                                     x: UnsafePointer<Float>, xStride: Int) {
        let has8 = rest >= 8, has4 = rest & 4 != 0, scalars = rest & 3
        let at4 = has8 ? 8 : 0, at1 = at4 + (has4 ? 4 : 0)
        var a8 = SIMD8<Float>(), a4 = SIMD4<Float>(), s0: Float = 0, s1: Float = 0, s2: Float = 0
        for k in entries {
            let w = values?[k * valueStride] ?? 1
            let xr = x + Int(col[k]) * xStride
            if has8 { a8 = a8 + w * UnsafeRawPointer(xr).loadUnaligned(as: SIMD8<Float>.self) }
            if has4 { a4 = a4 + w * UnsafeRawPointer(xr + at4).loadUnaligned(as: SIMD4<Float>.self) }
            if scalars > 0 { s0 = s0 + w * xr[at1] }
            if scalars > 1 { s1 = s1 + w * xr[at1 + 1] }
            if scalars > 2 { s2 = s2 + w * xr[at1 + 2] }
        }
        if has8 { UnsafeMutableRawPointer(out).storeBytes(of: a8, as: SIMD8<Float>.self) }
        if has4 { UnsafeMutableRawPointer(out + at4).storeBytes(of: a4, as: SIMD4<Float>.self) }
        if scalars > 0 { out[at1] = s0 }
        if scalars > 1 { out[at1 + 1] = s1 }
        if scalars > 2 { out[at1 + 2] = s2 }
    }

    /// `Σ_j a[j] · b[j]` over `f` floats (16-wide partial sums, then a fixed-order
    /// horizontal sum; an 8- and a 4-wide piece, then scalars, for the rest).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ f: Int) -> Float {
        var acc = Vec()
        var j = 0
        while j + 16 <= f {
            acc = acc + load(a + j) * load(b + j)
            j += 16
        }
        var total = acc.sum()
        if j + 8 <= f {
            total = total + (UnsafeRawPointer(a + j).loadUnaligned(as: SIMD8<Float>.self)
                             * UnsafeRawPointer(b + j).loadUnaligned(as: SIMD8<Float>.self)).sum()
            j += 8
        }
        if j + 4 <= f {
            total = total + (UnsafeRawPointer(a + j).loadUnaligned(as: SIMD4<Float>.self)
                             * UnsafeRawPointer(b + j).loadUnaligned(as: SIMD4<Float>.self)).sum()
            j += 4
        }
        while j < f {
            total = total + a[j] * b[j]
            j += 1
        }
        return total
    }

    /// `dst[0..<f] += src[0..<f]`.
    @inline(__always)
    static func addRow(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ f: Int) {
        var j = 0
        while j + 16 <= f {
            store(load(dst + j) + load(src + j), dst + j)
            j += 16
        }
        while j < f {
            dst[j] = dst[j] + src[j]
            j += 1
        }
    }

    /// `dst[0..<f] = s · src[0..<f]`.
    @inline(__always)
    static func scaleRow(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ s: Float, _ f: Int) {
        var j = 0
        let sv = Vec(repeating: s)
        while j + 16 <= f {
            store(sv * load(src + j), dst + j)
            j += 16
        }
        while j < f {
            dst[j] = s * src[j]
            j += 1
        }
    }
}
