/// Builds the graph each layer of a network runs on (layer-wise rewiring) from the graph
/// the task would otherwise use: the hook through which the tasks (`NodeExperiment`,
/// `GraphClassification`, ...) take a layer schedule without knowing how it is made.
/// `Topology`'s `LayerwiseRewiring` provides expander propagation, the fully-adjacent last
/// layer and LASER this way.
///
/// The closure gets:
/// - `graph`: one graph, or the disjoint union of several (a mini-batch, a whole collection);
/// - `ptr`: the node offsets of that union (`[G + 1]`, `GraphBatch.ptr`: graph k owns nodes
///   `ptr[k]..<ptr[k + 1]`), nil for a single graph. A provider must keep every graph of
///   the union on its own nodes (no edge between two of them);
/// - `numLayers`: L, the number of graph layers of the model;
///
/// and returns L graphs on `graph`'s nodes, layer l's first (the same `Graph` value for
/// layers that share a graph, so their adjacency is built once). `layerGraphs(for:)`
/// checks the count and node counts.
public struct LayerGraphProvider: Sendable {
    /// A short name for logs and summaries (`expander`, `fa`, `laser`).
    public let name: String
    private let build: @Sendable (_ graph: Graph, _ ptr: [Int32]?, _ numLayers: Int) throws -> [Graph]

    public init(name: String, _ build: @escaping @Sendable (_ graph: Graph, _ ptr: [Int32]?, _ numLayers: Int) throws -> [Graph]) {
        self.name = name
        self.build = build
    }

    /// The `numLayers` graphs of `graph` (with node offsets `ptr` for a union), checked.
    /// - Throws: what the provider throws; `.invalidInput` when it returns another number of
    ///   graphs or a graph on another number of nodes.
    public func layerGraphs(for graph: Graph, ptr: [Int32]? = nil, numLayers: Int) throws -> [Graph] {
        guard numLayers >= 1 else {
            throw TrainingError(.invalidInput, "layer graphs \(name)", "needs at least one layer, got \(numLayers)")
        }
        let graphs = try build(graph, ptr, numLayers)
        guard graphs.count == numLayers else {
            throw TrainingError(.invalidInput, "layer graphs \(name)", "built \(graphs.count) graphs for \(numLayers) layers")
        }
        if let bad = graphs.firstIndex(where: { $0.numNodes != graph.numNodes }) {
            throw TrainingError(.invalidInput, "layer graphs \(name)", "layer \(bad)'s graph has \(graphs[bad].numNodes) nodes, the input has \(graph.numNodes)")
        }
        return graphs
    }
}
