/// What a self loop added by `AttentionSelfLoops` carries as edge features (PyG's
/// `fill_value` of `add_self_loops`).
public enum SelfLoopFill: Sendable, Equatable {
    /// Every loop gets this constant in every feature.
    case constant(Float)
    /// Node `i`'s loop gets the reduction (sum, mean, max, min) of the features of the
    /// edges into `i` (0 for a node without incoming edges). PyG's `'add'`, `'mean'`,
    /// `'max'`, `'min'`; GAT's default is `'mean'`.
    case reduce(SegmentReduction)

    /// PyG's default for GAT, GATv2.
    public static let mean = SelfLoopFill.reduce(.mean)
}

/// PyG's `remove_self_loops` followed by `add_self_loops(fill_value:)`, as GAT uses it:
/// every existing loop is dropped, the other edges keep their order, and one loop per
/// node is appended, in node order:
///
///     edges' = [(j, i) ∈ edges : j ≠ i] ++ [(0, 0), (1, 1), ..., (N−1, N−1)]
///
/// Edge features `[E, D]` (edge order) follow: kept rows, then one row per loop from
/// `fill` (a reduction over the kept edges into the node, by target). Built from
/// recorded ops, so gradients reach the input edge features.
public enum AttentionSelfLoops {
    /// - Returns: the new graph (node data kept, edge data dropped) and its edge
    ///   features `[E', D]` (nil when none were given).
    public static func apply(_ graph: Graph, edgeFeatures: Tensor?, fill: SelfLoopFill = .mean) throws -> (graph: Graph, edgeFeatures: Tensor?) {
        let n = graph.numNodes
        if let edgeFeatures, edgeFeatures.rank != 2 || edgeFeatures.shape[0] != graph.numEdges {
            throw TensorError("addSelfLoops", "edge features have shape \(edgeFeatures.shape), expected [\(graph.numEdges), D]")
        }
        guard let edgeFeatures else {
            // Topology only: built once per graph and cached with its adjacency, so a
            // training loop does not rebuild the graph, its CSR and its transpose every call.
            return (try graph.derivedTopology("attention self loops") { try withUniformSelfLoops($0).graph }, nil)
        }
        let (g, keep, dst) = try withUniformSelfLoops(graph)
        let kept = try edgeFeatures.indexSelect(axis: 0, Int32Tensor(keep))
        let loops: Tensor
        switch fill {
        case .constant(let v):
            loops = Tensor.full([n, edgeFeatures.shape[1]], v)
        case .reduce(let r):
            loops = try Tensor.scatter(kept, index: Int32Tensor(dst), dimSize: n, reduce: r)
        }
        return (g, try Tensor.concat([kept, loops], axis: 0))
    }

    /// `graph` without its self loops, then one loop per node appended (PyG's
    /// `remove_self_loops` + `add_self_loops`), with the kept edge ids and their targets.
    static func withUniformSelfLoops(_ graph: Graph) throws -> (graph: Graph, keep: [Int32], dst: [Int32]) {
        var keep: [Int32] = [], src: [Int32] = [], dst: [Int32] = []
        for e in 0..<graph.numEdges where graph.source[e] != graph.target[e] {
            keep.append(Int32(e)); src.append(graph.source[e]); dst.append(graph.target[e])
        }
        let nodes = (0..<Int32(graph.numNodes)).map { $0 }
        return (try graph.withEdges(source: src + nodes, target: dst + nodes), keep, dst)
    }
}
