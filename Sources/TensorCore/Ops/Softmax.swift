#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Log-sum-exp, softmax and log-softmax along an axis, all shifted by the axis maximum so
/// no `exp` overflows (`softmax([1000, 1001])` is `[0.269, 0.731]`, not NaN).
extension Tensor {
    /// `log Σ_k exp(x_k)` along `axis`, computed as `m + log Σ exp(x_k − m)` with `m` the
    /// maximum (an infinite `m` is replaced by 0, so all `-inf` gives `-inf` and a `+inf`
    /// gives `+inf`). An empty axis gives `-inf`.
    ///
    /// PyTorch: `torch.logsumexp(x, dim=axis, keepdim=keepDims)`.
    /// Backward: `dx = g · exp(x − logsumexp(x))` (the softmax along the axis).
    public func logsumexp(axis: Int, keepDims: Bool = false) throws -> Tensor {
        let (plan, outShape) = try axisReduction(axis, keepDims: keepDims, op: "logsumexp")
        let out = Tensor(uninitializedShape: outShape)
        logsumexpKernel(plan, into: out.data)
        let saved = Tensor(shape: outShape, storage: out.storage)
        return out.recorded("logsumexp", inputs: [self]) { [self] g in
            let grad = Tensor(uninitializedShape: shape)
            let x = data
            Kernels.alongAxis(plan, x, x, saved.data, g.data, into: grad.data, SoftmaxOps.ExpShiftedTimes())
            return [grad]
        }
    }

    /// `y_k = exp(x_k − m) / Σ_j exp(x_j − m)` along `axis` (default: the last), `m` the
    /// maximum along the axis; same shape as `x`.
    ///
    /// PyTorch: `torch.softmax(x, dim=axis)`. Backward: `dx = y ⊙ (g − Σ_axis g ⊙ y)`.
    public func softmax(axis: Int = -1) throws -> Tensor {
        try softmaxFamily(axis: axis, log: false)
    }

