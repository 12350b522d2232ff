extension Sparse {
    /// Softmax over the entries of each CSR row, per trailing column (attention head):
    /// `out[k, h] = exp(v[k, h] − m_i,h) / Σ_{k' ∈ row i} exp(v[k', h] − m_i,h)` with
    /// `m_i,h` the row maximum (PyG's `softmax(src, index)`; GAT's attention weights).
    ///
    /// - Parameters: `values` `[nnz]` or `[nnz, H]` in CSR order. - Returns: same shape.
    ///
    /// Backward: `dv[k, h] = y[k, h] · (g[k, h] − Σ_{k' ∈ row i} g[k', h] · y[k', h])`.
    ///
    /// With several heads the loops run over a row's entries with the heads innermost, so
    /// each step reads `H` contiguous floats and vectorises (`Kernels.fastExp` included);
    /// every head's max, sum and dot still accumulate over `k` in entry order, so the
    /// result is the same, bit for bit, as one head at a time.
    public static func segmentSoftmax(_ values: Tensor, _ a: CSRMatrix) throws -> Tensor {
        guard (values.rank == 1 || values.rank == 2), values.shape[0] == a.nnz else {
            throw TensorError("segmentSoftmax", "values have shape \(values.shape), expected [\(a.nnz)] or [\(a.nnz), H]")
        }
        let h = values.rank == 2 ? values.shape[1] : 1
        let out = Tensor(uninitializedShape: values.shape)
        let v = values.data, y = out.data
        forEachRow(a, h: h) { start, end, acc in
            let m = acc, total = acc + h
            for c in 0..<h { m[c] = -Float.infinity; total[c] = 0 }
            for k in start..<end {
                let row = v + k * h
                for c in 0..<h { m[c] = Swift.max(m[c], row[c]) }
            }
            for k in start..<end {
                let row = v + k * h, yr = y + k * h
                for c in 0..<h {
                    let e = Kernels.fastExp(row[c] - m[c])
                    yr[c] = e
                    total[c] += e
                }
            }
            for c in 0..<h { total[c] = 1 / total[c] }
            for k in start..<end {
                let yr = y + k * h
                for c in 0..<h { yr[c] *= total[c] }
            }
        }
        // The backward reads the output through its own handle: the caller may drop `out`
        // before backward runs (it is then held only by the next op's node, released first).
        let saved = out.detach()
        return out.recorded("segment_softmax", inputs: [values]) { g in
            let dv = Tensor(uninitializedShape: values.shape)
            let gp = g.data, dp = dv.data, y = saved.data
            forEachRow(a, h: h) { start, end, dot in
                for c in 0..<h { dot[c] = 0 }
                for k in start..<end {
                    let gr = gp + k * h, yr = y + k * h
                    for c in 0..<h { dot[c] += gr[c] * yr[c] }
                }
                for k in start..<end {
                    let gr = gp + k * h, yr = y + k * h, dr = dp + k * h
                    for c in 0..<h { dr[c] = yr[c] * (gr[c] - dot[c]) }
                }
            }
            return [dv]
        }
    }

    /// Calls `body(start, end, scratch)` for each row's entry range, rows in parallel
    /// chunks of similar non-zero counts; `scratch` holds `2·h` floats, one buffer per
    /// chunk, for the row's per-head accumulators.
    static func forEachRow(_ a: CSRMatrix, h: Int, _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void) {
        a.parallelRows(width: h) { rows, rowPtr, _ in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * h)
            defer { scratch.deallocate() }
            for i in rows { body(rowPtr[i], rowPtr[i + 1], scratch) }
        }
    }
}
