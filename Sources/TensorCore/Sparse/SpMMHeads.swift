extension Kernels {
    /// Row-parallel multi-head SpMM: `out[i, h·C ..< (h+1)·C] = Σ_{k ∈ row i} v[k, h] ·
    /// x[col_k, h·C ..< (h+1)·C]` for `h < H`. `x` is `[a.cols, H·C]`, `values` `[nnz, H]`,
    /// `out` `[a.rows, H·C]`. Each head's block is the strided `gatherAccumulateRow`, so a
    /// head's result equals a one-head `spmm` on that head's columns, bit for bit.
    static func spmmHeads(_ a: CSRMatrix, values: UnsafePointer<Float>, x: UnsafePointer<Float>, heads: Int,
                          channels c: Int, out: UnsafeMutablePointer<Float>) {
        let hc = heads * c
        a.parallelRows(width: hc) { rows, rowPtr, col in
            guard let col else {
                for i in rows { (out + i * hc).initialize(repeating: 0, count: hc) }
                return
            }
            for i in rows {
                for h in 0..<heads {
                    gatherAccumulateRow(out: out + i * hc + h * c, f: c, entries: rowPtr[i]..<rowPtr[i + 1], col: col,
                                        values: values + h, valueStride: heads, x: x + h * c, xStride: hc)
                }
            }
        }
    }

    /// Row-parallel multi-head SDDMM: `out[k, h] = ⟨x[row_k, h·C ..], y[col_k, h·C ..]⟩`
    /// over the `C` features of head `h`. `x` `[rows, H·C]`, `y` `[cols, H·C]`, `out` `[nnz, H]`.
    static func sddmmHeads(_ a: CSRMatrix, x: UnsafePointer<Float>, y: UnsafePointer<Float>, heads: Int,
                           channels c: Int, out: UnsafeMutablePointer<Float>) {
        let hc = heads * c
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
