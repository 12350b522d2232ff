/// An aggregation ⊕ of the messages arriving at each node (PyG's `torch_geometric.nn.aggr`).
///
/// Messages come as one row per edge in CSR order (grouped by destination row of
/// `adjacency`); the result has one row per destination. A node with no incoming edge
/// receives 0 from every aggregation (PyG's convention). Every aggregation is built from
/// recorded ops, so gradients flow back to the messages (and to learnable parameters).
///
/// Aggregations are modules: a learnable one (`SoftmaxAggregation(learn: true)`) shows
/// its parameters to the layer that holds it.
public protocol Aggregation: Module {
    /// `out[i] = ⊕_{k ∈ row i} messages[k]`.
    /// - Parameters: `messages` `[nnz, F]` in CSR order; `adjacency` `rows x cols`.
    /// - Returns: `[rows, F']` (`F' = F` except for `MultiAggregation`).
    func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor

    /// The reduction when this aggregation is a plain sum or mean of the messages: the
    /// message-passing mechanism may then fuse gather, message and aggregation into one
    /// sparse-dense product. Nil (the default) for every other aggregation.
    var linearReduction: SegmentReduction? { get }
}

extension Aggregation {
    public var linearReduction: SegmentReduction? { nil }

    /// Aggregates rows of `x` `[E, F]` by `index` `[E]` into `dimSize` rows, like PyG's
    /// `aggr(x, index, dim_size=...)`: rows are grouped by index with a stable sort
    /// (order within a group kept) and passed to `aggregate`.
    public func callAsFunction(_ x: Tensor, index: Int32Tensor, dimSize: Int) throws -> Tensor {
        guard x.rank == 2, index.rank == 1, x.shape[0] == index.count else {
            throw TensorError("aggregation", "x has shape \(x.shape) and index \(index.shape), expected [E, F] and [E]")
        }
        let positions = Int32Tensor((0..<Int32(index.count)).map { $0 })
        let (csr, permutation) = try CSRMatrix.fromCOO(rows: dimSize, cols: index.count, row: index, col: positions)
        return try aggregate(x.indexSelect(axis: 0, Int32Tensor(permutation)), csr)
    }
}

/// Checks the message tensor against the structure (shared by the aggregations).
@inline(__always)
func checkMessages(_ messages: Tensor, _ adjacency: CSRMatrix, _ op: String) throws {
    guard messages.rank == 2, messages.shape[0] == adjacency.nnz else {
        throw TensorError(op, "messages have shape \(messages.shape), expected [\(adjacency.nnz), F] (one row per edge)")
    }
}
