import Testing
import TensorCore

/// Expected values: PyTorch 2.x, printed by scripts/sparse_reference.py
/// (torch.sparse.mm, scatter_reduce with include_self=False, index_add, softmax per row).
@Suite struct SparseOpsTests {
    let csr = try! CSRMatrix(rows: 4, cols: 5, rowPtr: [0, 2, 2, 5, 6], colIdx: [1, 3, 0, 1, 4, 2])
    let values = Tensor([0.5, -1.0, 2.0, 1.5, -0.25, 3.0])
    let src = try! Tensor(shape: [6, 2], scalars: [1, -2, 4, 0.5, 3, 7, -1, 2, 2, -3, 0, 1])
    let index = Int32Tensor([3, 0, 3, 1, 0, 3])

    func close(_ a: [Float], _ b: [Float], tol: Float = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
    }

    @Test func spmmForwardAndBackwardMatchTorch() throws {
        let x = (try Tensor.arange(0, 15).reshaped([5, 3]) / 4 - 1).detach().requiringGrad()
        let v = values.copy().requiringGrad()
        let out = try Sparse.spmm(csr, x, values: v)
        #expect(close(out.scalars, [-1.375, -1.5, -1.625, 0, 0, 0, -2.875, -2.0625, -1.25, 1.5, 2.25, 3.0]))
        let w = try Tensor.arange(0, 12).reshaped([4, 3]) / 10
        try out.backward(w)
        #expect(close(x.grad!.scalars, [1.2, 1.4, 1.6, 0.9, 1.1, 1.3, 2.7, 3.0, 3.3, 0, -0.1, -0.2, -0.15, -0.175, -0.2]))
        #expect(close(v.grad!.scalars, [0.05, 0.5, -1.525, 0.05, 4.775, 2.3]))
    }

    @Test func scatterMatchesTorchScatterReduce() throws {
        let expected: [SegmentReduction: [Float]] = [
            .sum: [6, -2.5, -1, 2, 0, 0, 4, 6, 0, 0],
            .mean: [3, -1.25, -1, 2, 0, 0, 1.3333334, 2, 0, 0],
            .max: [4, 0.5, -1, 2, 0, 0, 3, 7, 0, 0],
            .min: [2, -3, -1, 2, 0, 0, 0, -2, 0, 0],
        ]
        for (reduce, want) in expected {
            let out = try Tensor.scatter(src, index: index, dimSize: 5, reduce: reduce)
            #expect(out.shape == [5, 2])
            #expect(close(out.scalars, want), "\(reduce)")
        }
    }

    @Test func indexAddAndIndexSelectMatchTorch() throws {
        let rows = try src.slice(axis: 0, range: 0..<4)
        let out = try Tensor.ones([5, 2]).indexAdd(index: Int32Tensor([4, 0, 4, 2]), source: rows)
        #expect(out.scalars == [5, 1.5, 1, 1, 0, 3, 1, 1, 5, 6])
        let picked = try src.indexSelect(axis: 0, Int32Tensor([5, 0, 0]))
        #expect(picked.scalars == [0, 1, 1, -2, 1, -2])
        let columns = try src.indexSelect(axis: 1, Int32Tensor([1]))
        #expect(columns.shape == [6, 1] && columns.scalars == [-2, 0.5, 7, 2, -3, 1])
    }

    @Test func segmentSoftmaxMatchesTorchPerRow() throws {
        let y = try Sparse.segmentSoftmax(Tensor([0.3, -1.2, 2.0, 0.1, 0.5, -0.7]), csr)
        #expect(close(y.scalars, [0.81757444, 0.18242551, 0.72849196, 0.10895953, 0.16254853, 1.0]))
        // Stable for large scores.
        let big = try Sparse.segmentSoftmax(Tensor([1000, 1001, 0, 0, 0, 5]), csr)
        #expect(big.scalars.allSatisfy { $0.isFinite })
    }

    @Test func segmentReduceHandlesEmptyRowsAndFirstTies() throws {
        let v = try Tensor(shape: [6, 1], scalars: [2, 2, 1, 5, 5, 0]).requiringGrad()
        let m = try Sparse.segmentReduce(v, csr, reduce: .max)
        #expect(m.scalars == [2, 0, 5, 0])
        try m.backward(Tensor.ones([4, 1]))
        // Ties go to the first entry of the row (entries 0 and 3).
        #expect(v.grad!.scalars == [1, 0, 0, 1, 0, 1])
        #expect(try Sparse.segmentReduce(v, csr, reduce: .mean).scalars == [2, 0, 11.0 / 3, 0])
    }

