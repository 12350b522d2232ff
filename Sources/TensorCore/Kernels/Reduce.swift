/// The strided reduction kernels behind every reduction op (sum, mean, max/min, arg-
/// max/min, logsumexp, variance, norms, softmax).
///
/// A reduction over one axis views the tensor as `[outer, length, inner]`: `length` is
/// the reduced axis, `inner` the product of the axes after it (contiguous), `outer` the
/// product of the axes before it. A whole-tensor reduction is `[1, count, 1]`. The output
/// is `[outer, inner]`.
///
/// The work is cut into items by a `ReducePlan` that depends only on the geometry, never
/// on the thread count: an item is a block of `outer` indices, a block of at most
/// `axisBlock` positions along the axis and a block of at most `columnBlock` inner columns.
/// An item writes its own partial results; when the axis spans several blocks, the
/// partials of each output are then added pairwise in block order. Every output is thus
/// computed in the same order on any number of threads: results are bitwise reproducible.
///
/// - `inner == 1` (reducing the last axis, or the whole tensor): the row is contiguous;
///   sums use two levels of 16-lane SIMD accumulators folded in a fixed tree order;
///   extremes take one 16-lane pass for the value, then scan for its first position.
/// - `inner > 1`: an item walks up to 256 positions row by row (streaming through
///   memory), with one accumulator per column in runs of 32 positions (two levels again);
///   loops over contiguous columns vectorise. Extremes keep (best, first position) per
///   column, 16 columns per SIMD register.
///
/// Each summed value passes through about 100 sequential additions plus `log2(blocks)`
/// pairwise levels, instead of `n` additions for a plain loop.
///
/// The element functions are conforming structs, not closures: a closure argument would be
/// reached through the captured context of the parallel chunk body and called once per
/// element, unvectorised (measured: whole sum of 4M floats 3.5 ms with a closure, 0.25 ms
/// with a struct); a struct fixes the function by its type, so the generic kernel, chunk
/// body included, is specialised.
///
/// Measured (-O, default 128-bit SIMD, 2 threads, 4M floats): whole sum 0.25 ms, whole max
/// 0.47 ms, sum / max over axis 0 of [4096, 1024] 0.40 / 0.62 ms, over the last axis
/// 0.24 / 0.70 ms, `alongAxis` 0.5 ms (a plain copy: 1.2 ms). Rows shorter than 16 are
/// scalar: sum over the last axis of [1M, 4] 2.6 ms.
extension Kernels {
    /// How a reduction over `[outer, length, inner]` is split into work items.
    public struct ReducePlan: Sendable, Equatable {
        /// Product of the axes before the reduced one.
        public let outer: Int
        /// Size of the reduced axis.
        public let length: Int
        /// Product of the axes after the reduced one (the contiguous stride of the axis).
        public let inner: Int
        /// Inner columns per item.
        public let columnBlock: Int
        /// Positions along the reduced axis per item.
        public let axisBlock: Int
        /// `outer` indices per item (several short reductions share an item).
        public let outerBlock: Int

        /// Positions per item along a contiguous axis (`inner == 1`), and the size an item
        /// of several short reductions aims at.
        public static let itemElements = 1 << 14

        public init(outer: Int, length: Int, inner: Int) {
            self.outer = outer
            self.length = length
            self.inner = inner
            if inner == 1 {
                columnBlock = 1
                axisBlock = ReducePlan.itemElements
            } else {
                // Measured on [4096, 1024] over axis 0: 256 x 1024 items stream well; 16-row
                // items (more partials) ran 2x slower.
                columnBlock = Swift.max(1, Swift.min(inner, 1024))
                axisBlock = 256
            }
            let perOuter = Swift.max(1, Swift.min(length, axisBlock) * columnBlock)
            outerBlock = length > axisBlock ? 1 : Swift.max(1, ReducePlan.itemElements / perOuter)
        }

        /// The plan of a reduction over `axis` (already normalised) of `shape`; a scalar
        /// shape `[]` reduces as `[1, 1, 1]`.
        public init(shape: [Int], axis: Int) {
            guard !shape.isEmpty else {
                self.init(outer: 1, length: 1, inner: 1)
                return
            }
            self.init(outer: Shape.count(Array(shape[..<axis])), length: shape[axis],
                      inner: Shape.count(Array(shape[(axis + 1)...])))
        }

