import Testing
import TensorCore

// indexSelect, indexAdd and scatter. "torch:" values were printed by
// scripts/sparse_reference_coo.py (.venv-fixtures/bin/python (make fixtures), torch 2.x); torch_scatter's
// `scatter(src, index, 0, dim_size, reduce)` is reproduced there as
// `zeros(dim_size, F).scatter_reduce(0, index[:, None].expand(-1, F), src, reduce, include_self=False)`.

@Suite struct SparseIndexTests {
    typealias F = SparseFixture

    // MARK: indexSelect

    @Test func indexSelectAxis0MatchesTorch() throws {
        let x = F.x.requiringGrad()
        let y = try x.indexSelect(axis: 0, Int32Tensor([2, 0, 2, 4]))
        // torch: torch.index_select(X, 0, tensor([2, 0, 2, 4]))
        #expect(y.shape == [4, 3])
        #expect(y.scalars == [0, 0.25, 0.5, -1.5, -1.25, -1, 0, 0.25, 0.5, 1.5, 1.75, 2])
        try y.backward(F.ramp([4, 3], start: -1, step: 0.5))
        // torch: repeated index 2 accumulates, unpicked rows get 0.
        #expect(x.grad!.scalars == [0.5, 1, 1.5, 0, 0, 0, 1, 2, 3, 0, 0, 0, 3.5, 4, 4.5])
        #expect(try x.indexSelect(Int32Tensor([2, 0, 2, 4])).scalars == y.scalars)  // axis defaults to 0
    }

