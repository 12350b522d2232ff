import TensorCore

/// Batch normalisation of node (or edge) features, PyG's
/// `torch_geometric.nn.norm.BatchNorm`: NeuralNet's `BatchNorm` (torch's `BatchNorm1d`)
/// over all rows of the batch,
///
///     y = (x − E[x]) / sqrt(Var[x] + ε) ⊙ γ + β        (per channel, over the N rows)
///
/// held as `module`, so the state-dict names are PyG's: `module.weight`, `module.bias`,
/// `module.running_mean`, `module.running_var`, `module.num_batches_tracked`.
///
/// With `allowSingleElement` a training batch of at most one row is normalised with the
/// running statistics (as in evaluation, statistics left unchanged) instead of failing.
///
/// - Shapes: `x` `[N, F]` → `[N, F]`.
public final class GraphBatchNorm: Layer {
    public var isTraining = true
    /// The wrapped `torch.nn.BatchNorm1d`.
    public var module: BatchNorm
    public let inChannels: Int
    public let allowSingleElement: Bool

    /// - Throws: `TensorError` when `allowSingleElement` is set without `trackRunningStats`.
    public init(inChannels: Int, eps: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, allowSingleElement: Bool = false) throws {
        guard !allowSingleElement || trackRunningStats else {
            throw TensorError("GraphBatchNorm", "allowSingleElement requires trackRunningStats")
        }
        module = BatchNorm(features: inChannels, eps: eps, momentum: momentum, affine: affine,
                           trackRunningStats: trackRunningStats)
        self.inChannels = inChannels
        self.allowSingleElement = allowSingleElement
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        if allowSingleElement, x.shape.first ?? 0 <= 1 {
            return try Functional.batchNorm(x, runningMean: module.runningMean, runningVar: module.runningVar,
                                            weight: module.weight, bias: module.bias, training: false,
                                            momentum: 0, eps: module.eps)
        }
        module.isTraining = isTraining
        return try module(x)
    }
}
