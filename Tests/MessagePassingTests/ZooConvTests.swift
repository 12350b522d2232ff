import Testing
import MessagePassing
import NeuralNet
import TensorCore

/// `Linear(a, b) → ReLU → Linear(b, c)`, torch's `nn.Sequential` names `0.*`, `2.*`.
func zooMLP(_ a: Int, _ b: Int, _ c: Int, seed: UInt64 = 3) -> Sequential {
    var rng = RandomGenerator(seed: seed)
    return Sequential(Linear(inFeatures: a, outFeatures: b, using: &rng), ActivationLayer(.relu),
                      Linear(inFeatures: b, outFeatures: c, using: &rng))
}

@Suite("Zoo: GCN2Conv, GatedGraphConv, NNConv, EdgeConv")
struct ZooConvTests {
    @Test("GCN2Conv matches PyG", arguments: [("gcn2_shared", true, Float(0.5), 2, true),
                                              ("gcn2_separate", false, Float(1.0), 3, true),
                                              ("gcn2_unnormalized", false, nil, nil, false)] as [(String, Bool, Float?, Int?, Bool)])
    func gcn2(_ name: String, _ shared: Bool, _ theta: Float?, _ layer: Int?, _ normalize: Bool) throws {
        let golden = try ZooGolden.load()
        let c = try golden.case(name)
        let conv = try GCN2Conv(channels: 3, alpha: c.number("alpha"), theta: theta, layer: layer,
                                sharedWeights: shared, normalize: normalize)
        #expect(abs(conv.beta - (try c.number("beta"))) < 1e-6)
        try c.load(into: conv)
        conv.eval()
        // Both paths of the mechanism: the fused SpMM and per-edge messages.
        for strategy in [Propagation.Strategy.automatic, .general] {
            conv.strategy = strategy
            conv.zeroGrad()
            let inputs = try c.inputTensors()
            try c.check(conv(c.input("x", inputs), c.input("x0", inputs), golden.graph(), edgeWeight: inputs["edge_weight"]),
                        inputs: inputs, module: conv)
        }
    }

    @Test("GatedGraphConv matches PyG (sum; weighted mean)", arguments: ["gated", "gated_weighted_mean"])
    func gated(_ name: String) throws {
        let golden = try ZooGolden.load()
        let c = try golden.case(name)
        let aggregation: any Aggregation = name == "gated" ? SumAggregation() : MeanAggregation()
        let conv = try GatedGraphConv(outChannels: 4, numLayers: 2, aggregation: aggregation)
        #expect(Set(conv.stateDict().keys) == ["weight", "rnn.weight_ih", "rnn.weight_hh", "rnn.bias_ih", "rnn.bias_hh"])
        try c.load(into: conv)
        conv.eval()
        let inputs = try c.inputTensors()
        try c.check(conv(c.input("x", inputs), golden.graph(), edgeWeight: inputs["edge_weight"]), inputs: inputs, module: conv)
    }

    @Test("NNConv matches PyG (sum with root weight; mean without)", arguments: ["nnconv_add", "nnconv_mean_noroot"])
    func nnconv(_ name: String) throws {
        let golden = try ZooGolden.load()
        let c = try golden.case(name)
        let add = name == "nnconv_add"
        let conv = NNConv(inChannels: 3, outChannels: 2, nn: zooMLP(2, 5, 6),
                          aggregation: add ? SumAggregation() : MeanAggregation(), rootWeight: add)
        try c.load(into: conv)
        conv.eval()
        let inputs = try c.inputTensors()
        try c.check(conv(c.input("x", inputs), golden.graph(), edgeFeatures: c.input("edge_attr", inputs)),
                    inputs: inputs, module: conv)
    }

    @Test("EdgeConv matches PyG (max; isolated node gets 0)")
    func edgeconv() throws {
        let golden = try ZooGolden.load()
        let c = try golden.case("edgeconv")
        let conv = EdgeConv(nn: zooMLP(6, 5, 4))
        try c.load(into: conv)
        conv.eval()
        let inputs = try c.inputTensors()
        let out = try conv(c.input("x", inputs), golden.graph())
        #expect(Array(out.scalars.suffix(4)) == [0, 0, 0, 0])
        try c.check(out, inputs: inputs, module: conv)
    }

