extension Kernels {
    /// Non-zeros per parallel chunk of the row-parallel sparse kernels (times F work each).
    static let sparseGrain = 1 << 14

    /// Row-parallel `out[i, :] = Σ_{k ∈ row i} v_k · x[col_k, :]` with `v_k = 1` when
    /// `values` is nil. `x` is `[a.cols, f]`, `out` `[a.rows, f]`. Chunks hold similar
    /// numbers of non-zeros; each output row is written by one thread, in entry order.
    static func spmm(_ a: CSRMatrix, values: UnsafePointer<Float>?, x: UnsafePointer<Float>, f: Int,
                     out: UnsafeMutablePointer<Float>) {
        a.parallelRows(width: f) { rows, rowPtr, col in
            guard let col else {
                for i in rows { (out + i * f).initialize(repeating: 0, count: f) }
                return
            }
            for i in rows {
                gatherAccumulateRow(out: out + i * f, f: f, entries: rowPtr[i]..<rowPtr[i + 1],
                                    col: col, values: values, x: x)
            }
        }
    }

    /// Row-parallel `out[k] = ⟨x[row_k, :], y[col_k, :]⟩` for every entry `k` (SDDMM).
    static func sddmm(_ a: CSRMatrix, x: UnsafePointer<Float>, y: UnsafePointer<Float>, f: Int,
                      out: UnsafeMutablePointer<Float>) {
        a.parallelRows(width: f) { rows, rowPtr, col in
            for i in rows {
                let xr = x + i * f
                for k in rowPtr[i]..<rowPtr[i + 1] {
                    out[k] = dot(xr, y + Int(col![k]) * f, f)
                }
            }
        }
    }
}

/// Sparse-dense products with autograd.
public enum Sparse {
    /// Sparse × dense: `out[i, :] = Σ_{k ∈ row i} v_k · x[col_k, :]` (`torch.sparse.mm`,
    /// PyG's `spmm`). For a graph in CSR by destination this is sum aggregation of the
    /// source features, weighted per edge.
    ///
    /// - Parameters:
    ///   - a: structure, `rows x cols`.
    ///   - x: `[cols, F]` (or `[cols]`, treated as F = 1).
    ///   - values: `[nnz]` per-entry weights in CSR order; nil means all ones.
    /// - Returns: `[rows, F]` (or `[rows]`).
    ///
    /// Backward: `dX = Aᵀ · dOut` (the same kernel on the cached transpose, with the
    /// values permuted) and `dv_k = ⟨dOut[row_k], x[col_k]⟩` (an SDDMM).
    public static func spmm(_ a: CSRMatrix, _ x: Tensor, values: Tensor? = nil) throws -> Tensor {
        guard (x.rank == 1 || x.rank == 2) && x.shape[0] == a.cols else {
            throw TensorError("spmm", "dense operand has shape \(x.shape), expected [\(a.cols), F] for a \(a.rows) x \(a.cols) matrix")
        }
        if let values, values.shape != [a.nnz] {
            throw TensorError("spmm", "values have shape \(values.shape), expected [\(a.nnz)] (one per non-zero)")
        }
        let f = x.rank == 2 ? x.shape[1] : 1
        let out = Tensor(uninitializedShape: x.rank == 2 ? [a.rows, f] : [a.rows])
        Kernels.spmm(a, values: values.map { UnsafePointer($0.data) }, x: x.data, f: f, out: out.data)
        let inputs = [x] + (values.map { [$0] } ?? [])
        return out.recorded("spmm", inputs: inputs) { g in
            var gx: Tensor? = nil, gv: Tensor? = nil
            if x.requiresGrad {
                let t = a.transpose.matrix
                let tv = try values.map { try a.permutedToTranspose($0) }
                let dx = Tensor(uninitializedShape: x.shape)
                Kernels.spmm(t, values: tv.map { UnsafePointer($0.data) }, x: g.data, f: f, out: dx.data)
                gx = dx
            }
            if let values, values.requiresGrad {
                let dv = Tensor(uninitializedShape: [a.nnz])
                Kernels.sddmm(a, x: g.data, y: x.data, f: f, out: dv.data)
                gv = dv
            }
            return values == nil ? [gx] : [gx, gv]
        }
    }

    /// Sampled dense-dense product: `out[k] = ⟨x[row_k, :], y[col_k, :]⟩` for each entry
    /// `k` of `a` (DGL's `u_dot_v`; attention scores on edges).
    ///
    /// - Parameters: `x` `[rows, F]`, `y` `[cols, F]`. - Returns: `[nnz]` in CSR order.
    ///
    /// Backward: `dx = spmm(A, y, values: g)`, `dy = spmm(Aᵀ, x, values: g permuted)`.
    public static func sddmm(_ a: CSRMatrix, _ x: Tensor, _ y: Tensor) throws -> Tensor {
        guard x.rank == 2, y.rank == 2, x.shape[0] == a.rows, y.shape[0] == a.cols, x.shape[1] == y.shape[1] else {
            throw TensorError("sddmm", "operands have shapes \(x.shape) and \(y.shape), expected [\(a.rows), F] and [\(a.cols), F]")
        }
        let f = x.shape[1]
        let out = Tensor(uninitializedShape: [a.nnz])
        Kernels.sddmm(a, x: x.data, y: y.data, f: f, out: out.data)
        return out.recorded("sddmm", inputs: [x, y]) { g in
            var gx: Tensor? = nil, gy: Tensor? = nil
            if x.requiresGrad {
                let dx = Tensor(uninitializedShape: x.shape)
                Kernels.spmm(a, values: g.data, x: y.data, f: f, out: dx.data)
                gx = dx
            }
            if y.requiresGrad {
                let gt = try a.permutedToTranspose(g)
                let dy = Tensor(uninitializedShape: y.shape)
                Kernels.spmm(a.transpose.matrix, values: gt.data, x: x.data, f: f, out: dy.data)
                gy = dy
            }
            return [gx, gy]
        }
    }
}
