import Testing
import MessagePassing

/// GINEConv, GraphConv, SGConv, APPNP, ChebConv and TAGConv against PyG 2.8.1 (outputs
/// and gradients of x, edge weights / edge features and every parameter), on the fused
/// and the general path.
@Suite("ConvMoreGolden")
struct ConvMoreGoldenTests {
    static let strategies: [Propagation.Strategy] = [.automatic, .general]

    @Test("GINEConv matches PyG (edge_dim with lin; edge features of the node width)",
          arguments: ["gine_edgedim", "gine_plain"])
    func gine(_ name: String) throws {
        let f = try MPFixture(name)
        for strategy in Self.strategies {
            let edgeDim = f.config["edge_dim"] == nil ? nil : f.int("edge_dim", 0)
            let conv = try GINEConv(nn: ConvGoldenTests.mlp(4, 8, 3), eps: f.float("eps", 0),
                                    trainEps: f.bool("train_eps", false), edgeDim: edgeDim)
            conv.strategy = strategy
            try f.check(conv) { x, g, _, a in try conv(x, g, edgeFeatures: try #require(a)) }
        }
    }

    @Test("GINEConv errors: edge width mismatch without edgeDim, width not inferable")
    func gineErrors() throws {
        let g = try smallGraph()
        let conv = try GINEConv(nn: ConvGoldenTests.mlp(4, 8, 3))
        #expect(throws: TensorError.self) { try conv(Tensor.randn([7, 4], seed: 1), g, edgeFeatures: Tensor.ones([16, 3])) }
        #expect(throws: TensorError.self) { try GINEConv(nn: ActivationLayer(.relu), edgeDim: 3) }
        #expect(try GINEConv(nn: ActivationLayer(.relu), edgeDim: 3, inChannels: 5).lin?.weight.shape == [5, 3])
    }

    @Test("GraphConv matches PyG (add, mean, max; edge weights)",
          arguments: ["graphconv_add", "graphconv_mean", "graphconv_max"])
    func graphConv(_ name: String) throws {
        let f = try MPFixture(name)
        for strategy in Self.strategies {
            var rng = RandomGenerator(seed: 4)
            let conv = GraphConv(inChannels: 4, outChannels: 3, aggregation: ConvGoldenTests.aggregation(f.string("aggr")),
                                 using: &rng)
            conv.strategy = strategy
            try f.check(conv) { x, g, w, _ in try conv(x, g, edgeWeight: w) }
        }
        #expect(Set(GraphConv(inChannels: 4, outChannels: 3).stateDict().keys)
                == ["lin_rel.weight", "lin_rel.bias", "lin_root.weight"])
    }

    @Test("SGConv matches PyG", arguments: ["sgconv_k2", "sgconv_k1"])
    func sgConv(_ name: String) throws {
        let f = try MPFixture(name)
        for strategy in Self.strategies {
            let conv = try SGConv(inChannels: 4, outChannels: 3, K: f.int("K", 1))
            conv.strategy = strategy
            try f.check(conv) { x, g, w, _ in try conv(x, g, edgeWeight: w) }
        }
    }

    @Test("SGConv cached keeps the propagated features of the first call")
    func sgConvCached() throws {
        let f = try MPFixture("sgconv_k2")
        let conv = try SGConv(inChannels: 4, outChannels: 3, K: 2, cached: true)
        try conv.loadStateDict(f.stateDict)
        let g = try f.graph(), x = try f.tensor("x")
        let first = try conv(x, g, edgeWeight: try f.tensor("edge_weight"))
        #expect(MPFixture.excess(first, try f.tensor("out")).ratio <= 1)
        #expect(try conv(Tensor.zeros([7, 4]), g).allClose(first, rtol: 0, atol: 0))
        conv.resetCache()
        #expect(try conv(Tensor.zeros([7, 4]), g).allClose(conv.lin(Tensor.zeros([7, 4])), rtol: 1e-6, atol: 1e-6))
    }

    @Test("APPNP matches PyG", arguments: ["appnp_k3", "appnp_noloops"])
    func appnp(_ name: String) throws {
        let f = try MPFixture(name)
        for strategy in Self.strategies {
            let conv = try APPNP(K: f.int("K", 1), alpha: f.float("alpha", 0.1),
                                 addSelfLoops: f.bool("add_self_loops", true))
            conv.strategy = strategy
            try f.check(conv) { x, g, w, _ in try conv(x, g, edgeWeight: w) }
        }
    }

    @Test("APPNP edge dropout: only in training, and K = 0 is the identity")
    func appnpDropout() throws {
        let g = try smallGraph()
        let x = Tensor.randn([7, 3], seed: 8)
        let conv = try APPNP(K: 2, alpha: 0.1, dropout: 0.5, seed: 1)
        let plain = try APPNP(K: 2, alpha: 0.1)
        conv.eval()
        #expect(try conv(x, g).allClose(plain(x, g), rtol: 1e-6, atol: 1e-6))
        conv.train()
        #expect(try !conv(x, g).allClose(plain(x, g), rtol: 1e-3, atol: 1e-3))
        #expect(try APPNP(K: 0, alpha: 0.1)(x, g).allClose(x, rtol: 0, atol: 0))
        #expect(throws: TensorError.self) { try APPNP(K: 1, alpha: 1.5) }
    }

    @Test("ChebConv matches PyG (sym, rw, none, K = 1, given lambda_max)",
          arguments: ["cheb_sym", "cheb_rw", "cheb_none", "cheb_k1", "cheb_lambda"])
    func cheb(_ name: String) throws {
        let f = try MPFixture(name)
        let normalization: ChebConv.Normalization? = switch f.string("normalization") {
        case "sym": .sym
        case "rw": .rw
        default: nil
        }
        let lambda = f.config["lambda_max"] == nil ? nil : f.float("lambda_max", 2)
        for strategy in Self.strategies {
            let conv = try ChebConv(inChannels: 4, outChannels: 3, K: f.int("K", 1), normalization: normalization)
            conv.strategy = strategy
            try f.check(conv) { x, g, w, _ in try conv(x, g, edgeWeight: w, lambdaMax: lambda) }
        }
        #expect(throws: TensorError.self) { try ChebConv(inChannels: 4, outChannels: 3, K: 0) }
        #expect(throws: TensorError.self) {
            try ChebConv(inChannels: 4, outChannels: 3, K: 2)(Tensor.ones([7, 4]), try smallGraph(), lambdaMax: 0)
        }
    }

    @Test("TAGConv matches PyG", arguments: ["tag_k3", "tag_nonormalize"])
    func tag(_ name: String) throws {
        let f = try MPFixture(name)
        for strategy in Self.strategies {
            let conv = try TAGConv(inChannels: 4, outChannels: 3, K: f.int("K", 3), normalize: f.bool("normalize", true))
            conv.strategy = strategy
            try f.check(conv) { x, g, w, _ in try conv(x, g, edgeWeight: w) }
        }
    }
}
