/// Which homophily measure `Graph.homophily` computes (PyG `homophily(method=...)`).
public enum HomophilyMethod: String, Sendable, Codable, CaseIterable {
    /// Fraction of edges joining two nodes of the same class (Zhu et al. 2020):
    /// `|{(s,t) ∈ E : y_s = y_t}| / |E|`.
    case edge
    /// Mean over nodes of the fraction of a node's incoming edges that come from its
    /// own class (Pei et al. 2020); a node without incoming edges counts as 0, as in PyG.
    case node
    /// Class-insensitive edge homophily (Lim et al. 2021):
    /// `1/(C−1) · Σ_k max(0, h_k − |C_k|/N)`, where `h_k` is the fraction of edges into
    /// class-k nodes that come from class k (0 when there are none).
    case edgeInsensitive = "edge_insensitive"
}

extension Graph {
    /// The homophily of the node class labels over the edges, matching PyG's
    /// `torch_geometric.utils.homophily(edge_index, y, method=...)`. E.g. edges
    /// `0→1, 1→2, 2→0, 3→4` with labels `[0, 0, 0, 0, 1]` give 0.75 (edge), 0.6 (node)
    /// and 0.2 (edge_insensitive).
    ///
    /// Throws `.usage` when the graph has no class labels (one per node), for `.edge`
    /// on a graph without edges (PyG returns NaN), and for `.edgeInsensitive` with
    /// fewer than two classes.
    public func homophily(_ method: HomophilyMethod = .edge) throws -> Double {
        guard let y = nodeLabels?.classIds, y.count == numNodes else {
            throw DataError(.usage, "homophily: the graph needs one class label per node")
        }
        if let bad = y.firstIndex(where: { $0 < 0 }) {
            throw DataError(.badData, "homophily: node \(bad) has negative class \(y[bad])")
        }
        func same(_ e: Int) -> Bool { y[Int(source[e])] == y[Int(target[e])] }
        switch method {
        case .edge:
            guard numEdges > 0 else { throw DataError(.usage, "homophily: the graph has no edges") }
            return Double((0..<numEdges).filter(same).count) / Double(numEdges)
        case .node:
            guard numNodes > 0 else { return 0 }
            var hits = [Int](repeating: 0, count: numNodes), deg = hits
            for e in 0..<numEdges {
                let t = Int(target[e])
                deg[t] += 1
                if same(e) { hits[t] += 1 }
            }
            let perNode = (0..<numNodes).map { deg[$0] > 0 ? Double(hits[$0]) / Double(deg[$0]) : 0 }
            return perNode.reduce(0, +) / Double(numNodes)
        case .edgeInsensitive:
            let numClasses = Int(y.max() ?? -1) + 1
            guard numClasses >= 2 else {
                throw DataError(.usage, "homophily: edge_insensitive needs at least 2 classes, the labels have \(numClasses)")
            }
            var into = [Int](repeating: 0, count: numClasses), sameInto = into, count = into
            for c in y { count[Int(c)] += 1 }
            for e in 0..<numEdges {
                let k = Int(y[Int(target[e])])
                into[k] += 1
                if same(e) { sameInto[k] += 1 }
            }
            var total = 0.0
            for k in 0..<numClasses {
                let h = into[k] > 0 ? Double(sameInto[k]) / Double(into[k]) : 0
                total += Swift.max(0, h - Double(count[k]) / Double(numNodes))
            }
            return total / Double(numClasses - 1)
        }
    }
}
