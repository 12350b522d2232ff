import Testing
import MessagePassing
import TensorCore

@Suite("Norm: GraphNorm")
struct NormGraphNormTests {
    @Test("parameter names and initial values are PyG's")
    func parameters() {
        let norm = GraphNorm(inChannels: 3)
        #expect(norm.namedParameters().map(\.name) == ["weight", "bias", "mean_scale"])
        #expect(norm.weight.scalars == [1, 1, 1])
        #expect(norm.bias.scalars == [0, 0, 0])
        #expect(norm.meanScale.scalars == [1, 1, 1])
    }

    @Test("matches PyG: output and gradients of input and parameters")
    func golden() throws {
        let golden = try PoolGolden.load()
        let c = try golden.case("graph_norm")
        let norm = GraphNorm(inChannels: 3)
        try c.load(into: norm)
        let inputs = try c.inputTensors()
        let out = try norm(try #require(inputs["x"]), batch: golden.graphBatch())
        try c.check(out, inputs: inputs, module: norm)
    }

    @Test("each graph is normalised on its own; single-node graph gives the bias")
    func perGraph() throws {
        let norm = GraphNorm(inChannels: 1)
        let x = try Tensor(shape: [4, 1], scalars: [1, 3, 100, 7])
        let y = try norm(x, batch: [0, 0, 1, 2])
        // Graph 0: mean 2, centred ±1, std ≈ 1; graph 1 (one node): 0.
        #expect(abs(y.scalars[0] + 1) < 1e-4 && abs(y.scalars[1] - 1) < 1e-4)
        #expect(y.scalars[2] == 0)
        #expect(y.scalars[3] == 0)
    }

    @Test("gradcheck through input and all three parameters (unsorted batch)")
    func gradcheckNorm() throws {
        let segments = try NodeSegments(batch: [1, 0, 1, 1, 0], numNodes: 5)
        var rng = RandomGenerator(seed: 5)
        let x = Tensor.uniform([5, 2], low: -1, high: 1, using: &rng).requiringGrad()
        let w = Tensor.uniform([2], low: 0.5, high: 1.5, using: &rng).requiringGrad()
        let b = Tensor.uniform([2], low: -1, high: 1, using: &rng).requiringGrad()
        let a = Tensor.uniform([2], low: 0.2, high: 0.8, using: &rng).requiringGrad()
        let r = try gradcheck({ t in
            let norm = GraphNorm(inChannels: 2)
            norm.weight = t[1]
            norm.bias = t[2]
            norm.meanScale = t[3]
            return try norm(t[0], segments)
        }, inputs: [x, w, b, a], eps: 1e-2)
        #expect(r.passed, "\(r)")
    }

    @Test("wrong feature count is rejected")
    func badInput() throws {
        let norm = GraphNorm(inChannels: 3)
        #expect(throws: TensorError.self) { try norm(Tensor.zeros([4, 2]), batch: nil) }
        #expect(throws: TensorError.self) { try norm(Tensor.zeros([4, 3]), batch: [0, 0, 1]) }
    }
}
