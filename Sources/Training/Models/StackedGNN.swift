/// A stack of graph layers with an activation and dropout between them, the shape of
/// PyG's `BasicGNN` models (`GCN`, `GraphSAGE`, `GAT`, `GIN`) and of the papers' networks:
///
///     for layer l = 0 ..< L:
///         x = dropout(x, p_in if l == 0 else p)      (skipped when the rate is 0)
///         x = conv_l(x, G_l)
///         x = act(x)                                  (not after the last layer)
///
/// `G_l` is the one graph given for every layer, or graph `l` of per-layer graphs
/// (`layerGraphs:`, layer-wise rewiring: `G_l` all on the same N nodes).
///
/// Kipf & Welling's GCN and Veličković et al.'s GAT drop the input features too
/// (`inputDropout = dropout`); PyG's `BasicGNN` does not (`inputDropout = 0`).
///
/// - Shapes: `x` `[N, F_in]` → `[N, C]`; per-layer graphs `[L]`, each with N nodes.
/// - State dict: `convs.<l>.<layer's names>`.
public final class StackedGNN: NodeNetwork {
    public var isTraining = true
    public var convs: [any NodeLayer]
    public let activation: Activation
    public let dropout: Float
    public let inputDropout: Float
    /// Weight decay applies to the first layer only (Kipf & Welling's GCN code) instead
    /// of to every parameter.
    public let decayFirstLayerOnly: Bool
    private var rng: RandomGenerator

    /// - Parameters:
    ///   - convs: the layers, input to output (at least one).
    ///   - activation: between layers.
    ///   - dropout: rate before every layer but the first.
    ///   - inputDropout: rate on the input features.
    ///   - decayFirstLayerOnly: see the property.
    ///   - seed: the dropout masks' generator.
    public init(convs: [any NodeLayer], activation: Activation = .relu, dropout: Float = 0.5,
                inputDropout: Float = 0.5, decayFirstLayerOnly: Bool = false, seed: UInt64) throws {
        guard !convs.isEmpty else { throw TrainingError(.invalidInput, "StackedGNN", "needs at least one layer") }
        for (name, p) in [("dropout", dropout), ("input dropout", inputDropout)] where !(0...1).contains(p) {
            throw TrainingError(.invalidInput, "StackedGNN", "\(name) \(p) is outside [0, 1]")
        }
        self.convs = convs
        self.activation = activation
        self.dropout = dropout
        self.inputDropout = inputDropout
        self.decayFirstLayerOnly = decayFirstLayerOnly
        self.rng = RandomGenerator(seed: seed)
    }

    /// Builds what the layers derive from the topology they will read (`NodeLayer.prepare`):
    /// `graph` for every layer, or `layerGraphs[l]` for layer l. For a loader that
    /// prepares the next batch on another thread; changes no result.
    public func prepare(_ graph: Graph) throws {
        for conv in convs { try conv.prepare(graph) }
    }

    /// As `prepare(_:)`, layer `l` on `layerGraphs[l]`.
    public func prepare(layerGraphs: [Graph]) throws {
        for (conv, graph) in zip(convs, layerGraphs) { try conv.prepare(graph) }
    }

