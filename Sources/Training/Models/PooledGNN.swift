/// A graph-level network: a `StackedGNN` over the nodes of a batch of graphs, then a
/// global readout of its last layer per graph, which is the output (no head on top).
/// With `ModelKind.gcn`, 5 layers of 64 hidden units, ReLU, dropout 0.5 and mean readout
/// it is the `GNN` of Karhadkar et al.'s FoSR code (`models/graph_model.py`), the model
/// of Black et al. (2023, Table 1):
///
///     h⁰ = x
///     hˡ = dropout(ReLU(convˡ(hˡ⁻¹)))        l = 1 … L−1
///     z  = conv^L(h^{L−1})                    [N, C]
///     out_g = (1/|g|) Σ_{i ∈ g} z_i           [B, C]
///
/// (`StackedGNN` drops before every layer but the first, the same thing.)
/// With relational layers (`RGCNConv`, FoSR's `layer_type="R-GCN"`) the forward takes one
/// relation id per edge.
///
/// - Shapes: `x` `[N, F]` for the N nodes of B graphs → `[B, C]`.
/// - State dict: `body.convs.<l>.<layer's names>`.
public final class PooledGNN: Module {
    /// The readouts of PyG's `global_{add,mean,max}_pool`.
    public enum Readout: String, Sendable, Codable { case add, mean, max }

    public var isTraining = true
    public var body: StackedGNN
    public let readout: Readout

    public init(body: StackedGNN, readout: Readout = .mean) {
        self.body = body
        self.readout = readout
    }

    /// - Parameters: `x` `[N, F]`; `graph` the batch's disjoint union; `segments` which
    ///   graph owns each node; `edgeTypes` `[E]` in edge order for relational layers (nil:
    ///   every edge relation 0). - Returns: `[B, C]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, _ segments: NodeSegments,
                               edgeTypes: [Int32]? = nil) throws -> Tensor {
        try pool(try edgeTypes.map { try body(x, graph, edgeTypes: $0) } ?? body(x, graph), segments)
    }

    /// Layer `l` of the body on `layerGraphs[l]` (layer-wise rewiring of the batch), then
    /// the readout. - Parameters: `x` `[N, F]`; `layerGraphs` `[L]`, each on the N nodes.
    /// - Returns: `[B, C]`.
    public func callAsFunction(_ x: Tensor, layerGraphs: [Graph], _ segments: NodeSegments) throws -> Tensor {
        try pool(try body(x, layerGraphs: layerGraphs), segments)
    }

    /// The body's `prepare` for a batch's graph, or for its layer graphs when given.
    public func prepare(_ graph: Graph, layerGraphs: [Graph]? = nil) throws {
        if let layerGraphs { try body.prepare(layerGraphs: layerGraphs) } else { try body.prepare(graph) }
    }

    /// The readout of node outputs `h` `[N, C]` per graph → `[B, C]`.
    private func pool(_ h: Tensor, _ segments: NodeSegments) throws -> Tensor {
        switch readout {
        case .add: return try globalAddPool(h, segments)
        case .mean: return try globalMeanPool(h, segments)
        case .max: return try globalMaxPool(h, segments)
        }
    }
}

extension ModelKind {
    /// A graph-level network `[N, inChannels]` → `[B, classes]`: this kind's
    /// `nodeNetwork` (sizes `[in] + [hidden] × (layers − 1) + [classes]`) under a global
    /// readout. `relations > 0` replaces every convolution by an `RGCNConv` with that many
    /// relations (only for `.gcn`: R-GCN is its relational form).
    ///
    /// - Throws: `.invalidInput` for relations with another kind, or bad sizes.
    public func graphNetwork(inChannels: Int, classes: Int, _ h: Hyperparameters, readout: PooledGNN.Readout = .mean,
                             relations: Int = 0, seed: UInt64) throws -> PooledGNN {
        guard inChannels > 0, classes > 0 else {
            throw TrainingError(.invalidInput, "graph network", "needs input features and classes (got \(inChannels), \(classes))")
        }
        guard relations > 0 else {
            return PooledGNN(body: try nodeNetwork(inChannels: inChannels, outChannels: classes, h, seed: seed),
                             readout: readout)
        }
        guard self == .gcn else {
            throw TrainingError(.invalidInput, "graph network", "relational layers replace GCN (R-GCN); got \(rawValue)")
        }
        try h.validate()
        var rng = RandomGenerator(seed: seed)
        let sizes = Self.layerSizes(inChannels, h, classes)
        let convs: [any NodeLayer] = zip(sizes.dropLast(), sizes.dropFirst()).map { i, o in
            RGCNConv(inChannels: i, outChannels: o, numRelations: relations, using: &rng)
        }
        let body = try StackedGNN(convs: convs, activation: .relu, dropout: h.dropout, inputDropout: h.inputDropout,
                                  decayFirstLayerOnly: false, seed: rng.next())
        return PooledGNN(body: body, readout: readout)
    }
}
