import TensorCore

/// Layer normalisation of graphs, PyG's `torch_geometric.nn.norm.LayerNorm`.
///
/// - `.graph` mode (PyG's default): every graph of the batch is one example; the mean
///   and biased variance run over all its nodes *and* all channels,
///
///       μ_g = Σ_{i ∈ g} Σ_c x_ic / (max(|g|, 1)·F),   σ²_g = Σ_{i ∈ g} Σ_c (x_ic − μ_g)² / (max(|g|, 1)·F)
///       y_i = (x_i − μ_g) / sqrt(σ²_g + ε) ⊙ γ + β
///
///   Without a batch vector the whole input is one example and, exactly as PyG,
///   `y = (x − μ) / (σ + ε) ⊙ γ + β` (ε added to the standard deviation, not the variance).
/// - `.node` mode: each node is an example, `torch.nn.functional.layer_norm` over its `F`
///   channels (NeuralNet's `Functional.layerNorm`).
///
/// - Parameters (PyG names): `weight` γ `[F]` (ones), `bias` β `[F]` (zeros); absent
///   without `affine`.
/// - Shapes: `x` `[N, F]` → `[N, F]`. The same computation in training and evaluation.
public final class GraphLayerNorm: Module {
    /// What one normalised example is.
    public enum Mode: Sendable, Equatable {
        /// All nodes and channels of one graph.
        case graph
        /// The channels of one node.
        case node
    }

    public var isTraining = true
    /// γ `[F]`, or nil without `affine`.
    public var weight: Tensor?
    /// β `[F]`, or nil without `affine`.
    public var bias: Tensor?
    public let inChannels: Int
    public let eps: Float
    public let mode: Mode

    public init(inChannels: Int, eps: Float = 1e-5, affine: Bool = true, mode: Mode = .graph) {
        precondition(inChannels >= 0, "GraphLayerNorm: inChannels must be non-negative, got \(inChannels)")
        self.inChannels = inChannels
        self.eps = eps
        self.mode = mode
        weight = affine ? Tensor.ones([inChannels]).requiringGrad() : nil
        bias = affine ? Tensor.zeros([inChannels]).requiringGrad() : nil
    }

    /// Normalises `x` `[N, F]`, graph by graph over `segments` in `.graph` mode (nil: all
    /// nodes form one example).
    public func callAsFunction(_ x: Tensor, _ segments: NodeSegments?) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == inChannels else {
            throw TensorError("GraphLayerNorm", "input has shape \(x.shape), expected [N, \(inChannels)]")
        }
        switch mode {
        case .node:
            return try Functional.layerNorm(x, normalizedShape: [inChannels], weight: weight, bias: bias, eps: eps)
        case .graph:
            let out: Tensor
            if let segments {
                try segments.check(x, "GraphLayerNorm")
                // Per-graph sums over nodes, then over channels; divided by max(|g|, 1)·F.
                let norm = try Tensor(segments.counts.map { Float(Swift.max($0, 1) * inChannels) }).reshaped([segments.numGraphs, 1])
                let mean = try segments.reduce(x, .sum).sum(axis: 1, keepDims: true) / norm
                let centred = try x - segments.broadcast(mean)
                let variance = try segments.reduce(centred.square(), .sum).sum(axis: 1, keepDims: true) / norm
                out = try centred / segments.broadcast((variance + eps).sqrt())
            } else {
                let centred = try x - x.mean()
                out = try centred / (centred.square().mean().sqrt() + eps)
            }
            guard let weight, let bias else { return out }
            return try out * weight + bias
        }
    }

    /// Normalises over the graphs of `batch`.
    public func callAsFunction(_ x: Tensor, batch: GraphBatch) throws -> Tensor {
        try self(x, NodeSegments(batch))
    }

    /// PyG's call: `batch` node → graph (nil: one example), `size` the number of graphs.
    public func callAsFunction(_ x: Tensor, batch: [Int32]?, size: Int? = nil) throws -> Tensor {
        guard let batch else { return try self(x, nil) }
        return try self(x, NodeSegments(batch: batch, numNodes: x.shape.first ?? 0, size: size))
    }
}
