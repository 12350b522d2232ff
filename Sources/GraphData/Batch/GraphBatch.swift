/// Several graphs as one disjoint union, PyG's `Batch`: node and edge data are stacked
/// in graph order, edge endpoints shifted by the node offset of their graph.
///
/// With graphs of `n_0, n_1, ...` nodes:
/// - `graph.numNodes = Σ n_k`; edges of graph `k` map `i -> i + ptr[k]`;
/// - `batch[i]` = the graph of node `i` (`[N]`), `ptr` = node offsets (`[G + 1]`),
///   `edgePtr` = edge offsets (`[G + 1]`);
/// - `graphLabels` stacks the per-graph labels (`[G]` classes or `[G, T]` targets),
///   `graphFeatures` the per-graph feature vectors (`[G, D]`).
///
/// Every optional field must be present on all graphs or on none (with the same column
/// count), so `unbatch()` gives back the input graphs exactly.
/// - Complexity: O(N + E + size of the attached data).
public struct GraphBatch: Sendable {
    /// The disjoint union; its `graphLabel` and `graphFeatures` are nil.
    public let graph: Graph
    /// Graph id of each node, `[N]`.
    public let batch: [Int32]
    /// Node offsets, `[G + 1]`: graph `k` owns nodes `ptr[k]..<ptr[k+1]`.
    public let ptr: [Int32]
    /// Edge offsets, `[G + 1]`: graph `k` owns edges `edgePtr[k]..<edgePtr[k+1]`.
    public let edgePtr: [Int32]
    /// Per-graph labels stacked: `.classes([G])` or `.targets([G, T])`; nil if none.
    public let graphLabels: Labels?
    /// Per-graph features stacked, `[G, D]`; nil if none.
    public let graphFeatures: FeatureMatrix?

    /// Number of graphs `G`.
    public var numGraphs: Int { ptr.count - 1 }

    /// The union of `graphs`. Throws when they disagree on which data they carry or on
    /// its column count, or when the union exceeds Int32 ids.
    public init(_ graphs: [Graph]) throws {
        try GraphBatch.checkCompatible(graphs)
        self.init(checked: graphs)
    }

    /// Checks that `graphs` can be batched together (see `init`).
    static func checkCompatible(_ graphs: [Graph]) throws {
        guard let first = graphs.first else { return }
        func same<T: Equatable>(_ what: String, _ key: (Graph) -> T) throws {
            let want = key(first)
            if let bad = graphs.firstIndex(where: { key($0) != want }) {
                throw DataError("batch: graph \(bad) differs from graph 0 in \(what)")
            }
        }
        try same("edge weights (present or not)") { $0.edgeWeight == nil }
        try same("edge feature columns") { $0.edgeFeatures.map { [$0.cols] } ?? [] }
        try same("node feature columns") { $0.nodeFeatures.map { [$0.cols] } ?? [] }
        try same("node label kind") { LabelShape($0.nodeLabels) }
        try same("graph label kind") { LabelShape($0.graphLabel) }
        try same("graph feature count") { $0.graphFeatures.map { [$0.count] } ?? [] }
        try same("number of node splits") { $0.splits.count }
        try same("original node ids (present or not)") { $0.originalNodeIds == nil }
        for (k, g) in graphs.enumerated() where g.graphLabel != nil && g.graphLabel?.count != 1 {
            throw DataError("batch: graph \(k) has \(g.graphLabel?.count ?? 0) graph label rows, expected 1")
        }
        var nodes = 0, edges = 0
        for g in graphs {
            nodes += g.numNodes
            edges += g.numEdges
            guard nodes <= Int(Int32.max), edges <= Int(Int32.max) else {
                throw DataError("batch: \(nodes) nodes / \(edges) edges exceed Int32 ids")
            }
        }
    }

    /// Shape of a label value: absent, classes, or targets with `cols` columns.
    struct LabelShape: Equatable {
        let kind: Int, cols: Int
        init(_ labels: Labels?) {
            switch labels {
            case nil: kind = 0; cols = 0
            case .classes: kind = 1; cols = 0
            case .targets(let m): kind = 2; cols = m.cols
            }
        }
    }

