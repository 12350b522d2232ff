import TensorCore

/// Batch normalisation over the batch axis, `torch.nn.BatchNorm1d`:
/// `y = (x − E[x]) / √(Var[x] + eps) · weight + bias`, per feature (channel).
///
/// - Input `[N, C]` or `[N, C, L]` with `C == features`; output the same shape.
/// - Training mode (or `trackRunningStats: false`): the mean and biased variance of the
///   batch (over N, and L) normalise the input; with tracked statistics they also update
///   `runningMean ← (1 − m)·runningMean + m·mean` and
///   `runningVar ← (1 − m)·runningVar + m·unbiasedVar` (unbiased: `n/(n−1)` times the
///   biased variance, n = N·L), and `numBatchesTracked += 1`. With `momentum: nil` the
///   factor is `m = 1/numBatchesTracked` (a cumulative average), as in torch.
/// - Evaluation mode with tracked statistics: `runningMean`/`runningVar` normalise.
/// - Parameters `weight` (ones), `bias` (zeros), shape `[C]`, nil without `affine`.
/// - Buffers `running_mean` (zeros), `running_var` (ones) and `num_batches_tracked`
///   (0), absent without `trackRunningStats`. `num_batches_tracked` is a Float tensor of
///   shape `[]` here (exact up to 2²⁴ batches); torch stores it as int64 (convert when
///   exchanging checkpoints).
public final class BatchNorm: Layer {
    public var isTraining = true
    public var weight: Tensor?
    public var bias: Tensor?
    // Optional buffers: the property names (without the underscore) are the state-dict
    // names, and a nil buffer is skipped, like torch's `register_buffer(name, None)`.
    private var _runningMean: Buffer?
    private var _runningVar: Buffer?
    private var _numBatchesTracked: Buffer?
    public let features: Int
    public let eps: Float
    /// Weight of the newest batch in the running averages; nil for a cumulative average.
    public var momentum: Float?

    /// `features` must be non-negative (a programming error otherwise).
    public init(features: Int, eps: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true) {
        precondition(features >= 0, "BatchNorm: negative feature count \(features)")
        self.features = features
        self.eps = eps
        self.momentum = momentum
        self.weight = affine ? Tensor.ones([features], requiresGrad: true) : nil
        self.bias = affine ? Tensor.zeros([features], requiresGrad: true) : nil
        if trackRunningStats {
            _runningMean = Buffer(wrappedValue: Tensor.zeros([features]))
            _runningVar = Buffer(wrappedValue: Tensor.ones([features]))
            _numBatchesTracked = Buffer(wrappedValue: Tensor.zeros([]))
        }
    }

    /// Whether running statistics are kept (and used in evaluation mode).
    public var trackRunningStats: Bool { _runningMean != nil }
    /// `[C]` running mean, or nil without `trackRunningStats`.
    public var runningMean: Tensor? { _runningMean?.wrappedValue }
    /// `[C]` running (unbiased) variance, or nil without `trackRunningStats`.
    public var runningVar: Tensor? { _runningVar?.wrappedValue }
    /// Shape `[]`: training batches seen, or nil without `trackRunningStats`.
    public var numBatchesTracked: Tensor? { _numBatchesTracked?.wrappedValue }

    /// Resets the running statistics to mean 0, variance 1 and no batches seen.
    public func resetRunningStats() {
        runningMean?.withMutableData { $0.update(repeating: 0) }
        runningVar?.withMutableData { $0.update(repeating: 1) }
        numBatchesTracked?.withMutableData { $0.update(repeating: 0) }
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.rank == 2 || input.rank == 3, input.shape[1] == features else {
            throw TensorError("batchNorm", "expected input [N, \(features)] or [N, \(features), L], got \(input.shape)")
        }
        // Batch statistics in training, and in evaluation when none are tracked.
        var factor: Float = 0
        if isTraining, let tracked = numBatchesTracked {
            factor = momentum ?? 1 / (tracked.data[0] + 1)
        }
        let out = try Functional.batchNorm(input, runningMean: runningMean, runningVar: runningVar,
                                           weight: weight, bias: bias, training: isTraining || !trackRunningStats,
                                           momentum: factor, eps: eps)
        // Counted only once the input was accepted (torch counts before validating).
        if isTraining, let tracked = numBatchesTracked { tracked.data[0] += 1 }
        return out
    }
}

