/// The architectures the trainers and the CLI build by name.
public enum ModelKind: String, CaseIterable, Codable, Sendable {
    /// Kipf & Welling (2017): `GCNConv` layers, ReLU.
    case gcn
    /// Hamilton et al. (2017): `SAGEConv` mean layers, ReLU.
    case sage
    /// Veličković et al. (2018): `GATConv` layers, multi-head (concatenated) hidden
    /// layers, averaged output heads, ELU.
    case gat
    /// Xu et al. (2019): `GINConv` with 2-layer MLPs and batch norm.
    case gin

    /// Display name used in reports.
    public var displayName: String {
        switch self {
        case .gcn: "GCN"
        case .sage: "GraphSAGE"
        case .gat: "GAT"
        case .gin: "GIN"
        }
    }

    /// A node-level network `[N, inChannels]` → `[N, outChannels]` with `h`'s sizes, its
    /// weights drawn from `seed`. `fixedGraph`: every call sees the same graph, so GCN
    /// may normalise it once and cache the result (PyG's `cached=True`).
    public func nodeNetwork(inChannels: Int, outChannels: Int, _ h: Hyperparameters, fixedGraph: Bool = false,
                            seed: UInt64) throws -> StackedGNN {
        try h.validate()
        var rng = RandomGenerator(seed: seed)
        if self == .gat { return try gatNetwork(inChannels: inChannels, outChannels: outChannels, h, rng: &rng) }
        let sizes = Self.layerSizes(inChannels, h, outChannels)
        var convs: [any NodeLayer] = []
        for (i, o) in zip(sizes.dropLast(), sizes.dropFirst()) {
            switch self {
            case .gcn: convs.append(GCNConv(inChannels: i, outChannels: o, cached: fixedGraph, using: &rng))
            case .sage: convs.append(SAGEConv(inChannels: i, outChannels: o, using: &rng))
            case .gat: break
            case .gin:
                let mlp = try MLP(channels: [i, h.hidden, o], activation: .relu, norm: .batch, using: &rng)
                convs.append(GINConv(nn: mlp, trainEps: false))
            }
        }
        return try StackedGNN(convs: convs, activation: .relu, dropout: h.dropout, inputDropout: h.inputDropout,
                              decayFirstLayerOnly: h.decayFirstLayerOnly, seed: rng.next())
    }

    /// Feature sizes through `h.layers` layers: `[in, hidden × (layers − 1), out]`.
    static func layerSizes(_ inChannels: Int, _ h: Hyperparameters, _ outChannels: Int) -> [Int] {
        [inChannels] + Array(repeating: h.hidden, count: h.layers - 1) + [outChannels]
    }

    /// GAT: hidden layers of `heads` × `hidden` concatenated channels, an output layer of
    /// `outputHeads` averaged heads; attention dropout on every layer; ELU between.
    private func gatNetwork(inChannels: Int, outChannels: Int, _ h: Hyperparameters,
                            rng: inout RandomGenerator) throws -> StackedGNN {
        var convs: [any NodeLayer] = []
        var width = inChannels
        for _ in 0..<(h.layers - 1) {
            convs.append(try GATConv(inChannels: width, outChannels: h.hidden, heads: h.heads, concat: true,
                                     dropout: h.attentionDropout, dropoutSeed: rng.next(), using: &rng))
            width = h.hidden * h.heads
        }
        convs.append(try GATConv(inChannels: width, outChannels: outChannels, heads: h.outputHeads, concat: false,
                                 dropout: h.attentionDropout, dropoutSeed: rng.next(), using: &rng))
        return try StackedGNN(convs: convs, activation: .elu(), dropout: h.dropout, inputDropout: h.inputDropout,
                              decayFirstLayerOnly: h.decayFirstLayerOnly, seed: rng.next())
    }
}
