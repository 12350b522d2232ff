import TensorCore

/// Layer normalisation over the trailing axes, `torch.nn.LayerNorm`:
/// `y = (x − E[x]) / √(Var[x] + eps) · weight + bias`, the mean and biased variance
/// taken over the last `normalizedShape.count` axes of each input.
///
/// - `weight` (ones) and `bias` (zeros) have shape `normalizedShape`; nil without
///   `elementwiseAffine` (and `bias` nil with `bias: false`, as torch ≥ 2.1).
/// - Input `[..., *normalizedShape]`, output the same shape.
/// - The same computation in training and evaluation (no running statistics).
public final class LayerNorm: Layer {
    public var isTraining = true
    public var weight: Tensor?
    public var bias: Tensor?
    public let normalizedShape: [Int]
    public let eps: Float

    /// Sizes in `normalizedShape` must be non-negative (a programming error otherwise).
    public init(normalizedShape: [Int], eps: Float = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        precondition(normalizedShape.allSatisfy { $0 >= 0 }, "LayerNorm: negative size in \(normalizedShape)")
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.weight = elementwiseAffine ? Tensor.ones(normalizedShape, requiresGrad: true) : nil
        self.bias = elementwiseAffine && bias ? Tensor.zeros(normalizedShape, requiresGrad: true) : nil
    }

    /// A LayerNorm over the last axis of size `features`.
    public convenience init(_ features: Int, eps: Float = 1e-5, elementwiseAffine: Bool = true) {
        self.init(normalizedShape: [features], eps: eps, elementwiseAffine: elementwiseAffine)
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try Functional.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }
}

extension Functional {
    /// Layer normalisation, `torch.nn.functional.layer_norm`:
    /// `y = (x − μ) · rstd · w + b` where, for each of the M leading positions, `μ` and
    /// `σ²` are the mean and biased variance of the `D = prod(normalizedShape)` trailing
    /// values and `rstd = 1/√(σ² + eps)`.
    ///
    /// - Parameters:
    ///   - x: `[..., *normalizedShape]`.
    ///   - weight, bias: shape `normalizedShape`, or nil.
    /// - Returns: the shape of `x`.
    ///
    /// One fused pass forward (saving only μ and rstd per row). Backward, with
    /// `x̂ = (x − μ)·rstd`, `ĝ = dy·w`: `dx = rstd·(ĝ − mean_D(ĝ) − x̂·mean_D(ĝ·x̂))`,
    /// `dw = Σ_M dy·x̂`, `db = Σ_M dy`.
    /// - Throws: `TensorError("layerNorm", ...)` when the trailing axes of `x` are not
    ///   `normalizedShape` or a parameter has another shape.
    public static func layerNorm(_ x: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                                 eps: Float = 1e-5) throws -> Tensor {
        let k = normalizedShape.count
        guard k >= 1, x.rank >= k, Array(x.shape.suffix(k)) == normalizedShape else {
            throw TensorError("layerNorm", "input \(x.shape) does not end in normalizedShape \(normalizedShape)")
        }
        for (name, p) in [("weight", weight), ("bias", bias)] {
            if let p, p.shape != normalizedShape {
                throw TensorError("layerNorm", "\(name) must have shape \(normalizedShape), got \(p.shape)")
            }
        }
        let cols = Shape.count(normalizedShape)
        let rows = Shape.count(Array(x.shape.dropLast(k)))
        let out = Tensor(uninitializedShape: x.shape)
        let mean = Tensor(uninitializedShape: [rows]), rstd = Tensor(uninitializedShape: [rows])
        FusedKernels.layerNormForward(x: x.data, weight: weight.map { UnsafePointer($0.data) },
                                      bias: bias.map { UnsafePointer($0.data) }, y: out.data,
                                      mean: mean.data, rstd: rstd.data, rows: rows, cols: cols, eps: eps)
        var inputs = [x]
        if let weight { inputs.append(weight) }
        if let bias { inputs.append(bias) }
        return out.recorded("layerNorm", inputs: inputs) { g in
            let dx = x.requiresGrad ? Tensor(uninitializedShape: x.shape) : nil
            let dw = weight?.requiresGrad == true ? Tensor(uninitializedShape: normalizedShape) : nil
            let db = bias?.requiresGrad == true ? Tensor(uninitializedShape: normalizedShape) : nil
            FusedKernels.layerNormBackward(dy: g.data, x: x.data, weight: weight.map { UnsafePointer($0.data) },
                                           mean: mean.data, rstd: rstd.data, dx: dx?.data, dw: dw?.data, db: db?.data,
                                           rows: rows, cols: cols)
            var grads: [Tensor?] = [dx]
            if weight != nil { grads.append(dw) }
            if bias != nil { grads.append(db) }
            return grads
        }
    }
}
