import TensorCore

/// Elementwise regression losses of `d = input − target`. Input and target must have
/// the same shape; both receive gradients (`∂/∂target = −∂/∂input`). `.mean` averages
/// over all elements.
extension Loss {
    /// Mean squared error, `torch.nn.functional.mse_loss`: `d²`.
    /// Backward: `∂/∂input = 2d`.
    /// - Throws: `TensorError("mse", ...)` when the shapes differ.
    public static func mse(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        try pointwise("mse", input, target, reduction, loss: { $0 * $0 }, derivative: { 2 * $0 })
    }

    /// Mean absolute error, `torch.nn.functional.l1_loss`: `|d|`.
    /// Backward: `∂/∂input = sign(d)` (0 at d = 0, as torch).
    /// - Throws: `TensorError("l1", ...)` when the shapes differ.
    public static func l1(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        try pointwise("l1", input, target, reduction, loss: { abs($0) },
                      derivative: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })
    }

    /// Huber loss, `torch.nn.functional.huber_loss`: `½d²` where `|d| < δ`, else
    /// `δ·(|d| − ½δ)`. Backward: `∂/∂input = clamp(d, −δ, δ)`.
    /// - Throws: `TensorError("huber", ...)` when the shapes differ or δ ≤ 0.
    public static func huber(_ input: Tensor, _ target: Tensor, delta: Float = 1.0,
                             reduction: Reduction = .mean) throws -> Tensor {
        guard delta > 0 else { throw TensorError("huber", "delta must be positive, got \(delta)") }
        return try pointwise("huber", input, target, reduction,
                             loss: { abs($0) < delta ? 0.5 * $0 * $0 : delta * (abs($0) - 0.5 * delta) },
                             derivative: { min(max($0, -delta), delta) })
    }

    /// Smooth L1 loss, `torch.nn.functional.smooth_l1_loss`: `½d²/β` where `|d| < β`,
    /// else `|d| − ½β`; β = 0 is the L1 loss. (Huber with δ = β, divided by β.)
    /// Backward: `∂/∂input = d/β` inside, `sign(d)` outside.
    /// - Throws: `TensorError("smoothL1", ...)` when the shapes differ or β < 0.
    public static func smoothL1(_ input: Tensor, _ target: Tensor, beta: Float = 1.0,
                                reduction: Reduction = .mean) throws -> Tensor {
        guard beta >= 0 else { throw TensorError("smoothL1", "beta must be non-negative, got \(beta)") }
        if beta == 0 {
            try checkSameShape(input, target, op: "smoothL1")
            return try l1(input, target, reduction: reduction)
        }
        return try pointwise("smoothL1", input, target, reduction,
                             loss: { abs($0) < beta ? 0.5 * $0 * $0 / beta : abs($0) - 0.5 * beta },
                             derivative: { $0 < -beta ? -1 : ($0 > beta ? 1 : $0 / beta) })
    }

    /// A loss `Σ f(input − target)` with derivative `f'`, fused: one pass each way.
    @inline(__always)
    private static func pointwise(_ op: String, _ input: Tensor, _ target: Tensor, _ reduction: Reduction,
                                  loss: (Float) -> Float, derivative: @escaping (Float) -> Float) throws -> Tensor {
        try checkSameShape(input, target, op: op)
        let shape = input.shape, n = input.count
        let x = input.data, y = target.data
        let out = reduce(count: n, shape: shape, reduction: reduction, divisor: Double(n)) { i in loss(x[i] - y[i]) }
        return out.recorded(op, inputs: [input, target]) { g in
            let x = input.data, y = target.data
            let dx = gradient(g, count: n, shape: shape, reduction: reduction, divisor: Double(n)) { i in derivative(x[i] - y[i]) }
            let dy = target.requiresGrad ? Kernels.map(dx) { -$0 } : nil
            return [input.requiresGrad ? dx : nil, dy]
        }
    }
}
