import Foundation

/// Minimum, maximum, mean and median of a list of counts (node degrees, nodes per
/// graph).
public struct CountStatistics: Sendable, Codable, Equatable {
    public var min: Int
    public var max: Int
    public var mean: Double
    /// The middle value, or the mean of the two middle values for an even count (numpy).
    public var median: Double

    /// Statistics of `counts` (all zero when empty).
    public init(_ counts: [Int]) {
        let sorted = counts.sorted()
        min = sorted.first ?? 0
        max = sorted.last ?? 0
        mean = sorted.isEmpty ? 0 : Double(sorted.reduce(0, +)) / Double(sorted.count)
        let n = sorted.count
        median = n == 0 ? 0 : n % 2 == 1 ? Double(sorted[n / 2]) : Double(sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

/// What `swiftgnn info` prints about a graph: sizes, degrees, self loops, isolated
/// nodes, components, symmetry and (for class labels) homophily. Codable for `--json`.
public struct GraphStatistics: Sendable, Codable, Equatable {
    public var numNodes: Int
    /// Directed edges `E` (an undirected link counts twice).
    public var numEdges: Int
    /// In-degree (edges `j -> i` per node `i`); equals the out-degree when undirected.
    public var inDegree: CountStatistics
    public var outDegree: CountStatistics
    /// Nodes touching no edge other than self loops.
    public var isolatedNodes: Int
    public var selfLoops: Int
    /// Edges repeating an earlier `(source, target)`.
    public var duplicateEdges: Int
    public var isUndirected: Bool
    /// Weakly connected components, and the node count of the largest.
    public var components: Int
    public var largestComponentNodes: Int
    /// Node / edge feature columns (0 when none).
    public var nodeFeatures: Int
    public var edgeFeatures: Int
    public var hasEdgeWeights: Bool
    /// `max + 1` of the class labels, nil when the graph has no class labels.
    public var numClasses: Int?
    /// PyG `homophily(method="edge")` / `"node"` / `"edge_insensitive"`, nil without class
    /// labels (or without edges, or with fewer than 2 classes for edge_insensitive).
    public var edgeHomophily: Double?
    public var nodeHomophily: Double?
    public var edgeInsensitiveHomophily: Double?

    /// Computes the statistics of `graph`.
    /// - Complexity: O(N + E log E).
    public init(_ graph: Graph) {
        numNodes = graph.numNodes
        numEdges = graph.numEdges
        inDegree = CountStatistics(graph.inDegree())
        outDegree = CountStatistics(graph.outDegree())
        isolatedNodes = graph.isolatedNodeCount
        selfLoops = graph.selfLoopCount
        duplicateEdges = graph.numEdges - graph.coalesceGroups().groups.count
        isUndirected = graph.isUndirected
        let cc = graph.connectedComponents()
        components = cc.count
        largestComponentNodes = cc.sizes.max() ?? 0
        nodeFeatures = graph.nodeFeatures?.cols ?? 0
        edgeFeatures = graph.edgeFeatures?.cols ?? 0
        hasEdgeWeights = graph.edgeWeight != nil
        let labelled = graph.nodeLabels?.classIds.map { $0.count == graph.numNodes } ?? false
        numClasses = labelled ? graph.nodeLabels?.numClasses : nil
        edgeHomophily = labelled ? try? graph.homophily(.edge) : nil
        nodeHomophily = labelled ? try? graph.homophily(.node) : nil
        edgeInsensitiveHomophily = labelled ? try? graph.homophily(.edgeInsensitive) : nil
    }

    /// Human-readable `name: value` lines, in declaration order.
    public var lines: [String] {
        func f(_ x: Double) -> String { String(format: "%.4f", x) }
        func deg(_ d: CountStatistics) -> String { "min \(d.min), max \(d.max), mean \(f(d.mean)), median \(f(d.median))" }
        var out = [
            "nodes: \(numNodes)",
            "edges: \(numEdges) (\(isUndirected ? "undirected" : "directed"))",
            "in-degree: \(deg(inDegree))",
            "out-degree: \(deg(outDegree))",
            "isolated nodes: \(isolatedNodes)",
            "self loops: \(selfLoops)",
            "duplicate edges: \(duplicateEdges)",
            "components: \(components) (largest \(largestComponentNodes) nodes)",
            "node features: \(nodeFeatures)",
            "edge features: \(edgeFeatures)\(hasEdgeWeights ? ", edge weights" : "")",
        ]
        if let c = numClasses { out.append("classes: \(c)") }
        if let h = edgeHomophily { out.append("edge homophily: \(f(h))") }
        if let h = nodeHomophily { out.append("node homophily: \(f(h))") }
        if let h = edgeInsensitiveHomophily { out.append("class-insensitive edge homophily: \(f(h))") }
        return out
    }
}
