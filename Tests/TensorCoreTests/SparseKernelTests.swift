import Testing
import TensorCore

// SpMM, SDDMM, segment reductions and segment softmax. "torch:" values were printed by
// scripts/sparse_reference_coo.py (.venv-fixtures/bin/python (make fixtures), torch 2.x), which reproduces the
// torch_scatter / PyG semantics with index_add, scatter_reduce(include_self=False) and
// per-row torch.softmax on the same CSR (SparseFixture).

@Suite struct SparseKernelTests {
    typealias F = SparseFixture

    // MARK: SpMM

    @Test func spmmWithValuesMatchesTorch() throws {
        let a = try F.matrix()
        let x = F.x.requiringGrad(), v = F.values.requiringGrad()
        let y = try Sparse.spmm(a, x, values: v)
        #expect(y.shape == [4, 3])
        // torch: zeros(4, 3).index_add(0, R, v[:, None] * x[C])  (row 2 is empty)
        #expect(F.close(y.scalars, [0.75, 0.625, 0.5, -1.875, -1, -0.125, 0, 0, 0, -4.875, -4, -3.125]))
        try y.backward(F.g)
        #expect(F.close(x.grad!.scalars, [0.70000005, -2.9000001, 3.4999998, 0.050000001, -0.15000001, 0.44999999,
                                          -0.30000001, 0.5, -1, 0.30000001, -1.5, 0.60000002, 0.15000001, -0.25, 0.5]))
        #expect(F.close(v.grad!.scalars, [1.575, 0.375, 0.54999995, -0.35000002, -0.14999999, -0.14999999, -0.67499995]))
    }

    @Test func spmmWithoutValuesSumsNeighbours() throws {
        let a = try F.matrix()
        let x = F.x.requiringGrad()
        let y = try Sparse.spmm(a, x)
        // torch: zeros(4, 3).index_add(0, R, x[C])
        #expect(F.close(y.scalars, [1.5, 2, 2.5, -0.75, -0.25, 0.25, 0, 0, 0, -3, -2.25, -1.5]))
        try y.backward(F.g)
        #expect(F.close(x.grad!.scalars, [0.30000001, -1.3, 1.3, 0.2, -0.60000002, 1.8, 0.30000001, -0.5, 1,
                                          0.2, -1, 0.40000001, 0.30000001, -0.5, 1]))
    }

    @Test func spmmAcceptsVectors() throws {
        let a = try F.matrix()
        let x = F.x
        let column = try x.narrow(axis: 1, start: 1, length: 1).reshaped([5])
        let y1 = try Sparse.spmm(a, column, values: F.values)
        #expect(y1.shape == [4])
        #expect(F.close(y1.scalars, [0.625, -1, 0, -4]))
    }

    /// Every feature width path (64-blocks, 16, 8, scalar tail) against the dense product.
    @Test(arguments: [1, 5, 8, 16, 23, 64, 93])
    func spmmMatchesDenseProduct(features: Int) throws {
        let a = try F.random(rows: 19, cols: 13, perRow: 3, seed: UInt64(features)).matrix
        let x = Tensor.randn([13, features], seed: 1).requiringGrad()
        let v = Tensor.randn([a.nnz], seed: 2).requiringGrad()
        let y = try Sparse.spmm(a, x, values: v)
        let dense = F.dense(a, values: v.detach())
        #expect(F.close(y.scalars, try dense.matmul(x.detach()).scalars, tol: 1e-4))
        let g = Tensor.randn([19, features], seed: 3)
        try y.backward(g)
        #expect(F.close(x.grad!.scalars, try dense.transposed().matmul(g).scalars, tol: 1e-4))
        let rowOf = a.rowIndices
        let expectedDv = (0..<a.nnz).map { k in
            (0..<features).reduce(Float(0)) { $0 + g[Int(rowOf[k]), $1] * x[Int(a.colIdx[k]), $1] }
        }
        #expect(F.close(v.grad!.scalars, expectedDv, tol: 1e-4))
    }

    @Test func spmmRejectsMismatchedShapes() throws {
        let a = try F.matrix()
        #expect(throws: TensorError.self) { try Sparse.spmm(a, Tensor.zeros([4, 3])) }
        #expect(throws: TensorError.self) { try Sparse.spmm(a, Tensor(scalar: 1)) }
        #expect(throws: TensorError.self) { try Sparse.spmm(a, F.x, values: Tensor.ones([6])) }
        #expect(throws: TensorError.self) { try Sparse.spmm(a, F.x, values: Tensor.ones([7, 1])) }
    }

    // MARK: SDDMM

    @Test func sddmmMatchesTorch() throws {
        let a = try F.matrix()
        let x = F.g.requiringGrad(), y = F.x.requiringGrad()
        let s = try Sparse.sddmm(a, x, y)
        // torch: (x[R] * y[C]).sum(-1)  (equals the spmm dvalues above)
        #expect(F.close(s.scalars, [1.575, 0.375, 0.54999995, -0.35000002, -0.14999999, -0.14999999, -0.67499995]))
        try s.backward(F.gs)
        #expect(F.close(x.grad!.scalars, [0.45000002, 0.40000004, 0.35000002, -1.35, -1.05, -0.75, 0, 0, 0,
                                          -0.45000005, -0.44999999, -0.45000002]))
        #expect(F.close(y.grad!.scalars, [0.25999999, -1.1800001, 0.94000006, -0.059999999, 0.18000001, -0.53999996,
                                          -0.15000001, 0.25, -0.5, 0.040000003, -0.2, 0.080000006, 0.090000004,
                                          -0.15000001, 0.30000001]))
    }

    @Test(arguments: [1, 7, 16, 40])
    func sddmmMatchesNaiveDots(features: Int) throws {
        let a = try F.random(rows: 11, cols: 9, perRow: 3, seed: 5).matrix
        let x = Tensor.randn([11, features], seed: 6), y = Tensor.randn([9, features], seed: 7)
        let s = try Sparse.sddmm(a, x, y)
        let rowOf = a.rowIndices
        let expected = (0..<a.nnz).map { k in
            (0..<features).reduce(Float(0)) { $0 + x[Int(rowOf[k]), $1] * y[Int(a.colIdx[k]), $1] }
        }
        #expect(F.close(s.scalars, expected, tol: 1e-4))
    }

    @Test func sddmmRejectsMismatchedShapes() throws {
        let a = try F.matrix()
        #expect(throws: TensorError.self) { try Sparse.sddmm(a, Tensor.zeros([5, 3]), F.x) }
        #expect(throws: TensorError.self) { try Sparse.sddmm(a, F.g, Tensor.zeros([4, 3])) }
        #expect(throws: TensorError.self) { try Sparse.sddmm(a, F.g, Tensor.zeros([5, 2])) }
    }

    // MARK: Segment reductions

    @Test func segmentSumAndMeanMatchTorch() throws {
        let a = try F.matrix()
        let m = F.m.requiringGrad()
        let sum = try Sparse.segmentReduce(m, a, reduce: .sum)
        // torch: zeros(4, 2).scatter_reduce(0, R[:, None].expand(-1, 2), m, "sum", include_self=False)
        #expect(sum.shape == [4, 2])
        #expect(F.close(sum.scalars, [2.5, -0.90000004, 0.80000001, 2.3, 0, 0, -0.30000001, 1.2]))
        try sum.backward(F.gm)
        #expect(F.close(m.grad!.scalars, [0.3, -0.5, 0.3, -0.5, 1, 0.2, 1, 0.2, 0.6, -0.2, 0.6, -0.2, 0.6, -0.2]))
        m.zeroGrad()
        let mean = try Sparse.segmentReduce(m, a, reduce: .mean)
        #expect(F.close(mean.scalars, [1.25, -0.45000002, 0.40000001, 1.15, 0, 0, -0.1, 0.40000001]))
        try mean.backward(F.gm)
        #expect(F.close(m.grad!.scalars, [0.15, -0.25, 0.15, -0.25, 0.5, 0.1, 0.5, 0.1,
                                          0.2, -0.06666667, 0.2, -0.06666667, 0.2, -0.06666667]))
    }

    @Test func segmentMaxAndMinMatchTorch() throws {
        let a = try F.matrix()
        let m = F.m.requiringGrad()
        let mx = try Sparse.segmentReduce(m, a, reduce: .max)
        // torch: scatter_reduce(..., "amax", include_self=False); empty row 2 stays 0.
        #expect(F.close(mx.scalars, [2, 0.30000001, 1.5, 2.2, 0, 0, 0.89999998, 1.1]))
        try mx.backward(F.gm)
        #expect(F.close(m.grad!.scalars, [0, 0, 0.3, -0.5, 1, 0, 0, 0.2, 0.6, -0.2, 0, 0, 0, 0]))
        m.zeroGrad()
        let mn = try Sparse.segmentReduce(m, a, reduce: .min)
        #expect(F.close(mn.scalars, [0.5, -1.2, -0.69999999, 0.1, 0, 0, -2, -0.30000001]))
        try mn.backward(F.gm)
        #expect(F.close(m.grad!.scalars, [0.3, -0.5, 0, 0, 0, 0.2, 1, 0, 0, 0, 0.6, 0, 0, -0.2]))
    }

    @Test func segmentMaxSendsTheGradientToTheFirstTie() throws {
        // Row 0: entries 0, 1 tie at 2; row 1: entries 2..4 tie at -1 (min) in column 0.
        let a = try CSRMatrix(rows: 2, cols: 1, rowPtr: [0, 2, 5], colIdx: [0, 0, 0, 0, 0])
        let v = try Tensor(shape: [5, 1], scalars: [2, 2, -1, 5, -1], requiresGrad: true)
        let mx = try Sparse.segmentReduce(v, a, reduce: .max)
        #expect(mx.scalars == [2, 5])
        try mx.backward(Tensor(shape: [2, 1], storage: Tensor([10, 20]).storage))
        #expect(v.grad!.scalars == [10, 0, 0, 20, 0])
        v.zeroGrad()
        let mn = try Sparse.segmentReduce(v, a, reduce: .min)
        #expect(mn.scalars == [2, -1])
        try mn.backward(Tensor(shape: [2, 1], storage: Tensor([10, 20]).storage))
        #expect(v.grad!.scalars == [10, 0, 20, 0, 0])
    }

    /// The SIMD path (16 features and more) against a per-feature loop, with a NaN.
    @Test(arguments: [SegmentReduction.max, .min])
    func segmentExtremeWideRowsMatchNaive(reduce: SegmentReduction) throws {
        let a = try F.random(rows: 9, cols: 4, perRow: 3, seed: 12).matrix
        let f = 37
        let v = Tensor.randn([a.nnz, f], seed: 13)
        v.data[a.rowPtr[1] * f + 20] = .nan
        let out = try Sparse.segmentReduce(v, a, reduce: reduce)
        for i in 0..<a.rows {
            for j in 0..<f {
                let entries = (a.rowPtr[i]..<a.rowPtr[i + 1]).map { v[$0, j] }
                let expected: Float = entries.isEmpty ? 0
                    : entries.contains { $0.isNaN } ? .nan
                    : (reduce == .max ? entries.max()! : entries.min()!)
                let got = out[i, j]
                #expect(got == expected || (got.isNaN && expected.isNaN), "row \(i) feature \(j)")
            }
        }
    }

    @Test func segmentReduceKeepsTrailingAxesAndRejectsBadShapes() throws {
        let a = try F.matrix()
        let v = Tensor.randn([7, 2, 3], seed: 1)
        let out = try Sparse.segmentReduce(v, a, reduce: .mean)
        #expect(out.shape == [4, 2, 3])
        let flat = try Sparse.segmentReduce(try v.reshaped([7, 6]), a, reduce: .mean)
        #expect(out.scalars == flat.scalars)
        let vector = try Sparse.segmentReduce(F.s, a, reduce: .sum)
        #expect(vector.shape == [4])
        #expect(F.close(vector.scalars, [-0.7, 2.3, 0, 0.9]))
        #expect(throws: TensorError.self) { try Sparse.segmentReduce(Tensor.zeros([6, 2]), a, reduce: .sum) }
        #expect(throws: TensorError.self) { try Sparse.segmentReduce(Tensor(scalar: 1), a, reduce: .max) }
    }

    // MARK: Segment softmax

    @Test func segmentSoftmaxMatchesTorch() throws {
        let a = try F.matrix()
        let s = F.s.requiringGrad()
        let y = try Sparse.segmentSoftmax(s, a)
        // torch: cat([softmax(s[ptr[i]:ptr[i+1]], 0) for i in range(4)])
        #expect(F.close(y.scalars, [0.8455348, 0.15446527, 0.8455348, 0.15446527, 0.7367025, 0.18166861, 0.081628963]))
        try y.backward(F.gs)
        #expect(F.close(s.grad!.scalars, [0.1044846, -0.10448461, 0.10448457, -0.10448461, -0.28358796, 0.18440412, 0.099183902]))
    }

    @Test func segmentSoftmaxPerHeadMatchesTorch() throws {
        let a = try F.matrix()
        let s = F.sh.requiringGrad()
        let y = try Sparse.segmentSoftmax(s, a)
        #expect(y.shape == [7, 2])
        #expect(F.close(y.scalars, [0.8455348, 0.7310586, 0.15446526, 0.26894143, 0.8455348, 0.31002554,
                                    0.15446526, 0.68997449, 0.7367025, 0.88459861, 0.18166861, 0.026712565,
                                    0.081628956, 0.088688843]))
        try y.backward(F.gsh)
        #expect(F.close(s.grad!.scalars, [0.1044846, -0.019661196, -0.1044846, 0.019661194, 0.10448457, -0.14973681,
                                          -0.1044846, 0.14973679, -0.28358796, 0.010302064, 0.18440412, -0.029072726,
                                          0.099183895, 0.018770641]))
    }

    @Test func segmentSoftmaxIsStableAndRejectsBadShapes() throws {
        let a = try CSRMatrix(rows: 2, cols: 1, rowPtr: [0, 2, 3], colIdx: [0, 0, 0])
        let y = try Sparse.segmentSoftmax(Tensor([1000, 1001, -500]), a)
        // torch: softmax(tensor([1000., 1001.]), 0)
        #expect(F.close(y.scalars, [0.26894143, 0.7310586, 1]))
        #expect(throws: TensorError.self) { try Sparse.segmentSoftmax(Tensor([1, 2]), a) }
        #expect(throws: TensorError.self) { try Sparse.segmentSoftmax(Tensor(scalar: 1), a) }
    }
}
