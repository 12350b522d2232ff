import Testing
@testable import TensorCore

/// `Sparse.spmmHeads` against the per-head form it replaces: head `h` of the output is
/// `spmm` on head `h`'s columns with head `h`'s coefficients (bit for bit: the same
/// row kernel), and the gradients agree.
@Suite struct SparseHeadsTests {
    static func graph() throws -> CSRMatrix {
        // 7 x 6, rows of 0..4 entries, repeated columns.
        let rows: [Int32] = [0, 0, 1, 2, 2, 2, 2, 4, 5, 5, 6, 6, 6]
        let cols: [Int32] = [1, 3, 0, 5, 2, 2, 4, 0, 1, 3, 5, 4, 0]
        return try CSRMatrix.fromCOO(rows: 7, cols: 6, row: Int32Tensor(rows), col: Int32Tensor(cols)).matrix
    }

    @Test(arguments: [(heads: 8, c: 8), (heads: 11, c: 8), (heads: 1, c: 8), (heads: 3, c: 21), (heads: 2, c: 64),
                      (heads: 4, c: 1)])
    func matchesPerHeadSpMM(heads: Int, c: Int) throws {
        let a = try Self.graph()
        var rng = RandomGenerator(seed: 5)
        let x = Tensor.uniform([6, heads * c], low: -1, high: 1, using: &rng).requiringGrad()
        let v = Tensor.uniform([a.nnz, heads], low: 0, high: 1, using: &rng).requiringGrad()
        let fused = try Sparse.spmmHeads(a, x, values: v)
        var parts: [Tensor] = []
        for h in 0..<heads {
            let xh = try x.slice(axis: 1, range: h * c..<(h + 1) * c)
            let vh = try v.slice(axis: 1, range: h..<h + 1).reshaped([a.nnz])
            parts.append(try Sparse.spmm(a, xh, values: vh))
        }
        let reference = try Tensor.concat(parts, axis: 1)
        #expect(fused.scalars == reference.scalars)

        let w = Tensor.uniform([7, heads * c], low: -1, high: 1, using: &rng)
        try (fused * w).sum().backward()
        let (gx, gv) = (x.grad!.scalars, v.grad!.scalars)
        x.zeroGrad(); v.zeroGrad()
        try (reference * w).sum().backward()
        for (p, q) in zip(gx, x.grad!.scalars) { #expect(abs(p - q) <= 1e-5 * max(1, abs(q))) }
        for (p, q) in zip(gv, v.grad!.scalars) { #expect(abs(p - q) <= 1e-5 * max(1, abs(q))) }
    }

    /// `segmentSoftmax` over `[nnz, H]` (heads innermost) gives each head exactly what
    /// the one-head call on that column gives, forward and backward.
    @Test(arguments: [1, 3, 8])
    func segmentSoftmaxHeadsEqualOneHeadAtATime(heads: Int) throws {
        let a = try Self.graph()
        var rng = RandomGenerator(seed: 9)
        let v = Tensor.uniform([a.nnz, heads], low: -3, high: 3, using: &rng).requiringGrad()
        let g = Tensor.uniform([a.nnz, heads], low: -1, high: 1, using: &rng)
        let y = try Sparse.segmentSoftmax(v, a)
        try (y * g).sum().backward()
        for h in 0..<heads {
            let vh = try v.detach().slice(axis: 1, range: h..<h + 1).reshaped([a.nnz]).requiringGrad()
            let yh = try Sparse.segmentSoftmax(vh, a)
            try (yh * g.slice(axis: 1, range: h..<h + 1).reshaped([a.nnz])).sum().backward()
            for k in 0..<a.nnz {
                #expect(y.scalars[k * heads + h].bitPattern == yh.scalars[k].bitPattern)
                #expect(v.grad!.scalars[k * heads + h].bitPattern == vh.grad!.scalars[k].bitPattern)
            }
        }
    }

    @Test func rejectsMismatchedShapes() throws {
        let a = try Self.graph()
        #expect(throws: TensorError.self) { try Sparse.spmmHeads(a, Tensor.zeros([6, 10]), values: Tensor.zeros([a.nnz, 3])) }
        #expect(throws: TensorError.self) { try Sparse.spmmHeads(a, Tensor.zeros([5, 9]), values: Tensor.zeros([a.nnz, 3])) }
        #expect(throws: TensorError.self) { try Sparse.spmmHeads(a, Tensor.zeros([6, 9]), values: Tensor.zeros([a.nnz])) }
    }
}
