/// What a dataset asks a model to predict.
public enum TaskKind: String, Sendable, Codable {
    /// One class per node (Cora, AmazonPhoto, ...).
    case nodeClassification = "node_classification"
    /// One class per graph (MUTAG, ENZYMES, ...).
    case graphClassification = "graph_classification"
    /// Several 0/1 labels per graph (Peptides-func).
    case graphMultiLabel = "graph_multilabel"
    /// Real-valued targets per graph (ZINC, QM9).
    case graphRegression = "graph_regression"

    /// Whether items are whole graphs (as opposed to nodes of one graph).
    public var isGraphLevel: Bool { self != .nodeClassification }
}

/// A loaded dataset: one graph for node-level tasks, many for graph-level tasks.
///
/// ```swift
/// let cora = try Planetoid(name: "Cora").load()
/// cora.graphs[0].numNodes   // 2708
/// ```
public struct Dataset: Sendable {
    /// Canonical name, e.g. "Cora", "MUTAG".
    public var name: String
    public var task: TaskKind
    public var graphs: [Graph]
    /// Number of classes (or of targets for multi-label and regression tasks).
    public var numClasses: Int
    /// A published split of the graphs (graph-level datasets such as Peptides-func),
    /// or nil when the dataset has none (TU datasets use k-fold cross-validation).
    public var graphSplit: GraphSplit?

    public init(name: String, task: TaskKind, graphs: [Graph], numClasses: Int) {
        self.name = name
        self.task = task
        self.graphs = graphs
        self.numClasses = numClasses
        self.graphSplit = nil
    }

    /// The single graph of a node-level dataset.
    public var graph: Graph { graphs[0] }

    /// Feature count of the nodes (0 when the graphs carry no node features).
    public var numNodeFeatures: Int { graphs.first?.nodeFeatures?.cols ?? 0 }
    /// Feature count of the edges (0 when none).
    public var numEdgeFeatures: Int { graphs.first?.edgeFeatures?.cols ?? 0 }
    /// Nodes summed over all graphs.
    public var totalNodes: Int { graphs.reduce(0) { $0 + $1.numNodes } }
    /// Directed edges summed over all graphs.
    public var totalEdges: Int { graphs.reduce(0) { $0 + $1.numEdges } }

    /// Validates every graph, naming the dataset and graph index on failure.
    public func validate() throws {
        for (k, g) in graphs.enumerated() {
            do { try g.validate() } catch let e as DataError {
                throw DataError(e.kind, file: name, at: graphs.count > 1 ? "graph \(k)" : nil, e.message)
            }
        }
    }
}

/// Indices of the graphs in each part of a published graph-level split.
public struct GraphSplit: Sendable, Equatable {
    public var train: [Int]
    public var validation: [Int]
    public var test: [Int]

    public init(train: [Int], validation: [Int], test: [Int]) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}
