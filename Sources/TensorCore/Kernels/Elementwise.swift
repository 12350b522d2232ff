/// Adapters that let a closure drive the generic kernels. A closure reached through a
/// captured context is called once per element and does not vectorise on the parallel
/// path (see `UnaryFloatOp`), so hot ops pass op structs; closures are for one-off uses.
@usableFromInline struct ClosureUnaryOp: UnaryFloatOp {
    @usableFromInline let f: (Float) -> Float
    @inlinable init(_ f: @escaping (Float) -> Float) { self.f = f }
    @inlinable func callAsFunction(_ x: Float) -> Float { f(x) }
}

@usableFromInline struct ClosureBinaryOp: BinaryFloatOp {
    @usableFromInline let f: (Float, Float) -> Float
    @inlinable init(_ f: @escaping (Float, Float) -> Float) { self.f = f }
    @inlinable func callAsFunction(_ x: Float, _ y: Float) -> Float { f(x, y) }
}

extension Kernels {
    /// `out[i] = f(x[i])`: the closure form of `apply(_:_:)`, for code off the hot path.
    @inlinable
    public static func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
        withoutActuallyEscaping(f) { apply(x, ClosureUnaryOp($0)) }
    }

    /// `out[i] = f(x[i], y[i])` for two tensors of the same element count, shaped `shape`.
    @inlinable
    public static func zip(_ x: Tensor, _ y: Tensor, shape: [Int], _ f: (Float, Float) -> Float) -> Tensor {
        precondition(x.count == y.count && x.count == Shape.count(shape))
        let out = withoutActuallyEscaping(f) { apply(x, y, ClosureBinaryOp($0)) }
        return out.shape == shape ? out : Tensor(shape: shape, storage: out.storage)
    }

    /// The closure form of `broadcast(_:_:op:_:)` with an op struct.
    @inlinable
    public static func broadcast(_ a: Tensor, _ b: Tensor, op: String, _ f: (Float, Float) -> Float) throws -> Tensor {
        try withoutActuallyEscaping(f) { try broadcast(a, b, op: op, ClosureBinaryOp($0)) }
    }

    /// `out = f(a, b)` with NumPy broadcasting. Fast paths: equal shapes, a scalar on
    /// either side, and a trailing-row broadcast (`[N, F] op [F]`); otherwise a strided
    /// walk over the output with the innermost axis contiguous where possible. Generic
    /// over the op so every path is specialised and vectorised.
    @inlinable
    public static func broadcast<Op: BinaryFloatOp>(_ a: Tensor, _ b: Tensor, op: String, _ f: Op) throws -> Tensor {
        if a.shape == b.shape { return apply(a, b, f) }
        let shape = try Shape.broadcast(a.shape, b.shape, op: op)
        let out = Tensor(uninitializedShape: shape)
        let n = out.count
        guard n > 0 else { return out }
        let pa = a.data, pb = b.data, dst = out.data
        if a.count == 1 && b.count == n {
            let s = pa[0]
            Parallel.forEach(count: n, grain: elementwiseGrain) { r in for i in r { dst[i] = f(s, pb[i]) } }
            return out
        }
        if b.count == 1 && a.count == n {
            let s = pb[0]
            Parallel.forEach(count: n, grain: elementwiseGrain) { r in for i in r { dst[i] = f(pa[i], s) } }
            return out
        }
        // Trailing-block broadcast: one operand is the other's trailing axes (leading 1s
        // dropped), e.g. `[N, H, C] op [1, H, C]` or `[N, F] op [F]`: rows of that size.
        let inner: Int
        if a.count == n && Shape.isTrailingBlock(b.shape, of: shape) { inner = b.count }
        else if b.count == n && Shape.isTrailingBlock(a.shape, of: shape) { inner = a.count }
        else { inner = shape.last ?? 1 }
        let rows = n / max(inner, 1)
        let rowGrain = max(1, elementwiseGrain / max(inner, 1))
        if a.count == n && b.count == inner && Shape.isTrailingBlock(b.shape, of: shape) {
            Parallel.forEach(count: rows, grain: rowGrain) { r in
                for row in r {
                    let o = row * inner
                    for j in 0..<inner { dst[o + j] = f(pa[o + j], pb[j]) }
                }
            }
            return out
        }
        if b.count == n && a.count == inner && Shape.isTrailingBlock(a.shape, of: shape) {
            Parallel.forEach(count: rows, grain: rowGrain) { r in
                for row in r {
                    let o = row * inner
                    for j in 0..<inner { dst[o + j] = f(pa[j], pb[o + j]) }
                }
            }
            return out
        }
        // General case: iterate output rows of the last axis; per row compute the
        // starting offsets of a and b from the multi-index of the outer axes.
        let sa = Shape.broadcastStrides(a.shape, to: shape)
        let sb = Shape.broadcastStrides(b.shape, to: shape)
        let rank = shape.count
        let innerA = sa[rank - 1], innerB = sb[rank - 1]
        Parallel.forEach(count: rows, grain: rowGrain) { r in
            for row in r {
                var rem = row, oa = 0, ob = 0
                var axis = rank - 2
                while axis >= 0 {
                    let d = shape[axis]
                    let idx = rem % d
                    rem /= d
                    oa += idx * sa[axis]
                    ob += idx * sb[axis]
                    axis -= 1
                }
                let o = row * inner
                for j in 0..<inner { dst[o + j] = f(pa[oa + j * innerA], pb[ob + j * innerB]) }
            }
        }
        return out
    }

    /// Elementwise sum of two tensors of the same shape (used to accumulate gradients).
    public static func sum(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.shape == b.shape, "Kernels.sum: \(a.shape) vs \(b.shape)")
        return apply(a, b, AddOp())
    }

    /// `dst += src` elementwise, same element count.
    public static func addInPlace(_ dst: Tensor, _ src: Tensor) {
        precondition(dst.count == src.count, "Kernels.addInPlace: \(dst.shape) vs \(src.shape)")
        let d = dst.data, s = src.data
        Parallel.forEach(count: dst.count, grain: elementwiseGrain) { r in
            for i in r { d[i] = d[i] + s[i] }
        }
    }

    /// Sums `g` over the axes along which a tensor of `shape` was broadcast to `g.shape`,
    /// giving the gradient of that tensor. Returns `g` itself when no axis was broadcast.
    /// Uses the reduction kernel (parallel, with a summation order fixed by the shape).
    public static func reduceToShape(_ g: Tensor, _ shape: [Int]) -> Tensor {
        if g.shape == shape { return g }
        let lead = g.rank - shape.count
        var axes = Array(0..<lead)
        for i in 0..<shape.count where shape[i] == 1 && g.shape[lead + i] != 1 { axes.append(lead + i) }
        // Only leading 1s differ: same elements, another shape.
        if axes.isEmpty { return Tensor(shape: shape, storage: g.storage) }
        let summed = withNoGrad { try! g.sum(axes: axes, keepDims: true) }
        return Tensor(shape: shape, storage: summed.storage)
    }
}
