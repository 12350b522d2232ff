extension GradcheckSuite {
    /// A 4 x 5 structure with an empty row (row 1) and a repeated column:
    /// row 0: {1, 3}, row 1: {}, row 2: {0, 1, 4}, row 3: {2}.
    static func smallCSR() -> CSRMatrix {
        try! CSRMatrix(rows: 4, cols: 5, rowPtr: [0, 2, 2, 5, 6], colIdx: [1, 3, 0, 1, 4, 2])
    }

    /// Targets for the scatter cases: 6 sources into 5 slots, slots 2 and 4 empty.
    static let scatterIndex = Int32Tensor([3, 0, 3, 1, 0, 3])
    static let selectIndex = Int32Tensor([4, 0, 4, 2])

    /// Gradient checks for the sparse and index ops.
    static var sparseCases: [GradcheckCase] {
        var cases = [
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
