#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Variance, standard deviation and vector p-norms over the whole tensor or one axis
/// (`torch.var`, `torch.std`, `torch.linalg.vector_norm`).
extension Tensor {
    /// `Σ_k (x_k − x̄)² / max(0, n − correction)` along `axis`.
    ///
    /// PyTorch: `torch.var(x, dim=axis, correction=correction, keepdim=keepDims)`:
    /// `correction: 1` is the unbiased (Bessel) estimate, `0` the population variance;
    /// `n − correction ≤ 0` gives inf (or NaN for zero deviation), as PyTorch. Two passes
    /// (mean, then squared deviations) for accuracy.
    /// Backward: `dx = g · 2(x − x̄) / (n − correction)`.
    public func variance(axis: Int, correction: Int = 1, keepDims: Bool = false) throws -> Tensor {
        let (plan, outShape) = try axisReduction(axis, keepDims: keepDims, op: "variance")
        return varianceRecorded(plan, shape: outShape, correction: correction, root: false)
    }

    /// `sqrt(variance(axis:correction:keepDims:))`.
    ///
    /// PyTorch: `torch.std(x, dim=axis, correction=correction, keepdim=keepDims)`.
    /// Backward: `dx = g · (x − x̄) / ((n − correction) · std)`, and 0 where std = 0 (as
    /// PyTorch, which masks the infinite derivative of the square root at 0).
    public func std(axis: Int, correction: Int = 1, keepDims: Bool = false) throws -> Tensor {
        let (plan, outShape) = try axisReduction(axis, keepDims: keepDims, op: "std")
        return varianceRecorded(plan, shape: outShape, correction: correction, root: true)
    }

    /// Variance of all elements, shape `[]`; PyTorch: `x.var(correction=correction)`.
    /// Backward: `dx = g · 2(x − x̄) / (count − correction)`.
    public func variance(correction: Int = 1) -> Tensor {
        varianceRecorded(.whole(count: count), shape: [], correction: correction, root: false)
    }

    /// Standard deviation of all elements, shape `[]`; PyTorch: `x.std(correction=correction)`.
    /// Backward: `dx = g · (x − x̄) / ((count − correction) · std)`, 0 where std = 0.
    public func std(correction: Int = 1) -> Tensor {
        varianceRecorded(.whole(count: count), shape: [], correction: correction, root: true)
    }

    /// The p-norm of all elements, `(Σ |x|^p)^(1/p)`, shape `[]`.
    ///
    /// PyTorch: `torch.linalg.vector_norm(x, ord=p)` (= `x.norm(p)`). `p` may be any
    /// positive number, `.infinity` (max |x|), `-.infinity` (min |x|) or 0 (number of
    /// non-zeros); negative finite `p` follows the same formula. Where PyTorch raises (an
    /// empty tensor with p < 0 or ±inf) the result is NaN.
    /// Backward as PyTorch's `norm_backward`: p = 1: `g·sign(x)`; p = 2: `g·x/‖x‖`, 0 at the
    /// zero vector; other p: `g·sign(x)|x|^(p−1)/‖x‖^(p−1)` (0 when ‖x‖ = 0 for p > 1,
    /// 0 at x = 0 for p < 1); ±inf: `g·sign(x)` split evenly among the elements whose |x|
    /// equals the norm; p = 0: 0.
    public func norm(p: Float = 2) -> Tensor {
        let plan = Kernels.ReducePlan.whole(count: count)
        if count == 0 && (p < 0 || p == .infinity) { return Tensor(scalar: .nan) }
        return normRecorded(plan, shape: [], p: p)
    }

    /// The p-norm along `axis`: `[..., n, ...] -> [..., ...]`; see `norm(p:)` for `p` and
    /// the backward. Throws for an axis out of range, or an empty axis with p < 0 or ±inf
    /// (no identity, as PyTorch).
    ///
    /// PyTorch: `torch.linalg.vector_norm(x, ord=p, dim=axis, keepdim=keepDims)`.
    public func norm(p: Float = 2, axis: Int, keepDims: Bool = false) throws -> Tensor {
        let (plan, outShape) = try axisReduction(axis, keepDims: keepDims, op: "norm")
        if plan.length == 0 && (p < 0 || p == .infinity) {
            throw TensorError("norm", "cannot compute the \(p)-norm over the empty axis \(axis) of shape \(shape)")
        }
        return normRecorded(plan, shape: outShape, p: p)
    }

    // MARK: Implementation

    private func varianceRecorded(_ plan: Kernels.ReducePlan, shape outShape: [Int], correction: Int, root: Bool) -> Tensor {
        let n = plan.outputCount
        let mean = Tensor(uninitializedShape: [n])
        let out = Tensor(uninitializedShape: outShape)
        let x = data, m = mean.data, o = out.data
        let length = Float(plan.length)
        Kernels.reduceSum(plan, x, x, shift: x, into: m, ReduceTerms.Value())
        for i in 0..<n { m[i] = m[i] / length }
        Kernels.reduceSum(plan, x, x, shift: m, into: o, ReduceTerms.SquaredDeviation())
        let dof = Float(Swift.max(0, plan.length - correction))
        for i in 0..<n { o[i] = root ? (o[i] / dof).squareRoot() : o[i] / dof }
        let saved = Tensor(shape: outShape, storage: out.storage)
        let scale = 1 / Float(plan.length - correction)
        return out.recorded(root ? "std" : "variance", inputs: [self]) { [self] g in
            // Per output: 2g/(n−c) for the variance, g/((n−c)·std) (0 at std = 0) for std.
            let coef = Tensor(uninitializedShape: [n])
            let c = coef.data, gp = g.data, s = saved.data
            for i in 0..<n {
                c[i] = root ? (s[i] == 0 ? 0 : gp[i] * scale / s[i]) : 2 * gp[i] * scale
            }
            let grad = Tensor(uninitializedShape: shape)
            Kernels.alongAxis(plan, data, data, mean.data, c, into: grad.data, StatisticsOps.ScaledDeviation())
            return [grad]
        }
    }

