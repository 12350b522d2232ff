import TensorCore

// Global readouts, PyG's `global_add_pool`, `global_mean_pool`, `global_max_pool`:
// one row per graph, reduced over the graph's nodes,
//
//   add:  r_g = Σ_{i ∈ g} x_i        mean: r_g = (1/|g|) Σ_{i ∈ g} x_i
//   max:  r_g = max_{i ∈ g} x_i      (per column)
//
// Shapes: `x` `[N, F...]` -> `[G, F...]`. A graph with no node gives a row of zeros
// (PyG's convention). Differentiable: add copies the graph's gradient to each node,
// mean divides it by |g|, max routes it to the node that won (the first on ties).
// Each comes in three spellings: with `NodeSegments`, with a `GraphBatch` (its `ptr`),
// and with PyG's optional `batch` vector and `size`.

/// Sum readout: `r_g = Σ_{i ∈ g} x_i`, `[N, F...] -> [G, F...]`.
public func globalAddPool(_ x: Tensor, _ segments: NodeSegments) throws -> Tensor {
    try segments.reduce(x, .sum)
}

/// Mean readout: `r_g = mean_{i ∈ g} x_i` (0 for an empty graph), `[N, F...] -> [G, F...]`.
public func globalMeanPool(_ x: Tensor, _ segments: NodeSegments) throws -> Tensor {
    try segments.reduce(x, .mean)
}

/// Max readout, per column (0 for an empty graph), `[N, F...] -> [G, F...]`.
public func globalMaxPool(_ x: Tensor, _ segments: NodeSegments) throws -> Tensor {
    try segments.reduce(x, .max)
}

/// Sum readout over the graphs of `batch` (nodes `batch.ptr[g]..<batch.ptr[g + 1]`).
public func globalAddPool(_ x: Tensor, batch: GraphBatch) throws -> Tensor {
    try globalAddPool(x, NodeSegments(batch))
}

/// Mean readout over the graphs of `batch`.
public func globalMeanPool(_ x: Tensor, batch: GraphBatch) throws -> Tensor {
    try globalMeanPool(x, NodeSegments(batch))
}

/// Max readout over the graphs of `batch`.
public func globalMaxPool(_ x: Tensor, batch: GraphBatch) throws -> Tensor {
    try globalMaxPool(x, NodeSegments(batch))
}

/// Sum readout with PyG's arguments: `batch` `[N]` node → graph (nil: one graph of all
/// nodes, giving `[1, F...]`), `size` the number of graphs (`max(batch) + 1` when nil).
public func globalAddPool(_ x: Tensor, batch: [Int32]?, size: Int? = nil) throws -> Tensor {
    try globalAddPool(x, NodeSegments(batch: batch, numNodes: x.shape.first ?? 0, size: size))
}

/// Mean readout with PyG's `batch` / `size` arguments (see `globalAddPool(_:batch:size:)`).
public func globalMeanPool(_ x: Tensor, batch: [Int32]?, size: Int? = nil) throws -> Tensor {
    try globalMeanPool(x, NodeSegments(batch: batch, numNodes: x.shape.first ?? 0, size: size))
}

/// Max readout with PyG's `batch` / `size` arguments (see `globalAddPool(_:batch:size:)`).
public func globalMaxPool(_ x: Tensor, batch: [Int32]?, size: Int? = nil) throws -> Tensor {
    try globalMaxPool(x, NodeSegments(batch: batch, numNodes: x.shape.first ?? 0, size: size))
}
