import TensorCore

/// A list of directed node pairs `source[k] -> target[k]` (sampled negatives, edges to
/// score), PyG's `[2, K]` `edge_label_index`.
public struct EdgePairs: Sendable, Equatable {
    public var source: [Int32]
    public var target: [Int32]

    public init(source: [Int32], target: [Int32]) {
        self.source = source
        self.target = target
    }

    public var count: Int { source.count }
}

extension Graph {
    /// Random node pairs that are not edges of this graph, as PyG's
    /// `negative_sampling(edge_index, num_nodes, num_neg_samples, force_undirected)`.
    ///
    /// Pairs are distinct, never an existing edge `s -> t`, and never a self loop unless
    /// `allowSelfLoops`. `count` defaults to `numEdges` (PyG's default). With
    /// `forceUndirected`, `count / 2` unordered pairs `{u, v}` with neither `u -> v` nor
    /// `v -> u` in the graph are drawn and returned as all the `u -> v` (u < v) followed by
    /// all the `v -> u`. Where PyG may return fewer samples than asked, this returns
    /// exactly `min(count, available)` pairs. Deterministic for a given `seed`.
    /// - Complexity: O(E + count) expected.
    public func negativeSampling(count: Int? = nil, allowSelfLoops: Bool = false,
                                 forceUndirected: Bool = false, seed: UInt64) throws -> EdgePairs {
        let requested = count ?? numEdges
        guard requested >= 0 else { throw DataError(.usage, "negative sampling: count \(requested) is negative") }
        let n = numNodes
        var rng = RandomGenerator(seed: seed)
        // Candidates are keys u * n + v; the population is the ordered pairs (u != v unless
        // self loops are allowed), or the pairs u < v (u <= v) when undirected.
        let (population, overflow) = n.multipliedReportingOverflow(by: n)
        guard !overflow else { throw DataError(.usage, "negative sampling: \(n) nodes is too many") }
        func admissible(_ u: Int, _ v: Int) -> Bool {
            if u == v { return allowSelfLoops }
            return forceUndirected ? u < v : true
        }
        var existing = Set<Int>()
        for (s, t) in zip(source, target) {
            var (u, v) = (Int(s), Int(t))
            if forceUndirected && u > v { swap(&u, &v) }
            if admissible(u, v) { existing.insert(u * n + v) }
        }
        let loops = allowSelfLoops ? n : 0
        let size = forceUndirected ? (population - n) / 2 + loops : population - n + loops
        let available = size - existing.count
        let want = Swift.min(forceUndirected ? requested / 2 : requested, available)
        var picked: [Int] = []
        picked.reserveCapacity(want)
        if want > 0 && want * 2 > available {
            // Dense: list every free pair and take a random `want` of them.
            var free: [Int] = []
            free.reserveCapacity(available)
            for u in 0..<n { for v in 0..<n where admissible(u, v) && !existing.contains(u * n + v) { free.append(u * n + v) } }
            for k in 0..<want {
                free.swapAt(k, k + rng.nextInt(below: free.count - k))
                picked.append(free[k])
            }
        } else if want > 0 {
            var taken = existing
            while picked.count < want {
                let u = rng.nextInt(below: n), v = rng.nextInt(below: n)
                guard admissible(u, v), taken.insert(u * n + v).inserted else { continue }
                picked.append(u * n + v)
            }
        }
        var src = picked.map { Int32(truncatingIfNeeded: $0 / Swift.max(n, 1)) }
        var dst = picked.map { Int32(truncatingIfNeeded: $0 % Swift.max(n, 1)) }
        if forceUndirected { (src, dst) = (src + dst, dst + src) }
        return EdgePairs(source: src, target: dst)
    }
}