        /// The plan of a reduction over all `count` elements.
        public static func whole(count: Int) -> ReducePlan {
            ReducePlan(outer: 1, length: count, inner: 1)
        }

        public var columnBlocks: Int { (inner + columnBlock - 1) / columnBlock }
        public var axisBlocks: Int { Swift.max(1, (length + axisBlock - 1) / axisBlock) }
        public var outerBlocks: Int { (outer + outerBlock - 1) / outerBlock }
        public var items: Int { outerBlocks * axisBlocks * columnBlocks }
        /// Number of outputs, `outer * inner`.
        public var outputCount: Int { outer * inner }
        /// Items per parallel chunk: about `elementwiseGrain` elements.
        public var itemGrain: Int {
            Swift.max(1, Kernels.elementwiseGrain / Swift.max(1, outerBlock * Swift.min(length, axisBlock) * columnBlock))
        }
    }

    /// Calls `body(o0..<o1, kb, k0..<k1, j0..<j1)` for every item of `plan`, in parallel.
    @inlinable
    static func forEachReduceItem(_ plan: ReducePlan, _ body: (Range<Int>, Int, Range<Int>, Range<Int>) -> Void) {
        let columnBlocks = plan.columnBlocks, axisBlocks = plan.axisBlocks
        let length = plan.length, inner = plan.inner, outer = plan.outer
        let axisBlock = plan.axisBlock, columnBlock = plan.columnBlock, outerBlock = plan.outerBlock
        Parallel.forEach(count: plan.items, grain: plan.itemGrain) { r in
            for item in r {
                let jb = item % columnBlocks
                let rest = item / columnBlocks
                let kb = rest % axisBlocks
                let ob = rest / axisBlocks
                let o0 = ob * outerBlock, k0 = kb * axisBlock, j0 = jb * columnBlock
                body(o0..<Swift.min(outer, o0 + outerBlock), kb, k0..<Swift.min(length, k0 + axisBlock),
                     j0..<Swift.min(inner, j0 + columnBlock))
            }
        }
    }

    /// `out[o, j] = Σ_k term(a[o, k, j], b[o, k, j], shift[o, j])` over the plan's axis.
    ///
    /// `a` and `b` hold `outer * length * inner` values, `shift` and `out` hold
    /// `outer * inner`. Pass `a` for an unused `b` or `shift` (the term ignores them, and
    /// `a` is at least as large whenever the axis is not empty). An empty axis gives 0.
    @inlinable
    public static func reduceSum<Term: ReductionTerm>(_ plan: ReducePlan, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                                      shift: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                                                      _ term: Term) {
        let length = plan.length, inner = plan.inner, axisBlocks = plan.axisBlocks
        guard plan.outputCount > 0 else { return }
        guard length > 0 else {
            out.update(repeating: 0, count: plan.outputCount)
            return
        }
        let split = axisBlocks > 1
        let partial = split ? UnsafeMutablePointer<Float>.allocate(capacity: plan.outputCount * axisBlocks) : out
        defer { if split { partial.deallocate() } }
        forEachReduceItem(plan) { os, kb, k, j in
            for o in os {
                let dst = partial + (split ? (o * axisBlocks + kb) * inner : o * inner)
                if inner == 1 {
                    dst[0] = sumRow(a + o * length, b + o * length, shift[o], k, term)
                } else {
                    sumColumns(a, b, shift, o: o, length: length, inner: inner, k: k, j: j, into: dst, term)
                }
            }
        }
        guard split else { return }
        Parallel.forEach(count: plan.outputCount, grain: Swift.max(1, elementwiseGrain / axisBlocks)) { r in
            for idx in r {
                let o = idx / inner, j = idx - o * inner
                out[idx] = pairwiseSum(partial + o * axisBlocks * inner + j, count: axisBlocks, stride: inner)
            }
        }
    }

