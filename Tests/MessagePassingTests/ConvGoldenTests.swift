import Testing
import MessagePassing

/// GCNConv, SAGEConv and GINConv against PyG 2.8.1 (outputs and gradients of x, edge
/// weights and every parameter; fixtures from scripts/make_mp_fixtures.py).
@Suite("ConvGolden")
struct ConvGoldenTests {
    @Test("GCNConv matches PyG", arguments: ["gcn_default", "gcn_weighted", "gcn_improved", "gcn_noloops",
                                             "gcn_nonormalize"])
    func gcn(_ name: String) throws {
        let f = try MPFixture(name)
        for strategy in [Propagation.Strategy.automatic, .general] {
            var rng = RandomGenerator(seed: 1)
            let conv = GCNConv(inChannels: 4, outChannels: 3, improved: f.bool("improved", false),
                               addSelfLoops: f.bool("add_self_loops", true), normalize: f.bool("normalize", true),
                               bias: f.bool("bias", true), using: &rng)
            conv.strategy = strategy
            try f.check(conv) { x, g, w, _ in try conv(x, g, edgeWeight: w) }
        }
    }

    @Test("GCNConv cached: the second call reuses the first normalisation")
    func gcnCached() throws {
        let f = try MPFixture("gcn_weighted")
        var rng = RandomGenerator(seed: 1)
        let conv = GCNConv(inChannels: 4, outChannels: 3, cached: true, using: &rng)
        try conv.loadStateDict(f.stateDict)
        let g = try f.graph(), x = try f.tensor("x"), w = try f.tensor("edge_weight")
        let first = try conv(x, g, edgeWeight: w)
        #expect(MPFixture.excess(first, try f.tensor("out")).ratio <= 1)
        // Without weights the normalisation would differ; the cache keeps the weighted one.
        let second = try conv(x, g)
        #expect(second.allClose(first, rtol: 0, atol: 0))
        conv.resetCache()
        let third = try conv(x, g)
        #expect(!third.allClose(first, rtol: 1e-3, atol: 1e-3))
    }

    @Test("GCNConv cached with learnable edge weights: the cache is detached, backward runs every step")
    func gcnCachedBackward() throws {
        let f = try MPFixture("gcn_weighted")
        let conv = GCNConv(inChannels: 4, outChannels: 3, cached: true)
        try conv.loadStateDict(f.stateDict)
        let g = try f.graph(), x = try f.tensor("x")
        let w = try f.tensor("edge_weight").copy().requiringGrad()
        // First call: the fresh normalisation, gradients as PyG. Second call: the cached,
        // detached one: same output, lin's gradient accumulates again, the edge
        // weights get nothing more (and backward does not touch the released first graph).
        let expectedLin = try f.tensor("grad.param.lin.weight"), expectedW = try f.tensor("grad.edge_weight")
        for step in 1...2 {
            let out = try conv(x, g, edgeWeight: w)
            #expect(MPFixture.excess(out, try f.tensor("out")).ratio <= 1)
            try (out * f.tensor("R")).sum().backward()
            let lin = try #require(conv.lin.weight.grad)
            #expect(MPFixture.excess(lin, expectedLin * Float(step)).ratio <= 2)
            #expect(MPFixture.excess(try #require(w.grad), expectedW).ratio <= 1)
        }
    }

    @Test("GCNConv state dict names are PyG's")
    func gcnNames() throws {
        let conv = GCNConv(inChannels: 4, outChannels: 3)
        #expect(Set(conv.stateDict().keys) == ["lin.weight", "bias"])
        #expect(Set(GCNConv(inChannels: 4, outChannels: 3, bias: false).stateDict().keys) == ["lin.weight"])
    }

    static func aggregation(_ name: String?) -> any Aggregation {
        switch name {
        case "max": MaxAggregation()
        case "min": MinAggregation()
        case "sum", "add": SumAggregation()
        default: MeanAggregation()
        }
    }

    @Test("SAGEConv matches PyG", arguments: ["sage_mean", "sage_max", "sage_sum", "sage_normalize", "sage_nobias",
                                              "sage_multi", "sage_softmax"])
    func sage(_ name: String) throws {
        let f = try MPFixture(name)
        for strategy in [Propagation.Strategy.automatic, .general] {
            var rng = RandomGenerator(seed: 2)
            let aggregation: any Aggregation
            if let parts = f.config["aggr"] as? [String] {
                aggregation = try MultiAggregation(parts.map { Self.aggregation($0) })
            } else if f.string("aggr") == "softmax_learn" {
                aggregation = try SoftmaxAggregation(learn: true)
            } else {
                aggregation = Self.aggregation(f.string("aggr"))
            }
            let conv = SAGEConv(inChannels: 4, outChannels: 3, aggregation: aggregation,
                                normalize: f.bool("normalize", false), rootWeight: f.bool("root_weight", true),
                                bias: f.bool("bias", true), using: &rng)
            conv.strategy = strategy
            try f.check(conv) { x, g, _, _ in try conv(x, g) }
        }
    }

    @Test("SAGEConv state dict names are PyG's")
    func sageNames() throws {
        #expect(Set(SAGEConv(inChannels: 4, outChannels: 3).stateDict().keys) == ["lin_l.weight", "lin_l.bias", "lin_r.weight"])
        #expect(Set(SAGEConv(inChannels: 4, outChannels: 3, rootWeight: false, bias: false).stateDict().keys)
                == ["lin_l.weight"])
    }

    /// `Sequential(Linear(4, 8), ReLU(), Linear(8, 3))`, as the fixtures' `nn`.
    static func mlp(_ i: Int, _ h: Int, _ o: Int) -> Sequential {
        var rng = RandomGenerator(seed: 3)
        return Sequential(Linear(inFeatures: i, outFeatures: h, using: &rng), ActivationLayer(.relu),
                          Linear(inFeatures: h, outFeatures: o, using: &rng))
    }

    @Test("GINConv matches PyG (trainable and fixed eps)", arguments: ["gin_traineps", "gin_fixedeps"])
    func gin(_ name: String) throws {
        let f = try MPFixture(name)
        for strategy in [Propagation.Strategy.automatic, .general] {
            let conv = GINConv(nn: Self.mlp(4, 8, 3), eps: f.float("eps", 0), trainEps: f.bool("train_eps", false))
            conv.strategy = strategy
            try f.check(conv) { x, g, _, _ in try conv(x, g) }
        }
        let fixed = GINConv(nn: Self.mlp(4, 8, 3), eps: 0.25)
        #expect(fixed.namedBuffers().map(\.name) == ["eps"])
        #expect(!fixed.namedParameters().map(\.name).contains("eps"))
    }
}
