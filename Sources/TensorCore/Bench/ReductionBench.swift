extension Bench {
    /// Reductions (sum / mean / max over all elements and along an axis).
    ///
    /// TO BE ADDED BY THE LEAD once the reduction ops land: time a full sum and a
    /// row-wise sum of 1M and 16M elements (`[N/64, 64]` and `[64, N/64]`) and report
    /// GB/s of the input read. Until then the group has no rows and `swiftgnn bench ops`
    /// leaves it out.
    static var reductions: BenchGroup {
        BenchGroup(name: "reductions", title: "Reductions") { _ in [] }
    }
}
