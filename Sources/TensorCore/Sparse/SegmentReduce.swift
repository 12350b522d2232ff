/// How the entries of a segment (a CSR row, or the sources scattered to one target)
/// combine. Empty segments give 0 for every reduction (torch_scatter's convention).
public enum SegmentReduction: String, Sendable, CaseIterable {
    case sum, mean, max, min
}

extension Kernels {
    /// Row-parallel reduction of `values` `[nnz, f]` over each CSR row into `out`
    /// `[rows, f]`. For max/min, `arg[i·f + j]` receives the winning entry (the first on
    /// ties), or -1 for an empty row.
    static func segmentReduce(_ a: CSRMatrix, values: UnsafePointer<Float>, f: Int, reduce: SegmentReduction,
                              out: UnsafeMutablePointer<Float>, arg: UnsafeMutablePointer<Int32>?) {
        a.parallelRows(width: f) { rows, rowPtr, _ in
            for i in rows {
                let o = out + i * f
                let start = rowPtr[i], end = rowPtr[i + 1]
                switch reduce {
                case .sum, .mean:
                    o.initialize(repeating: 0, count: f)
                    for k in start..<end { addRow(o, values + k * f, f) }
                    if reduce == .mean && end > start { scaleRow(o, o, 1 / Float(end - start), f) }
                case .max, .min:
                    let w = arg! + i * f
                    guard start < end else {
                        o.initialize(repeating: 0, count: f)
                        w.initialize(repeating: -1, count: f)
                        continue
                    }
                    o.update(from: values + start * f, count: f)
                    w.initialize(repeating: Int32(start), count: f)
                    let isMax = reduce == .max
                    for k in (start + 1)..<end {
                        let v = values + k * f
                        for j in 0..<f where isMax ? v[j] > o[j] : v[j] < o[j] {
                            o[j] = v[j]
                            w[j] = Int32(k)
                        }
                    }
                }
            }
        }
    }
}

extension Sparse {
    /// Reduces the entries of each CSR row: `out[i] = ⊕_{k ∈ row i} values[k]`, with ⊕ one
    /// of sum, mean, max, min (empty rows give 0). For a graph in CSR by destination this
    /// aggregates per-edge messages at each destination node.
    ///
    /// - Parameters: `values` `[nnz, F...]` in CSR order. - Returns: `[rows, F...]`.
    ///
    /// Backward: sum copies `dOut[row_k]` to each entry; mean also divides by the row's
    /// count; max and min route each gradient element to the entry that won it.
    public static func segmentReduce(_ values: Tensor, _ a: CSRMatrix, reduce: SegmentReduction) throws -> Tensor {
        guard values.rank >= 1, values.shape[0] == a.nnz else {
            throw TensorError("segmentReduce", "values have shape \(values.shape), expected [\(a.nnz), ...] (one row per non-zero)")
        }
        let tail = Array(values.shape.dropFirst())
        let f = Shape.count(tail)
        let out = Tensor(uninitializedShape: [a.rows] + tail)
        var arg: [Int32] = reduce == .max || reduce == .min ? [Int32](repeating: -1, count: a.rows * f) : []
        arg.withUnsafeMutableBufferPointer { w in
            Kernels.segmentReduce(a, values: values.data, f: f, reduce: reduce, out: out.data, arg: w.baseAddress)
        }
        return out.recorded("segment_\(reduce.rawValue)", inputs: [values]) { g in
            let dv = Tensor.zeros(values.shape)
            let gp = g.data, dp = dv.data
            switch reduce {
            case .sum, .mean:
                a.parallelRows(width: f) { rows, rowPtr, _ in
                    for i in rows {
                        let n = rowPtr[i + 1] - rowPtr[i]
                        let scale: Float = reduce == .mean && n > 0 ? 1 / Float(n) : 1
                        for k in rowPtr[i]..<rowPtr[i + 1] { Kernels.scaleRow(dp + k * f, gp + i * f, scale, f) }
                    }
                }
            case .max, .min:
                for (t, k) in arg.enumerated() where k >= 0 {
                    dp[Int(k) * f + t % f] = gp[t]
                }
            }
            return [dv]
        }
    }
}
