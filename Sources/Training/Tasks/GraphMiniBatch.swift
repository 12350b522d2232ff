/// A mini-batch of graphs ready for a graph-level model: the disjoint union, its node
/// features `[N, F]`, which graph owns each node, and the dataset indices of the graphs.
struct GraphMiniBatch {
    let graph: Graph
    let x: Tensor
    let segments: NodeSegments
    let indices: [Int]

    /// `graphs[indices]` in batches of `size`, in that order. Every graph needs node features.
    static func batches(of graphs: [Graph], _ indices: [Int], size: Int) throws -> [GraphMiniBatch] {
        try stride(from: 0, to: indices.count, by: size).map { start in
            let part = Array(indices[start..<Swift.min(start + size, indices.count)])
            let union = try GraphBatch(part.map { graphs[$0] })
            guard let features = union.graph.nodeFeatures else {
                throw TrainingError(.invalidInput, "graph batch", "graphs \(part) have no node features")
            }
            return GraphMiniBatch(graph: union.graph, x: features.tensor(), segments: try NodeSegments(union),
                                  indices: part)
        }
    }
}
