import TensorCore

/// Top-k pooling of "Graph U-Nets" / "Towards Sparse Hierarchical Graph Classifiers",
/// PyG's `TopKPooling` (tanh scores, no `min_score`): each graph keeps the `k` nodes with
/// the best scores `y = tanh(X p / ‖p‖)` (see `SelectTopK`), gated by their score,
///
///     x' = multiplier · x[perm] ⊙ y[perm]
///
/// and the edges between kept nodes, renumbered (edges keep their order).
///
/// - Parameters: `select.weight` `[1, F]` (PyG's name).
/// - Input `x` `[N, F]`, edges `source`/`target` (node ids in `0..<N`), node segments.
/// - Returns `TopKPoolingOutput`: `x'` `[K, F]` and the scores `[K]` are differentiable
///   (in `x` and `select.weight`); `perm`, the new edges and `batch` are indices.
public final class TopKPooling: Module {
    public var isTraining = true
    public var select: SelectTopK
    public let multiplier: Float

    /// A pooling layer with its projection drawn from `rng`; `ratio` as `SelectTopK`.
    public convenience init(inChannels: Int, ratio: Double = 0.5, multiplier: Float = 1,
                            using rng: inout RandomGenerator) {
        self.init(SelectTopK(inChannels: inChannels, ratio: ratio, using: &rng), multiplier)
    }

    /// A pooling layer initialised from the global generator (see `Random.seed(_:)`).
    public convenience init(inChannels: Int, ratio: Double = 0.5, multiplier: Float = 1) {
        self.init(SelectTopK(inChannels: inChannels, ratio: ratio), multiplier)
    }

    private init(_ select: SelectTopK, _ multiplier: Float) {
        self.select = select
        self.multiplier = multiplier
    }

    /// Pools `x` `[N, F]` on the graph with edges `source[e] -> target[e]`, per graph of
    /// `segments`.
    /// - Throws: `TensorError` for mismatched shapes or an edge endpoint outside `0..<N`.
    public func callAsFunction(_ x: Tensor, source: [Int32], target: [Int32], _ segments: NodeSegments) throws -> TopKPoolingOutput {
        let op = "TopKPooling"
        try segments.check(x, op)
        let n = segments.numNodes
        guard source.count == target.count else {
            throw TensorError(op, "source has \(source.count) edges, target \(target.count)")
        }
        let outside = { (v: Int32) -> Bool in v < 0 || Int(v) >= n }
        if let bad = source.indices.first(where: { outside(source[$0]) || outside(target[$0]) }) {
            throw TensorError(op, "edge \(bad) (\(source[bad]) -> \(target[bad])) has an endpoint outside 0..<\(n)")
        }
        let scores = try select.scores(x)
        let perm = select.select(scores: scores.scalars, segments)
        let permIndex = Int32Tensor(perm)
        let kept = try scores.indexSelect(axis: 0, permIndex)
        var pooled = try x.indexSelect(axis: 0, permIndex) * kept.reshaped([perm.count, 1])
        if multiplier != 1 { pooled = pooled * multiplier }

        var newId = [Int32](repeating: -1, count: n)
        for (k, node) in perm.enumerated() { newId[Int(node)] = Int32(k) }
        var newSource: [Int32] = [], newTarget: [Int32] = [], keptEdges: [Int32] = []
        for e in source.indices {
            let s = newId[Int(source[e])], t = newId[Int(target[e])]
            guard s >= 0, t >= 0 else { continue }
            newSource.append(s)
            newTarget.append(t)
            keptEdges.append(Int32(e))
        }
        let oldBatch = segments.batch.scalars
        let batch = perm.map { oldBatch[Int($0)] }
        return TopKPoolingOutput(x: pooled, source: newSource, target: newTarget, keptEdges: keptEdges,
                                 batch: batch, perm: perm, score: kept,
                                 segments: try NodeSegments(batch: batch, numNodes: perm.count, size: segments.numGraphs))
    }

    /// Pools the node features `x` of a batch of graphs (edges from `batch.graph`).
    public func callAsFunction(_ x: Tensor, batch: GraphBatch) throws -> TopKPoolingOutput {
        try self(x, source: batch.graph.source, target: batch.graph.target, NodeSegments(batch))
    }

    /// PyG's call: edges, and `batch` node → graph (nil: one graph).
    public func callAsFunction(_ x: Tensor, source: [Int32], target: [Int32], batch: [Int32]?) throws -> TopKPoolingOutput {
        try self(x, source: source, target: target, NodeSegments(batch: batch, numNodes: x.shape.first ?? 0))
    }
}

/// The result of `TopKPooling`: PyG's `(x, edge_index, edge_attr, batch, perm, score)`.
public struct TopKPoolingOutput {
    /// Pooled features `[K, F]`.
    public let x: Tensor
    /// Kept edges renumbered to `0..<K`, in their original order.
    public let source: [Int32]
    public let target: [Int32]
    /// Original position of each kept edge (`edge_attr[keptEdges]` gives the new edge data).
    public let keptEdges: [Int32]
    /// Graph of each kept node, `[K]`, graph by graph.
    public let batch: [Int32]
    /// Original node id of each kept node, `[K]`.
    public let perm: [Int32]
    /// Score `y` of each kept node, `[K]`.
    public let score: Tensor
    /// Segments of the pooled nodes (same number of graphs as the input).
    public let segments: NodeSegments
}
