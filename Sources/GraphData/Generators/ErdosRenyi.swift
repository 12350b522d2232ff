import TensorCore

extension Graph {
    /// The G(n, p) random graph (networkx `gnp_random_graph` / PyG
    /// `erdos_renyi_graph`): each of the `n(n−1)/2` unordered pairs (`n(n−1)` ordered
    /// pairs when `directed`) is an edge independently with probability `p`; no self
    /// loops. Undirected graphs store both directions, coalesced. Expected directed edge
    /// count: `p · n(n−1)` either way. Deterministic for a given `seed`.
    ///
    /// Throws `.usage` for negative `n`, `p` outside `0...1`, or more than 2^27 expected
    /// edges.
    /// - Complexity: O(n + E) expected (geometric skipping over the pairs).
    public static func erdosRenyi(n: Int, p: Double, directed: Bool = false, seed: UInt64) throws -> Graph {
        try GeneratorCheck.nodes(n, "erdosRenyi")
        try GeneratorCheck.probability(p, "erdosRenyi")
        let ordered = n * Swift.max(n - 1, 0)
        try GeneratorCheck.edges(p * Double(ordered), "erdosRenyi")
        var rng = RandomGenerator(seed: seed)
        if directed {
            var source: [Int32] = [], target: [Int32] = []
            for k in rng.bernoulliIndices(count: ordered, p: p) {
                let u = k / (n - 1), j = k % (n - 1)
                source.append(Int32(truncatingIfNeeded: u))
                target.append(Int32(truncatingIfNeeded: j < u ? j : j + 1))
            }
            return try Graph(numNodes: n, source: source, target: target)
        }
        var e = UndirectedEdges(numNodes: n)
        for k in rng.bernoulliIndices(count: ordered / 2, p: p) {
            let (v, w) = triangularPair(k)
            e.add(w, v)
        }
        return try e.graph()
    }
}
