/// Weakly connected components of a graph (edge directions ignored).
public struct ConnectedComponents: Sendable, Equatable {
    /// Number of components (an isolated node is one).
    public var count: Int
    /// `[N]`: the component of each node. Components are numbered in order of their
    /// smallest node id, so node 0 is always in component 0.
    public var labels: [Int32]
    /// `[count]`: nodes per component.
    public var sizes: [Int]
}

extension Graph {
    /// The weakly connected components (scipy's `connected_components(connection="weak")`
    /// as PyG's `LargestConnectedComponents` uses it), by union-find.
    /// - Complexity: O((N + E) α(N)).
    public func connectedComponents() -> ConnectedComponents {
        var parent = Array(0..<numNodes)
        func find(_ x: Int) -> Int {
            var r = x
            while parent[r] != r { r = parent[r] }
            var y = x
            while parent[y] != r { (y, parent[y]) = (parent[y], r) }
            return r
        }
        for (s, t) in zip(source, target) {
            let a = find(Int(s)), b = find(Int(t))
            if a != b { parent[Swift.max(a, b)] = Swift.min(a, b) }
        }
        var labelOfRoot = [Int32](repeating: -1, count: numNodes)
        var labels = [Int32](repeating: 0, count: numNodes)
        var sizes: [Int] = []
        for v in 0..<numNodes {
            let r = find(v)
            if labelOfRoot[r] < 0 {
                labelOfRoot[r] = Int32(truncatingIfNeeded: sizes.count)
                sizes.append(0)
            }
            labels[v] = labelOfRoot[r]
            sizes[Int(labelOfRoot[r])] += 1
        }
        return ConnectedComponents(count: sizes.count, labels: labels, sizes: sizes)
    }

    /// The subgraph induced by the `components` largest weakly connected components, as
    /// PyG's `LargestConnectedComponents(num_components)` transform: nodes stay in
    /// increasing id order and are relabelled (`originalNodeIds` records them). When the
    /// graph has no more than `components` components it is returned unchanged, as in
    /// PyG. Ties in size are broken towards the component with the smaller node ids.
    /// Throws `.usage` when `components < 1`.
    public func largestConnectedComponent(components: Int = 1) throws -> Graph {
        guard components >= 1 else {
            throw DataError(.usage, "largest connected component: components is \(components), expected >= 1")
        }
        let cc = connectedComponents()
        if cc.count <= components { return self }
        let ranked = cc.sizes.indices.sorted { cc.sizes[$0] != cc.sizes[$1] ? cc.sizes[$0] > cc.sizes[$1] : $0 < $1 }
        var keep = [Bool](repeating: false, count: cc.count)
        for c in ranked.prefix(components) { keep[c] = true }
        return try subgraph(mask: cc.labels.map { keep[Int($0)] })
    }
}
