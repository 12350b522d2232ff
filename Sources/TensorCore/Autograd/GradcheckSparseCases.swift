extension GradcheckSuite {
    /// A 4 x 5 structure with an empty row (row 1) and a repeated column:
    /// row 0: {1, 3}, row 1: {}, row 2: {0, 1, 4}, row 3: {2}.
    static func smallCSR() -> CSRMatrix {
        try! CSRMatrix(rows: 4, cols: 5, rowPtr: [0, 2, 2, 5, 6], colIdx: [1, 3, 0, 1, 4, 2])
    }

    /// Targets for the scatter cases: 6 sources into 5 slots, slots 2 and 4 empty.
    static let scatterIndex = Int32Tensor([3, 0, 3, 1, 0, 3])
    static let selectIndex = Int32Tensor([4, 0, 4, 2])

    /// A 7 x 6 CSR from a shuffled random COO list (fixed seed; rows 3 and 5 empty, some
    /// entries repeated).
    static let randomCSR: CSRMatrix = {
        var rng = RandomGenerator(seed: 2024)
        var row: [Int32] = [], col: [Int32] = []
        for i in 0..<7 where i != 3 && i != 5 {
            for _ in 0..<(1 + rng.nextInt(below: 3)) {
                row.append(Int32(i))
                col.append(Int32(rng.nextInt(below: 6)))
            }
        }
        let order = rng.permutation(row.count)
        return try! CSRMatrix.fromCOO(rows: 7, cols: 6, row: Int32Tensor(order.map { row[$0] }),
                                      col: Int32Tensor(order.map { col[$0] })).matrix
    }()

    /// Gradient checks for the sparse and index ops. The "wide" cases use feature widths
    /// that pass through every SIMD block of the row kernels (64, 16) and the scalar tail;
    /// the random-CSR cases a structure with unsorted COO input and repeated entries.
    static var sparseCases: [GradcheckCase] {
        let r = randomCSR
        var cases = [
            GradcheckCase("spmm wide features (SIMD blocks and tail)", shapes: [[5, 93], [6]]) {
                try Sparse.spmm(smallCSR(), $0[0], values: $0[1])
            },
            GradcheckCase("spmm random CSR with values", shapes: [[6, 2], [r.nnz]]) { try Sparse.spmm(r, $0[0], values: $0[1]) },
            GradcheckCase("spmmHeads 3 heads of 21 (SIMD 16 + tail)", shapes: [[5, 63], [6, 3]]) {
                try Sparse.spmmHeads(smallCSR(), $0[0], values: $0[1])
            },
            GradcheckCase("spmmHeads random CSR, 2 heads of 7", shapes: [[6, 14], [r.nnz, 2]]) {
                try Sparse.spmmHeads(r, $0[0], values: $0[1])
            },
            GradcheckCase("headDot 3 heads of 5", shapes: [[4, 15], [1, 3, 5]]) { try $0[0].headDot($0[1]) },
            GradcheckCase("headDot 2 heads of 19 (SIMD tail)", shapes: [[3, 38], [2, 19]]) { try $0[0].headDot($0[1]) },
            GradcheckCase("sddmm wide features", shapes: [[4, 35], [5, 35]]) { try Sparse.sddmm(smallCSR(), $0[0], $0[1]) },
            GradcheckCase("sddmm random CSR", shapes: [[7, 2], [6, 2]]) { try Sparse.sddmm(r, $0[0], $0[1]) },
            GradcheckCase("segment mean 1-D, random CSR", shapes: [[r.nnz]]) { try Sparse.segmentReduce($0[0], r, reduce: .mean) },
            GradcheckCase("segment max wide (SIMD)", shapes: [[6, 37]], low: -10, high: 10, eps: 1e-3) {
                try Sparse.segmentReduce($0[0], smallCSR(), reduce: .max)
            },
            GradcheckCase("segment min wide (SIMD)", shapes: [[6, 37]], low: -10, high: 10, eps: 1e-3) {
                try Sparse.segmentReduce($0[0], smallCSR(), reduce: .min)
            },
            GradcheckCase("segmentSoftmax random CSR", shapes: [[r.nnz]], low: -2, high: 2, eps: 1e-3) {
                try Sparse.segmentSoftmax($0[0], r)
            },
            GradcheckCase("indexSelect axis 1 of a matrix", shapes: [[3, 5]]) { try $0[0].indexSelect(axis: 1, selectIndex) },

            GradcheckCase("spmm", shapes: [[5, 3]]) { try Sparse.spmm(smallCSR(), $0[0]) },
            GradcheckCase("spmm with values", shapes: [[5, 3], [6]]) { try Sparse.spmm(smallCSR(), $0[0], values: $0[1]) },
            GradcheckCase("spmm vector", shapes: [[5], [6]]) { try Sparse.spmm(smallCSR(), $0[0], values: $0[1]) },
            GradcheckCase("sddmm", shapes: [[4, 3], [5, 3]]) { try Sparse.sddmm(smallCSR(), $0[0], $0[1]) },
            GradcheckCase("segmentSoftmax", shapes: [[6]]) { try Sparse.segmentSoftmax($0[0], smallCSR()) },
            GradcheckCase("segmentSoftmax heads", shapes: [[6, 2]]) { try Sparse.segmentSoftmax($0[0], smallCSR()) },
            GradcheckCase("indexSelect axis 0", shapes: [[5, 3]]) { try $0[0].indexSelect(axis: 0, selectIndex) },
            GradcheckCase("indexSelect axis 1", shapes: [[2, 5, 3]]) { try $0[0].indexSelect(axis: 1, selectIndex) },
            GradcheckCase("indexAdd", shapes: [[5, 3], [4, 3]]) { try $0[0].indexAdd(index: selectIndex, source: $0[1]) },
            GradcheckCase("indexAdd axis -1", shapes: [[2, 5], [2, 4]]) { try $0[0].indexAdd(axis: -1, index: selectIndex, source: $0[1]) },
        ]
        for reduce in SegmentReduction.allCases {
            let tieFree: Float = reduce == .max || reduce == .min ? 1e-3 : 1e-2
            cases.append(GradcheckCase("segment \(reduce.rawValue)", shapes: [[6, 2]], eps: tieFree) {
                try Sparse.segmentReduce($0[0], smallCSR(), reduce: reduce)
            })
            cases.append(GradcheckCase("scatter \(reduce.rawValue)", shapes: [[6, 2]], eps: tieFree) {
                try Tensor.scatter($0[0], index: scatterIndex, dimSize: 5, reduce: reduce)
            })
        }
        return cases
    }
}
