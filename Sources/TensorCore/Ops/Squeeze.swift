extension Tensor {
    /// Removes axes of size 1: all of them when `axis` is nil, else only `axis`, and only
    /// if its size is 1 (otherwise the tensor is returned unchanged).
    ///
    /// `torch.squeeze(x)` / `torch.squeeze(x, dim)`: `[3, 1, 2] -> [3, 2]`. A reshape: the
    /// values are shared, not copied. Backward: the gradient reshaped back.
    /// - Throws: `TensorError` if `axis` is out of range.
    public func squeezed(axis: Int? = nil) throws -> Tensor {
        guard let axis else { return try reshaped(shape.filter { $0 != 1 }) }
        let a = try Shape.normalizeAxis(axis, rank: rank, op: "squeeze")
        guard rank > 0, shape[a] == 1 else { return self }
        var target = shape
        target.remove(at: a)
        return try reshaped(target)
    }

    /// Inserts an axis of size 1 at position `axis` of the result, which may be negative
    /// and ranges over `-(rank + 1)...rank`.
    ///
    /// `torch.unsqueeze(x, dim)`: `[3, 2]` with axis 1 (or -2) gives `[3, 1, 2]`. A reshape:
    /// the values are shared, not copied. Backward: the gradient reshaped back.
    /// - Throws: `TensorError` if `axis` is out of range.
    public func unsqueezed(axis: Int) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis, rank: rank + 1, op: "unsqueeze")
        var target = shape
        target.insert(1, at: a)
        return try reshaped(target)
    }
}
