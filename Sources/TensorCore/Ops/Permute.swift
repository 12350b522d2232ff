extension Tensor {
    /// Swaps two axes: `out[..., j, ..., i, ...] = self[..., i, ..., j, ...]`.
    ///
    /// `torch.transpose(x, axis0, axis1)` (`x.mT` with the defaults), but the result is a
    /// contiguous copy, not a view. Axes may be negative. A rank-2 transpose runs the
    /// cache-blocked tile kernel of `Kernels.stridedCopy`.
    ///
    /// Shapes: `[..., a, ..., b, ...] -> [..., b, ..., a, ...]`.
    /// Backward: the gradient transposed back over the same two axes.
    /// - Throws: `TensorError` if an axis is out of range (e.g. the defaults on a 1-D tensor).
    public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis0, rank: rank, op: "transpose")
        let b = try Shape.normalizeAxis(axis1, rank: rank, op: "transpose")
        guard rank > 0 else { return self }
        var axes = Array(0..<rank)
        axes.swapAt(a, b)
        return try permuted(axes, op: "transpose")
    }

    /// Reorders the axes: output axis `i` is input axis `axes[i]`, so
    /// `out.shape[i] == shape[axes[i]]`.
    ///
    /// `torch.permute(x, axes)` (`x.permute(*axes)`), as a contiguous copy. Axes may be
    /// negative. The identity permutation returns `self` (values are immutable, so no copy
    /// is needed), as `reshaped` does for an unchanged shape.
    ///
    /// Backward: the gradient permuted by the inverse permutation.
    /// - Throws: `TensorError` unless `axes` holds each axis `0..<rank` exactly once.
    public func permuted(_ axes: [Int]) throws -> Tensor {
        try permuted(axes, op: "permute")
    }

    private func permuted(_ axes: [Int], op: String) throws -> Tensor {
        guard axes.count == rank else {
            throw TensorError(op, "permutation \(axes) has \(axes.count) axes, tensor of shape \(shape) has rank \(rank)")
        }
        var perm = [Int](repeating: 0, count: rank)
        var seen = [Bool](repeating: false, count: rank)
        for (i, axis) in axes.enumerated() {
            let a = try Shape.normalizeAxis(axis, rank: rank, op: op)
            guard !seen[a] else {
                throw TensorError(op, "\(axes) is not a permutation of the axes of shape \(shape): axis \(a) repeats")
            }
            seen[a] = true
            perm[i] = a
        }
        if perm == Array(0..<rank) { return self }
        let out = Kernels.permute(self, perm)
        var inverse = perm
        for (i, a) in perm.enumerated() { inverse[a] = i }
        return out.recorded(op, inputs: [self]) { g in [Kernels.permute(g, inverse)] }
    }
}

extension Kernels {
    /// `out.shape[i] = x.shape[perm[i]]`, a contiguous copy. `perm` must be a valid
    /// permutation of `0..<x.rank` (not checked).
    public static func permute(_ x: Tensor, _ perm: [Int]) -> Tensor {
        let outShape = perm.map { x.shape[$0] }
        let out = Tensor(uninitializedShape: outShape)
        let inStrides = Shape.strides(x.shape)
        stridedCopy(shape: outShape, from: x.data, strides: perm.map { inStrides[$0] },
                    to: out.data, strides: Shape.strides(outShape))
        return out
    }
}
