import Testing
import MessagePassing
import TensorCore

@Suite("Pooling: attentional aggregation, Set2Set, LSTMCell")
struct PoolingAttentionTests {
    @Test("AttentionalAggregation with a [N, 1] gate matches PyG")
    func attentionalGate() throws {
        let golden = try PoolGolden.load()
        let c = try golden.case("attentional_gate")
        let aggr = AttentionalAggregation(gateNn: Linear(inFeatures: 3, outFeatures: 1))
        #expect(aggr.namedParameters().map(\.name) == ["gate_nn.weight", "gate_nn.bias"])
        try c.load(into: aggr)
        let inputs = try c.inputTensors()
        try c.check(try aggr(try #require(inputs["x"]), batch: golden.graphBatch()), inputs: inputs, module: aggr)
    }

    @Test("AttentionalAggregation with per-column gates and nn matches PyG")
    func attentionalGateNN() throws {
        let golden = try PoolGolden.load()
        let c = try golden.case("attentional_gate_nn")
        let aggr = AttentionalAggregation(gateNn: Linear(inFeatures: 3, outFeatures: 4), nn: Linear(inFeatures: 3, outFeatures: 4))
        try c.load(into: aggr)
        let inputs = try c.inputTensors()
        try c.check(try aggr(try #require(inputs["x"]), batch: golden.batch), inputs: inputs, module: aggr)
    }

    @Test("AttentionalAggregation: single-node graph returns its features; empty graph 0; bad gate rejected")
    func attentionalSemantics() throws {
        let aggr = AttentionalAggregation(gateNn: Linear(inFeatures: 2, outFeatures: 1))
        let x = try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        let out = try aggr(x, batch: [0, 0, 2], size: 3)
        #expect(out.shape == [3, 2])
        #expect(Array(out.scalars[2..<4]) == [0, 0])
        #expect(abs(out.scalars[4] - 5) < 1e-6 && abs(out.scalars[5] - 6) < 1e-6)
        let bad = AttentionalAggregation(gateNn: Linear(inFeatures: 2, outFeatures: 3))
        #expect(throws: TensorError.self) { try bad(x, batch: nil) }
    }

    @Test("gradcheck through AttentionalAggregation (input and both networks, unsorted batch)")
    func attentionalGradcheck() throws {
        var rng = RandomGenerator(seed: 21)
        let gate = Linear(inFeatures: 3, outFeatures: 2, using: &rng)
        let nn = Linear(inFeatures: 3, outFeatures: 2, using: &rng)
        let aggr = AttentionalAggregation(gateNn: gate, nn: nn)
        let segments = try NodeSegments(batch: [1, 0, 1, 1, 0, 2], numNodes: 6)
        let x = Tensor.uniform([6, 3], low: -1, high: 1, using: &rng).requiringGrad()
        let r = try gradcheck({ _ in try aggr(x, segments) }, inputs: [x] + aggr.parameters())
        #expect(r.passed, "\(r)")
    }

    @Test("LSTMCell: one step of torch.nn.LSTM (gates i, f, g, o)")
    func lstmCell() throws {
        let c = try PoolGolden.load().case("lstm_cell")
        let cell = LSTMCell(inputSize: 4, hiddenSize: 3)
        #expect(cell.namedParameters().map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
        try c.load(into: cell)
        let inputs = try c.inputTensors()
        let x = try #require(inputs["x"]), h0 = try #require(inputs["h0"]), c0 = try #require(inputs["c0"])
        // The fixture's tensors carry torch's sequence axis of length 1: [1, B, ·].
        let (h, cNew) = try cell(x.squeezed(axis: 0), (h0.squeezed(axis: 0), c0.squeezed(axis: 0)))
        try c.check(try Tensor.concat([h, cNew], axis: -1), inputs: inputs, module: cell)
    }

    @Test("LSTMCell gradcheck and shape errors")
    func lstmGradcheck() throws {
        var rng = RandomGenerator(seed: 4)
        let cell = LSTMCell(inputSize: 3, hiddenSize: 2, using: &rng)
        let x = Tensor.uniform([2, 3], low: -1, high: 1, using: &rng).requiringGrad()
        let h = Tensor.uniform([2, 2], low: -1, high: 1, using: &rng).requiringGrad()
        let c = Tensor.uniform([2, 2], low: -1, high: 1, using: &rng).requiringGrad()
        let r = try gradcheck({ _ in
            let (h2, c2) = try cell(x, (h, c))
            return try h2 + c2
        }, inputs: [x, h, c] + cell.parameters())
        #expect(r.passed, "\(r)")
        #expect(throws: TensorError.self) { try cell(Tensor.zeros([2, 4]), (h, c)) }
        #expect(throws: TensorError.self) { try cell(x, (Tensor.zeros([3, 2]), c)) }
    }

    @Test("Set2Set matches PyG (3 processing steps)")
    func set2set() throws {
        let golden = try PoolGolden.load()
        let c = try golden.case("set2set")
        let aggr = Set2Set(inChannels: 3, processingSteps: try #require(c.processing_steps))
        try c.load(into: aggr)
        let inputs = try c.inputTensors()
        let out = try aggr(try #require(inputs["x"]), batch: golden.graphBatch())
        #expect(out.shape == [3, 6])
        try c.check(out, inputs: inputs, module: aggr)
    }

    @Test("gradcheck through Set2Set (input and LSTM, with an empty graph)")
    func set2setGradcheck() throws {
        var rng = RandomGenerator(seed: 8)
        let aggr = Set2Set(inChannels: 2, processingSteps: 2, using: &rng)
        let segments = try NodeSegments(batch: [0, 2, 0, 2, 2], numNodes: 5, size: 3)
        let x = Tensor.uniform([5, 2], low: -1, high: 1, using: &rng).requiringGrad()
        let r = try gradcheck({ _ in try aggr(x, segments) }, inputs: [x] + aggr.parameters())
        #expect(r.passed, "\(r)")
        #expect(throws: TensorError.self) { try aggr(Tensor.zeros([5, 3]), segments) }
        #expect(throws: TensorError.self) { try aggr(Tensor.zeros([4, 2]), segments) }
    }
}
