import TensorCore

/// Graph normalisation, PyG's `GraphNorm` ("GraphNorm: A Principled Approach to
/// Accelerating Graph Neural Network Training"): each feature is normalised over the
/// nodes of its own graph, with a learnable share α of the mean removed,
///
///     o_i = x_i − α ⊙ μ_g,   μ_g = mean_{j ∈ g} x_j
///     y_i = γ ⊙ o_i / sqrt(mean_{j ∈ g} o_j² + ε) + β        (g the graph of node i)
///
/// - Parameters (PyG names): `weight` γ `[F]` (ones), `bias` β `[F]` (zeros),
///   `mean_scale` α `[F]` (ones).
/// - Input `x` `[N, F]` and the node segments; output `[N, F]`.
///
/// Statistics are per graph in training and evaluation alike (no running averages).
/// Built from `NodeSegments.reduce` (mean) and row gathers, so autograd differentiates
/// through the statistics.
public final class GraphNorm: Module {
    public var isTraining = true
    /// γ, `[F]`.
    public var weight: Tensor
    /// β, `[F]`.
    public var bias: Tensor
    /// α, `[F]`: how much of the graph mean is subtracted.
    public var meanScale: Tensor
    public let inChannels: Int
    public let eps: Float

    /// A layer with PyG's initial values (γ = α = 1, β = 0).
    public init(inChannels: Int, eps: Float = 1e-5) {
        precondition(inChannels >= 0, "GraphNorm: inChannels must be non-negative, got \(inChannels)")
        self.inChannels = inChannels
        self.eps = eps
        weight = Tensor.ones([inChannels]).requiringGrad()
        bias = Tensor.zeros([inChannels]).requiringGrad()
        meanScale = Tensor.ones([inChannels]).requiringGrad()
    }

    /// Normalises `x` `[N, F]` over the nodes of each graph of `segments`.
    public func callAsFunction(_ x: Tensor, _ segments: NodeSegments) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == inChannels else {
            throw TensorError("GraphNorm", "input has shape \(x.shape), expected [N, \(inChannels)]")
        }
        let mean = try segments.broadcast(segments.reduce(x, .mean))
        let centred = try x - mean * meanScale
        let variance = try segments.reduce(centred.square(), .mean)
        let std = try segments.broadcast((variance + eps).sqrt())
        return try weight * centred / std + bias
    }

    /// Normalises over the graphs of `batch`.
    public func callAsFunction(_ x: Tensor, batch: GraphBatch) throws -> Tensor {
        try self(x, NodeSegments(batch))
    }

    /// PyG's call: `batch` node → graph (nil: all nodes one graph), `size` graphs.
    public func callAsFunction(_ x: Tensor, batch: [Int32]?, size: Int? = nil) throws -> Tensor {
        try self(x, NodeSegments(batch: batch, numNodes: x.shape.first ?? 0, size: size))
    }
}
