import TensorCore

extension Graph {
    /// A Barabási–Albert preferential-attachment graph, as networkx's
    /// `barabasi_albert_graph(n, m)`: start from the star on nodes `0...m` (centre 0);
    /// each new node `m+1, ..., n−1` links to `m` distinct existing nodes drawn with
    /// probability proportional to their degree. `m(n − m)` links, `2m(n − m)` directed
    /// edges, connected, no self loops or duplicates. Deterministic for a given `seed`.
    ///
    /// Throws `.usage` unless `1 <= m < n`.
    public static func barabasiAlbert(n: Int, m: Int, seed: UInt64) throws -> Graph {
        try GeneratorCheck.nodes(n, "barabasiAlbert")
        guard m >= 1 && m < n else {
            throw DataError(.usage, "barabasiAlbert: m = \(m) with n = \(n) nodes, expected 1 <= m < n")
        }
        try GeneratorCheck.edges(2 * Double(m) * Double(n - m), "barabasiAlbert")
        var rng = RandomGenerator(seed: seed)
        var e = UndirectedEdges(numNodes: n)
        // Every node appears once per incident link: sampling from it is degree-proportional.
        var repeated: [Int] = []
        for leaf in 1...m {
            e.add(0, leaf)
            repeated.append(0)
            repeated.append(leaf)
        }
        var chosen = Set<Int>()
        var targets: [Int] = []
        for node in (m + 1)..<Swift.max(n, m + 1) {
            chosen.removeAll(keepingCapacity: true)
            targets.removeAll(keepingCapacity: true)
            while targets.count < m {
                let t = repeated[rng.nextInt(below: repeated.count)]
                if chosen.insert(t).inserted { targets.append(t) }
            }
            for t in targets {
                e.add(node, t)
                repeated.append(t)
                repeated.append(node)
            }
        }
        return try e.graph()
    }
}
