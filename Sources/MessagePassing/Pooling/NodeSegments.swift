import TensorCore

/// Which graph of a batch owns each node: the grouping every readout, attention pooling
/// and graph-wise normalisation reduces over (PyG's `batch` / `ptr` arguments).
///
/// Stored as a CSR structure with one row per graph and one entry per node, so the
/// reductions are TensorCore's row-parallel `Sparse.segmentReduce` and
/// `Sparse.segmentSoftmax` (deterministic, no atomics). When the nodes of each graph
/// are contiguous and in graph order (a `GraphBatch`, or any sorted `batch` vector) the
/// entry order is the node order and no gather is needed; otherwise the nodes are
/// grouped by a stable counting sort and `order` maps entries to nodes.
///
/// - `numGraphs` `G` (graphs with no node are allowed: their reductions give 0);
/// - `numNodes` `N`; `batch[i]` in `0..<G` for each node.
public struct NodeSegments: @unchecked Sendable {
    /// Rows = graphs, columns = nodes; entry `k` of row `g` is node `order[k]` of graph `g`.
    public let matrix: CSRMatrix
    /// Graph id of each node, `[N]`.
    public let batch: Int32Tensor
    /// Node of each CSR entry, or nil when entries are already in node order.
    public let order: Int32Tensor?
    /// CSR entry of each node (inverse of `order`), or nil with `order`.
    let inverseOrder: Int32Tensor?

    public var numGraphs: Int { matrix.rows }
    public var numNodes: Int { matrix.cols }
    /// Node offsets `[G + 1]` in CSR entry order (for sorted batches, node offsets).
    public var ptr: [Int] { matrix.rowPtr }
    /// Number of nodes of each graph.
    public var counts: [Int] { matrix.rowCounts }

    /// Segments from node offsets: graph `g` owns nodes `ptr[g]..<ptr[g + 1]`
    /// (`GraphBatch.ptr`). `ptr` must start at 0 and not decrease.
    /// - Throws: `TensorError` naming the first bad offset.
    public init(ptr: [Int32]) throws {
        guard let last = ptr.last else { throw TensorError("NodeSegments", "ptr is empty, expected [G + 1] offsets") }
        let n = Int(last)
        let matrix = try CSRMatrix(rows: ptr.count - 1, cols: Swift.max(n, 0), rowPtr: ptr.map { Int($0) },
                                   colIdx: (0..<Int32(Swift.max(n, 0))).map { $0 })
        var batch = [Int32](repeating: 0, count: n)
        for g in 0..<(ptr.count - 1) {
            for i in Int(ptr[g])..<Int(ptr[g + 1]) { batch[i] = Int32(g) }
        }
        self.matrix = matrix
        self.batch = Int32Tensor(batch)
        order = nil
        inverseOrder = nil
    }

    /// Segments of a batch of graphs (its `ptr`).
    public init(_ batch: GraphBatch) throws {
        try self.init(ptr: batch.ptr)
    }

    /// Segments from a node → graph vector (PyG's `batch`), in any order. `size` is the
    /// number of graphs (`batch.max() + 1` when nil, 0 for no node); nil `batch` puts all
    /// `numNodes` nodes in one graph.
    /// - Throws: `TensorError` for an id outside `0..<size` or a negative size.
    public init(batch: [Int32]?, numNodes: Int, size: Int? = nil) throws {
        let op = "NodeSegments"
        let ids = batch ?? [Int32](repeating: 0, count: numNodes)
        guard ids.count == numNodes else {
            throw TensorError(op, "batch has \(ids.count) entries, expected one per node (\(numNodes))")
        }
        let graphs = size ?? (batch == nil ? 1 : ids.max().map { Int($0) + 1 } ?? 0)
        guard graphs >= 0 else { throw TensorError(op, "size \(graphs) is negative") }
        if let bad = ids.firstIndex(where: { $0 < 0 || Int($0) >= graphs }) {
            throw TensorError(op, "batch[\(bad)] = \(ids[bad]) is outside 0..<\(graphs)")
        }
        let positions = Int32Tensor((0..<Int32(numNodes)).map { $0 })
        let (matrix, permutation) = try CSRMatrix.fromCOO(rows: graphs, cols: numNodes, row: Int32Tensor(ids),
                                                          col: positions)
        self.matrix = matrix
        self.batch = Int32Tensor(ids)
        let sorted = permutation.enumerated().allSatisfy { Int($0.element) == $0.offset }
        if sorted {
            order = nil
            inverseOrder = nil
        } else {
            var inverse = [Int32](repeating: 0, count: numNodes)
            for (k, node) in permutation.enumerated() { inverse[Int(node)] = Int32(k) }
            order = Int32Tensor(permutation)
            inverseOrder = Int32Tensor(inverse)
        }
    }

    /// Checks that `x` has one row per node.
    func check(_ x: Tensor, _ op: String) throws {
        guard x.rank >= 1, x.shape[0] == numNodes else {
            throw TensorError(op, "input has shape \(x.shape), expected [\(numNodes), ...] (one row per node)")
        }
    }

    /// `x` `[N, ...]` with rows in CSR entry order (graph by graph).
    func grouped(_ x: Tensor) throws -> Tensor {
        guard let order else { return x }
        return try x.indexSelect(axis: 0, order)
    }

    /// Per-graph reduction: `out[g] = ⊕_{i : batch[i] = g} x[i]`, `[N, F...] -> [G, F...]`,
    /// 0 for a graph with no node. Differentiable (see `Sparse.segmentReduce`).
    public func reduce(_ x: Tensor, _ reduction: SegmentReduction) throws -> Tensor {
        try check(x, "NodeSegments.reduce")
        return try Sparse.segmentReduce(grouped(x), matrix, reduce: reduction)
    }

    /// Softmax over the nodes of each graph, per column: `[N]` or `[N, H]` to the same
    /// shape, in node order (PyG's `softmax(src, batch)`).
    public func softmax(_ x: Tensor) throws -> Tensor {
        try check(x, "NodeSegments.softmax")
        let y = try Sparse.segmentSoftmax(grouped(x), matrix)
        guard let inverseOrder else { return y }
        return try y.indexSelect(axis: 0, inverseOrder)
    }

    /// Per-graph rows repeated for each node: `[G, F...] -> [N, F...]`, `out[i] = y[batch[i]]`.
    public func broadcast(_ y: Tensor) throws -> Tensor {
        guard y.rank >= 1, y.shape[0] == numGraphs else {
            throw TensorError("NodeSegments.broadcast", "input has shape \(y.shape), expected [\(numGraphs), ...] (one row per graph)")
        }
        return try y.indexSelect(axis: 0, batch)
    }
}
