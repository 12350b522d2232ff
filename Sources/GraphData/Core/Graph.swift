import Synchronization
import TensorCore

/// A graph as a small immutable-topology value: `numNodes` nodes, directed edges in
/// COO form (`source[e] -> target[e]`, PyG's `edge_index[0]` and `edge_index[1]`), and
/// optional per-edge, per-node and per-graph data.
///
/// An undirected graph stores both directions, as PyG does (Cora: 5278 links, 10556
/// edges). Message passing aggregates over `incoming` (CSR by destination), built on
/// first use and cached; the topology (`source`, `target`, `numNodes`) is fixed at
/// creation, so the cache can never go stale. Transforms return new graphs.
///
/// ```swift
/// var g = try Graph(numNodes: 3, source: [0, 1, 1, 2], target: [1, 0, 2, 1])
/// g.nodeFeatures = try .dense(3, 2, [1, 0, 0, 1, 1, 1])
/// let csr = g.incoming.matrix          // row i lists the sources j of edges j -> i
/// ```
public struct Graph: Sendable {
    /// Number of nodes; node ids are `0..<numNodes`.
    public let numNodes: Int
    /// Source node of each edge (`edge_index[0]`), `[E]`.
    public let source: [Int32]
    /// Target node of each edge (`edge_index[1]`), `[E]`.
    public let target: [Int32]

    /// Scalar weight per edge, `[E]` (PyG's `edge_weight`).
    public var edgeWeight: [Float]?
    /// Features per edge, `[E, D]` (PyG's `edge_attr`).
    public var edgeFeatures: FeatureMatrix?
    /// Features per node, `[N, F]` (PyG's `x`), dense or CSR-sparse.
    public var nodeFeatures: FeatureMatrix?
    /// Labels per node (node-level tasks), `[N]` classes or `[N, T]` targets.
    public var nodeLabels: Labels?
    /// Label of the whole graph (graph-level tasks): one class, or `[1, T]` targets.
    public var graphLabel: Labels?
    /// Features of the whole graph (TU `_graph_attributes`), `[G]`.
    public var graphFeatures: [Float]?
    /// Node splits (train/validation/test masks). Planetoid's public split is one;
    /// geom-gcn and the heterophilous benchmark publish ten.
    public var splits: [NodeSplit]
    /// Original node positions when this graph was cut out of a larger one
    /// (`subgraph`, `largestComponent`), else nil.
    public var originalNodeIds: [Int32]?

    private let cache = TopologyCache()

    /// A graph with the given edges and no data. Throws if the edge lists differ in
    /// length or an endpoint is outside `0..<numNodes`.
    public init(numNodes: Int, source: [Int32], target: [Int32]) throws {
        guard numNodes >= 0 else { throw DataError("graph: negative node count \(numNodes)") }
        guard source.count == target.count else {
            throw DataError("graph: \(source.count) sources but \(target.count) targets")
        }
        guard numNodes <= Int(Int32.max), source.count <= Int(Int32.max) else {
            throw DataError("graph: \(numNodes) nodes / \(source.count) edges exceed Int32 ids")
        }
        for (name, list) in [("source", source), ("target", target)] {
            if let bad = list.firstIndex(where: { $0 < 0 || Int($0) >= numNodes }) {
                throw DataError("graph: edge \(bad) has \(name) node \(list[bad]), expected 0..<\(numNodes)")
            }
        }
        self.numNodes = numNodes
        self.source = source
        self.target = target
        self.splits = []
    }

    /// A graph from `(source, target)` pairs.
    public init(numNodes: Int, edges: [(Int, Int)]) throws {
        try self.init(numNodes: numNodes,
                      source: try edges.map { try Graph.id($0.0) },
                      target: try edges.map { try Graph.id($0.1) })
    }

    private static func id(_ v: Int) throws -> Int32 {
        guard let x = Int32(exactly: v) else { throw DataError("graph: node id \(v) does not fit in Int32") }
        return x
    }

    /// `self` with the edges of `derived` (same nodes, edge data dropped): the node data
    /// of `self`, the topology (and cached adjacency) of `derived`.
    public func withTopology(of derived: Graph) throws -> Graph {
        guard derived.numNodes == numNodes else {
            throw DataError(.usage, "graph: topology of \(derived.numNodes) nodes given to a graph of \(numNodes)")
        }
        var g = derived
        g.edgeWeight = nil
        g.edgeFeatures = nil
        return withNodeData(on: g)
    }

    /// `g` carrying this graph's node data: features, labels, graph label and features,
    /// splits and original ids.
    private func withNodeData(on g: Graph) -> Graph {
        var g = g
        g.nodeFeatures = nodeFeatures
        g.nodeLabels = nodeLabels
        g.graphLabel = graphLabel
        g.graphFeatures = graphFeatures
        g.splits = splits
        g.originalNodeIds = originalNodeIds
        return g
    }

    /// A graph whose topology is a function of this graph's topology alone (e.g. "self
    /// loops replaced by one per node"), built by `make` on the first call with `key` and
    /// then cached next to the adjacency: copies of this graph share it, and the cache
    /// cannot go stale because the topology is fixed. Returns `self`'s node data on the
    /// cached topology (`withTopology(of:)`).
    public func derivedTopology(_ key: String, _ make: (Graph) throws -> Graph) throws -> Graph {
        try withTopology(of: derived(key, make))
    }

    /// As `derivedTopology`, keeping the derived graph's edge weights: for weights that are
    /// a function of the topology alone (GCN's normalisation of an unweighted graph).
    /// `make` should return a graph without node data, which the cache would keep alive.
    public func derivedWeightedTopology(_ key: String, _ make: (Graph) throws -> Graph) throws -> Graph {
        let built = try derived(key, make)
        var g = try withTopology(of: built)
        g.edgeWeight = built.edgeWeight
        return g
    }

