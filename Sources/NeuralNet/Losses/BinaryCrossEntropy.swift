import TensorCore

extension Loss {
    /// Binary cross-entropy on logits, `torch.nn.functional.binary_cross_entropy_with_logits`,
    /// in the numerically stable form
    /// `loss = w·[(1 − t)·x − (1 + (pw − 1)·t)·log σ(x)]`,
    /// `log σ(x) = min(x, 0) − log1p(e^{−|x|})` (never overflows).
    ///
    /// - Parameters:
    ///   - logits: any shape.
    ///   - target: the same shape, values usually in [0, 1].
    ///   - weight: per-element rescaling that broadcasts to the input shape, or nil.
    ///   - posWeight: weight of the positive term that broadcasts to the input shape
    ///     (typically `[C]` for `[N, C]` multi-label logits), or nil.
    ///   Both weights are constants (no gradient), as in torch.
    /// - Returns: the input shape for `.none`, else a scalar (`.mean` averages over all
    ///   elements).
    ///
    /// Backward: `∂/∂x = w·[(1 − t) − (1 + (pw − 1)·t)·σ(−x)]` (`w·(σ(x) − t)` without
    /// posWeight), `∂/∂t = w·[−x − (pw − 1)·log σ(x)]`.
    /// - Throws: `TensorError("bceWithLogits", ...)` for mismatched shapes.
    public static func bceWithLogits(_ logits: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
                                     reduction: Reduction = .mean) throws -> Tensor {
        let op = "bceWithLogits"
        try checkSameShape(logits, target, op: op)
        let shape = logits.shape, n = logits.count
        let w = try weight.map { try expand($0, to: shape, op: op, name: "weight") }
        let pw = try posWeight.map { try expand($0, to: shape, op: op, name: "posWeight") }
        let x = logits.data, t = target.data
        let wp = w?.data, pwp = pw?.data
        let out = reduce(count: n, shape: shape, reduction: reduction, divisor: Double(n)) { i in
            FusedKernels.bceWithLogits(x[i], t[i], posWeight: pwp?[i] ?? 1) * (wp?[i] ?? 1)
        }
        return out.recorded(op, inputs: [logits, target]) { g in
            let x = logits.data, t = target.data
            let wp = w?.data, pwp = pw?.data
            let dx = logits.requiresGrad ? gradient(g, count: n, shape: shape, reduction: reduction, divisor: Double(n)) { i in
                FusedKernels.bceWithLogitsGradX(x[i], t[i], posWeight: pwp?[i] ?? 1) * (wp?[i] ?? 1)
            } : nil
            let dt = target.requiresGrad ? gradient(g, count: n, shape: shape, reduction: reduction, divisor: Double(n)) { i in
                FusedKernels.bceWithLogitsGradT(x[i], posWeight: pwp?[i] ?? 1) * (wp?[i] ?? 1)
            } : nil
            return [dx, dt]
        }
    }
}
