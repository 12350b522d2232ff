extension Graph {
    /// Node features row-normalised as PyG's `NormalizeFeatures`:
    /// `x ← x − min(x)` (the global minimum, implicit zeros of sparse rows included), then
    /// each row divided by `max(rowSum, 1)`. Non-negative rows with sum >= 1 therefore sum
    /// to 1; rows summing to less than 1 (all-zero rows included) are not scaled up.
    /// Sparse features stay sparse when the minimum is 0; otherwise the shift fills the
    /// zeros and the result is dense. A graph without node features is returned as is;
    /// malformed features throw `.badData`.
    public func normalizingFeatures() throws -> Graph {
        guard let x = nodeFeatures, x.rows > 0, x.cols > 0 else { return self }
        try x.validate("normalize features: node features")
        var g = self
        switch x {
        case .sparse(let rows, let cols, let rowPtr, let colIdx, var values)
            where (values.min() ?? 0) >= 0 && (values.count < rows * cols || values.contains(0)):
            // Minimum is 0: no shift, divide stored values by the clamped row sums.
            for i in 0..<rows {
                let r = rowPtr[i]..<rowPtr[i + 1]
                let sum = Swift.max(values[r].reduce(0, +), 1)
                for k in r { values[k] /= sum }
            }
            g.nodeFeatures = .sparse(rows: rows, cols: cols, rowPtr: rowPtr, colIdx: colIdx, values: values)
        default:
            var v = x.denseValues()
            let shift = v.min() ?? 0
            let cols = x.cols
            for i in 0..<x.rows {
                var sum: Float = 0
                for j in 0..<cols { v[i * cols + j] -= shift; sum += v[i * cols + j] }
                let d = Swift.max(sum, 1)
                for j in 0..<cols { v[i * cols + j] /= d }
            }
            g.nodeFeatures = .dense(rows: x.rows, cols: cols, values: v)
        }
        return g
    }

    /// Node features standardised per column: `(x − mean) / std` with the population
    /// standard deviation (ddof 0, as scikit-learn's `StandardScaler`); a constant column
    /// (std at most 1e-12 of its mean's magnitude) becomes all zeros. The result is dense. A graph without node features is returned
    /// as is.
    public func standardizingFeatures() throws -> Graph {
        guard let x = nodeFeatures, x.rows > 0 else { return self }
        try x.validate("standardize features: node features")
        let rows = x.rows, cols = x.cols
        var v = x.denseValues()
        var mean = [Double](repeating: 0, count: cols), sq = mean
        for i in 0..<rows { for j in 0..<cols { mean[j] += Double(v[i * cols + j]) } }
        for j in 0..<cols { mean[j] /= Double(rows) }
        for i in 0..<rows { for j in 0..<cols { let d = Double(v[i * cols + j]) - mean[j]; sq[j] += d * d } }
        let std = sq.map { ($0 / Double(rows)).squareRoot() }
        for i in 0..<rows {
            for j in 0..<cols {
                let d = Double(v[i * cols + j]) - mean[j]
                v[i * cols + j] = std[j] > 1e-12 * Swift.max(1, abs(mean[j])) ? Float(d / std[j]) : 0
            }
        }
        var g = self
        g.nodeFeatures = .dense(rows: rows, cols: cols, values: v)
        return g
    }
}
