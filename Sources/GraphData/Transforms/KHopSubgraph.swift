/// Direction in which messages flow, PyG's `flow` argument.
public enum MessageFlow: String, Sendable, Codable {
    /// Messages go from `source` to `target`: the k-hop neighbourhood of a node is the
    /// set of nodes with a path of at most k edges *into* it (PyG's default).
    case sourceToTarget = "source_to_target"
    /// The reverse: nodes reachable from the seed along at most k edges.
    case targetToSource = "target_to_source"
}

/// The result of `Graph.kHopSubgraph`, PyG's `(subset, edge_index, mapping, edge_mask)`.
public struct KHopSubgraph: Sendable {
    /// The nodes within `hops` of a seed, in increasing id order.
    public var subset: [Int32]
    /// The subgraph induced by `subset`, relabelled (node `subset[k]` is node `k`).
    public var graph: Graph
    /// Position in `subset` of each seed, in the order the seeds were given.
    public var mapping: [Int32]
    /// `[E]` over the original edges: which ones are in `graph`.
    public var edgeMask: [Bool]
}

extension Graph {
    /// The nodes within `hops` hops of `seeds` and the subgraph they induce, as PyG's
    /// `k_hop_subgraph(node_idx, num_hops, edge_index, relabel_nodes=True, flow=...)`
    /// with `directed=False` (every edge between two kept nodes is kept).
    ///
    /// With `.sourceToTarget`, hop 1 of node v is every u with an edge `u -> v`.
    /// `hops == 0` gives the seeds alone. Repeated seeds are allowed. Throws `.usage` for
    /// negative `hops`, no seeds, or a seed outside `0..<numNodes`.
    /// - Complexity: O(N + E) after the adjacency is built.
    public func kHopSubgraph(seeds: [Int], hops: Int, flow: MessageFlow = .sourceToTarget) throws -> KHopSubgraph {
        guard hops >= 0 else { throw DataError(.usage, "k-hop subgraph: hops is \(hops), expected >= 0") }
        guard !seeds.isEmpty else { throw DataError(.usage, "k-hop subgraph: no seed nodes") }
        if let bad = seeds.first(where: { $0 < 0 || $0 >= numNodes }) {
            throw DataError(.usage, "k-hop subgraph: seed \(bad) is out of range 0..<\(numNodes)")
        }
        let adjacency = flow == .sourceToTarget ? incoming : outgoing
        var inSubset = [Bool](repeating: false, count: numNodes)
        var frontier: [Int] = []
        for s in seeds where !inSubset[s] {
            inSubset[s] = true
            frontier.append(s)
        }
        for _ in 0..<hops where !frontier.isEmpty {
            var next: [Int] = []
            for v in frontier {
                for u in adjacency.neighbors(v) where !inSubset[Int(u)] {
                    inSubset[Int(u)] = true
                    next.append(Int(u))
                }
            }
            frontier = next
        }
        let subset = inSubset.indices.filter { inSubset[$0] }
        var position = [Int32](repeating: -1, count: numNodes)
        for (k, v) in subset.enumerated() { position[v] = Int32(truncatingIfNeeded: k) }
        let graph = try subgraph(nodes: subset, relabel: true)
        return KHopSubgraph(subset: subset.map { Int32(truncatingIfNeeded: $0) }, graph: graph,
                            mapping: seeds.map { position[$0] },
                            edgeMask: (0..<numEdges).map { inSubset[Int(source[$0])] && inSubset[Int(target[$0])] })
    }
}
