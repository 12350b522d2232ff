extension Graph {
    /// The subgraph induced by `nodes`: the edges whose both endpoints are in `nodes`, in
    /// their original order, with their weights and features (PyG
    /// `subgraph(subset, edge_index, edge_attr, relabel_nodes)` / `Data.subgraph`).
    ///
    /// With `relabel` (the default), node `nodes[k]` becomes node `k`: node features,
    /// labels and split masks are taken in that order and `originalNodeIds` records the
    /// ids in the original graph (composed with this graph's own `originalNodeIds`).
    /// Without it the node count and node data stay and only edges are dropped.
    /// Throws `.usage` for an id outside `0..<numNodes` or a repeated id, `.badData` when
    /// attached data do not fit the graph.
    /// - Complexity: O(N + E + k · F).
    public func subgraph(nodes: [Int], relabel: Bool = true) throws -> Graph {
        try checkAttachedData("subgraph")
        var position = [Int32](repeating: -1, count: numNodes)
        for (k, v) in nodes.enumerated() {
            guard v >= 0 && v < numNodes else {
                throw DataError(.usage, "subgraph: node \(v) at position \(k) is out of range 0..<\(numNodes)")
            }
            guard position[v] < 0 else {
                throw DataError(.usage, "subgraph: node \(v) is listed twice (positions \(position[v]) and \(k))")
            }
            position[v] = Int32(truncatingIfNeeded: k)
        }
        let kept = (0..<numEdges).filter { position[Int(source[$0])] >= 0 && position[Int(target[$0])] >= 0 }
        guard relabel else { return try selectingEdges(kept) }

        let ids = nodes.map { Int32(truncatingIfNeeded: $0) }
        var g = try Graph(numNodes: nodes.count,
                          source: kept.map { position[Int(source[$0])] },
                          target: kept.map { position[Int(target[$0])] })
        if let w = edgeWeight { g.edgeWeight = kept.map { w[$0] } }
        if let f = edgeFeatures { g.edgeFeatures = f.selectingRows(kept.map { Int32(truncatingIfNeeded: $0) }) }
        g.nodeFeatures = nodeFeatures?.selectingRows(ids)
        g.nodeLabels = nodeLabels?.selecting(ids)
        g.graphLabel = graphLabel
        g.graphFeatures = graphFeatures
        g.splits = splits.map { s in
            NodeSplit(train: nodes.map { s.train[$0] }, validation: nodes.map { s.validation[$0] },
                      test: nodes.map { s.test[$0] })
        }
        g.originalNodeIds = originalNodeIds.map { old in ids.map { old[Int($0)] } } ?? ids
        return g
    }

    /// The subgraph induced by the nodes where `mask` is true, in increasing id order
    /// (PyG's boolean `subset`). Throws `.usage` unless `mask` has `numNodes` entries.
    public func subgraph(mask: [Bool], relabel: Bool = true) throws -> Graph {
        guard mask.count == numNodes else {
            throw DataError(.usage, "subgraph: mask has \(mask.count) entries for \(numNodes) nodes")
        }
        return try subgraph(nodes: mask.indices.filter { mask[$0] }, relabel: relabel)
    }
}
