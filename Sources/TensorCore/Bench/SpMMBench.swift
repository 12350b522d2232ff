extension Bench {
    /// Sparse-dense products (`Sparse.spmm`) on graph-shaped CSR matrices.
    ///
    /// TO BE ADDED BY THE LEAD once `CSRMatrix` / `Sparse.spmm` land: time the product
    /// for Cora-like (2708 nodes, ~10.5k edges, 16 and 1433 features) and ogbn-arxiv-like
    /// (169343 nodes, ~1.17M edges, 128 features) adjacency matrices and report GFLOP/s
    /// as `2 * nnz * features / time`, plus GB/s of the bytes streamed. Until then the
    /// group has no rows and `swiftgnn bench ops` leaves it out.
    static var spmm: BenchGroup {
        BenchGroup(name: "spmm", title: "SpMM (CSR x dense)") { _ in [] }
    }
}
