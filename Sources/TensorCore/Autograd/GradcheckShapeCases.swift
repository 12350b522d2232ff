extension GradcheckSuite {
    /// Gradient checks for the shape and layout ops (Ops/Permute, Squeeze, Expand, Concat,
    /// Slice, Gather).
    static var shapeCases: [GradcheckCase] {
        [
            GradcheckCase("transpose 2-D", shapes: [[3, 5]]) { try $0[0].transposed() },
            GradcheckCase("transpose rank 3 (0, -1)", shapes: [[2, 3, 4]]) { try $0[0].transposed(0, -1) },
            GradcheckCase("permute rank 3", shapes: [[2, 3, 4]]) { try $0[0].permuted([2, 0, 1]) },
            GradcheckCase("permute rank 4 (negative axes)", shapes: [[2, 1, 3, 2]]) { try $0[0].permuted([-1, 0, -2, 1]) },
            GradcheckCase("squeeze", shapes: [[3, 1, 2, 1]]) { try $0[0].squeezed() },
            GradcheckCase("squeeze axis", shapes: [[3, 1, 2]]) { try $0[0].squeezed(axis: -2) },
            GradcheckCase("unsqueeze", shapes: [[3, 2]]) { try $0[0].unsqueezed(axis: -2) },
            GradcheckCase("expand", shapes: [[3, 1]]) { try $0[0].expanded(to: [2, 3, 4]) },
            GradcheckCase("expand (-1 keeps a size)", shapes: [[1, 3]]) { try $0[0].expanded(to: [4, -1]) },
            GradcheckCase("concat axis 0", shapes: [[2, 3], [1, 3], [3, 3]]) { try Tensor.concat($0, axis: 0) },
            GradcheckCase("concat axis 1", shapes: [[2, 3], [2, 1]]) { try Tensor.concat($0, axis: -1) },
            GradcheckCase("stack", shapes: [[2, 3], [2, 3], [2, 3]]) { try Tensor.stack($0, axis: 1) },
            GradcheckCase("split (unused piece gets zero)", shapes: [[5, 3]]) { xs in
                let p = try xs[0].split(sizes: [2, 1, 2], axis: 0)
                return try Tensor.concat([p[2] * 3, p[0]], axis: 0)
            },
            GradcheckCase("chunk", shapes: [[2, 7]]) { xs in
                let c = try xs[0].chunked(3, axis: 1)
                return try Tensor.concat([c[2], c[0] * 2], axis: 1)
            },
            GradcheckCase("slice with step", shapes: [[4, 7]]) { try $0[0].slice(axis: 1, range: 1..<7, step: 2) },
            GradcheckCase("slice axis 0 with step", shapes: [[5, 2, 3]]) { try $0[0].slice(axis: 0, range: 0..<5, step: 3) },
            GradcheckCase("narrow", shapes: [[3, 5]]) { try $0[0].narrow(axis: -1, start: 1, length: 3) },
            GradcheckCase("gather axis 0 (repeated indices)", shapes: [[4, 3]]) { xs in
                let index = try Int32Tensor(shape: [5, 3], scalars: [0, 3, 1, 2, 2, 0, 3, 0, 0, 1, 1, 2, 0, 0, 0])
                return try xs[0].gather(axis: 0, index: index)
            },
            GradcheckCase("gather axis 1", shapes: [[3, 4]]) { xs in
                let index = try Int32Tensor(shape: [2, 5], scalars: [3, 0, 0, 2, 1, 1, 1, 3, 0, 2])
                return try xs[0].gather(axis: -1, index: index)
            },
            GradcheckCase("gather rank 3 axis 1", shapes: [[2, 4, 3]]) { xs in
                let index = try Int32Tensor(shape: [2, 3, 2], scalars: [0, 3, 2, 2, 1, 0, 3, 3, 0, 1, 2, 2])
                return try xs[0].gather(axis: 1, index: index)
            },
        ]
    }
}
