extension Bench {
    /// Reductions as a user calls them: a whole-tensor sum, sums along the last and the
    /// first axis, max along the last axis, and softmax / logSoftmax along the last axis
    /// (a GNN's class scores are `[nodes, classes]`). Throughput is GB/s of bytes read
    /// plus written (4 per element read, 4 per output element).
    static var reductions: BenchGroup {
        BenchGroup(name: "reductions", title: "Reductions (\(Parallel.threadCount) threads)") { options in
            var rows: [BenchResult] = []
            let g = "reductions"
            for (label, n) in [("1M", 1 << 20), ("16M", 1 << 24)] {
                var rng = RandomGenerator(seed: 11)
                let flat = Tensor.uniform([n], low: -1, high: 1, using: &rng)
                let wide = try flat.reshaped([n / 64, 64])     // many short rows
                let tall = try flat.reshaped([64, n / 64])     // few long rows
                let read = 4 * Double(n) * 1e-9
                rows.append(result(group: g, name: "sum all \(label)", work: read, unit: "GB/s", options: options) {
                    _ = flat.sum()
                })
                rows.append(try result(group: g, name: "sum axis -1 [\(n / 64)x64]", work: read * (1 + 1.0 / 64),
                                       unit: "GB/s", options: options) { _ = try wide.sum(axis: -1) })
                rows.append(try result(group: g, name: "sum axis 0 [64x\(n / 64)]", work: read * (1 + 1.0 / 64),
                                       unit: "GB/s", options: options) { _ = try tall.sum(axis: 0) })
                rows.append(try result(group: g, name: "max axis -1 [\(n / 64)x64]", work: read * (1 + 2.0 / 64),
                                       unit: "GB/s", options: options) { _ = try wide.max(axis: -1) })
                rows.append(try result(group: g, name: "softmax axis -1 [\(n / 64)x64]", work: 2 * read,
                                       unit: "GB/s", options: options) { _ = try wide.softmax(axis: -1) })
                rows.append(try result(group: g, name: "logSoftmax axis -1 [\(n / 64)x64]", work: 2 * read,
                                       unit: "GB/s", options: options) { _ = try wide.logSoftmax(axis: -1) })
            }
            return rows
        }
    }
}
