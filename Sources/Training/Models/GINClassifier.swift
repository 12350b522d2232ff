/// The graph classifier of Xu et al. (2019, "How Powerful are Graph Neural Networks?",
/// their `GraphCNN` with sum readout), built from `GINConv`:
///
///     h⁰ = x
///     hˡ = ReLU(BN(MLPˡ((1 + ε) hˡ⁻¹_i + Σ_{j→i} hˡ⁻¹_j)))      l = 1 … L−1,
///          MLPˡ = Linear → BN → ReLU → Linear
///     score_g = Σ_{l=0}^{L−1} dropout(Linearˡ(Σ_{i ∈ g} hˡ_i))
///
/// `L` counts the input layer, as the paper's `num_layers` (5 → 4 GIN layers). ε is 0
/// (GIN-0, the paper's best MUTAG/PTC/ENZYMES variant) unless `trainEps`.
///
/// The neighbourhood sum of GIN layer l runs over the batch's graph, or, given per-layer
/// graphs (`layerGraphs:`, layer-wise rewiring), over graph l − 1 of them: L − 1 graphs
/// on the batch's nodes (each graph of the batch rewired on its own nodes, so the
/// readout segments stay those of the batch).
///
/// - Shapes: `x` `[N, F]` for the nodes of a batch of B graphs → `[B, C]` logits (or
///   `[B, T]` predicted targets when used for regression); per-layer graphs `[L − 1]`,
///   each with N nodes.
/// - State dict: `convs.<l>.nn.lins.*`, `convs.<l>.nn.norms.0.*`, `norms.<l>.*`, `heads.<l>.*`.
public final class GINClassifier: Module {
    public var isTraining = true
    public var convs: [GINConv]
    public var norms: [BatchNorm]
    public var heads: [Linear]
    public let dropout: Float
    private var rng: RandomGenerator

    /// - Parameters: `layers` ≥ 2 (including the input layer), `hidden` channels.
    public init(inChannels: Int, hidden: Int, classes: Int, layers: Int = 5, dropout: Float = 0.5,
                trainEps: Bool = false, seed: UInt64) throws {
        guard layers >= 2 else {
            throw TrainingError(.invalidInput, "GINClassifier", "layers is \(layers), expected >= 2 (the input layer counts)")
        }
        guard inChannels > 0, hidden > 0, classes > 0 else {
            throw TrainingError(.invalidInput, "GINClassifier", "needs input features, hidden units and outputs (got \(inChannels), \(hidden), \(classes))")
        }
        var rng = RandomGenerator(seed: seed)
        convs = []
        norms = []
        for l in 1..<layers {
            let mlp = try MLP(channels: [l == 1 ? inChannels : hidden, hidden, hidden], activation: .relu, norm: .batch,
                              using: &rng)
            convs.append(GINConv(nn: mlp, trainEps: trainEps))
            norms.append(BatchNorm(features: hidden))
        }
        heads = (0..<layers).map { Linear(inFeatures: $0 == 0 ? inChannels : hidden, outFeatures: classes, using: &rng) }
        self.dropout = dropout
        self.rng = RandomGenerator(seed: rng.next())
    }

    /// Builds what the convolutions derive from the topology they will read
    /// (`NodeLayer.prepare`): `graph`, or GIN layer l's `layerGraphs[l]` when given. For a
    /// thread preparing the next batch; changes no result.
    public func prepare(_ graph: Graph, layerGraphs: [Graph]? = nil) throws {
        guard let layerGraphs else { return try convs.forEach { try $0.prepare(graph) } }
        // A wrong count is left for the forward pass to report.
        for (conv, layerGraph) in zip(convs, layerGraphs) { try conv.prepare(layerGraph) }
    }

    /// - Parameters: `x` `[N, F]`; `graph` the batch's disjoint union; `segments` which
    ///   graph owns each node. - Returns: `[B, C]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, _ segments: NodeSegments) throws -> Tensor {
        try forward(x, .shared(graph), segments)
    }

    /// GIN layer `l` (`0..<L − 1`) on `layerGraphs[l]`.
    /// - Parameters: `x` `[N, F]`; `layerGraphs` `[L − 1]`, each with N nodes; `segments`
    ///   which graph owns each node. - Returns: `[B, C]`.
    /// - Throws: `.invalidInput` for another count or node count.
    public func callAsFunction(_ x: Tensor, layerGraphs: [Graph], _ segments: NodeSegments) throws -> Tensor {
        try forward(x, LayerGraphs.checked(layerGraphs, layers: convs.count, nodes: x.shape.first ?? 0,
                                           model: "GINClassifier"), segments)
    }

    private func forward(_ x: Tensor, _ graphs: LayerGraphs, _ segments: NodeSegments) throws -> Tensor {
        var h = x
        var score = try readout(0, h, segments)
        for l in convs.indices {
            h = try norms[l](convs[l](h, graphs[l])).relu()
            score = try score + readout(l + 1, h, segments)
        }
        return score
    }

    private func readout(_ l: Int, _ h: Tensor, _ segments: NodeSegments) throws -> Tensor {
        let s = try heads[l](globalAddPool(h, segments))
        guard isTraining && dropout > 0 else { return s }
        return try s.dropout(p: dropout, training: true, using: &rng)
    }
}
