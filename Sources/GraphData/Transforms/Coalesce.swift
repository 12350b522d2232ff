extension Graph {
    /// The edges sorted by `(source, target)` with duplicates merged, as PyG's
    /// `torch_geometric.utils.coalesce(edge_index, edge_attr, reduce="sum")`.
    ///
    /// Duplicate edges' weights and feature rows are combined with `reduce` (default
    /// `.sum`, PyG's default). Node data and splits are kept. The result is sorted with
    /// source as the primary key and target as the secondary key, e.g. edges
    /// `[(1,0), (0,2), (1,0), (0,1)]` with weights `[1, 2, 3, 4]` become
    /// `[(0,1), (0,2), (1,0)]` with weights `[4, 2, 4]`.
    /// - Complexity: O(E log E + E · D).
    public func coalesced(reduce: EdgeReduce = .sum) throws -> Graph {
        try checkAttachedData("coalesce")
        if edgeWeight == nil && edgeFeatures == nil { return try withEdges(uniqueSortedKeys()) }
        let groups = coalesceGroups().groups
        var g = try withEdges(source: groups.map { source[$0.first ?? 0] },
                              target: groups.map { target[$0.first ?? 0] })
        if let w = edgeWeight { g.edgeWeight = groups.map { reduce.combine($0.map { w[$0] }) } }
        if let f = edgeFeatures { g.edgeFeatures = f.reducingRows(groups, reduce) }
        return g
    }

    /// Whether the edges are sorted by `(source, target)` without duplicates.
    public var isCoalesced: Bool {
        for e in 1..<Swift.max(numEdges, 1) where key(e - 1) >= key(e) { return false }
        return true
    }

    /// `source * N + target`, the sort key of edge `e` (fits in Int: N ≤ Int32.max).
    func key(_ e: Int) -> Int { Int(source[e]) * numNodes + Int(target[e]) }

    /// The edges sorted by `(source, target)` without duplicates, for graphs with no
    /// edge data to merge: one sort of the keys, no index bookkeeping (the loaders'
    /// path for graphs of millions of edges).
    func uniqueSortedKeys() -> (source: [Int32], target: [Int32]) {
        var keys = (0..<numEdges).map(key)
        keys.sort()
        var src = [Int32](), dst = [Int32]()
        src.reserveCapacity(keys.count)
        dst.reserveCapacity(keys.count)
        let n = Swift.max(numNodes, 1)
        for (k, value) in keys.enumerated() where k == 0 || keys[k - 1] != value {
            src.append(Int32(truncatingIfNeeded: value / n))
            dst.append(Int32(truncatingIfNeeded: value % n))
        }
        return (src, dst)
    }

    /// `withEdges` from a `(source, target)` pair of lists.
    func withEdges(_ edges: (source: [Int32], target: [Int32])) throws -> Graph {
        try withEdges(source: edges.source, target: edges.target)
    }

    /// Edge ids in `(source, target)` order (stable for equal keys) and the runs of
    /// equal keys as slices of that order.
    func coalesceGroups() -> (order: [Int], groups: [ArraySlice<Int>]) {
        let keys = (0..<numEdges).map(key)
        let order = (0..<numEdges).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        var groups: [ArraySlice<Int>] = []
        var start = 0
        for k in 0..<order.count where k == order.count - 1 || keys[order[k]] != keys[order[k + 1]] {
            groups.append(order[start...k])
            start = k + 1
        }
        return (order, groups)
    }
}
