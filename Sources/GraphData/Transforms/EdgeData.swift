/// Internal helpers that move per-edge data (`edgeWeight`, `edgeFeatures`) along with
/// the edges when a transform selects, appends or merges edges.
extension Graph {
    /// Throws `.badData` naming `operation` when attached data do not fit the topology
    /// (e.g. 3 edge weights for 4 edges), so transforms never index out of range.
    func checkAttachedData(_ operation: String) throws {
        do { try validate() } catch let e as DataError {
            throw DataError(e.kind, file: e.file, at: e.location, "\(operation): \(e.message)")
        }
    }

    /// The edges at `indices`, in that order, with their weights and feature rows;
    /// node data, splits and graph data are kept.
    /// - Complexity: O(k · D) for k indices and D edge-feature columns.
    func selectingEdges(_ indices: [Int]) throws -> Graph {
        try checkAttachedData("select edges")
        var g = try withEdges(source: indices.map { source[$0] }, target: indices.map { target[$0] })
        if let w = edgeWeight { g.edgeWeight = indices.map { w[$0] } }
        if let f = edgeFeatures { g.edgeFeatures = f.selectingRows(indices.map { Int32(truncatingIfNeeded: $0) }) }
        return g
    }

    /// This graph's edges followed by `other`'s (same node count), concatenating edge
    /// data when both have it. Edge data present on only one side is dropped.
    func appendingEdges(of other: Graph) throws -> Graph {
        try checkAttachedData("append edges")
        try other.checkAttachedData("append edges")
        var g = try withEdges(source: source + other.source, target: target + other.target)
        if let a = edgeWeight, let b = other.edgeWeight { g.edgeWeight = a + b }
        if let a = edgeFeatures, let b = other.edgeFeatures { g.edgeFeatures = try FeatureMatrix.vstack([a, b]) }
        return g
    }

    /// The same edges reversed (`target -> source`), with the same edge data.
    func reversed() throws -> Graph {
        var g = try withEdges(source: target, target: source)
        g.edgeWeight = edgeWeight
        g.edgeFeatures = edgeFeatures
        return g
    }
}

extension FeatureMatrix {
    /// `rows x cols` filled with `value`; sparse (no stored entries) when `value` is 0 and
    /// `sparse` is requested.
    static func filled(rows: Int, cols: Int, value: Float, sparse: Bool) -> FeatureMatrix {
        if sparse && value == 0 {
            return .sparse(rows: rows, cols: cols, rowPtr: [Int](repeating: 0, count: rows + 1), colIdx: [], values: [])
        }
        return .dense(rows: rows, cols: cols, values: [Float](repeating: value, count: rows * cols))
    }

    /// A row-major dense array as a matrix of the requested kind (CSR keeps the non-zeros).
    static func fromDense(rows: Int, cols: Int, values: [Float], sparse: Bool) -> FeatureMatrix {
        guard sparse else { return .dense(rows: rows, cols: cols, values: values) }
        var ptr = [0], idx = [Int32](), val = [Float]()
        for i in 0..<rows {
            for j in 0..<cols where values[i * cols + j] != 0 {
                idx.append(Int32(truncatingIfNeeded: j))
                val.append(values[i * cols + j])
            }
            ptr.append(idx.count)
        }
        return .sparse(rows: rows, cols: cols, rowPtr: ptr, colIdx: idx, values: val)
    }

    /// One row per group: the rows of `self` at each group's indices combined column by
    /// column with `reduce`. Keeps the storage kind.
    func reducingRows(_ groups: [ArraySlice<Int>], _ reduce: EdgeReduce) -> FeatureMatrix {
        var out = [Float](repeating: 0, count: groups.count * cols)
        var column = [Float]()
        for (g, members) in groups.enumerated() {
            let rowsOfGroup = members.map { row($0) }
            for j in 0..<cols {
                column.removeAll(keepingCapacity: true)
                for r in rowsOfGroup { column.append(r[j]) }
                out[g * cols + j] = reduce.combine(column)
            }
        }
        return .fromDense(rows: groups.count, cols: cols, values: out, sparse: isSparse)
    }
}
