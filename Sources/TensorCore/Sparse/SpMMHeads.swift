extension Kernels {
    /// Row-parallel multi-head SpMM: `out[i, h·C ..< (h+1)·C] = Σ_{k ∈ row i} v[k, h] ·
    /// x[col_k, h·C ..< (h+1)·C]` for `h < H`. `x` is `[a.cols, H·C]`, `values` `[nnz, H]`,
    /// `out` `[a.rows, H·C]`. Each head's block is the strided `gatherAccumulateRow` (or,
    /// for 8-channel heads, `gatherAccumulateHeads8`, the same sums), so a head's result
    /// equals a one-head `spmm` on that head's columns, bit for bit.
    static func spmmHeads(_ a: CSRMatrix, values: UnsafePointer<Float>, x: UnsafePointer<Float>, heads: Int,
                          channels c: Int, out: UnsafeMutablePointer<Float>) {
        let hc = heads * c
        a.parallelRows(width: hc) { rows, rowPtr, col in
            guard let col else {
                for i in rows { (out + i * hc).initialize(repeating: 0, count: hc) }
                return
            }
            for i in rows {
                let entries = rowPtr[i]..<rowPtr[i + 1]
                if c == 8 {
                    gatherAccumulateHeads8(out: out + i * hc, heads: heads, entries: entries, col: col, values: values, x: x)
                    continue
                }
                for h in 0..<heads {
                    gatherAccumulateRow(out: out + i * hc + h * c, f: c, entries: entries, col: col,
                                        values: values + h, valueStride: heads, x: x + h * c, xStride: hc)
                }
            }
        }
    }

    /// One output row of `spmmHeads` for 8-channel heads: one pass over the row's entries
    /// for up to eight heads at once, each 16-lane register holding two heads (weight
    /// `v[k, h]` in its low eight lanes, `v[k, h + 1]` in its high eight). Every lane adds
    /// `w · x` in entry order as the one-head `gatherAccumulateRow` does, so the sums are
    /// the same bit for bit; a last odd head goes through that kernel.
    @inline(__always)
    static func gatherAccumulateHeads8(out: UnsafeMutablePointer<Float>, heads: Int, entries: Range<Int>,
                                       col: UnsafePointer<Int32>, values: UnsafePointer<Float>,
                                       x: UnsafePointer<Float>) {
        let hc = heads * 8
        @inline(__always) func pair(_ v: UnsafePointer<Float>) -> Vec {
            Vec(lowHalf: SIMD8(repeating: v[0]), highHalf: SIMD8(repeating: v[1]))
        }
        var h = 0
        while h + 8 <= heads {
            var a0 = Vec(), a1 = Vec(), a2 = Vec(), a3 = Vec()
            for k in entries {
                let xr = x + Int(col[k]) * hc + h * 8, v = values + k * heads + h
                a0 = a0 + pair(v) * load(xr)
                a1 = a1 + pair(v + 2) * load(xr + 16)
                a2 = a2 + pair(v + 4) * load(xr + 32)
                a3 = a3 + pair(v + 6) * load(xr + 48)
            }
            let o = out + h * 8
            store(a0, o); store(a1, o + 16); store(a2, o + 32); store(a3, o + 48)
            h += 8
        }
        while h + 2 <= heads {
            var a = Vec()
            for k in entries { a = a + pair(values + k * heads + h) * load(x + Int(col[k]) * hc + h * 8) }
            store(a, out + h * 8)
            h += 2
        }
        if h < heads {
            gatherAccumulateRow(out: out + h * 8, f: 8, entries: entries, col: col, values: values + h,
                                valueStride: heads, x: x + h * 8, xStride: hc)
        }
    }

    /// Row-parallel multi-head SDDMM: `out[k, h] = ⟨x[row_k, h·C ..], y[col_k, h·C ..]⟩`
    /// over the `C` features of head `h`. `x` `[rows, H·C]`, `y` `[cols, H·C]`, `out` `[nnz, H]`.
    ///
    /// Heads shorter than 16 channels go through head-interleaved copies of `x` and `y`
    /// and `headDots` (eight heads per SIMD operation, the same sums bit for bit).
    static func sddmmHeads(_ a: CSRMatrix, x: UnsafePointer<Float>, y: UnsafePointer<Float>, heads: Int,
                           channels c: Int, out: UnsafeMutablePointer<Float>) {
        let hc = heads * c
        if usesInterleavedHeadDots(heads: heads, channels: c) {
            let width = c * paddedHeads(heads)
            let xt = interleavedHeadRows(x, rows: a.rows, heads: heads, channels: c)
            let yt = interleavedHeadRows(y, rows: a.cols, heads: heads, channels: c)
            defer { xt.deallocate(); yt.deallocate() }
            a.parallelRows(width: hc) { rows, rowPtr, col in
                for i in rows {
                    let xr = xt + i * width
                    for k in rowPtr[i]..<rowPtr[i + 1] {
                        headDots(xr, yt + Int(col![k]) * width, heads: heads, channels: c, out: out + k * heads)
                    }
                }
            }
            return
        }
        a.parallelRows(width: hc) { rows, rowPtr, col in
            for i in rows {
                let xr = x + i * hc
                for k in rowPtr[i]..<rowPtr[i + 1] {
                    let yr = y + Int(col![k]) * hc
                    for h in 0..<heads { out[k * heads + h] = dot(xr + h * c, yr + h * c, c) }
                }
            }
        }
    }
}