    /// `Σ_{i ∈ k} term(pa[i], pb[i], s)` over a contiguous row: two levels of 16 lanes
    /// (16 vectors, then up to 64 of those), folded in a fixed tree order.
    @inlinable @inline(__always)
    static func sumRow<Term: ReductionTerm>(_ pa: UnsafePointer<Float>, _ pb: UnsafePointer<Float>, _ s: Float,
                                            _ k: Range<Int>, _ term: Term) -> Float {
        if k.count < 16 {
            var total: Float = 0
            for i in k { total = total + term(pa[i], pb[i], s) }
            return total
        }
        var block = SIMD16<Float>()
        var i = k.lowerBound
        while i + 16 <= k.upperBound {
            var acc = SIMD16<Float>()
            let chunkEnd = Swift.min(k.upperBound, i + 256)
            while i + 16 <= chunkEnd {
                var v = SIMD16<Float>()
                for l in 0..<16 { v[l] = term(pa[i + l], pb[i + l], s) }
                acc = acc + v
                i += 16
            }
            block = block + acc
        }
        let h8 = block.lowHalf + block.highHalf
        let h4 = h8.lowHalf + h8.highHalf
        let h2 = h4.lowHalf + h4.highHalf
        var total = h2[0] + h2[1]
        while i < k.upperBound {
            total = total + term(pa[i], pb[i], s)
            i += 1
        }
        return total
    }

