/// A mini-batch of graphs ready for a graph-level model: the disjoint union, its node
/// features `[N, F]`, which graph owns each node, and the dataset indices of the graphs.
/// `edgeTypes`, when the graphs carry relation ids, is `[E]` of the union: graph by graph
/// in batch order, each graph's in its own edge order (the union's edge order).
struct GraphMiniBatch {
    let graph: Graph
    let x: Tensor
    let segments: NodeSegments
    let indices: [Int]
    var edgeTypes: [Int32]? = nil

    /// `graphs[indices]` in batches of `size`, in that order. Every graph needs node
    /// features. `edgeTypes[k]`, if given, holds one relation per edge of `graphs[k]`.
    static func batches(of graphs: [Graph], _ indices: [Int], size: Int,
                        edgeTypes: [[Int32]]? = nil) throws -> [GraphMiniBatch] {
        try parts(of: indices, size: size).map { try GraphMiniBatch(of: graphs, $0, edgeTypes: edgeTypes) }
    }

    /// `indices` cut into consecutive runs of `size` (the last may be shorter).
    static func parts(of indices: [Int], size: Int) -> [[Int]] {
        stride(from: 0, to: indices.count, by: size).map { Array(indices[$0..<Swift.min($0 + size, indices.count)]) }
    }

    /// The batch of `graphs[part]`, in that order.
    init(of graphs: [Graph], _ part: [Int], edgeTypes: [[Int32]]? = nil) throws {
        let union = try GraphBatch(part.map { graphs[$0] })
        guard let features = union.graph.nodeFeatures else {
            throw TrainingError(.invalidInput, "graph batch", "graphs \(part) have no node features")
        }
        graph = union.graph
        x = features.tensor()
        segments = try NodeSegments(union)
        indices = part
        if let edgeTypes {
            var types: [Int32] = []
            types.reserveCapacity(union.graph.numEdges)
            for k in part {
                guard k < edgeTypes.count, edgeTypes[k].count == graphs[k].numEdges else {
                    throw TrainingError(.invalidInput, "graph batch",
                                        "graph \(k) has \(graphs[k].numEdges) edges but \(k < edgeTypes.count ? edgeTypes[k].count : 0) edge types")
                }
                types += edgeTypes[k]
            }
            self.edgeTypes = types
        }
    }
}
