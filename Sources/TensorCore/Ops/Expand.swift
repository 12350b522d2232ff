extension Tensor {
    /// Broadcasts to `shape`: sizes align on the right, each axis of size 1 repeats to the
    /// target size, and new leading axes may be added. `-1` keeps an existing axis's size.
    ///
    /// `x.expand(*shape)` / `torch.broadcast_to(x, shape)`, as a contiguous copy:
    /// `[3, 1] -> [2, 3, 4]` gives `out[b, i, j] = x[i, 0]`. An unchanged shape returns `self`.
    ///
    /// Backward: the gradient summed over the broadcast axes (`Kernels.reduceToShape`).
    /// - Throws: `TensorError` if the target has fewer axes than `self`, a non-1 size
    ///   differs from the target, or a new leading axis is `-1` or negative.
    public func expanded(to shape: [Int]) throws -> Tensor {
        let source = self.shape
        guard shape.count >= rank else {
            throw TensorError("expand", "cannot expand shape \(source) to \(shape) with fewer axes")
        }
        let lead = shape.count - rank
        var target = shape
        for i in 0..<shape.count {
            if i < lead {
                guard shape[i] >= 0 else {
                    throw TensorError("expand", "new leading axis \(i) of \(shape) must have a size >= 0 (expanding \(source))")
                }
                continue
            }
            let s = source[i - lead]
            if shape[i] == -1 { target[i] = s; continue }
            guard shape[i] == s || (s == 1 && shape[i] >= 0) else {
                throw TensorError("expand", "cannot expand shape \(source) to \(shape): axis \(i) has size \(s), target \(shape[i]) (only size-1 axes repeat)")
            }
        }
        if target == source { return self }
        let out = Tensor(uninitializedShape: target)
        Kernels.stridedCopy(shape: target, from: data, strides: Shape.broadcastStrides(source, to: target),
                            to: out.data, strides: Shape.strides(target))
        return out.recorded("expand", inputs: [self]) { g in [Kernels.reduceToShape(g, source)] }
    }
}
