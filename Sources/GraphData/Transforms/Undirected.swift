extension Graph {
    /// Every edge in both directions, coalesced, as PyG's
    /// `to_undirected(edge_index, edge_attr, reduce="sum")`: the edges and their reverses
    /// are concatenated (edge data duplicated), then merged with `reduce`. So with the
    /// default `.sum`, an edge stored in both directions ends up with the sum of the two
    /// weights in each direction, and a self loop with twice its weight.
    public func toUndirected(reduce: EdgeReduce = .sum) throws -> Graph {
        try appendingEdges(of: reversed()).coalesced(reduce: reduce)
    }

    /// Whether for every edge `s -> t` the edge `t -> s` exists, with equal weight and
    /// features after coalescing (duplicates summed), as PyG's `is_undirected`.
    public var isUndirected: Bool {
        guard let c = try? coalesced() else { return false }
        let keys = (0..<c.numEdges).map(c.key)
        for e in 0..<c.numEdges {
            let reverse = Int(c.target[e]) * numNodes + Int(c.source[e])
            guard let r = Graph.binarySearch(keys, reverse) else { return false }
            if let w = c.edgeWeight, w[e] != w[r] { return false }
            if let f = c.edgeFeatures, f.row(e) != f.row(r) { return false }
        }
        return true
    }

    /// Index of `value` in the ascending array `keys`, or nil.
    static func binarySearch(_ keys: [Int], _ value: Int) -> Int? {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == value ? lo : nil
    }
}
