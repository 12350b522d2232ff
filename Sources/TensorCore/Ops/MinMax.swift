/// Maxima and minima: along an axis with the position of the extreme (`torch.max(dim)`,
/// `torch.argmax`), and over the whole tensor (`torch.max()`).
///
/// NaN counts as larger (for max) and smaller (for min) than every number, so a NaN in
/// the reduced values propagates, as in PyTorch. On ties the first position wins (the
/// rule of PyTorch on CPU).
extension Tensor {
    /// Largest value along `axis` and its position: `[..., n, ...] -> [..., ...]`.
    ///
    /// PyTorch: `torch.max(x, dim=axis, keepdim=keepDims)` → `(values, indices)`; ties
    /// return the first position. Throws for an empty axis or an axis out of range.
    /// Backward: `g` flows to the selected position only (`dx[..., indices, ...] = g`).
    public func max(axis: Int, keepDims: Bool = false) throws -> (values: Tensor, indices: Int32Tensor) {
        try extremeAlong(axis: axis, keepDims: keepDims, largest: true, op: "max")
    }

    /// Smallest value along `axis` and its position; see `max(axis:keepDims:)`.
    ///
    /// PyTorch: `torch.min(x, dim=axis, keepdim=keepDims)`. Backward: `g` to the selected
    /// position only.
    public func min(axis: Int, keepDims: Bool = false) throws -> (values: Tensor, indices: Int32Tensor) {
        try extremeAlong(axis: axis, keepDims: keepDims, largest: false, op: "min")
    }

    /// Position of the largest value along `axis` (the first one on ties).
    ///
    /// PyTorch: `torch.argmax(x, dim=axis, keepdim=keepDims)`. Not differentiable.
    public func argmax(axis: Int, keepDims: Bool = false) throws -> Int32Tensor {
        let (plan, outShape) = try nonEmptyAxisReduction(axis, keepDims: keepDims, op: "argmax")
        return try Int32Tensor(shape: outShape, scalars: extremeKernel(plan, shape: outShape, largest: true).indices)
    }

    /// Position of the smallest value along `axis` (the first one on ties).
    ///
    /// PyTorch: `torch.argmin(x, dim=axis, keepdim=keepDims)`. Not differentiable.
    public func argmin(axis: Int, keepDims: Bool = false) throws -> Int32Tensor {
        let (plan, outShape) = try nonEmptyAxisReduction(axis, keepDims: keepDims, op: "argmin")
        return try Int32Tensor(shape: outShape, scalars: extremeKernel(plan, shape: outShape, largest: false).indices)
    }

    /// Largest element, shape `[]`; NaN for an empty tensor (where PyTorch raises).
    ///
    /// PyTorch: `x.max()`. Backward as PyTorch's: `g` is split evenly among all elements
    /// equal to the maximum, `dx = g · [x = max] / #{x = max}`.
    public func max() -> Tensor {
        wholeExtreme(largest: true, name: "max")
    }

    /// Smallest element, shape `[]`; NaN for an empty tensor. Backward: `g` split evenly
    /// among the elements equal to the minimum. PyTorch: `x.min()`.
    public func min() -> Tensor {
        wholeExtreme(largest: false, name: "min")
    }

    // MARK: Implementation

    func nonEmptyAxisReduction(_ axis: Int, keepDims: Bool, op: String) throws -> (plan: Kernels.ReducePlan, shape: [Int]) {
        let r = try axisReduction(axis, keepDims: keepDims, op: op)
        guard r.plan.length > 0 else {
            throw TensorError(op, "cannot reduce axis \(axis) of length 0 in shape \(shape)")
        }
        return r
    }

    /// Values and first positions of the max (or min) of `key(x)` along the plan's axis
    /// (key = |x| for infinity norms). The axis must not be empty.
    func extremeKernel(_ plan: Kernels.ReducePlan, shape outShape: [Int], largest: Bool,
                       absolute: Bool = false) -> (values: Tensor, indices: [Int32]) {
        let values = Tensor(uninitializedShape: outShape)
        let n = plan.outputCount
        let idx = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, n))
        defer { idx.deallocate() }
        Kernels.reduceExtreme(plan, data, largest: largest, absolute: absolute, values: values.data, indices: idx)
        return (values, Array(UnsafeBufferPointer(start: idx, count: n)))
    }

    private func extremeAlong(axis: Int, keepDims: Bool, largest: Bool, op: String) throws -> (values: Tensor, indices: Int32Tensor) {
        let (plan, outShape) = try nonEmptyAxisReduction(axis, keepDims: keepDims, op: op)
        let (values, idx) = extremeKernel(plan, shape: outShape, largest: largest)
        let indices = try Int32Tensor(shape: outShape, scalars: idx)
        let inShape = shape
        values.recorded(op, inputs: [self]) { g in
            let grad = Tensor(uninitializedShape: inShape)
            idx.withUnsafeBufferPointer { ip in
                if let base = ip.baseAddress { Kernels.scatterAlongAxis(plan, g.data, indices: base, into: grad.data) }
            }
            return [grad]
        }
        return (values, indices)
    }

    private func wholeExtreme(largest: Bool, name: String) -> Tensor {
        guard count > 0 else { return Tensor(scalar: .nan) }
        let plan = Kernels.ReducePlan.whole(count: count)
        let values = extremeKernel(plan, shape: [], largest: largest).values
        let saved = Tensor(shape: [], storage: values.storage)
        return values.recorded(name, inputs: [self]) { [self] g in
            [Tensor.evenlySplitGradient(plan, x: self, extreme: saved, g: g, absolute: false)]
        }
    }

    /// `dx = g · [key(x) = e] / #{key(x) = e}` per output (NaN matches NaN), times
    /// `sign(x)` when `absolute` (key = |x|): the backward of an extreme whose ties share
    /// the gradient (whole-tensor max/min, infinity norms), as PyTorch.
    static func evenlySplitGradient(_ plan: Kernels.ReducePlan, x: Tensor, extreme: Tensor, g: Tensor,
                                    absolute: Bool) -> Tensor {
        let n = plan.outputCount
        let share = Tensor(uninitializedShape: [n])
        let s = share.data, e = extreme.data, gp = g.data, xp = x.data
        Kernels.reduceSum(plan, xp, xp, shift: e, into: s, ReduceTerms.Matches(absolute: absolute))
        for i in 0..<n { s[i] = gp[i] / s[i] }
        let grad = Tensor(uninitializedShape: x.shape)
        Kernels.alongAxis(plan, xp, xp, e, s, into: grad.data, ExtremeOps.Share(absolute: absolute))
        return grad
    }
}

private enum ExtremeOps {
    /// `share` (times `sign(a)` when `absolute`) where `a` (or `|a|`) equals the extreme
    /// `e`, NaN matching NaN; 0 elsewhere.
    struct Share: AlongAxisOp {
        let absolute: Bool
        func callAsFunction(_ a: Float, _ b: Float, _ e: Float, _ share: Float) -> Float {
            let k = absolute ? a.magnitude : a
            guard k == e || (k.isNaN && e.isNaN) else { return 0 }
            return absolute ? reductionSign(a) * share : share
        }
    }
}
