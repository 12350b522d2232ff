extension Tensor {
    /// The elements at positions `range.lowerBound, + step, ...` (below `range.upperBound`)
    /// along `axis`, all of every other axis: `x[..., start:end:step, ...]` in PyTorch.
    ///
    /// Shapes: `[..., n, ...] -> [..., ceil((end - start) / step), ...]`; a contiguous copy.
    /// Unlike Python slicing, bounds are not clamped and not negative: the range must lie
    /// within `0...n`. Axis may be negative.
    ///
    /// Backward: the gradient written into those positions of a zero tensor shaped like self.
    /// - Throws: `TensorError` for an axis out of range, a range outside `0...n`, or `step < 1`.
    public func slice(axis: Int, range: Range<Int>, step: Int = 1) throws -> Tensor {
        guard rank > 0 else { throw TensorError("slice", "cannot slice a scalar (shape [])") }
        let a = try Shape.normalizeAxis(axis, rank: rank, op: "slice")
        guard step >= 1 else { throw TensorError("slice", "step must be positive, got \(step)") }
        guard range.lowerBound >= 0, range.upperBound <= shape[a] else {
            throw TensorError("slice", "range \(range) is out of bounds for axis \(axis) of size \(shape[a]) (shape \(shape))")
        }
        let length = (range.count + step - 1) / step
        return sliced(axis: a, start: range.lowerBound, length: length, step: step, op: "slice")
    }

    /// `length` consecutive elements from `start` along `axis`: `torch.narrow(x, axis, start, length)`.
    ///
    /// A negative `start` counts from the end, as in PyTorch. A contiguous copy.
    /// Backward: the gradient written into those positions of a zero tensor shaped like self.
    /// - Throws: `TensorError` unless `0 <= start` (after wrapping) and `start + length <= n`.
    public func narrow(axis: Int, start: Int, length: Int) throws -> Tensor {
        guard rank > 0 else { throw TensorError("narrow", "cannot narrow a scalar (shape [])") }
        let a = try Shape.normalizeAxis(axis, rank: rank, op: "narrow")
        let n = shape[a]
        let s = start < 0 ? start + n : start
        guard s >= 0, s <= n, length >= 0, s + length <= n else {
            throw TensorError("narrow", "start \(start) with length \(length) is out of bounds for axis \(axis) of size \(n) (shape \(shape))")
        }
        return sliced(axis: a, start: s, length: length, step: 1, op: "narrow")
    }

    /// Splits along `axis` into consecutive pieces of the given sizes, which must sum to
    /// the axis size: `torch.split(x, sizes, dim)` with a list of sizes.
    ///
    /// Each piece is its own recorded slice (a contiguous copy), so a piece that does not
    /// reach the loss contributes no gradient (zero for its positions).
    /// - Throws: `TensorError` for an axis out of range, a negative size, or sizes whose sum
    ///   differs from the axis size.
    public func split(sizes: [Int], axis: Int = 0) throws -> [Tensor] {
        guard rank > 0 else { throw TensorError("split", "cannot split a scalar (shape [])") }
        let a = try Shape.normalizeAxis(axis, rank: rank, op: "split")
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[a] else {
            throw TensorError("split", "sizes \(sizes) do not sum to the size \(shape[a]) of axis \(axis) (shape \(shape))")
        }
        var start = 0
        return sizes.map { n in
            defer { start += n }
            return sliced(axis: a, start: start, length: n, step: 1, op: "split")
        }
    }

    /// Splits along `axis` into at most `chunks` pieces, as `torch.chunk(x, chunks, dim)`:
    /// every piece has `ceil(n / chunks)` elements along the axis except a smaller last
    /// one, so fewer than `chunks` pieces may come back (`n = 6, chunks = 4` gives sizes
    /// 2, 2, 2). An empty axis gives `chunks` empty pieces.
    ///
    /// Backward: as `split`.
    /// - Throws: `TensorError` if `chunks < 1` or the axis is out of range.
    public func chunked(_ chunks: Int, axis: Int = 0) throws -> [Tensor] {
        guard chunks >= 1 else { throw TensorError("chunk", "chunks must be at least 1, got \(chunks)") }
        guard rank > 0 else { throw TensorError("chunk", "cannot chunk a scalar (shape [])") }
        let a = try Shape.normalizeAxis(axis, rank: rank, op: "chunk")
        let n = shape[a]
        guard n > 0 else { return try split(sizes: [Int](repeating: 0, count: chunks), axis: a) }
        let size = (n + chunks - 1) / chunks
        let sizes = stride(from: 0, to: n, by: size).map { Swift.min(size, n - $0) }
        return try split(sizes: sizes, axis: a)
    }

    /// The recorded slice behind slice, narrow, split and chunk; arguments already checked.
    func sliced(axis a: Int, start: Int, length: Int, step: Int, op: String) -> Tensor {
        var outShape = shape
        outShape[a] = length
        if outShape == shape { return self }
        let source = shape
        let strides = Shape.strides(source)
        var stepped = strides
        stepped[a] *= step
        let origin = start * strides[a]
        let out = Tensor(uninitializedShape: outShape)
        Kernels.stridedCopy(shape: outShape, from: data + origin, strides: stepped,
                            to: out.data, strides: Shape.strides(outShape))
        return out.recorded(op, inputs: [self]) { g in
            let gx = Tensor.zeros(source)
            Kernels.stridedCopy(shape: outShape, from: g.data, strides: Shape.strides(outShape),
                                to: gx.data + origin, strides: stepped)
            return [gx]
        }
    }
}