    /// `y_k = x_k − logsumexp(x)` along `axis` (default: the last); same shape as `x`.
    ///
    /// PyTorch: `torch.log_softmax(x, dim=axis)`. Backward:
    /// `dx = g − softmax(x) · Σ_axis g = g − exp(y) · Σ_axis g`.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        try softmaxFamily(axis: axis, log: true)
    }

    /// Softmax (`log == false`) or log-softmax along `axis`, forward and backward. A
    /// contiguous axis takes the one-visit-per-row kernels (`Kernels.softmaxRows`); other
    /// layouts take the strided reductions.
    private func softmaxFamily(axis: Int, log: Bool) throws -> Tensor {
        let name = log ? "logSoftmax" : "softmax"
        let (plan, _) = try axisReduction(axis, keepDims: true, op: name)
        let out = Tensor(uninitializedShape: shape)
        let rows = plan.inner == 1
        if count > 0 && rows {
            Kernels.softmaxRows(data, out.data, rows: plan.outputCount, length: plan.length, log: log)
        } else if count > 0 && log {
            // (x − m) − log Σ exp(x − m): exact shift first, as PyTorch, so large inputs
            // keep their precision.
            let (shift, logSum) = logsumexpParts(plan, zeroInfiniteShift: false)
            Kernels.alongAxis(plan, data, data, shift.data, logSum.data, into: out.data, SoftmaxOps.LogSoftmax())
        } else if count > 0 {
            let n = plan.outputCount
            let m = extremeKernel(plan, shape: [n], largest: true).values
            let y = out.data, x = data
            Kernels.alongAxis(plan, x, x, m.data, m.data, into: y, SoftmaxOps.ExpShifted())
            let s = Tensor(uninitializedShape: [n])
            Kernels.reduceSum(plan, y, y, shift: y, into: s.data, ReduceTerms.Value())
            Kernels.alongAxis(plan, y, y, s.data, s.data, into: y, SoftmaxOps.Divide())
        }
        let saved = Tensor(shape: shape, storage: out.storage)
        return out.recorded(name, inputs: [self]) { g in
            let y = saved.data, gp = g.data
            let grad = Tensor(uninitializedShape: saved.shape)
            if rows {
                Kernels.softmaxRowsBackward(y, gp, grad.data, rows: plan.outputCount, length: plan.length, log: log)
                return [grad]
            }
            // Per output: Σ g (log-softmax) or Σ g ⊙ y (softmax), then the elementwise step.
            let total = Tensor(uninitializedShape: [plan.outputCount])
            if log {
                Kernels.reduceSum(plan, gp, gp, shift: gp, into: total.data, ReduceTerms.Value())
                Kernels.alongAxis(plan, y, gp, total.data, total.data, into: grad.data, SoftmaxOps.LogSoftmaxBackward())
            } else {
                Kernels.reduceSum(plan, gp, y, shift: gp, into: total.data, ReduceTerms.Product())
                Kernels.alongAxis(plan, y, gp, total.data, total.data, into: grad.data, SoftmaxOps.SoftmaxBackward())
            }
            return [grad]
        }
    }

    /// `out[o, j] = m + log Σ_k exp(x[o, k, j] − m)`, `m` the axis maximum (0 if infinite).
    func logsumexpKernel(_ plan: Kernels.ReducePlan, into out: UnsafeMutablePointer<Float>) {
        let (shift, logSum) = logsumexpParts(plan)
        let m = shift.data, l = logSum.data
        for i in 0..<plan.outputCount { out[i] = l[i] + m[i] }
    }

    /// The two parts of logsumexp, each `[outer * inner]`: the shift `m` (the axis maximum,
    /// 0 where infinite) and `log Σ_k exp(x_k − m)`. An empty axis gives `m = 0` and -inf.
    /// `zeroInfiniteShift` is logsumexp's rule (torch returns ±inf there); logSoftmax keeps
    /// the infinite shift, so a row with +inf gives NaN as in PyTorch.
    func logsumexpParts(_ plan: Kernels.ReducePlan, zeroInfiniteShift: Bool = true) -> (shift: Tensor, logSum: Tensor) {
        let n = plan.outputCount
        let logSum = Tensor(uninitializedShape: [n])
        guard plan.length > 0 else {
            logSum.data.update(repeating: -.infinity, count: n)
            return (Tensor.zeros([n]), logSum)
        }
        let m = extremeKernel(plan, shape: [n], largest: true).values
        let mp = m.data, x = data, l = logSum.data
        if zeroInfiniteShift {
            for i in 0..<n where mp[i].isInfinite { mp[i] = 0 }
        }
        Kernels.reduceSum(plan, x, x, shift: mp, into: l, SoftmaxOps.ExpTerm())
        for i in 0..<n { l[i] = logf(l[i]) }
        return (m, logSum)
    }
}

private enum SoftmaxOps {
    /// `exp(a − s)`, summed for logsumexp.
    struct ExpTerm: ReductionTerm {
        func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float { reductionExp(a - s) }
    }

    /// `exp(a − m)`.
    struct ExpShifted: AlongAxisOp {
        func callAsFunction(_ a: Float, _ b: Float, _ m: Float, _ v: Float) -> Float { reductionExp(a - m) }
    }

    /// `g · exp(a − lse)`: the logsumexp backward.
    struct ExpShiftedTimes: AlongAxisOp {
        func callAsFunction(_ a: Float, _ b: Float, _ lse: Float, _ g: Float) -> Float { g * reductionExp(a - lse) }
    }

    /// `e / s`.
    struct Divide: AlongAxisOp {
        func callAsFunction(_ e: Float, _ b: Float, _ s: Float, _ v: Float) -> Float { e / s }
    }

    /// `y · (g − Σ g·y)`.
    struct SoftmaxBackward: AlongAxisOp {
        func callAsFunction(_ y: Float, _ g: Float, _ dot: Float, _ v: Float) -> Float { y * (g - dot) }
    }

    /// `(a − m) − log Σ exp(x − m)`.
    struct LogSoftmax: AlongAxisOp {
        func callAsFunction(_ a: Float, _ b: Float, _ m: Float, _ logSum: Float) -> Float { (a - m) - logSum }
    }

    /// `g − exp(y) · Σ g`.
    struct LogSoftmaxBackward: AlongAxisOp {
        func callAsFunction(_ y: Float, _ g: Float, _ total: Float, _ v: Float) -> Float { g - reductionExp(y) * total }
    }
}

/// `eˣ` for the softmax family: `Kernels.fastExp` (within 1 ulp, vectorisable).
@inline(__always) func reductionExp(_ x: Float) -> Float { Kernels.fastExp(x) }
