extension Bench {
    /// Elementwise ops as a user calls them (each call allocates its output), in GB/s of
    /// bytes read plus written: 12 bytes per element for `a + b` and `a * b`, 8 for a unary op;
    /// plus an in-place add that allocates nothing, for comparison.
    static var elementwise: BenchGroup {
        BenchGroup(name: "elementwise", title: "Elementwise (\(Parallel.threadCount) threads)") { options in
            var rows: [BenchResult] = []
            for (label, n) in [("1M", 1 << 20), ("16M", 1 << 24)] {
                var rng = RandomGenerator(seed: 7)
                let a = Tensor.uniform([n], low: -1, high: 1, using: &rng)
                let b = Tensor.uniform([n], low: -1, high: 1, using: &rng)
                let binary = 12 * Double(n) * 1e-9, unary = 8 * Double(n) * 1e-9
                rows.append(try result(group: "elementwise", name: "add \(label)", work: binary, unit: "GB/s",
                                       options: options) { _ = try a + b })
                rows.append(try result(group: "elementwise", name: "mul \(label)", work: binary, unit: "GB/s",
                                       options: options) { _ = try a * b })
                rows.append(result(group: "elementwise", name: "relu \(label)", work: unary, unit: "GB/s",
                                   options: options) { _ = a.relu() })
                rows.append(result(group: "elementwise", name: "exp \(label)", work: unary, unit: "GB/s",
                                   options: options) { _ = a.exp() })
                // Random fills (seeded generator), as initialisers and dropout use them.
                rows.append(result(group: "elementwise", name: "uniform fill \(label)", work: 4 * Double(n) * 1e-9,
                                   unit: "GB/s", options: options) { _ = Tensor.uniform([n], using: &rng) })
                rows.append(result(group: "elementwise", name: "normal fill \(label)", work: 4 * Double(n) * 1e-9,
                                   unit: "GB/s", options: options) { _ = Tensor.normal([n], using: &rng) })
                // The same traffic as `a + b` without allocating an output: the gap to the
                // row above is the cost of fresh pages.
                let acc = a.copy()
                rows.append(result(group: "elementwise", name: "addInPlace \(label) (no alloc)", work: binary,
                                   unit: "GB/s", options: options) { Kernels.addInPlace(acc, b) })
            }
            return rows
        }
    }
}
