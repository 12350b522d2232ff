import TensorCore

extension Graph {
    /// A stochastic block model (networkx `stochastic_block_model(sizes, p)`, PyG
    /// `stochastic_blockmodel_graph`): nodes are numbered block by block; two distinct
    /// nodes in blocks i and j are linked independently with probability
    /// `edgeProbabilities[i][j]`; no self loops. The block of each node is stored as its
    /// class label (`nodeLabels`). Undirected (the default) needs a symmetric matrix and
    /// stores both directions, coalesced; `directed` draws each ordered pair.
    /// Deterministic for a given `seed`.
    ///
    /// Throws `.usage` for negative sizes, a matrix that is not `k x k`, not symmetric
    /// (undirected), or has entries outside `0...1`.
    public static func stochasticBlockModel(blockSizes: [Int], edgeProbabilities: [[Double]],
                                            directed: Bool = false, seed: UInt64) throws -> Graph {
        let k = blockSizes.count
        if let bad = blockSizes.firstIndex(where: { $0 < 0 }) {
            throw DataError(.usage, "stochasticBlockModel: block \(bad) has negative size \(blockSizes[bad])")
        }
        var n = 0
        for s in blockSizes {
            let (sum, overflow) = n.addingReportingOverflow(s)
            guard !overflow else { throw DataError(.usage, "stochasticBlockModel: block sizes \(blockSizes) overflow") }
            n = sum
        }
        try GeneratorCheck.nodes(n, "stochasticBlockModel")
        guard edgeProbabilities.count == k, edgeProbabilities.allSatisfy({ $0.count == k }) else {
            throw DataError(.usage, "stochasticBlockModel: edge probabilities are \(edgeProbabilities.count) x \(edgeProbabilities.map(\.count)), expected \(k) x \(k) for \(k) blocks")
        }
        for i in 0..<k {
            for j in 0..<k {
                try GeneratorCheck.probability(edgeProbabilities[i][j], "stochasticBlockModel", "p[\(i)][\(j)]")
                if !directed && edgeProbabilities[i][j] != edgeProbabilities[j][i] {
                    throw DataError(.usage, "stochasticBlockModel: p[\(i)][\(j)] = \(edgeProbabilities[i][j]) but p[\(j)][\(i)] = \(edgeProbabilities[j][i]); an undirected model needs a symmetric matrix")
                }
            }
        }
        var expected = 0.0
        for i in 0..<k {
            for j in 0..<k {
                expected += edgeProbabilities[i][j] * Double(blockSizes[i]) * Double(i == j ? blockSizes[i] - 1 : blockSizes[j])
            }
        }
        try GeneratorCheck.edges(expected, "stochasticBlockModel")
        var start = [0]
        for s in blockSizes { start.append(start[start.count - 1] + s) }
        var rng = RandomGenerator(seed: seed)
        var graph: Graph
        if directed {
            var source: [Int32] = [], target: [Int32] = []
            for u in 0..<n {
                let bu = start.lastIndex(where: { $0 <= u }) ?? 0
                for j in 0..<k {
                    let (lo, size) = (start[j], blockSizes[j])
                    for t in rng.bernoulliIndices(count: size, p: edgeProbabilities[bu][j]) where lo + t != u {
                        source.append(Int32(truncatingIfNeeded: u))
                        target.append(Int32(truncatingIfNeeded: lo + t))
                    }
                }
            }
            graph = try Graph(numNodes: n, source: source, target: target)
        } else {
            var e = UndirectedEdges(numNodes: n)
            for i in 0..<k {
                let si = blockSizes[i]
                for idx in rng.bernoulliIndices(count: si * Swift.max(si - 1, 0) / 2, p: edgeProbabilities[i][i]) {
                    let (v, w) = triangularPair(idx)
                    e.add(start[i] + w, start[i] + v)
                }
                for j in (i + 1)..<Swift.max(k, i + 1) {
                    let sj = blockSizes[j]
                    for idx in rng.bernoulliIndices(count: si * sj, p: edgeProbabilities[i][j]) {
                        e.add(start[i] + idx / sj, start[j] + idx % sj)
                    }
                }
            }
            graph = try e.graph()
        }
        var labels: [Int32] = []
        for (b, s) in blockSizes.enumerated() { labels += [Int32](repeating: Int32(truncatingIfNeeded: b), count: s) }
        graph.nodeLabels = .classes(labels)
        return graph
    }
}