    private func normRecorded(_ plan: Kernels.ReducePlan, shape outShape: [Int], p: Float) -> Tensor {
        let n = plan.outputCount
        let out = Tensor(uninitializedShape: outShape)
        let x = data, o = out.data
        if p.isInfinite {
            if plan.length == 0 {
                o.update(repeating: .nan, count: n)
                return out
            }
            let e = extremeKernel(plan, shape: outShape, largest: p > 0, absolute: true).values
            o.update(from: e.data, count: n)
            let saved = Tensor(shape: outShape, storage: out.storage)
            return out.recorded("norm", inputs: [self]) { [self] g in
                [Tensor.evenlySplitGradient(plan, x: self, extreme: saved, g: g, absolute: true)]
            }
        }
        if p == 0 {
            Kernels.reduceSum(plan, x, x, shift: x, into: o, StatisticsOps.NonZero())
            let inShape = shape
            return out.recorded("norm", inputs: [self]) { _ in [Tensor.zeros(inShape)] }
        }
        if p == 1 {
            Kernels.reduceSum(plan, x, x, shift: x, into: o, StatisticsOps.Magnitude())
        } else if p == 2 {
            Kernels.reduceSum(plan, x, x, shift: x, into: o, ReduceTerms.Product())
            for i in 0..<n { o[i] = o[i].squareRoot() }
        } else {
            Kernels.reduceSum(plan, x, x, shift: x, into: o, StatisticsOps.PowMagnitude(p: p))
            for i in 0..<n { o[i] = powf(o[i], 1 / p) }
        }
        let saved = Tensor(shape: outShape, storage: out.storage)
        return out.recorded("norm", inputs: [self]) { [self] g in
            let grad = Tensor(uninitializedShape: shape)
            let gp = g.data, s = saved.data, d = grad.data
            if p == 1 {
                Kernels.alongAxis(plan, x, x, gp, gp, into: d, StatisticsOps.SignTimes())
                return [grad]
            }
            // Per-output scale, then dx = scale · x (p = 2) or scale · sign(x)|x|^(p−1).
            let coef = Tensor(uninitializedShape: [n])
            let c = coef.data
            for i in 0..<n {
                if p < 1 {
                    c[i] = gp[i] * powf(s[i], 1 - p)
                } else {
                    c[i] = s[i] == 0 ? 0 : (p == 2 ? gp[i] / s[i] : gp[i] / powf(s[i], p - 1))
                }
            }
            if p == 2 {
                Kernels.alongAxis(plan, x, x, c, c, into: d, StatisticsOps.Times())
            } else if p < 1 {
                Kernels.alongAxis(plan, x, x, c, c, into: d, StatisticsOps.PowBackward(p: p, zeroAtZero: true))
            } else {
                Kernels.alongAxis(plan, x, x, c, c, into: d, StatisticsOps.PowBackward(p: p, zeroAtZero: false))
            }
            return [grad]
        }
    }
}

/// `sign(a)` as PyTorch's `sgn`: -1, 0 or 1, NaN for NaN.
@inline(__always) func reductionSign(_ a: Float) -> Float {
    a > 0 ? 1 : (a < 0 ? -1 : (a.isNaN ? a : 0))
}

private enum StatisticsOps {
    /// `c · (a − m)`: the variance and std backward.
    struct ScaledDeviation: AlongAxisOp {
        func callAsFunction(_ a: Float, _ b: Float, _ m: Float, _ c: Float) -> Float { c * (a - m) }
    }

    /// `1` for a non-zero element (the 0-"norm").
    struct NonZero: ReductionTerm {
        func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float { a != 0 ? 1 : 0 }
    }

    /// `|a|`.
    struct Magnitude: ReductionTerm {
        func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float { a.magnitude }
    }

    /// `|a|^p`.
    struct PowMagnitude: ReductionTerm {
        let p: Float
        func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float { powf(a.magnitude, p) }
    }

    /// `sign(a) · g`.
    struct SignTimes: AlongAxisOp {
        func callAsFunction(_ a: Float, _ b: Float, _ g: Float, _ v: Float) -> Float { reductionSign(a) * g }
    }

    /// `a · c`.
    struct Times: AlongAxisOp {
        func callAsFunction(_ a: Float, _ b: Float, _ c: Float, _ v: Float) -> Float { a * c }
    }

    /// `sign(a) · |a|^(p−1) · c`, and 0 at `a = 0` when `zeroAtZero` (p < 1).
    struct PowBackward: AlongAxisOp {
        let p: Float
        let zeroAtZero: Bool
        func callAsFunction(_ a: Float, _ b: Float, _ c: Float, _ v: Float) -> Float {
            zeroAtZero && a == 0 ? 0 : reductionSign(a) * powf(a.magnitude, p - 1) * c
        }
    }
}
