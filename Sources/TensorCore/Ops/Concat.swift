extension Tensor {
    /// Joins tensors along an existing axis: `torch.cat(tensors, dim: axis)`.
    ///
    /// Shapes: all inputs have the same rank (at least 1) and the same sizes except along
    /// `axis`; `[a₁, d], [a₂, d] -> [a₁ + a₂, d]` for axis 0. Axis may be negative. A single
    /// input comes back unchanged.
    ///
    /// Backward: input `t` gets the slice of the gradient at its own positions along `axis`.
    /// - Throws: `TensorError` for an empty list, scalars, an axis out of range, or shapes
    ///   that differ off the concatenation axis.
    public static func concat(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("concat", "needs at least one tensor") }
        guard first.rank > 0 else { throw TensorError("concat", "cannot concatenate scalars (shape []); use stack") }
        let a = try Shape.normalizeAxis(axis, rank: first.rank, op: "concat")
        var total = 0
        for t in tensors {
            var expected = first.shape
            if t.rank == first.rank { expected[a] = t.shape[a] }
            guard t.shape == expected else {
                throw TensorError.shapeMismatch("concat", first.shape, t.shape,
                                                "shapes must match except along axis \(axis)")
            }
            total += t.shape[a]
        }
        if tensors.count == 1 { return first }
        var outShape = first.shape
        outShape[a] = total
        return join(tensors, blockShapes: tensors.map(\.shape), axis: a, outShape: outShape, op: "concat")
    }

    /// Joins tensors of one shape along a new axis: `torch.stack(tensors, dim: axis)`.
    ///
    /// Shapes: `n` tensors of shape `s` give `s` with `n` inserted at `axis`, which ranges
    /// over `-(rank + 1)...rank`; `out[..., i, ...] = tensors[i]`.
    ///
    /// Backward: input `i` gets the gradient's index `i` along the new axis.
    /// - Throws: `TensorError` for an empty list, differing shapes, or an axis out of range.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("stack", "needs at least one tensor") }
        let a = try Shape.normalizeAxis(axis, rank: first.rank + 1, op: "stack")
        for t in tensors where t.shape != first.shape {
            throw TensorError.shapeMismatch("stack", first.shape, t.shape, "all tensors must have the same shape")
        }
        var block = first.shape
        block.insert(1, at: a)
        var outShape = first.shape
        outShape.insert(tensors.count, at: a)
        return join(tensors, blockShapes: [[Int]](repeating: block, count: tensors.count), axis: a,
                    outShape: outShape, op: "stack")
    }

    /// Copies each tensor, viewed with `blockShapes[i]`, into consecutive positions of
    /// `outShape` along `axis`, and records the slicing backward.
    private static func join(_ tensors: [Tensor], blockShapes: [[Int]], axis a: Int, outShape: [Int], op: String) -> Tensor {
        let out = Tensor(uninitializedShape: outShape)
        let outStrides = Shape.strides(outShape)
        var origins: [Int] = []
        var position = 0
        for (t, block) in zip(tensors, blockShapes) {
            origins.append(position * outStrides[a])
            Kernels.stridedCopy(shape: block, from: t.data, strides: Shape.strides(block),
                                to: out.data + position * outStrides[a], strides: outStrides)
            position += block[a]
        }
        return out.recorded(op, inputs: tensors) { g in
            zip(tensors, zip(blockShapes, origins)).map { t, bo -> Tensor? in
                guard t.requiresGrad else { return nil }
                let gt = Tensor(uninitializedShape: t.shape)
                Kernels.stridedCopy(shape: bo.0, from: g.data + bo.1, strides: outStrides,
                                    to: gt.data, strides: Shape.strides(bo.0))
                return gt
            }
        }
    }
}