    @Test("bad arguments and inputs are rejected")
    func bad() throws {
        let g = try Graph(numNodes: 3, source: [0, 1], target: [1, 2])
        #expect(throws: TensorError.self) { try GCN2Conv(channels: 3, alpha: 0.1, theta: 0.5) }
        let gcn2 = try GCN2Conv(channels: 3, alpha: 0.1)
        #expect(throws: TensorError.self) { try gcn2(Tensor.zeros([3, 3]), Tensor.zeros([3, 2]), g) }
        let gated = try GatedGraphConv(outChannels: 2, numLayers: 1)
        #expect(throws: TensorError.self) { try gated(Tensor.zeros([3, 3]), g) }
        let nn = NNConv(inChannels: 2, outChannels: 2, nn: zooMLP(1, 3, 3))
        #expect(throws: TensorError.self) { try nn(Tensor.zeros([3, 2]), g, edgeFeatures: Tensor.zeros([2, 1])) }
    }
}

@Suite("Zoo: defaults and initialisation")
struct ZooInitTests {
    static func within(_ t: Tensor, _ bound: Float) -> Bool {
        t.scalars.allSatisfy { abs($0) <= bound } && t.scalars.contains { abs($0) > bound / 4 }
    }

    @Test("initial parameters follow PyG's reset_parameters")
    func initialisation() throws {
        var rng = RandomGenerator(seed: 21)
        let gcn2 = try GCN2Conv(channels: 8, alpha: 0.1, sharedWeights: false, using: &rng)
        #expect(gcn2.beta == 1)
        let glorot = (6 / 16 as Float).squareRoot()
        let weight2 = try #require(gcn2.weight2)
        #expect(Self.within(gcn2.weight1, glorot) && Self.within(weight2, glorot))
        #expect(gcn2.namedParameters().map(\.name) == ["weight1", "weight2"])
        #expect(try GCN2Conv(channels: 2, alpha: 0.1).namedParameters().map(\.name) == ["weight1"])

        let gated = try GatedGraphConv(outChannels: 9, numLayers: 2, using: &rng)
        #expect(gated.weight.shape == [2, 9, 9] && Self.within(gated.weight, 1 / 3))
        let biasHh = try #require(gated.rnn.biasHh)
        #expect(Self.within(gated.rnn.weightIh, 1 / 3) && Self.within(biasHh, 1 / 3))

        let nn = NNConv(inChannels: 4, outChannels: 3, nn: zooMLP(2, 3, 12), using: &rng)
        #expect(nn.bias?.scalars == [0, 0, 0])
        let lin = try #require(nn.lin)
        #expect(Self.within(lin.weight, 1 / 2) && lin.bias == nil)
        #expect(Set(nn.stateDict().keys) == ["nn.0.weight", "nn.0.bias", "nn.2.weight", "nn.2.bias", "lin.weight", "bias"])

        let edge = EdgeConv(nn: zooMLP(4, 3, 2))
        #expect(edge.aggregation is MaxAggregation)
        #expect(Set(edge.stateDict().keys) == ["nn.0.weight", "nn.0.bias", "nn.2.weight", "nn.2.bias"])

        let pna = try PNAConv(inChannels: 4, outChannels: 4, aggregators: [MeanAggregation(), MaxAggregation()],
                              scalers: [.identity], deg: [0, 2, 2], edgeDim: 3, using: &rng)
        #expect(Set(pna.stateDict().keys) == ["aggr_module.avg_deg_lin", "aggr_module.avg_deg_log", "edge_encoder.weight",
                                              "edge_encoder.bias", "pre_nns.0.0.weight", "pre_nns.0.0.bias",
                                              "post_nns.0.0.weight", "post_nns.0.0.bias", "lin.weight", "lin.bias"])
        #expect(pna.preNns[0].count == 1 && (pna.preNns[0][0] as? Linear)?.inFeatures == 12)
        #expect((pna.postNns[0][0] as? Linear)?.inFeatures == 12)
        #expect(abs(pna.aggrModule.initialAvgDegLin - 1.5) < 1e-6)
    }

    @Test("a learnable aggregation shows its parameters under aggr_module, as PyG")
    func learnableAggregation() throws {
        let conv = EdgeConv(nn: zooMLP(4, 3, 2), aggregation: try SoftmaxAggregation(learn: true))
        #expect(conv.namedParameters().map(\.name).contains("aggr_module.t"))
    }

    @Test("GCN2Conv with cached normalises once and reuses it")
    func cached() throws {
        var rng = RandomGenerator(seed: 22)
        let conv = try GCN2Conv(channels: 2, alpha: 0.1, cached: true, using: &rng)
        let x = Tensor.uniform([3, 2], low: -1, high: 1, using: &rng)
        let g = try Graph(numNodes: 3, source: [0, 1], target: [1, 2])
        let first = try conv(x, x, g)
        // A different graph is ignored while the cache holds.
        let other = try Graph(numNodes: 3, source: [2], target: [0])
        #expect(try conv(x, x, other).scalars == first.scalars)
        conv.resetCache()
        #expect(try conv(x, x, other).scalars != first.scalars)
    }
}
