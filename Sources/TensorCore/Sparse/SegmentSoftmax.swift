extension Sparse {
    /// Softmax over the entries of each CSR row, per trailing column (attention head):
    /// `out[k, h] = exp(v[k, h] − m_i,h) / Σ_{k' ∈ row i} exp(v[k', h] − m_i,h)` with
    /// `m_i,h` the row maximum (PyG's `softmax(src, index)`; GAT's attention weights).
    ///
    /// - Parameters: `values` `[nnz]` or `[nnz, H]` in CSR order. - Returns: same shape.
    ///
    /// Backward: `dv[k, h] = y[k, h] · (g[k, h] − Σ_{k' ∈ row i} g[k', h] · y[k', h])`.
    public static func segmentSoftmax(_ values: Tensor, _ a: CSRMatrix) throws -> Tensor {
        guard (values.rank == 1 || values.rank == 2), values.shape[0] == a.nnz else {
            throw TensorError("segmentSoftmax", "values have shape \(values.shape), expected [\(a.nnz)] or [\(a.nnz), H]")
        }
        let h = values.rank == 2 ? values.shape[1] : 1
        let out = Tensor(uninitializedShape: values.shape)
        let v = values.data, y = out.data
        forEachRow(a, h: h) { start, end in
            for c in 0..<h {
                var m = -Float.infinity
                for k in start..<end { m = Swift.max(m, v[k * h + c]) }
                var total: Float = 0
                for k in start..<end {
                    let e = Kernels.fastExp(v[k * h + c] - m)
                    y[k * h + c] = e
                    total += e
                }
                let inv = 1 / total
                for k in start..<end { y[k * h + c] *= inv }
            }
        }
        // Backward reads the output: keep its storage alive (the output tensor itself may be
        // released before this node runs, and its buffer reused by the storage pool).
        let saved = out.detach()
        return out.recorded("segment_softmax", inputs: [values]) { g in
            let y = saved.data
            let dv = Tensor(uninitializedShape: values.shape)
            let gp = g.data, dp = dv.data
            forEachRow(a, h: h) { start, end in
                for c in 0..<h {
                    var dot: Float = 0
                    for k in start..<end { dot += gp[k * h + c] * y[k * h + c] }
                    for k in start..<end { dp[k * h + c] = y[k * h + c] * (gp[k * h + c] - dot) }
                }
            }
            return [dv]
        }
    }

    /// Calls `body(start, end)` for each row's entry range, rows in parallel chunks of
    /// similar non-zero counts.
    static func forEachRow(_ a: CSRMatrix, h: Int, _ body: (Int, Int) -> Void) {
        a.parallelRows(width: h) { rows, rowPtr, _ in
            for i in rows { body(rowPtr[i], rowPtr[i + 1]) }
        }
    }
}
