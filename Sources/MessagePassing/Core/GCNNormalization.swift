/// The normalised adjacency of GCN (PyG's `gcn_norm` with `add_remaining_self_loops`):
///
///     Â = D̂^{-1/2} (A + f·I) D̂^{-1/2},   D̂_ii = Σ_j (A + f·I)_ij  (in-degree, by target)
///
/// as a graph (the edges plus one self loop per node) and one weight per edge:
/// `ŵ_ji = d_j^{-1/2} · w_ji · d_i^{-1/2}`, with `d^{-1/2} = 0` where `d = 0`.
///
/// Self loops follow `add_remaining_self_loops`: existing loops are removed from the
/// edge list and every node gets one loop, appended after the other edges in node
/// order, with weight `f` (1, or 2 when `improved`) — or, for a node that had a loop,
/// that loop's weight (the last one, if several). Missing edge weights are ones
/// throughout, so the result always equals PyG's with `edge_weight = ones(E)`.
/// (PyG 2.8 itself, given `edge_weight=None`, gives every loop weight 1 and so ignores
/// `improved`; here `improved` always means `A + 2I`.) The weights are recorded ops, so
/// a gradient reaches the input edge weights.
public struct GCNNormalization {
    /// The graph the weights belong to (with self loops when they were added).
    public let graph: Graph
    /// `ŵ`, `[E']` in the edge order of `graph`.
    public let weight: Tensor

    /// - Parameters:
    ///   - graph: the input edges.
    ///   - edgeWeight: `[E]` in edge order, or nil for ones.
    ///   - improved: loop weight 2 instead of 1.
    ///   - addSelfLoops: add the remaining self loops first (PyG default true).
    public init(_ graph: Graph, edgeWeight: Tensor?, improved: Bool = false, addSelfLoops: Bool = true) throws {
        let n = graph.numNodes
        if let edgeWeight, edgeWeight.shape != [graph.numEdges] {
            throw TensorError("gcnNorm", "edge weights have shape \(edgeWeight.shape), expected [\(graph.numEdges)]")
        }
        var g = graph
        var w = edgeWeight ?? Tensor.ones([graph.numEdges])
        if addSelfLoops {
            let fill: Float = improved ? 2 : 1
            var keep: [Int32] = [], src: [Int32] = [], dst: [Int32] = []
            var loopFrom = [Int32](repeating: -1, count: n)  // edge id of a node's existing loop
            for e in 0..<graph.numEdges {
                let s = graph.source[e], t = graph.target[e]
                if s == t { loopFrom[Int(s)] = Int32(e) } else {
                    keep.append(Int32(e)); src.append(s); dst.append(t)
                }
            }
            let nodes = (0..<Int32(n)).map { $0 }
            g = try Graph(numNodes: n, source: src + nodes, target: dst + nodes)
            // Loop weights: the fill value, or the weight of the node's existing loop.
            // Missing weights are ones, so an existing loop keeps weight 1 (not `fill`).
            let loops: Tensor
            if loopFrom.contains(where: { $0 >= 0 }) {
                let mask = Tensor(loopFrom.map { $0 >= 0 ? 1 : 0 })
                let picked = try w.indexSelect(axis: 0, Int32Tensor(loopFrom.map { Swift.max($0, 0) }))
                loops = try picked * mask + (1 - mask) * fill
            } else {
                loops = Tensor.full([n], fill)
            }
            w = try Tensor.concat([w.indexSelect(axis: 0, Int32Tensor(keep)), loops], axis: 0)
        }
        let degree = try Tensor.scatter(w.reshaped([g.numEdges, 1]), index: Int32Tensor(g.target), dimSize: n, reduce: .sum)
            .reshaped([n])
        // d^{-1/2}, 0 where d = 0, without an infinite intermediate (finite gradients).
        let positive = degree.gt(0)
        let safe = try degree * positive + (1 - positive)
        let inverseRoot = try safe.rsqrt() * positive
        let left = try inverseRoot.indexSelect(axis: 0, Int32Tensor(g.source))
        let right = try inverseRoot.indexSelect(axis: 0, Int32Tensor(g.target))
        self.graph = g
        self.weight = try left * w * right
    }

    /// The normalisation of `graph`: for an unweighted graph (`edgeWeight` nil) computed
    /// once per topology and cached on it (`Graph.derivedWeightedTopology`), so the layers of
    /// a network, their backward passes and later calls on copies of the graph share one
    /// computation; with edge weights computed afresh (the weights may require gradients).
    /// The result is the same as `init(_:edgeWeight:improved:addSelfLoops:)`'s.
    public static func of(_ graph: Graph, edgeWeight: Tensor?, improved: Bool = false,
                          addSelfLoops: Bool = true) throws -> GCNNormalization {
        if let edgeWeight {
            return try GCNNormalization(graph, edgeWeight: edgeWeight, improved: improved, addSelfLoops: addSelfLoops)
        }
        let normalized = try graph.derivedWeightedTopology(topologyKey(improved: improved, addSelfLoops: addSelfLoops)) { g in
            let norm = try GCNNormalization(g, edgeWeight: nil, improved: improved, addSelfLoops: addSelfLoops)
            // Topology and weights only: the cache must not keep the node features alive.
            var bare = try Graph(numNodes: g.numNodes, source: norm.graph.source, target: norm.graph.target)
            bare.edgeWeight = norm.weight.scalars
            return bare
        }
        return GCNNormalization(graph: normalized, weight: Tensor(normalized.edgeWeight ?? []))
    }

    /// The key `of` caches the normalisation under (`Graph.derivedWeightedTopology`).
    static func topologyKey(improved: Bool, addSelfLoops: Bool) -> String {
        "gcn normalisation, loops \(addSelfLoops ? (improved ? "2" : "1") : "none")"
    }

    private init(graph: Graph, weight: Tensor) {
        self.graph = graph
        self.weight = weight
    }

    /// The same normalisation with the weights cut from the autograd graph: what a layer
    /// caches (`cached: true`), so later steps neither back-propagate through a released
    /// graph nor into the first call's edge weights.
    public func detached() -> GCNNormalization {
        GCNNormalization(graph: graph, weight: weight.detach())
    }
}
