import Testing
import TensorCore

/// The sparse kernels give each output row to one thread and sum in CSR order, so one
/// thread and two threads give bit-identical results, forward and backward. Shapes are
/// several parallel grains large so the two-thread run really splits the rows.
@Suite struct SparseDeterminismTests {
    private func everything() throws -> [[Float]] {
        let a = try SparseFixture.random(rows: 3000, cols: 2500, perRow: 5, seed: 77).matrix
        var results: [[Float]] = []
        func record(_ out: Tensor, _ inputs: [Tensor], seed: UInt64) throws {
            for x in inputs { x.zeroGrad() }
            try out.backward(Tensor.randn(out.shape, seed: seed))
            results.append(out.scalars)
            for x in inputs { results.append(x.grad?.scalars ?? []) }
        }
        let x = Tensor.randn([2500, 40], seed: 1).requiringGrad()
        let v = Tensor.randn([a.nnz], seed: 2).requiringGrad()
        try record(try Sparse.spmm(a, x, values: v), [x, v], seed: 3)
        try record(try Sparse.spmm(a, x), [x], seed: 4)
        let h = Tensor.randn([3000, 40], seed: 5).requiringGrad()
        try record(try Sparse.sddmm(a, h, x), [h, x], seed: 6)
        let messages = Tensor.randn([a.nnz, 20], seed: 7).requiringGrad()
        for reduce in SegmentReduction.allCases {
            try record(try Sparse.segmentReduce(messages, a, reduce: reduce), [messages], seed: 8)
        }
        let logits = Tensor.randn([a.nnz], seed: 9).requiringGrad()
        try record(try Sparse.segmentSoftmax(logits, a), [logits], seed: 10)
        let heads = Tensor.randn([a.nnz, 4], seed: 11).requiringGrad()
        try record(try Sparse.segmentSoftmax(heads, a), [heads], seed: 12)
        let target = Int32Tensor(a.rowIndices.reversed())
        try record(try x.indexSelect(axis: 0, Int32Tensor(a.colIdx)), [x], seed: 13)
        try record(try h.indexAdd(axis: 0, index: target, source: messages.narrow(axis: 1, start: 0, length: 1)
            .expanded(to: [a.nnz, 40])), [h, messages], seed: 14)
        for reduce in SegmentReduction.allCases {
            try record(try Tensor.scatter(messages, index: target, dimSize: 3000, reduce: reduce), [messages], seed: 15)
        }
        return results
    }

    @Test func oneAndTwoThreadsGiveIdenticalBits() throws {
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let single = try everything()
        Parallel.threadCount = 2
        let double = try everything()
        Parallel.threadCount = saved
        #expect(single.count == double.count)
        for (i, (s, d)) in zip(single, double).enumerated() {
            #expect(s.map(\.bitPattern) == d.map(\.bitPattern), "result \(i)")
        }
        #expect(single.allSatisfy { !$0.isEmpty })
    }
}