extension Sparse {
    /// Multi-head sparse × dense, the aggregation of multi-head attention (GAT, PyG's
    /// `propagate` with `[E, H]` coefficients):
    ///
    ///     out[i, h·C + c] = Σ_{k ∈ row i} v[k, h] · x[col_k, h·C + c]
    ///
    /// One pass over the entries for all heads: no per-head column slices of `x`, no
    /// concatenation.
    ///
    /// - Parameters: `a` `rows x cols`; `x` `[cols, H·C]`; `values` `[nnz, H]`.
    /// - Returns: `[rows, H·C]`.
    ///
    /// Backward: `dX = spmmHeads(Aᵀ, dOut, values permuted to Aᵀ's entry order)` and
    /// `dv[k, h] = ⟨dOut[row_k, head h], x[col_k, head h]⟩` (a multi-head SDDMM).
    public static func spmmHeads(_ a: CSRMatrix, _ x: Tensor, values: Tensor) throws -> Tensor {
        guard values.rank == 2, values.shape[0] == a.nnz, values.shape[1] >= 1 else {
            throw TensorError("spmmHeads", "values have shape \(values.shape), expected [\(a.nnz), H] (one row per non-zero)")
        }
        let heads = values.shape[1]
        guard x.rank == 2, x.shape[0] == a.cols, x.shape[1] % heads == 0, x.shape[1] > 0 else {
            throw TensorError("spmmHeads", "dense operand has shape \(x.shape), expected [\(a.cols), H·C] with H = \(heads)")
        }
        let c = x.shape[1] / heads
        let out = Tensor(uninitializedShape: [a.rows, x.shape[1]])
        Kernels.spmmHeads(a, values: values.data, x: x.data, heads: heads, channels: c, out: out.data)
        return out.recorded("spmmHeads", inputs: [x, values]) { g in
            var gx: Tensor? = nil, gv: Tensor? = nil
            if x.requiresGrad {
                let tv = try withNoGrad { try a.permutedToTranspose(values) }
                let dx = Tensor(uninitializedShape: x.shape)
                Kernels.spmmHeads(a.transpose.matrix, values: tv.data, x: g.data, heads: heads, channels: c, out: dx.data)
                gx = dx
            }
            if values.requiresGrad {
                let dv = Tensor(uninitializedShape: values.shape)
                Kernels.sddmmHeads(a, x: g.data, y: x.data, heads: heads, channels: c, out: dv.data)
                gv = dv
            }
            return [gx, gv]
        }
    }
}