    /// `dst[j] = Σ_{r ∈ k} term(a[o, r, j], b[o, r, j], shift[o, j])` for the columns `j`,
    /// row by row (streaming through memory): runs of 32 positions are added into a
    /// scratch row, and each run into `dst` (two levels).
    @inlinable @inline(__always)
    static func sumColumns<Term: ReductionTerm>(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                                _ shift: UnsafePointer<Float>, o: Int, length: Int, inner: Int,
                                                k: Range<Int>, j: Range<Int>, into dst: UnsafeMutablePointer<Float>,
                                                _ term: Term) {
        let j0 = j.lowerBound, w = j.count
        let d = dst + j0, sh = shift + o * inner + j0
        let pa = a + (o * length) * inner + j0, pb = b + (o * length) * inner + j0
        d.update(repeating: 0, count: w)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: w) { scratch in
            guard let t = scratch.baseAddress else { return }
            var r = k.lowerBound
            while r < k.upperBound {
                let runEnd = Swift.min(k.upperBound, r + 32)
                t.update(repeating: 0, count: w)
                while r < runEnd {
                    let ra = pa + r * inner, rb = pb + r * inner
                    for c in 0..<w { t[c] = t[c] + term(ra[c], rb[c], sh[c]) }
                    r += 1
                }
                for c in 0..<w { d[c] = d[c] + t[c] }
            }
        }
    }

    /// `Σ p[i·stride]` for `i < count` by recursive halving (a fixed order; the error grows
    /// with log2(count) rather than count).
    @inlinable
    static func pairwiseSum(_ p: UnsafePointer<Float>, count: Int, stride: Int) -> Float {
        if count <= 8 {
            var total: Float = 0
            for i in 0..<count { total = total + p[i * stride] }
            return total
        }
        let half = count / 2
        return pairwiseSum(p, count: half, stride: stride) + pairwiseSum(p + half * stride, count: count - half, stride: stride)
    }

    /// The maximum (`largest`) or minimum of `x` (or of `|x|` with `absolute`) along the
    /// axis, `values[o, j]`, and the first position holding it, `indices[o, j]`. NaN beats
    /// every number and the first NaN wins, so NaN propagates (PyTorch's rule); ties keep
    /// the earliest position (PyTorch's CPU rule). Requires a non-empty axis.
    public static func reduceExtreme(_ plan: ReducePlan, _ a: UnsafePointer<Float>, largest: Bool, absolute: Bool,
                                     values: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        // One copy per flag pair, so the vector loops see constants (runtime flags in the
        // lane selects made them several times slower).
        switch (largest, absolute) {
        case (true, false): extremeBody(plan, a, largest: true, absolute: false, values: values, indices: indices)
        case (false, false): extremeBody(plan, a, largest: false, absolute: false, values: values, indices: indices)
        case (true, true): extremeBody(plan, a, largest: true, absolute: true, values: values, indices: indices)
        case (false, true): extremeBody(plan, a, largest: false, absolute: true, values: values, indices: indices)
        }
    }

    @inline(__always)
    static func extremeBody(_ plan: ReducePlan, _ a: UnsafePointer<Float>, largest: Bool, absolute: Bool,
                              values: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        let length = plan.length, inner = plan.inner, axisBlocks = plan.axisBlocks
        precondition(length > 0, "reduceExtreme needs a non-empty axis")
        guard plan.outputCount > 0 else { return }
        let split = axisBlocks > 1
        let pv = split ? UnsafeMutablePointer<Float>.allocate(capacity: plan.outputCount * axisBlocks) : values
        let pi = split ? UnsafeMutablePointer<Int32>.allocate(capacity: plan.outputCount * axisBlocks) : indices
        defer { if split { pv.deallocate(); pi.deallocate() } }
        forEachReduceItem(plan) { os, kb, k, j in
            for o in os {
                let slot = split ? (o * axisBlocks + kb) * inner : o * inner
                if inner == 1 {
                    let (v, i) = extremeOfRow(a + o * length, k, largest: largest, absolute: absolute)
                    pv[slot] = v
                    pi[slot] = Int32(truncatingIfNeeded: i)
                    continue
                }
                extremeOfColumns(a + (o * length) * inner + j.lowerBound, inner: inner, k, width: j.count,
                                 largest: largest, absolute: absolute,
                                 values: pv + slot + j.lowerBound, indices: pi + slot + j.lowerBound)
            }
        }
        guard split else { return }
        Parallel.forEach(count: plan.outputCount, grain: Swift.max(1, elementwiseGrain / axisBlocks)) { r in
            for idx in r {
                let o = idx / inner, j = idx - o * inner
                let base = o * axisBlocks * inner + j
                var best = pv[base], at = pi[base]
                for kb in 1..<axisBlocks where beats(pv[base + kb * inner], best, largest: largest) {
                    best = pv[base + kb * inner]
                    at = pi[base + kb * inner]
                }
                values[idx] = best
                indices[idx] = at
            }
        }
    }

    /// The extreme over the positions `k` of `width` columns of a `[length, inner]` slab
    /// `p`, and the first position holding it, kept in `values`/`indices`: row by row, 16
    /// columns at a time in SIMD registers, then the leftover columns one by one.
    ///
    /// The vector part compares `sign · key` with `>` (sign = -1 turns a min into a max;
    /// a select between two compares ran 4x slower). NaN never wins a `>`, so vectors
    /// accumulate `v − v`, which is NaN after any NaN (or infinity): then the exact scalar
    /// loop redoes those columns.
    @inline(__always)
    static func extremeOfColumns(_ p: UnsafePointer<Float>, inner: Int, _ k: Range<Int>, width w: Int,
                                 largest: Bool, absolute: Bool,
                                 values: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        let vectorWidth = w - w % 16
        let sign: Float = largest ? 1 : -1
        let rawValues = UnsafeMutableRawPointer(values), rawIndices = UnsafeMutableRawPointer(indices)
        let first = p + k.lowerBound * inner
        for c in 0..<w {
            values[c] = key(first[c], absolute: absolute) * (c < vectorWidth ? sign : 1)
            indices[c] = Int32(truncatingIfNeeded: k.lowerBound)
        }
        var poison = SIMD16<Float>()
        for r in k {
            let row = p + r * inner
            let r32 = Int32(truncatingIfNeeded: r)
            var c = 0
            while c < vectorWidth {
                let v = keyed(load16(row + c), absolute: absolute) * sign
                var bv = rawValues.loadUnaligned(fromByteOffset: c * 4, as: SIMD16<Float>.self)
                var bi = rawIndices.loadUnaligned(fromByteOffset: c * 4, as: SIMD16<Int32>.self)
                let better = greaterMask(v, than: bv)
                bv = select(better, v, bv)
                bi = bi ^ ((bi ^ SIMD16<Int32>(repeating: r32)) & better)
                poison = poison + (v - v)
                rawValues.storeBytes(of: bv, toByteOffset: c * 4, as: SIMD16<Float>.self)
                rawIndices.storeBytes(of: bi, toByteOffset: c * 4, as: SIMD16<Int32>.self)
                c += 16
            }
            while c < w {
                let v = key(row[c], absolute: absolute)
                if beats(v, values[c], largest: largest) { values[c] = v; indices[c] = r32 }
                c += 1
            }
        }
        if !poison.sum().isNaN {
            for c in 0..<vectorWidth { values[c] = values[c] * sign }
            return
        }
        for c in 0..<vectorWidth {
            var best = key(first[c], absolute: absolute), at = k.lowerBound
            for r in k {
                let v = key(p[r * inner + c], absolute: absolute)
                if beats(v, best, largest: largest) { best = v; at = r }
            }
            values[c] = best
            indices[c] = Int32(truncatingIfNeeded: at)
        }
    }

    @inline(__always) static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// `|v|` lane-wise when `absolute` (with -0 mapped to +0), else `v`.
    @inline(__always) static func keyed(_ v: SIMD16<Float>, absolute: Bool) -> SIMD16<Float> {
        absolute ? v.replacing(with: -v, where: v .< 0).replacing(with: 0, where: v .== 0) : v
    }

    @inline(__always) static func key(_ v: Float, absolute: Bool) -> Float { absolute ? v.magnitude : v }

    /// Whether `v` replaces `best`: larger (smaller), or the first NaN.
    @inline(__always) static func beats(_ v: Float, _ best: Float, largest: Bool) -> Bool {
        (largest ? v > best : v < best) || (v.isNaN && !best.isNaN)
    }

    /// All ones in the lanes where `v > b`, zeros elsewhere, from the sign bit of `b − v`
    /// (exact for finite lanes; callers send NaN and infinities down their exact scalar
    /// path). Bit arithmetic: `SIMD.replace(with:where:)` compiled to a loop over lanes.
    @inline(__always)
    static func greaterMask(_ v: SIMD16<Float>, than b: SIMD16<Float>) -> SIMD16<Int32> {
        unsafeBitCast(b - v, to: SIMD16<Int32>.self) &>> 31
    }

    /// Lanes of `a` where `mask` is all ones, of `b` elsewhere.
    @inline(__always)
    static func select(_ mask: SIMD16<Int32>, _ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
        let ai = unsafeBitCast(a, to: SIMD16<Int32>.self), bi = unsafeBitCast(b, to: SIMD16<Int32>.self)
        return unsafeBitCast(bi ^ ((bi ^ ai) & mask), to: SIMD16<Float>.self)
    }

    /// The extreme of a contiguous row over `k` and its first position. Long rows: one
    /// vector pass over `sign · key` (as in `extremeOfColumns`), then a scan for the first
    /// position holding the extreme, which stops at the first match. Short rows, and rows
    /// with a NaN or an infinity, take the exact scalar loop.
    @inline(__always)
    static func extremeOfRow(_ p: UnsafePointer<Float>, _ k: Range<Int>, largest: Bool, absolute: Bool) -> (Float, Int) {
        if k.count >= 32 {
            let sign: Float = largest ? 1 : -1
            var bv = keyed(load16(p + k.lowerBound), absolute: absolute) * sign
            var poison = bv - bv
            var i = k.lowerBound + 16
            while i + 16 <= k.upperBound {
                let v = keyed(load16(p + i), absolute: absolute) * sign
                bv = select(greaterMask(v, than: bv), v, bv)
                poison = poison + (v - v)
                i += 16
            }
            while i < k.upperBound {
                let v = key(p[i], absolute: absolute) * sign
                poison[0] = poison[0] + (v - v)
                if v > bv[0] { bv[0] = v }
                i += 1
            }
            if !poison.sum().isNaN {
                var best = bv[0]
                for l in 1..<16 { best = Swift.max(best, bv[l]) }
                best = best * sign
                let target = SIMD16<Float>(repeating: best)
                var j = k.lowerBound
                while j + 16 <= k.upperBound {
                    if any(keyed(load16(p + j), absolute: absolute) .== target) { break }
                    j += 16
                }
                while j < k.upperBound {
                    if key(p[j], absolute: absolute) == best { return (best, j) }
                    j += 1
                }
            }
        }
        var best = key(p[k.lowerBound], absolute: absolute), at = k.lowerBound
        for i in k {
            let v = key(p[i], absolute: absolute)
            if beats(v, best, largest: largest) { best = v; at = i }
        }
        return (best, at)
    }

    /// `out[o, k, j] = op(a[o, k, j], b[o, k, j], u[o, j], v[o, j])`: combines full-size
    /// tensors with per-output values broadcast back along the axis (the backward of every
    /// reduction, and the normalising passes of softmax). `a`, `b` and `out` hold
    /// `outer * length * inner` values, `u` and `v` hold `outer * inner`; pass `out` for an
    /// unused `a`/`b` and `u` for an unused `v`. `out` may be `a` or `b` (in place).
    @inlinable
    public static func alongAxis<Op: AlongAxisOp>(_ plan: ReducePlan, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                                  _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>,
                                                  into out: UnsafeMutablePointer<Float>, _ op: Op) {
        let length = plan.length, inner = plan.inner
        let total = plan.outer * length * inner
        guard total > 0 else { return }
        if inner == 1 {
            // Flat ranges cut into runs of one row each, so `u[o]` is loop-invariant.
            Parallel.forEach(count: total, grain: elementwiseGrain) { r in
                var i = r.lowerBound
                while i < r.upperBound {
                    let o = i / length
                    let end = Swift.min(r.upperBound, (o + 1) * length)
                    let uo = u[o], vo = v[o]
                    for e in i..<end { out[e] = op(a[e], b[e], uo, vo) }
                    i = end
                }
            }
        } else {
            Parallel.forEach(count: plan.outer * length, grain: Swift.max(1, elementwiseGrain / inner)) { r in
                for row in r {
                    let base = row * inner, ub = (row / length) * inner
                    let pa = a + base, pb = b + base, pu = u + ub, pv = v + ub, po = out + base
                    for j in 0..<inner { po[j] = op(pa[j], pb[j], pu[j], pv[j]) }
                }
            }
        }
    }

    /// `out[o, indices[o, j], j] = g[o, j]` with zeros elsewhere: the backward of a
    /// value-selecting reduction (max/min along an axis). `out` holds
    /// `outer * length * inner` values; `indices` must lie in `0..<length`.
    public static func scatterAlongAxis(_ plan: ReducePlan, _ g: UnsafePointer<Float>, indices: UnsafePointer<Int32>,
                                        into out: UnsafeMutablePointer<Float>) {
        let length = plan.length, inner = plan.inner
        let slab = length * inner
        guard plan.outer * slab > 0 else { return }
        Parallel.forEach(count: plan.outer, grain: Swift.max(1, elementwiseGrain / slab)) { r in
            for o in r {
                let dst = out + o * slab
                dst.update(repeating: 0, count: slab)
                for j in 0..<inner {
                    dst[Int(indices[o * inner + j]) * inner + j] = g[o * inner + j]
                }
            }
        }
    }
}