    /// The graph cached under `key`, built by `make` on the first call.
    private func derived(_ key: String, _ make: (Graph) throws -> Graph) rethrows -> Graph {
        if let cached = cache.derived(key) { return cached }
        return cache.storeDerived(key, try make(self))
    }

    /// Number of directed edges `E`.
    public var numEdges: Int { source.count }

    /// The same topology with a new edge list: keeps node data and splits, drops edge
    /// data (callers re-attach what still applies).
    public func withEdges(source: [Int32], target: [Int32]) throws -> Graph {
        withNodeData(on: try Graph(numNodes: numNodes, source: source, target: target))
    }

    // MARK: - Adjacency

    /// CSR by destination: row `i` lists the sources `j` of the edges `j -> i`, in edge
    /// order; `edgeOrder[k]` is the edge id of CSR entry `k`. Built once, then cached.
    /// - Complexity: O(N + E) on first use.
    public var incoming: Adjacency {
        cache.get(\.incoming) { try! Adjacency(rows: numNodes, keys: target, others: source) }
    }

    /// CSR by source: row `j` lists the targets `i` of the edges `j -> i`. Cached.
    public var outgoing: Adjacency {
        cache.get(\.outgoing) { try! Adjacency(rows: numNodes, keys: source, others: target) }
    }

    /// The edge index as a `[2, E]` Int32 tensor (row 0 sources, row 1 targets).
    public var edgeIndexTensor: Int32Tensor {
        try! Int32Tensor(shape: [2, numEdges], scalars: source + target)
    }

    // MARK: - Validation

    /// Checks that every attached array has the size the topology implies, that splits
    /// are masks over the nodes and class labels are non-negative. Throws a `DataError`
    /// naming the first mismatch.
    public func validate() throws {
        if let w = edgeWeight, w.count != numEdges {
            throw DataError("graph: \(w.count) edge weights for \(numEdges) edges")
        }
        if let f = edgeFeatures {
            try f.validate("edge features")
            guard f.rows == numEdges else { throw DataError("graph: edge features have \(f.rows) rows for \(numEdges) edges") }
        }
        if let f = nodeFeatures {
            try f.validate("node features")
            guard f.rows == numNodes else { throw DataError("graph: node features have \(f.rows) rows for \(numNodes) nodes") }
        }
        if let y = nodeLabels {
            try y.validate("node labels")
            guard y.count == numNodes else { throw DataError("graph: \(y.count) node labels for \(numNodes) nodes") }
        }
        if let y = graphLabel {
            try y.validate("graph label")
            guard y.count == 1 else { throw DataError("graph: graph label has \(y.count) rows, expected 1") }
        }
        for (k, s) in splits.enumerated() {
            guard s.train.count == numNodes, s.validation.count == numNodes, s.test.count == numNodes else {
                throw DataError("graph: split \(k) has masks of \(s.train.count)/\(s.validation.count)/\(s.test.count) entries for \(numNodes) nodes")
            }
        }
        if let ids = originalNodeIds, ids.count != numNodes {
            throw DataError("graph: \(ids.count) original node ids for \(numNodes) nodes")
        }
    }
}

/// A CSR view of a graph's edges grouped by one endpoint.
public struct Adjacency: Sendable {
    /// Rows are the grouping endpoint, columns the other endpoint.
    public let matrix: CSRMatrix
    /// `edgeOrder[k]` = the edge id (position in `source`/`target`) of CSR entry `k`;
    /// per-edge arrays in edge order are put in CSR order with it.
    public let edgeOrder: [Int32]

    init(rows: Int, keys: [Int32], others: [Int32]) throws {
        let (m, p) = try CSRMatrix.fromCOO(rows: rows, cols: rows, row: Int32Tensor(keys), col: Int32Tensor(others))
        matrix = m
        edgeOrder = p
    }

    /// Number of entries in row `i` (in-degree for `incoming`, out-degree for `outgoing`).
    public func degree(_ i: Int) -> Int { matrix.rowPtr[i + 1] - matrix.rowPtr[i] }

    /// The neighbours in row `i`.
    public func neighbors(_ i: Int) -> ArraySlice<Int32> { matrix.colIdx[matrix.rowPtr[i]..<matrix.rowPtr[i + 1]] }
}

/// Lazily built adjacency shared by copies of one graph value (copies share topology).
final class TopologyCache: Sendable {
    struct Slots {
        var incoming: Adjacency?
        var outgoing: Adjacency?
        var derived: [String: Graph] = [:]
    }
    private let slots = Mutex(Slots())

    /// The derived graph cached under `key`, if any.
    func derived(_ key: String) -> Graph? { slots.withLock { $0.derived[key] } }

    /// Caches `graph` under `key` unless another thread did first; returns the cached one.
    func storeDerived(_ key: String, _ graph: Graph) -> Graph {
        slots.withLock { s in
            if let existing = s.derived[key] { return existing }
            s.derived[key] = graph
            return graph
        }
    }

    /// The cached value at `key`, building it with `make` outside the lock on a miss.
    /// Two threads may build at once; the first stored wins.
    func get<T: Sendable>(_ key: WritableKeyPath<Slots, T?>, _ make: () -> T) -> T {
        if let v = slots.withLock({ $0[keyPath: key] }) { return v }
        let built = make()
        return slots.withLock { s in
            if let v = s[keyPath: key] { return v }
            s[keyPath: key] = built
            return built
        }
    }
}