    /// The union of graphs already checked by `checkCompatible`.
    init(checked graphs: [Graph]) {
        var ptr: [Int32] = [0], edgePtr: [Int32] = [0], batch: [Int32] = []
        var source: [Int32] = [], target: [Int32] = []
        for (k, g) in graphs.enumerated() {
            let offset = ptr[k]
            source.append(contentsOf: g.source.map { $0 + offset })
            target.append(contentsOf: g.target.map { $0 + offset })
            batch.append(contentsOf: repeatElement(Int32(k), count: g.numNodes))
            ptr.append(offset + Int32(g.numNodes))
            edgePtr.append(edgePtr[k] + Int32(g.numEdges))
        }
        // Checked: ids fit in Int32 and every endpoint is inside its graph's range.
        var union = try! Graph(numNodes: Int(ptr[graphs.count]), source: source, target: target)
        let first = graphs.first
        if first?.edgeWeight != nil { union.edgeWeight = graphs.flatMap { $0.edgeWeight ?? [] } }
        if first?.edgeFeatures != nil { union.edgeFeatures = try? FeatureMatrix.vstack(graphs.compactMap(\.edgeFeatures)) }
        if first?.nodeFeatures != nil { union.nodeFeatures = try? FeatureMatrix.vstack(graphs.compactMap(\.nodeFeatures)) }
        union.nodeLabels = GraphBatch.stack(graphs.compactMap(\.nodeLabels), present: first?.nodeLabels != nil)
        if let splits = first?.splits, !splits.isEmpty {
            union.splits = splits.indices.map { s in
                NodeSplit(train: graphs.flatMap { $0.splits[s].train },
                          validation: graphs.flatMap { $0.splits[s].validation },
                          test: graphs.flatMap { $0.splits[s].test })
            }
        }
        if first?.originalNodeIds != nil { union.originalNodeIds = graphs.flatMap { $0.originalNodeIds ?? [] } }
        graph = union
        self.batch = batch
        self.ptr = ptr
        self.edgePtr = edgePtr
        graphLabels = GraphBatch.stack(graphs.compactMap(\.graphLabel), present: first?.graphLabel != nil)
        if let d = first?.graphFeatures?.count {
            graphFeatures = .dense(rows: graphs.count, cols: d, values: graphs.flatMap { $0.graphFeatures ?? [] })
        } else {
            graphFeatures = nil
        }
    }

    private static func stack(_ parts: [Labels], present: Bool) -> Labels? {
        guard present, let first = parts.first else { return nil }
        switch first {
        case .classes:
            return .classes(parts.flatMap { $0.classIds ?? [] })
        case .targets:
            let matrices = parts.compactMap { if case .targets(let m) = $0 { m } else { nil } }
            return (try? FeatureMatrix.vstack(matrices)).map { .targets($0) }
        }
    }

    /// The graphs this batch was built from, exactly (same edges, data and storage kind
    /// when every input used the same storage kind).
    public func unbatch() -> [Graph] {
        (0..<numGraphs).map { k in
            let n0 = Int(ptr[k]), n1 = Int(ptr[k + 1]), e0 = Int(edgePtr[k]), e1 = Int(edgePtr[k + 1])
            let offset = ptr[k]
            // Endpoints of edges e0..<e1 lie in n0..<n1 by construction.
            var g = try! Graph(numNodes: n1 - n0,
                               source: graph.source[e0..<e1].map { $0 - offset },
                               target: graph.target[e0..<e1].map { $0 - offset })
            let nodeRows = (Int32(n0)..<Int32(n1)).map { $0 }
            let edgeRows = (Int32(e0)..<Int32(e1)).map { $0 }
            if let w = graph.edgeWeight { g.edgeWeight = Array(w[e0..<e1]) }
            g.edgeFeatures = graph.edgeFeatures?.selectingRows(edgeRows)
            g.nodeFeatures = graph.nodeFeatures?.selectingRows(nodeRows)
            g.nodeLabels = graph.nodeLabels?.selecting(nodeRows)
            g.splits = graph.splits.map {
                NodeSplit(train: Array($0.train[n0..<n1]), validation: Array($0.validation[n0..<n1]),
                          test: Array($0.test[n0..<n1]))
            }
            if let ids = graph.originalNodeIds { g.originalNodeIds = Array(ids[n0..<n1]) }
            g.graphLabel = graphLabels?.selecting([Int32(k)])
            g.graphFeatures = graphFeatures?.row(k)
            return g
        }
    }
}
