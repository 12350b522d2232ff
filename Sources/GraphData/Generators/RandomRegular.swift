import TensorCore

extension Graph {
    /// A random `d`-regular simple graph on `n` nodes (networkx
    /// `random_regular_graph(d, n)`): the pairing model of Steger and Wormald, each node
    /// contributing `d` stubs, stubs shuffled and paired; pairs that would make a self
    /// loop or a duplicate are re-paired among themselves, and the whole attempt is
    /// restarted (up to `maxAttempts` times) when no valid pair is left. Every node has
    /// degree exactly `d`; `n·d/2` links, `n·d` directed edges. Deterministic for a given
    /// `seed`.
    ///
    /// Throws `.usage` when `n·d` is odd, `d < 0` or `d >= n` (a simple d-regular graph
    /// does not exist), or when every attempt failed.
    public static func randomRegular(n: Int, d: Int, seed: UInt64, maxAttempts: Int = 1000) throws -> Graph {
        try GeneratorCheck.nodes(n, "randomRegular")
        guard d >= 0 && d < n || (d == 0 && n == 0) else {
            throw DataError(.usage, "randomRegular: degree d = \(d) with n = \(n) nodes, expected 0 <= d < n")
        }
        guard (n * d) % 2 == 0 else {
            throw DataError(.usage, "randomRegular: n * d = \(n) * \(d) = \(n * d) is odd; a d-regular graph needs n * d even")
        }
        try GeneratorCheck.edges(Double(n) * Double(d), "randomRegular")
        var rng = RandomGenerator(seed: seed)
        for _ in 0..<Swift.max(maxAttempts, 1) {
            if let links = attemptRegular(n: n, d: d, &rng) {
                var e = UndirectedEdges(numNodes: n)
                for (u, v) in links { e.add(u, v) }
                return try e.graph()
            }
        }
        throw DataError(.usage, "randomRegular: no \(d)-regular graph on \(n) nodes found in \(maxAttempts) attempts; try another seed")
    }

    /// One pairing attempt; nil when it gets stuck.
    private static func attemptRegular(n: Int, d: Int, _ rng: inout RandomGenerator) -> [(Int, Int)]? {
        var links = Set<Int>()
        var stubs: [Int] = []
        stubs.reserveCapacity(n * d)
        for v in 0..<n { for _ in 0..<d { stubs.append(v) } }
        while !stubs.isEmpty {
            for i in stride(from: stubs.count - 1, to: 0, by: -1) { stubs.swapAt(i, rng.nextInt(below: i + 1)) }
            var leftover: [Int] = []
            for k in stride(from: 0, to: stubs.count - 1, by: 2) {
                let u = Swift.min(stubs[k], stubs[k + 1]), v = Swift.max(stubs[k], stubs[k + 1])
                if u != v && !links.contains(u * n + v) {
                    links.insert(u * n + v)
                } else {
                    leftover.append(u)
                    leftover.append(v)
                }
            }
            if !leftover.isEmpty {
                // Stuck unless some pair of leftover nodes could still be linked.
                let nodes = Array(Set(leftover))
                var possible = false
                search: for a in 0..<nodes.count {
                    for b in (a + 1)..<nodes.count {
                        let u = Swift.min(nodes[a], nodes[b]), v = Swift.max(nodes[a], nodes[b])
                        if !links.contains(u * n + v) { possible = true; break search }
                    }
                }
                if !possible { return nil }
            }
            stubs = leftover.sorted()
        }
        return links.sorted().map { ($0 / n, $0 % n) }
    }
}