extension Functional {
    /// Batch normalisation, `torch.nn.functional.batch_norm`, for `[N, C]` or `[N, C, L]`
    /// input: `y = (x − mean_c) / √(var_c + eps) · w_c + b_c`.
    ///
    /// - training: `mean_c`, `var_c` are the batch mean and biased variance over the
    ///   `n = N·L` values of channel c. When running statistics are given they are
    ///   updated in place: `running ← (1 − momentum)·running + momentum·stat`, with the
    ///   unbiased variance `var_c·n/(n−1)` for `runningVar`. Needs n > 1.
    /// - not training: `runningMean`/`runningVar` (required) are used as constants.
    /// - weight, bias: `[C]` or nil.
    ///
    /// One fused forward (statistics, then one output pass). Backward with
    /// `x̂ = (x − mean)·rstd`: training `dx = w·rstd·(dy − Σdy/n − x̂·Σ(dy·x̂)/n)`,
    /// evaluation `dx = w·rstd·dy`; `dw = Σ dy·x̂`, `db = Σ dy` (sums per channel).
    /// - Throws: `TensorError("batchNorm", ...)` for a bad rank or parameter shape,
    ///   missing running statistics in evaluation, or one value per channel in training.
    public static func batchNorm(_ x: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil,
                                 bias: Tensor? = nil, training: Bool, momentum: Float = 0.1,
                                 eps: Float = 1e-5) throws -> Tensor {
        guard x.rank == 2 || x.rank == 3 else {
            throw TensorError("batchNorm", "expected input [N, C] or [N, C, L], got \(x.shape)")
        }
        let batch = x.shape[0], channels = x.shape[1], length = x.rank == 3 ? x.shape[2] : 1
        for (name, p) in [("weight", weight), ("bias", bias), ("runningMean", runningMean), ("runningVar", runningVar)] {
            if let p, p.shape != [channels] {
                throw TensorError("batchNorm", "\(name) must have shape [\(channels)] for input \(x.shape), got \(p.shape)")
            }
        }
        let n = batch * length
        let mean = Tensor(uninitializedShape: [channels]), rstd = Tensor(uninitializedShape: [channels])
        if training {
            guard n > 1 else {
                throw TensorError("batchNorm", "expected more than 1 value per channel when training, got input \(x.shape)")
            }
            let variance = Tensor(uninitializedShape: [channels])
            FusedKernels.batchNormStatistics(x: x.data, mean: mean.data, variance: variance.data,
                                             batch: batch, channels: channels, length: length)
            let m = mean.data, v = variance.data, r = rstd.data
            for c in 0..<channels { r[c] = 1 / (v[c] + eps).squareRoot() }
            if let rm = runningMean?.data {
                for c in 0..<channels { rm[c] = (1 - momentum) * rm[c] + momentum * m[c] }
            }
            if let rv = runningVar?.data {
                let unbias = Float(n) / Float(n - 1)
                for c in 0..<channels { rv[c] = (1 - momentum) * rv[c] + momentum * v[c] * unbias }
            }
        } else {
            guard let runningMean, let runningVar else {
                throw TensorError("batchNorm", "running mean and variance are required when not training")
            }
            mean.data.update(from: runningMean.data, count: channels)
            let rv = runningVar.data, r = rstd.data
            for c in 0..<channels { r[c] = 1 / (rv[c] + eps).squareRoot() }
        }
        let out = Tensor(uninitializedShape: x.shape)
        FusedKernels.batchNormApply(x: x.data, y: out.data, mean: mean.data, rstd: rstd.data,
                                    weight: weight.map { UnsafePointer($0.data) }, bias: bias.map { UnsafePointer($0.data) },
                                    batch: batch, channels: channels, length: length)
        var inputs = [x]
        if let weight { inputs.append(weight) }
        if let bias { inputs.append(bias) }
        return out.recorded("batchNorm", inputs: inputs) { g in
            let dx = x.requiresGrad ? Tensor(uninitializedShape: x.shape) : nil
            let dw = weight?.requiresGrad == true ? Tensor(uninitializedShape: [channels]) : nil
            let db = bias?.requiresGrad == true ? Tensor(uninitializedShape: [channels]) : nil
            FusedKernels.batchNormBackward(dy: g.data, x: x.data, mean: mean.data, rstd: rstd.data,
                                           weight: weight.map { UnsafePointer($0.data) },
                                           dx: dx?.data, dw: dw?.data, db: db?.data,
                                           batch: batch, channels: channels, length: length, training: training)
            var grads: [Tensor?] = [dx]
            if weight != nil { grads.append(dw) }
            if bias != nil { grads.append(db) }
            return grads
        }
    }
}
