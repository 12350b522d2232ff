extension Tensor {
    /// Scatter with reduction along axis 0 (torch_scatter's `scatter(src, index, dim=0,
    /// dim_size, reduce)`; PyG's aggregation of messages at their target nodes):
    /// `out[t] = ⊕_{e : index[e] = t} source[e]`, with ⊕ sum, mean, max or min, and 0 for
    /// targets nothing is scattered to.
    ///
    /// - Parameters: `source` `[E, F...]`, `index` `[E]` with values in `0..<dimSize`.
    /// - Returns: `[dimSize, F...]`.
    ///
    /// One mechanism: the entries are grouped by target with a stable counting sort
    /// (a CSR by target), gathered into that order, and reduced by
    /// `Sparse.segmentReduce`; both steps are recorded, so the backward follows.
    /// Deterministic: each target sums its sources in increasing `e`.
    public static func scatter(_ source: Tensor, index: Int32Tensor, dimSize: Int, reduce: SegmentReduction) throws -> Tensor {
        let op = "scatter"
        guard index.rank == 1 else { throw TensorError(op, "index must be 1-D, got shape \(index.shape)") }
        guard source.rank >= 1, source.shape[0] == index.count else {
            throw TensorError(op, "source has shape \(source.shape), expected [\(index.count), ...] (one row per index)")
        }
        guard dimSize >= 0 else { throw TensorError(op, "dimSize \(dimSize) is negative") }
        let positions = Int32Tensor((0..<Int32(index.count)).map { $0 })
        let (csr, permutation) = try CSRMatrix.fromCOO(rows: dimSize, cols: index.count, row: index, col: positions)
        let grouped = try source.indexSelect(axis: 0, Int32Tensor(permutation))
        return try Sparse.segmentReduce(grouped, csr, reduce: reduce)
    }
}
