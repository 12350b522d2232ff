import TensorCore

/// Soft-attention readout of "Gated Graph Sequence Neural Networks", PyG's
/// `aggr.AttentionalAggregation` (formerly `GlobalAttention`):
///
///     r_g = Σ_{i ∈ g} softmax_{j ∈ g}(h_gate(x_j))_i ⊙ h_Θ(x_i)
///
/// - `gateNn` (`gate_nn`) maps `[N, F]` to scores `[N, 1]` (one weight per node) or
///   `[N, F']` (one per node and output column); `nn` (optional, identity when nil) maps
///   `[N, F]` to `[N, F']`. The softmax runs over the nodes of each graph, per column.
/// - Input `x` `[N, F]` and the node segments; output `[G, F']`, zeros for an empty graph.
/// - State-dict names: the submodules' under `gate_nn.` and `nn.` (PyG's names when its
///   networks are not PyG `MLP`s, e.g. `gate_nn.weight` for a `Linear`).
public final class AttentionalAggregation: Module {
    public var isTraining = true
    /// The gate network `h_gate`.
    public var gateNn: any Layer
    /// The feature network `h_Θ`, or nil for the identity.
    public var nn: (any Layer)?

    public init(gateNn: any Layer, nn: (any Layer)? = nil) {
        self.gateNn = gateNn
        self.nn = nn
    }

    /// Reads out `x` `[N, F]` per graph of `segments`: `[G, F']`.
    public func callAsFunction(_ x: Tensor, _ segments: NodeSegments) throws -> Tensor {
        try segments.check(x, "AttentionalAggregation")
        var gate = try gateNn(x)
        let h = try nn.map { try $0(x) } ?? x
        guard gate.rank == 2, h.rank == 2, gate.shape[0] == h.shape[0], gate.shape[1] == 1 || gate.shape[1] == h.shape[1] else {
            throw TensorError("AttentionalAggregation", "gate has shape \(gate.shape) and features \(h.shape); expected [N, 1] or [N, F'] gates for [N, F'] features")
        }
        gate = try segments.softmax(gate)
        return try segments.reduce(gate * h, .sum)
    }

    /// Reads out each graph of `batch`.
    public func callAsFunction(_ x: Tensor, batch: GraphBatch) throws -> Tensor {
        try self(x, NodeSegments(batch))
    }

    /// PyG's call: `batch` node → graph (nil: one graph), `size` graphs.
    public func callAsFunction(_ x: Tensor, batch: [Int32]?, size: Int? = nil) throws -> Tensor {
        try self(x, NodeSegments(batch: batch, numNodes: x.shape.first ?? 0, size: size))
    }
}