    @Test func fromCOOSortsStablyAndTransposeRoundTrips() throws {
        let (m, perm) = try CSRMatrix.fromCOO(rows: 3, cols: 4, row: Int32Tensor([2, 0, 2, 1, 0]),
                                              col: Int32Tensor([3, 1, 0, 1, 2]))
        #expect(m.rowPtr == [0, 2, 3, 5])
        #expect(m.colIdx == [1, 2, 1, 3, 0])
        #expect(perm == [1, 4, 3, 0, 2])
        #expect(m.rowIndices == [0, 0, 1, 2, 2])
        let (t, tperm) = m.transpose
        #expect(t.rows == 4 && t.cols == 3)
        #expect(t.rowPtr == [0, 1, 3, 4, 5])
        #expect(t.colIdx == [2, 0, 1, 0, 2])
        #expect(tperm == [4, 0, 2, 1, 3])
        // Transposing twice gives the same entries, each row's columns now ascending.
        let back = t.transpose.matrix
        #expect(back.rowPtr == m.rowPtr)
        #expect(back.colIdx == [1, 2, 1, 0, 3])
    }

    @Test func badStructuresAndIndicesThrow() {
        #expect(throws: TensorError.self) { try CSRMatrix(rows: 2, cols: 2, rowPtr: [0, 2, 1], colIdx: [0]) }
        #expect(throws: TensorError.self) { try CSRMatrix(rows: 2, cols: 2, rowPtr: [0, 1], colIdx: [0]) }
        #expect(throws: TensorError.self) { try CSRMatrix(rows: 1, cols: 2, rowPtr: [0, 1], colIdx: [2]) }
        #expect(throws: TensorError.self) { try CSRMatrix.fromCOO(rows: 2, cols: 2, row: Int32Tensor([0, 2]), col: Int32Tensor([0, 1])) }
        #expect(throws: TensorError.self) { try Sparse.spmm(csr, Tensor.zeros([4, 3])) }
        #expect(throws: TensorError.self) { try Sparse.spmm(csr, Tensor.zeros([5, 3]), values: Tensor.zeros([5])) }
        #expect(throws: TensorError.self) { try Sparse.sddmm(csr, Tensor.zeros([4, 3]), Tensor.zeros([5, 2])) }
        #expect(throws: TensorError.self) { try Sparse.segmentReduce(Tensor.zeros([5, 2]), csr, reduce: .sum) }
        #expect(throws: TensorError.self) { try Tensor.scatter(src, index: Int32Tensor([0, 1, 2, 3, 4, 5]), dimSize: 5, reduce: .sum) }
        #expect(throws: TensorError.self) { try src.indexSelect(axis: 0, Int32Tensor([6])) }
        #expect(throws: TensorError.self) { try src.indexSelect(axis: 2, Int32Tensor([0])) }
        #expect(throws: TensorError.self) { try src.indexAdd(index: Int32Tensor([0]), source: Tensor.zeros([2, 2])) }
        do {
            _ = try src.indexSelect(axis: 0, Int32Tensor([0, -1]))
        } catch let e as TensorError {
            #expect(e.description.contains("position 1"))
        } catch { Issue.record("unexpected \(error)") }
    }

    /// A larger random case against a sequential reference, big enough to split across
    /// threads: parallel results must equal the reference bit for bit (each row is
    /// summed by one thread in entry order).
    @Test func largeSpmmEqualsSequentialReference() throws {
        var rng = RandomGenerator(seed: 3)
        let rows = 3000, cols = 2000, nnz = 40_000, f = 19
        let r = Int32Tensor((0..<nnz).map { _ in Int32(rng.nextInt(below: rows)) })
        let c = Int32Tensor((0..<nnz).map { _ in Int32(rng.nextInt(below: cols)) })
        let (m, _) = try CSRMatrix.fromCOO(rows: rows, cols: cols, row: r, col: c)
        let x = Tensor.uniform([cols, f], low: -1, high: 1, using: &rng)
        let v = Tensor.uniform([nnz], low: -1, high: 1, using: &rng)
        let out = try Sparse.spmm(m, x, values: v)
        var reference = [Float](repeating: 0, count: rows * f)
        for i in 0..<rows {
            for k in m.rowPtr[i]..<m.rowPtr[i + 1] {
                for j in 0..<f { reference[i * f + j] = reference[i * f + j] + v.data[k] * x.data[Int(m.colIdx[k]) * f + j] }
            }
        }
        #expect(out.scalars == reference)
        // The transpose product equals the dense transpose product (to rounding).
        let g = Tensor.uniform([rows, f], low: -1, high: 1, using: &rng)
        let viaTranspose = try Sparse.spmm(m.transpose.matrix, g, values: v.indexSelect(axis: 0, Int32Tensor(m.transpose.permutation)))
        var dense = [Float](repeating: 0, count: cols * f)
        for i in 0..<rows {
            for k in m.rowPtr[i]..<m.rowPtr[i + 1] {
                for j in 0..<f { dense[Int(m.colIdx[k]) * f + j] += v.data[k] * g.data[i * f + j] }
            }
        }
        #expect(close(viaTranspose.scalars, dense, tol: 1e-4))
    }
}
