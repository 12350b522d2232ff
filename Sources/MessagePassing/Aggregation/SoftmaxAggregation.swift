/// Softmax aggregation (PyG `SoftmaxAggregation`, DeeperGCN):
///
///     softmax(X | t) = Σ_{x_k ∈ X} [exp(t·x_k) / Σ_{x_l ∈ X} exp(t·x_l)] · x_k
///
/// feature-wise, with inverse temperature `t`. Empty sets give 0.
///
/// - `t`: initial inverse temperature (default 1).
/// - `learn`: `t` becomes a parameter (state-dict name `t`, shape `[channels]`),
///   initialised to `t`; otherwise it is a constant.
/// - `channels`: with `learn`, one temperature per feature column (else 1).
public final class SoftmaxAggregation: Aggregation {
    public var isTraining = true
    /// The learnable temperature `[channels]`, or nil when `t` is fixed.
    public var t: Tensor?
    /// The fixed temperature when not learnable.
    public let fixedT: Float
    public let channels: Int

    public init(t: Float = 1, learn: Bool = false, channels: Int = 1) throws {
        guard channels >= 1, learn || channels == 1 else {
            throw TensorError("SoftmaxAggregation", "channels \(channels) needs learn: true and must be at least 1")
        }
        self.fixedT = t
        self.channels = channels
        self.t = learn ? Tensor.full([channels], t).requiringGrad() : nil
    }

    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        try checkMessages(messages, adjacency, "SoftmaxAggregation")
        let scores: Tensor
        if let t {
            guard channels == 1 || messages.shape[1] == channels else {
                throw TensorError("SoftmaxAggregation", "messages have \(messages.shape[1]) features, temperature has \(channels) channels")
            }
            scores = try messages * t
        } else {
            scores = fixedT == 1 ? messages : messages * fixedT
        }
        let alpha = try Sparse.segmentSoftmax(scores, adjacency)
        return try Sparse.segmentReduce(messages * alpha, adjacency, reduce: .sum)
    }
}
