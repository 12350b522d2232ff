extension Bench {
    /// Sparse-dense products (`Sparse.spmm`) on random CSR matrices of graph shape:
    /// 100,000 rows with 1,000,000 uniformly random non-zeros (10 per row on average), at
    /// 16, 64 and 128 features, without and with per-entry values; and forward plus
    /// the backward product (the same kernel on the cached transpose) at 64 features.
    ///
    /// GFLOP/s counts `2 · nnz · F`. GB/s counts the bytes a perfect cache would stream:
    /// column indices (4 per entry), values (4 per entry when present), one gathered row
    /// of x per entry (`4F`), the output rows (`4F` each) and the row pointers (8 each).
    static var spmm: BenchGroup {
        BenchGroup(name: "spmm", title: "SpMM (CSR x dense), 100k x 100k, 1M non-zeros, \(Parallel.threadCount) threads") { options in
            let rows = 100_000, nnz = 1_000_000
            var rng = RandomGenerator(seed: 21)
            let r = Int32Tensor((0..<nnz).map { _ in Int32(rng.nextInt(below: rows)) })
            let c = Int32Tensor((0..<nnz).map { _ in Int32(rng.nextInt(below: rows)) })
            let a = try CSRMatrix.fromCOO(rows: rows, cols: rows, row: r, col: c).matrix
            let values = Tensor.uniform([nnz], low: -1, high: 1, using: &rng)
            var out: [BenchResult] = []
            for f in [16, 64, 128] {
                let x = Tensor.uniform([rows, f], low: -1, high: 1, using: &rng)
                for weighted in [false, true] {
                    let bytes = Double(nnz * (4 + (weighted ? 4 : 0) + 4 * f) + rows * (4 * f + 8)) * 1e-9
                    let name = "F=\(f)" + (weighted ? ", edge values" : "")
                    out.append(try result(group: "spmm", name: name + " (GB/s)", work: bytes, unit: "GB/s", options: options) {
                        _ = try Sparse.spmm(a, x, values: weighted ? values : nil)
                    })
                    let last = out[out.count - 1]
                    out.append(BenchResult(group: "spmm", name: name + " (GFLOP/s)", medianSeconds: last.medianSeconds,
                                           reps: last.reps, throughput: 2 * Double(nnz * f) * 1e-9 / last.medianSeconds,
                                           unit: "GFLOP/s"))
                }
            }
            // Forward plus the backward product dX = Aᵀ · dOut (the cached transpose): twice
            // the bytes of one product.
            let x = Tensor.uniform([rows, 64], low: -1, high: 1, using: &rng).requiringGrad()
            let seed = Tensor.uniform([rows, 64], low: -1, high: 1, using: &rng)
            _ = a.transpose
            let bytes = Double(nnz * (4 + 4 * 64) + rows * (4 * 64 + 8)) * 1e-9
            out.append(try result(group: "spmm", name: "F=64 forward + backward dX = Aᵀ·dOut (GB/s)", work: 2 * bytes,
                                  unit: "GB/s", options: options) {
                let y = try Sparse.spmm(a, x)
                try y.backward(seed)
                x.grad = nil
            })
            return out
        }
    }
}
