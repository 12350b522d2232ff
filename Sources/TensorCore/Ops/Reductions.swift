/// Sums and means over the whole tensor, one axis, or a set of axes (`torch.sum`,
/// `torch.mean`).
///
/// All reductions run on the strided kernels of `Kernels/Reduce.swift`: the tensor is
/// viewed as `[outer, length, inner]` around the reduced axis, and each output is summed
/// in an order fixed by the shape alone, so results are bitwise reproducible on any
/// number of threads. Axes may be negative (counted from the end); an axis out of range
/// throws `TensorError`. With `keepDims` the reduced axes stay as size 1.
extension Tensor {
    /// Σ of all elements, as a scalar of shape `[]` (0 for an empty tensor).
    ///
    /// PyTorch: `x.sum()`. Blocked summation with a fixed block partition, so the result
    /// does not depend on the thread count. Backward: `dx = g` broadcast to every element.
    public func sum() -> Tensor {
        reduceSumRecorded(.whole(count: count), shape: [], divisor: 1, name: "sum")
    }

    /// Σ over `axis`: `[..., n, ...] -> [..., ...]` (or `[..., 1, ...]` with `keepDims`).
    ///
    /// PyTorch: `x.sum(dim=axis, keepdim=keepDims)`; an empty axis sums to 0.
    /// Backward: `dx[..., k, ...] = g[..., ...]` for every `k`.
    public func sum(axis: Int, keepDims: Bool = false) throws -> Tensor {
        let (plan, outShape) = try axisReduction(axis, keepDims: keepDims, op: "sum")
        return reduceSumRecorded(plan, shape: outShape, divisor: 1, name: "sum")
    }

    /// Σ over several axes at once; each axis at most once. An empty list reduces every
    /// axis (like PyTorch's `dim=[]`).
    ///
    /// PyTorch: `x.sum(dim=axes, keepdim=keepDims)`. Runs of adjacent axes are merged and
    /// reduced in one pass each. Backward: `g` broadcast back over the reduced axes.
    public func sum(axes: [Int], keepDims: Bool = false) throws -> Tensor {
        try reduceSumAxes(axes, keepDims: keepDims, mean: false, op: "sum")
    }

    /// Arithmetic mean of all elements, shape `[]` (NaN for an empty tensor, as PyTorch).
    ///
    /// PyTorch: `x.mean()`. Backward: `dx = g / count`.
    public func mean() -> Tensor {
        reduceSumRecorded(.whole(count: count), shape: [], divisor: Float(count), name: "mean")
    }

    /// Mean over `axis` (Σ / n; NaN for an empty axis).
    ///
    /// PyTorch: `x.mean(dim=axis, keepdim=keepDims)`. Backward: `dx[..., k, ...] = g / n`.
    public func mean(axis: Int, keepDims: Bool = false) throws -> Tensor {
        let (plan, outShape) = try axisReduction(axis, keepDims: keepDims, op: "mean")
        return reduceSumRecorded(plan, shape: outShape, divisor: Float(plan.length), name: "mean")
    }

    /// Mean over several axes (Σ over them / product of their sizes); an empty list
    /// reduces every axis.
    ///
    /// PyTorch: `x.mean(dim=axes, keepdim=keepDims)`. Backward: `g / n` broadcast back.
    public func mean(axes: [Int], keepDims: Bool = false) throws -> Tensor {
        try reduceSumAxes(axes, keepDims: keepDims, mean: true, op: "mean")
    }

    // MARK: Shared by all reductions

    /// The plan and output shape of a reduction over `axis`.
    func axisReduction(_ axis: Int, keepDims: Bool, op: String) throws -> (plan: Kernels.ReducePlan, shape: [Int]) {
        let a = try reductionAxis(axis, op: op)
        var outShape = shape
        if rank > 0 {
            if keepDims { outShape[a] = 1 } else { outShape.remove(at: a) }
        }
        return (Kernels.ReducePlan(shape: shape, axis: a), outShape)
    }

    /// `axis` in `0..<rank`; a scalar accepts 0 and -1, as in PyTorch.
    func reductionAxis(_ axis: Int, op: String) throws -> Int {
        rank == 0 && axis == -1 ? 0 : try Shape.normalizeAxis(axis, rank: rank, op: op)
    }

    /// `Σ_axis x / divisor`, recorded as `name`; backward broadcasts `g / divisor`.
    func reduceSumRecorded(_ plan: Kernels.ReducePlan, shape outShape: [Int], divisor: Float, name: String) -> Tensor {
        let out = Tensor(uninitializedShape: outShape)
        let x = data, o = out.data
        Kernels.reduceSum(plan, x, x, shift: x, into: o, ReduceTerms.Value())
        if divisor != 1 {
            for i in 0..<out.count { o[i] = o[i] / divisor }
        }
        let inShape = shape
        return out.recorded(name, inputs: [self]) { g in
            let grad = Tensor(uninitializedShape: inShape)
            let d = grad.data
            Kernels.alongAxis(plan, d, d, g.data, g.data, into: d, SumOps.Spread(divisor: divisor))
            return [grad]
        }
    }

    /// Normalises, sorts and de-duplicates `axes` (empty means all axes).
    func reductionAxes(_ axes: [Int], op: String) throws -> [Int] {
        if axes.isEmpty { return Array(0..<rank) }
        var seen = Set<Int>()
        for axis in axes {
            let a = try reductionAxis(axis, op: op)
            guard seen.insert(a).inserted else {
                throw TensorError(op, "axis \(axis) appears more than once in \(axes) for a tensor of shape \(shape)")
            }
        }
        return seen.sorted()
    }

    /// Sum (or mean) over `axes`: each run of adjacent axes is merged by a reshape and
    /// reduced in one pass, last run first so earlier axis numbers stay valid.
    private func reduceSumAxes(_ axes: [Int], keepDims: Bool, mean: Bool, op: String) throws -> Tensor {
        let sorted = try reductionAxes(axes, op: op)
        if rank == 0 {
            return reduceSumRecorded(.whole(count: 1), shape: [], divisor: 1, name: op)
        }
        var runs: [ClosedRange<Int>] = []
        for a in sorted {
            if let last = runs.last, last.upperBound == a - 1 {
                runs[runs.count - 1] = last.lowerBound...a
            } else {
                runs.append(a...a)
            }
        }
        let total = sorted.reduce(1) { $0 * shape[$1] }
        var t = self
        for (i, run) in runs.enumerated().reversed() {
            let merged = Array(t.shape[..<run.lowerBound]) + [Shape.count(Array(t.shape[run]))]
                + Array(t.shape[(run.upperBound + 1)...])
            let m = try t.reshaped(merged)
            let (plan, outShape) = try m.axisReduction(run.lowerBound, keepDims: true, op: op)
            // The last pass (the first run) divides by the product of all reduced sizes.
            t = m.reduceSumRecorded(plan, shape: outShape, divisor: mean && i == 0 ? Float(total) : 1, name: op)
        }
        var final = shape
        for a in sorted.reversed() {
            if keepDims { final[a] = 1 } else { final.remove(at: a) }
        }
        return try t.reshaped(final)
    }
}

private enum SumOps {
    /// `u / divisor`: the output gradient spread over the reduced axis.
    struct Spread: AlongAxisOp {
        let divisor: Float
        func callAsFunction(_ a: Float, _ b: Float, _ u: Float, _ v: Float) -> Float { u / divisor }
    }
}