    @Test func indexSelectAxis1MatchesTorch() throws {
        let x = F.x.requiringGrad()
        let y = try x.indexSelect(axis: -1, Int32Tensor([1, 1, 0, 2, 1]))
        // torch: torch.index_select(X, 1, tensor([1, 1, 0, 2, 1]))
        #expect(y.shape == [5, 5])
        #expect(y.scalars == [-1.25, -1.25, -1.5, -1, -1.25, -0.5, -0.5, -0.75, -0.25, -0.5, 0.25, 0.25, 0, 0.5, 0.25,
                              1, 1, 0.75, 1.25, 1, 1.75, 1.75, 1.5, 2, 1.75])
        try y.backward(F.ramp([5, 5], start: -2, step: 0.25))
        #expect(x.grad!.scalars == [-1.5, -4.75, -1.25, -0.25, -1, 0, 1, 2.75, 1.25, 2.25, 6.5, 2.5, 3.5, 10.25, 3.75])
    }

    @Test func indexSelectMiddleAxisAndEdgeCases() throws {
        let x = Tensor.randn([3, 4, 5], seed: 1)
        let y = try x.indexSelect(axis: 1, Int32Tensor([3, 0]))
        #expect(y.shape == [3, 2, 5])
        for i in 0..<3 { for j in 0..<5 { #expect(y[i, 0, j] == x[i, 3, j] && y[i, 1, j] == x[i, 0, j]) } }
        #expect(try x.indexSelect(axis: 2, Int32Tensor([])).shape == [3, 4, 0])
    }

    @Test func indexSelectRejectsBadArguments() throws {
        let x = F.x
        #expect(throws: TensorError.self) { try x.indexSelect(axis: 0, Int32Tensor([0, 5])) }
        #expect(throws: TensorError.self) { try x.indexSelect(axis: 1, Int32Tensor([-1])) }
        #expect(throws: TensorError.self) { try x.indexSelect(axis: 2, Int32Tensor([0])) }
        #expect(throws: TensorError.self) { try x.indexSelect(axis: 0, try Int32Tensor(shape: [1, 1], scalars: [0])) }
        #expect(throws: TensorError.self) { try Tensor(scalar: 1).indexSelect(axis: 0, Int32Tensor([0])) }
        do {
            _ = try x.indexSelect(axis: 0, Int32Tensor([0, 1, 7]))
            Issue.record("expected an error")
        } catch let e as TensorError {
            #expect(e.message.contains("position 2"))
        }
    }

    // MARK: indexAdd

    @Test func indexAddAxis0MatchesTorch() throws {
        let base = F.x.requiringGrad()
        let source = F.ramp([4, 3], start: -1, step: 0.5).requiringGrad()
        let y = try base.indexAdd(axis: 0, index: Int32Tensor([2, 0, 2, 4]), source: source)
        // torch: torch.index_add(X, 0, tensor([2, 0, 2, 4]), src)
        #expect(y.scalars == [-1, -0.25, 0.5, -0.75, -0.5, -0.25, 1, 2.25, 3.5, 0.75, 1, 1.25, 5, 5.75, 6.5])
        let g = F.ramp([5, 3], step: 0.1)
        try y.backward(g)
        #expect(base.grad!.scalars == g.scalars)
        #expect(F.close(source.grad!.scalars, [0.6, 0.7, 0.8, 0, 0.1, 0.2, 0.6, 0.7, 0.8, 1.2, 1.3, 1.4]))
        #expect(!F.x.requiresGrad)
    }

    @Test func indexAddAxis1MatchesTorch() throws {
        let source = F.ramp([5, 2], start: -3)
        let y = try F.x.indexAdd(axis: 1, index: Int32Tensor([2, 2]), source: source)
        // torch: torch.index_add(X, 1, tensor([2, 2]), arange(10.).reshape(5, 2) - 3)
        #expect(y.scalars == [-1.5, -1.25, -6, -0.75, -0.5, -1.25, 0, 0.25, 3.5, 0.75, 1, 8.25, 1.5, 1.75, 13])
    }

    @Test func indexAddRejectsBadArguments() throws {
        let x = F.x
        #expect(throws: TensorError.self) { try x.indexAdd(axis: 0, index: Int32Tensor([0, 1]), source: Tensor.zeros([3, 3])) }
        #expect(throws: TensorError.self) { try x.indexAdd(axis: 0, index: Int32Tensor([0, 5]), source: Tensor.zeros([2, 3])) }
        #expect(throws: TensorError.self) { try x.indexAdd(axis: 1, index: Int32Tensor([0]), source: Tensor.zeros([1, 3])) }
        #expect(throws: TensorError.self) { try x.indexAdd(axis: 3, index: Int32Tensor([0]), source: Tensor.zeros([1, 3])) }
    }

    // MARK: scatter

    static var source: Tensor { try! Tensor(shape: [6, 2], scalars: [0.5, -1.2, 2.0, 0.3, 1.5, 0.1, -0.7, 2.2, 0.9, 1.1, -2.0, 0.4]) }
    static let index = Int32Tensor([3, 0, 3, 1, 0, 3])
    static var grad: Tensor { try! Tensor(shape: [5, 2], scalars: [0.3, -0.5, 1.0, 0.2, -1.0, 0.4, 0.6, -0.2, 0.7, 0.9]) }

    /// torch values for each reduction: (forward, gradient of source for `grad`).
    static let expected: [(SegmentReduction, [Float], [Float])] = [
        (.sum, [2.9000001, 1.4000001, -0.69999999, 2.2, 0, 0, 0, -0.70000005, 0, 0],
         [0.6, -0.2, 0.3, -0.5, 0.6, -0.2, 1, 0.2, 0.3, -0.5, 0.6, -0.2]),
        (.mean, [1.45, 0.70000005, -0.69999999, 2.2, 0, 0, 0, -0.23333335, 0, 0],
         [0.2, -0.06666667, 0.15, -0.25, 0.2, -0.06666667, 1, 0.2, 0.15, -0.25, 0.2, -0.06666667]),
        (.max, [2, 1.1, -0.69999999, 2.2, 0, 0, 1.5, 0.40000001, 0, 0],
         [0, 0, 0.3, 0, 0.6, 0, 1, 0.2, 0, -0.5, 0, -0.2]),
        (.min, [0.89999998, 0.30000001, -0.69999999, 2.2, 0, 0, -2, -1.2, 0, 0],
         [0, -0.2, 0, -0.5, 0, 0, 1, 0.2, 0.3, 0, 0.6, 0]),
    ]

    @Test(arguments: [SegmentReduction.sum, .mean, .max, .min])
    func scatterMatchesTorch(reduce: SegmentReduction) throws {
        let (_, forward, backward) = try #require(Self.expected.first { $0.0 == reduce })
        let src = Self.source.copy().requiringGrad()
        let out = try Tensor.scatter(src, index: Self.index, dimSize: 5, reduce: reduce)
        #expect(out.shape == [5, 2])
        #expect(F.close(out.scalars, forward), "\(reduce)")
        try out.backward(Self.grad)
        #expect(F.close(src.grad!.scalars, backward), "\(reduce)")
    }

    @Test func scatterEqualsSegmentReduceOnSortedIndex() throws {
        let a = try F.matrix()
        let messages = Tensor.randn([7, 3], seed: 4)
        for reduce in SegmentReduction.allCases {
            let viaScatter = try Tensor.scatter(messages, index: Int32Tensor(a.rowIndices), dimSize: 4, reduce: reduce)
            #expect(viaScatter.scalars == (try Sparse.segmentReduce(messages, a, reduce: reduce)).scalars)
        }
        // 1-D source, and a target count larger than any index.
        let out = try Tensor.scatter(Tensor([1, 2, 3]), index: Int32Tensor([1, 1, 0]), dimSize: 4, reduce: .sum)
        #expect(out.shape == [4] && out.scalars == [3, 3, 0, 0])
        #expect(try Tensor.scatter(Tensor.zeros([0, 2]), index: Int32Tensor([]), dimSize: 2, reduce: .max).scalars == [0, 0, 0, 0])
    }

    @Test func scatterRejectsBadArguments() throws {
        let src = Self.source
        do {
            _ = try Tensor.scatter(src, index: Int32Tensor([3, 0, 3, 9, 0, 3]), dimSize: 5, reduce: .sum)
            Issue.record("expected an error")
        } catch let e as TensorError {
            #expect(e.message.contains("position 3"))
        }
        #expect(throws: TensorError.self) { try Tensor.scatter(src, index: Int32Tensor([0, 1]), dimSize: 5, reduce: .sum) }
        #expect(throws: TensorError.self) { try Tensor.scatter(src, index: Self.index, dimSize: -1, reduce: .sum) }
        #expect(throws: TensorError.self) { try Tensor.scatter(src, index: Int32Tensor([0, 0, 0, 0, 0, -1]), dimSize: 5, reduce: .min) }
        #expect(throws: TensorError.self) { try Tensor.scatter(Tensor(scalar: 1), index: Int32Tensor([0]), dimSize: 1, reduce: .sum) }
    }
}
