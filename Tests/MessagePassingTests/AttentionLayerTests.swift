import Foundation
import Testing
import MessagePassing

/// A layer built from a fixture's PyG constructor arguments, and how to run it.
struct AttentionLayerUnderTest {
    let module: any Module
    /// Separate target features (a fixture with a tuple `in_channels`), else nil.
    var targetFeatures: Tensor? = nil
    let run: (Tensor, Graph, Tensor?) throws -> (output: Tensor, attention: AttentionWeighted?)

    init(_ f: AttentionFixture) throws {
        var rng = RandomGenerator(seed: 5)
        let inC = f.int("in_channels", 0), outC = f.int("out_channels", 0)
        let heads = f.int("heads", 1), concat = f.bool("concat", true), bias = f.bool("bias", true)
        var fill = SelfLoopFill.mean
        if let v = f.config["fill_value"] as? Double { fill = .constant(Float(v)) }
        switch f.layer {
        case "GATConv" where f.config["in_channels"] is [Int]:
            let sizes = f.config["in_channels"] as? [Int] ?? []
            let xDst = try f.tensor("x_dst").copy().requiringGrad()
            targetFeatures = xDst
            let l = try GATConv(inChannels: (sizes[0], sizes[1]), outChannels: outC, heads: heads, concat: concat,
                                addSelfLoops: f.bool("add_self_loops", true), edgeDim: f.edgeDim, fillValue: fill,
                                bias: bias, residual: f.bool("residual", false), using: &rng)
            module = l
            run = { x, g, e in let r = try l.withAttentionWeights((x, xDst), g, edgeFeatures: e); return (r.output, r) }
        case "GATConv":
            let l = try GATConv(inChannels: inC, outChannels: outC, heads: heads, concat: concat,
                                negativeSlope: f.float("negative_slope", 0.2), addSelfLoops: f.bool("add_self_loops", true),
                                edgeDim: f.edgeDim, fillValue: fill, bias: bias, residual: f.bool("residual", false),
                                using: &rng)
            module = l
            run = { x, g, e in let r = try l.withAttentionWeights(x, g, edgeFeatures: e); return (r.output, r) }
        case "GATv2Conv":
            let l = try GATv2Conv(inChannels: inC, outChannels: outC, heads: heads, concat: concat,
                                  negativeSlope: f.float("negative_slope", 0.2), addSelfLoops: f.bool("add_self_loops", true),
                                  edgeDim: f.edgeDim, fillValue: fill, bias: bias,
                                  shareWeights: f.bool("share_weights", false), residual: f.bool("residual", false),
                                  using: &rng)
            module = l
            run = { x, g, e in let r = try l.withAttentionWeights(x, g, edgeFeatures: e); return (r.output, r) }
        case "TransformerConv":
            let l = try TransformerConv(inChannels: inC, outChannels: outC, heads: heads, concat: concat,
                                        beta: f.bool("beta", false), edgeDim: f.edgeDim, bias: bias,
                                        rootWeight: f.bool("root_weight", true), using: &rng)
            module = l
            run = { x, g, e in let r = try l.withAttentionWeights(x, g, edgeFeatures: e); return (r.output, r) }
        case "ResGatedGraphConv":
            let l = ResGatedGraphConv(inChannels: inC, outChannels: outC, edgeDim: f.edgeDim,
                                      rootWeight: f.bool("root_weight", true), bias: bias, using: &rng)
            module = l
            run = { x, g, e in (try l(x, g, edgeFeatures: e), nil) }
        default:
            throw AttentionFixtureError("unknown layer \(f.layer)")
        }
    }
}

@Suite("AttentionLayers")
struct AttentionLayerTests {
    static let tolerance: Float = 2e-5

    @Test("fixtures exist for every layer")
    func fixturesPresent() throws {
        let layers = Set(try AttentionFixture.names.map { try AttentionFixture($0).layer })
        #expect(layers == ["GATConv", "GATv2Conv", "TransformerConv", "ResGatedGraphConv"])
    }

    @Test("matches PyG 2.8.1: state dict names, output, attention weights, gradients of x, edges, parameters",
          arguments: AttentionFixture.names)
    func matchesPyG(name: String) throws {
        let f = try AttentionFixture(name)
        let layer = try AttentionLayerUnderTest(f)
        let module = layer.module
        module.eval()
        // Same names and shapes as PyG's state dict (strict load).
        try module.loadStateDict(f.stateDict)
        let x = try f.tensor("x").copy().requiringGrad()
        let edges = f.tensors["edge_attr"].map { $0.copy().requiringGrad() }
        let (out, attention) = try layer.run(x, f.graph, edges)
        var worst: [String: Float] = [:]
        worst["out"] = attentionMaxError(out, try f.tensor("out"))
        if let attention {
            #expect(attention.graph.source == f.attentionSource)
            #expect(attention.graph.target == f.attentionTarget)
            worst["attention"] = attentionMaxError(attention.weights, try f.tensor("att.weights"))
        }
        try out.backward(try f.tensor("R"))
        worst["grad.x"] = attentionMaxError(x.grad ?? Tensor.zeros(x.shape), try f.tensor("grad.x"))
        if let xDst = layer.targetFeatures {
            worst["grad.x_dst"] = attentionMaxError(xDst.grad ?? Tensor.zeros(xDst.shape), try f.tensor("grad.x_dst"))
        }
        if let edges {
            worst["grad.edge_attr"] = attentionMaxError(edges.grad ?? Tensor.zeros(edges.shape), try f.tensor("grad.edge_attr"))
        }
        let params = module.namedParameters()
        let expectedGrads = f.tensors.keys.filter { $0.hasPrefix("grad.") && !["grad.x", "grad.x_dst", "grad.edge_attr"].contains($0) }
        #expect(Set(params.map { "grad." + $0.name }) == Set(expectedGrads), "parameter names differ from PyG's")
        for (pname, p) in params {
            guard let expected = f.tensors["grad." + pname] else { continue }
            worst["grad." + pname] = attentionMaxError(p.grad ?? Tensor.zeros(p.shape), expected)
        }
        let maxError = worst.values.max() ?? 0
        print("attention fixture \(name): max error \(maxError)")
        for (key, e) in worst.sorted(by: { $0.key < $1.key }) {
            #expect(e <= Self.tolerance, "\(name) \(key): error \(e)")
        }
    }
}
