extension Tensor {
    /// Picks values along `axis` at the positions in `index`: `torch.gather(x, axis, index)`.
    ///
    /// `index` has the rank of `self`; the output has `index.shape`. For a rank-3 tensor
    /// and axis 1, `out[i][j][k] = self[i][index[i][j][k]][k]` (likewise for other axes).
    /// On every axis but `axis`, `index.shape[d] <= shape[d]`; the values of `index` lie in
    /// `0..<shape[axis]`. Axis may be negative.
    ///
    /// Backward: scatter-add of the gradient into zeros shaped like self,
    /// `dx[i][index[i][j][k]][k] += g[i][j][k]`; each element's contributions are summed
    /// in index order, so the result does not depend on the thread count.
    /// - Throws: `TensorError` for an axis out of range, a rank or size mismatch, or an
    ///   index value out of range.
    public func gather(axis: Int, index: Int32Tensor) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis, rank: rank, op: "gather")
        guard index.rank == rank else {
            throw TensorError("gather", "index of shape \(index.shape) must have the rank of the input \(shape)")
        }
        for d in 0..<rank where d != a && index.shape[d] > shape[d] {
            throw TensorError("gather", "index of shape \(index.shape) is larger than the input \(shape) on axis \(d) (only axis \(a) may differ)")
        }
        try index.validate(below: rank == 0 ? 1 : shape[a], op: "gather")
        let source = shape
        return Kernels.gather(self, axis: a, index: index).recorded("gather", inputs: [self]) { g in
            [Kernels.gatherBackward(g, axis: a, index: index, shape: source)]
        }
    }
}

extension Kernels {
    /// The forward of `Tensor.gather`; arguments already checked.
    /// Parallel over rows of the index's last axis, one offset computation per row.
    public static func gather(_ x: Tensor, axis a: Int, index: Int32Tensor) -> Tensor {
        let out = Tensor(uninitializedShape: index.shape)
        let layout = GatherLayout(inputShape: x.shape, indexShape: index.shape, axis: a)
        guard index.count > 0 else { return out }
        let src = x.data, dst = out.data
        let cols = layout.cols, sa = layout.axisStride
        index.withUnsafeBufferPointer { buffer in
            let ip = buffer.baseAddress!
            Parallel.forEach(count: layout.rows, grain: max(1, elementwiseGrain / cols)) { r in
                for row in r {
                    let base = layout.rowBase(row)
                    let o = row * cols
                    if layout.axisIsLast {
                        for j in 0..<cols { dst[o + j] = src[base + Int(ip[o + j])] }
                    } else {
                        for j in 0..<cols { dst[o + j] = src[base + Int(ip[o + j]) * sa + j] }
                    }
                }
            }
        }
        return out
    }

    /// The backward of `Tensor.gather`: `dx` of `shape` with `dx[..., index[e], ...] += g[e]`.
    ///
    /// Work is partitioned by the index's coordinates off `axis` (and, along the gather
    /// axis, by column chunks), so each element of `dx` is owned by one chunk and summed
    /// in index order.
    public static func gatherBackward(_ g: Tensor, axis a: Int, index: Int32Tensor, shape: [Int]) -> Tensor {
        let gx = Tensor.zeros(shape)
        guard index.count > 0 else { return gx }
        let layout = GatherLayout(inputShape: shape, indexShape: index.shape, axis: a)
        let src = g.data, dst = gx.data
        let cols = layout.cols, sa = layout.axisStride
        index.withUnsafeBufferPointer { buffer in
            let ip = buffer.baseAddress!
            if layout.axisIsLast {
                // Rows differ off the gather axis, so they write disjoint rows of dx.
                Parallel.forEach(count: layout.rows, grain: max(1, elementwiseGrain / cols)) { r in
                    for row in r {
                        let base = layout.rowBase(row)
                        let o = row * cols
                        for j in 0..<cols { dst[base + Int(ip[o + j])] += src[o + j] }
                    }
                }
                return
            }
            // Rows (pre, k, mid): all k of one (pre, mid) group hit the same slab of dx.
            let idxShape = layout.indexShape
            let along = idxShape[a]
            let mid = Shape.count(Array(idxShape[(a + 1)..<(idxShape.count - 1)]))
            let groups = layout.rows / max(along, 1)
            let colChunks = groups >= Parallel.threadCount ? 1 : min(Parallel.threadCount, cols)
            let units = groups * colChunks
            Parallel.forEach(count: units, grain: max(1, elementwiseGrain / max(1, along * cols / colChunks))) { r in
                for unit in r {
                    let group = unit / colChunks
                    let chunk = unit - group * colChunks
                    let j0 = cols * chunk / colChunks, j1 = cols * (chunk + 1) / colChunks
                    let pre = group / mid, m = group - pre * mid
                    let base = layout.rowBase(pre * along * mid + m)
                    for k in 0..<along {
                        let o = ((pre * along + k) * mid + m) * cols
                        for j in j0..<j1 { dst[base + Int(ip[o + j]) * sa + j] += src[o + j] }
                    }
                }
            }
        }
        return gx
    }
}

/// Offsets for gather and its backward: the index is viewed as rows of its last axis, and
/// a row's base offset into the input skips the gather axis (added per element).
private struct GatherLayout {
    let indexShape: [Int]
    let rows: Int
    let cols: Int
    let axisStride: Int
    let axisIsLast: Bool
    /// Sizes and input strides of the index's axes before the last (stride 0 on the gather axis).
    private let rowSizes: [Int]
    private let rowStrides: [Int]

    init(inputShape: [Int], indexShape: [Int], axis: Int) {
        // A scalar gathers like a one-element vector.
        let xs = inputShape.isEmpty ? [1] : inputShape
        let ishape = indexShape.isEmpty ? [1] : indexShape
        let strides = Shape.strides(xs)
        self.indexShape = ishape
        cols = ishape[ishape.count - 1]
        rows = cols == 0 ? 0 : Shape.count(ishape) / cols
        axisStride = strides[axis]
        axisIsLast = axis == ishape.count - 1
        rowSizes = Array(ishape.dropLast())
        rowStrides = (0..<(ishape.count - 1)).map { $0 == axis ? 0 : strides[$0] }
    }

    /// Input offset of the start of index row `row`, without the gather-axis term.
    @inline(__always)
    func rowBase(_ row: Int) -> Int {
        var rem = row, base = 0
        var d = rowSizes.count - 1
        while d >= 0 {
            let n = rowSizes[d]
            let q = rem / n
            base += (rem - q * n) * rowStrides[d]
            rem = q
            d -= 1
        }
        return base
    }
}
