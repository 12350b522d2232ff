extension Graph {
    /// Number of edges `j -> i` into each node `i`, `[N]` (PyG `degree(edge_index[1], N)`,
    /// the degree GCN normalises by). Self loops and duplicates count.
    public func inDegree() -> [Int] {
        var d = [Int](repeating: 0, count: numNodes)
        for t in target { d[Int(t)] += 1 }
        return d
    }

    /// Number of edges `i -> j` out of each node `i`, `[N]` (PyG `degree(edge_index[0], N)`).
    public func outDegree() -> [Int] {
        var d = [Int](repeating: 0, count: numNodes)
        for s in source { d[Int(s)] += 1 }
        return d
    }

    /// Nodes that touch no edge other than self loops (PyG `contains_isolated_nodes`
    /// counts the same nodes).
    public var isolatedNodeCount: Int {
        var touched = [Bool](repeating: false, count: numNodes)
        for (s, t) in zip(source, target) where s != t {
            touched[Int(s)] = true
            touched[Int(t)] = true
        }
        return touched.reduce(0) { $0 + ($1 ? 0 : 1) }
    }
}
