/// The data a new self loop gets (PyG's `fill_value` of `add_self_loops`).
public enum SelfLoopFill: Sendable, Equatable {
    /// Every weight / feature entry of the new loops is this value (PyG's float
    /// `fill_value`; its default is 1).
    case value(Float)
    /// Node `i`'s loop gets its incoming edges' data (edges `j -> i`) combined with the
    /// reduction (PyG's string `fill_value`, e.g. `"mean"`); 0 for a node without
    /// incoming edges.
    case incoming(EdgeReduce)
}

extension Graph {
    /// Number of edges `i -> i`.
    public var selfLoopCount: Int { zip(source, target).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) } }

    /// Whether any edge is a self loop (PyG `contains_self_loops`).
    public var hasSelfLoops: Bool { zip(source, target).contains { $0 == $1 } }

    /// Appends one loop `i -> i` for every node after the existing edges, even for nodes
    /// that already have one, as PyG's `add_self_loops(edge_index, edge_attr, fill_value)`.
    /// The loops' weights and feature rows are given by `fill` (default 1).
    /// - Complexity: O(E + N · D).
    public func addingSelfLoops(fill: SelfLoopFill = .value(1)) throws -> Graph {
        try checkAttachedData("add self loops")
        let loops = (0..<numNodes).map { Int32(truncatingIfNeeded: $0) }
        var loopGraph = try withEdges(source: loops, target: loops)
        if let w = edgeWeight { loopGraph.edgeWeight = loopWeights(w, fill) }
        if let f = edgeFeatures { loopGraph.edgeFeatures = try loopFeatures(f, fill) }
        return try appendingEdges(of: loopGraph)
    }

    /// The graph without edges `i -> i`, keeping the other edges in order with their
    /// data (PyG `remove_self_loops`).
    public func removingSelfLoops() throws -> Graph {
        try selectingEdges((0..<numEdges).filter { source[$0] != target[$0] })
    }

    /// Exactly one self loop per node, as PyG's `add_remaining_self_loops`: the non-loop
    /// edges in order, then the loops `0 -> 0, ..., N-1 -> N-1`. A node that already had
    /// a loop keeps that loop's weight and features (the last one if it had several);
    /// the others get `fill`.
    public func addingRemainingSelfLoops(fill: SelfLoopFill = .value(1)) throws -> Graph {
        try checkAttachedData("add remaining self loops")
        let nonLoops = try removingSelfLoops()
        let loops = (0..<numNodes).map { Int32(truncatingIfNeeded: $0) }
        var loopGraph = try withEdges(source: loops, target: loops)
        var existing = [Int?](repeating: nil, count: numNodes)
        for e in 0..<numEdges where source[e] == target[e] { existing[Int(source[e])] = e }
        if let w = edgeWeight {
            var lw = loopWeights(w, fill)
            for i in 0..<numNodes { if let e = existing[i] { lw[i] = w[e] } }
            loopGraph.edgeWeight = lw
        }
        if let f = edgeFeatures {
            let filled = try loopFeatures(f, fill)
            var rows = filled.denseValues()
            for i in 0..<numNodes {
                if let e = existing[i] { rows.replaceSubrange(i * f.cols..<(i + 1) * f.cols, with: f.row(e)) }
            }
            loopGraph.edgeFeatures = .fromDense(rows: numNodes, cols: f.cols, values: rows, sparse: f.isSparse)
        }
        return try nonLoops.appendingEdges(of: loopGraph)
    }

    private func loopWeights(_ w: [Float], _ fill: SelfLoopFill) -> [Float] {
        switch fill {
        case .value(let v):
            return [Float](repeating: v, count: numNodes)
        case .incoming(let reduce):
            let inc = incoming
            return (0..<numNodes).map { i in
                let r = inc.matrix.rowPtr[i]..<inc.matrix.rowPtr[i + 1]
                return r.isEmpty ? 0 : reduce.combine(r.map { w[Int(inc.edgeOrder[$0])] })
            }
        }
    }

    private func loopFeatures(_ f: FeatureMatrix, _ fill: SelfLoopFill) throws -> FeatureMatrix {
        switch fill {
        case .value(let v):
            return .filled(rows: numNodes, cols: f.cols, value: v, sparse: f.isSparse)
        case .incoming(let reduce):
            let inc = incoming
            let groups = (0..<numNodes).map { i in
                inc.edgeOrder[inc.matrix.rowPtr[i]..<inc.matrix.rowPtr[i + 1]].map { Int($0) }[...]
            }
            // A node without incoming edges combines nothing: every reduction gives 0.
            return f.reducingRows(groups, reduce)
        }
    }
}