    /// - Parameters: `x` `[N, F_in]`, `graph` with N nodes. - Returns: `[N, C]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph) throws -> Tensor {
        try forward(x, .shared(graph))
    }

    /// Layer `l` on `layerGraphs[l]`.
    /// - Parameters: `x` `[N, F_in]`; `layerGraphs` `[L]`, each with N nodes.
    /// - Returns: `[N, C]`. - Throws: `.invalidInput` for another count or node count.
    public func callAsFunction(_ x: Tensor, layerGraphs: [Graph]) throws -> Tensor {
        try forward(x, LayerGraphs.checked(layerGraphs, layers: convs.count, nodes: x.shape.first ?? 0, model: "StackedGNN"))
    }

    private func forward(_ x: Tensor, _ graphs: LayerGraphs, edgeTypes: [Int32]? = nil) throws -> Tensor {
        var h = x
        if isTraining && inputDropout > 0 { h = try h.dropout(p: inputDropout, training: true, using: &rng) }
        return try layers(from: 0, h, graphs, edgeTypes: edgeTypes)
    }

    /// As `callAsFunction(_:_:)`, with one relation id per edge of `graph` (`[E]`, edge
    /// order) handed to every `RelationalNodeLayer`; other layers ignore them.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeTypes: [Int32]) throws -> Tensor {
        guard edgeTypes.count == graph.numEdges else {
            throw TrainingError(.invalidInput, "StackedGNN", "\(edgeTypes.count) edge types for \(graph.numEdges) edges")
        }
        return try forward(x, .shared(graph), edgeTypes: edgeTypes)
    }

    /// True when the first layer reads sparse features (GCN, GAT with one shared map,
    /// GraphSAGE with mean or sum aggregation).
    public var readsSparseInput: Bool { (convs[0] as? any SparseInputLayer)?.readsSparseInput ?? false }

    /// Sparse features `[N, F_in]`: input dropout on the stored values only, the first
    /// layer as sparse-dense products, the rest as usual. Without a sparse-reading first
    /// layer, the dense path on `x.dense()`.
    public func callAsFunction(_ x: SparseFeatures, _ graph: Graph) throws -> Tensor {
        try forward(x, .shared(graph))
    }

    /// Sparse features `[N, F_in]`, layer `l` on `layerGraphs[l]` (`[L]`, each with N nodes).
    public func callAsFunction(_ x: SparseFeatures, layerGraphs: [Graph]) throws -> Tensor {
        try forward(x, LayerGraphs.checked(layerGraphs, layers: convs.count, nodes: x.rows, model: "StackedGNN"))
    }

    private func forward(_ x: SparseFeatures, _ graphs: LayerGraphs) throws -> Tensor {
        guard readsSparseInput, let first = convs[0] as? any SparseInputLayer else { return try forward(x.dense(), graphs) }
        var input = x
        if isTraining && inputDropout > 0 { input = try input.dropout(p: inputDropout, using: &rng) }
        var h = try first.forward(input, graphs[0])
        if convs.count > 1 { h = activation(h) }
        return try layers(from: 1, h, graphs)
    }

    /// Layers `start...` on `h`, layer `l` on `graphs[l]`, with dropout before each and the
    /// activation between.
    /// With `edgeTypes` (one relation per edge of the shared graph), every
    /// `RelationalNodeLayer` receives them; other layers ignore them.
    private func layers(from start: Int, _ x: Tensor, _ graphs: LayerGraphs, edgeTypes: [Int32]? = nil) throws -> Tensor {
        var h = x
        for l in start..<convs.count {
            if l > 0 && isTraining && dropout > 0 { h = try h.dropout(p: dropout, training: true, using: &rng) }
            if let edgeTypes, let relational = convs[l] as? any RelationalNodeLayer {
                h = try relational.forward(h, graphs[l], edgeTypes: edgeTypes)
            } else {
                h = try convs[l].forward(h, graphs[l])
            }
            if l < convs.count - 1 { h = activation(h) }
        }
        return h
    }

    public func reseedDropout(_ seed: UInt64) { rng = RandomGenerator(seed: seed) }

    /// The optimizer groups for weight decay `weightDecay`.
    public func parameterGroups(weightDecay: Float) -> [ParameterGroup] {
        guard decayFirstLayerOnly, convs.count > 1 else {
            return [ParameterGroup(parameters: parameters(), weightDecay: weightDecay)]
        }
        return [ParameterGroup(parameters: convs[0].parameters(), weightDecay: weightDecay),
                ParameterGroup(parameters: convs.dropFirst().flatMap { $0.parameters() }, weightDecay: 0)]
    }
}