/// The value a sum reduction adds for each element: `term(a, b, s)` of the elements `a`
/// and `b` of two same-shaped tensors and the per-output value `s` (a shift such as a mean
/// or a maximum). See `Kernels.reduceSum`, and `Kernels` for why a struct.
public protocol ReductionTerm {
    func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float
}

/// An element function of two full-size tensors and two per-output values,
/// `op(a, b, u, v)`, for `Kernels.alongAxis`.
public protocol AlongAxisOp {
    func callAsFunction(_ a: Float, _ b: Float, _ u: Float, _ v: Float) -> Float
}

/// Common sum terms.
public enum ReduceTerms {
    /// `a`: a plain sum.
    public struct Value: ReductionTerm {
        public init() {}
        @inlinable public func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float { a }
    }

    /// `a · b`: a dot product along the axis.
    public struct Product: ReductionTerm {
        public init() {}
        @inlinable public func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float { a * b }
    }

    /// `(a − s)²`: squared deviations from a per-output mean.
    public struct SquaredDeviation: ReductionTerm {
        public init() {}
        @inlinable public func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float { (a - s) * (a - s) }
    }

    /// `1` where `a` equals `s` (NaN matches NaN), else `0`; with `absolute`, `|a|` is
    /// compared: counts the ties of an extreme.
    public struct Matches: ReductionTerm {
        public let absolute: Bool
        public init(absolute: Bool) { self.absolute = absolute }
        @inlinable public func callAsFunction(_ a: Float, _ b: Float, _ s: Float) -> Float {
            let k = absolute ? a.magnitude : a
            return (k == s || (k.isNaN && s.isNaN)) ? 1 : 0
        }
    }
}
