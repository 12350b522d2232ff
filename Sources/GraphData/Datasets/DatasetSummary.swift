import Foundation

/// What `swiftgnn info` reports about a dataset: sizes, feature and class counts,
/// splits, and `GraphStatistics` of its graph (node-level datasets) or of the disjoint
/// union of its graphs (graph-level datasets: degrees, isolated nodes and self loops
/// over all graphs together).
///
/// `graphs` and `nodesPerGraph` are nil for node-level datasets (and then absent from
/// the JSON).
public struct DatasetSummary: Sendable, Codable, Equatable {
    public var name: String
    public var task: TaskKind
    /// Number of graphs (graph-level datasets only).
    public var graphs: Int?
    /// Nodes, summed over all graphs.
    public var nodes: Int
    /// Directed edges, summed over all graphs.
    public var edges: Int
    /// Node feature count.
    public var features: Int
    public var edgeFeatures: Int
    /// Classes (or targets, for multi-label and regression tasks).
    public var classes: Int
    /// Nodes per graph (graph-level datasets only).
    public var nodesPerGraph: CountStatistics?
    /// Number of published node splits (Planetoid: 1, geom-gcn: 10).
    public var nodeSplits: Int
    /// Train / validation / test sizes of the first node split, or of the published
    /// graph split.
    public var splitSizes: [Int]?
    public var statistics: GraphStatistics

    public init(_ dataset: Dataset) throws {
        name = dataset.name
        task = dataset.task
        nodes = dataset.totalNodes
        edges = dataset.totalEdges
        features = dataset.numNodeFeatures
        edgeFeatures = dataset.numEdgeFeatures
        classes = dataset.numClasses
        let graph: Graph
        if dataset.task.isGraphLevel {
            graphs = dataset.graphs.count
            nodesPerGraph = CountStatistics(dataset.graphs.map(\.numNodes))
            graph = try GraphBatch(dataset.graphs).graph
        } else {
            graph = dataset.graph
        }
        nodeSplits = graph.splits.count
        if let s = dataset.graphSplit {
            splitSizes = [s.train.count, s.validation.count, s.test.count]
        } else if let s = graph.splits.first {
            let c = s.counts
            splitSizes = [c.train, c.validation, c.test]
        }
        statistics = GraphStatistics(graph)
    }

    /// Human-readable `name: value` lines.
    public var lines: [String] {
        var out = ["dataset: \(name) (\(task.rawValue))"]
        if let graphs, let n = nodesPerGraph {
            out.append("graphs: \(graphs) (nodes per graph: min \(n.min), max \(n.max), mean \(String(format: "%.2f", n.mean)))")
        }
        out.append("total nodes: \(nodes), total edges: \(edges)")
        out.append("features: \(features), classes: \(classes)")
        if let s = splitSizes {
            let kind = graphs != nil ? "graph split" : nodeSplits > 1 ? "node splits: \(nodeSplits), first" : "node split"
            out.append("\(kind): train \(s[0]), validation \(s[1]), test \(s[2])")
        }
        return out + statistics.lines.filter { !$0.hasPrefix("nodes:") && !$0.hasPrefix("node features:") }
    }
}
