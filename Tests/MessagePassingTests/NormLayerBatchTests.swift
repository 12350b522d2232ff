import Testing
import MessagePassing
import NeuralNet
import TensorCore

@Suite("Norm: GraphLayerNorm and GraphBatchNorm")
struct NormLayerBatchTests {
    @Test("parameter names and initial values are PyG's")
    func parameters() throws {
        let ln = GraphLayerNorm(inChannels: 3)
        #expect(ln.namedParameters().map(\.name) == ["weight", "bias"])
        #expect(ln.weight?.scalars == [1, 1, 1] && ln.bias?.scalars == [0, 0, 0])
        #expect(GraphLayerNorm(inChannels: 3, affine: false).namedParameters().isEmpty)
        let bn = try GraphBatchNorm(inChannels: 3)
        #expect(Set(bn.stateDict().keys) == ["module.weight", "module.bias", "module.running_mean", "module.running_var",
                                             "module.num_batches_tracked"])
    }

    @Test("LayerNorm matches PyG", arguments: [("layer_norm_graph", GraphLayerNorm.Mode.graph, true),
                                               ("layer_norm_graph_nobatch", .graph, false),
                                               ("layer_norm_node", .node, true)])
    func layerNorm(_ name: String, _ mode: GraphLayerNorm.Mode, _ batched: Bool) throws {
        let golden = try ZooGolden.load()
        let c = try golden.case(name)
        let norm = GraphLayerNorm(inChannels: 3, mode: mode)
        try c.load(into: norm)
        let inputs = try c.inputTensors()
        let out = try norm(c.input("x", inputs), batched ? golden.segments() : nil)
        try c.check(out, inputs: inputs, module: norm)
    }

    @Test("graph LayerNorm: each graph normalised over its nodes and channels; unsorted batch")
    func graphModeByHand() throws {
        let norm = GraphLayerNorm(inChannels: 2)
        let x = try Tensor(shape: [3, 2], scalars: [1, 3, 10, 20, 5, 7])
        let y = try norm(x, batch: [0, 1, 0])
        // Graph 0 = rows 0 and 2: values 1, 3, 5, 7, mean 4, variance 5.
        let s = Float(5 + 1e-5).squareRoot()
        let want: [Float] = [-3 / s, -1 / s, 1 / s, 3 / s]
        for (a, b) in zip([y.scalars[0], y.scalars[1], y.scalars[4], y.scalars[5]], want) { #expect(abs(a - b) < 1e-5) }
        #expect(abs(y.scalars[2] + 1) < 1e-3 && abs(y.scalars[3] - 1) < 1e-3)
    }

    @Test("BatchNorm in training matches PyG, running statistics included")
    func batchNormTrain() throws {
        let golden = try ZooGolden.load()
        let c = try golden.case("batch_norm_train")
        let norm = try GraphBatchNorm(inChannels: 3)
        try c.load(into: norm)
        let inputs = try c.inputTensors()
        try c.check(norm(c.input("x", inputs)), inputs: inputs, module: norm)
        try c.checkRunning(norm)
    }

    @Test("BatchNorm in evaluation, and a single row with allowSingleElement, match PyG")
    func batchNormEval() throws {
        let golden = try ZooGolden.load()
        let c = try golden.case("batch_norm_eval")
        let norm = try GraphBatchNorm(inChannels: 3)
        try c.load(into: norm)
        norm.eval()
        var inputs = try c.inputTensors()
        try c.check(norm(c.input("x", inputs)), inputs: inputs, module: norm)

        let single = try golden.case("batch_norm_single")
        let one = try GraphBatchNorm(inChannels: 3, allowSingleElement: true)
        try single.load(into: one)
        one.train()
        inputs = try single.inputTensors()
        try single.check(one(single.input("x", inputs)), inputs: inputs, module: one)
        // Without allowSingleElement a single training row is an error, as in torch.
        let strict = try GraphBatchNorm(inChannels: 3)
        #expect(throws: TensorError.self) { try strict(Tensor.zeros([1, 3])) }
    }

    @Test("bad inputs are rejected")
    func badInput() throws {
        let ln = GraphLayerNorm(inChannels: 3)
        #expect(throws: TensorError.self) { try ln(Tensor.zeros([4, 2]), batch: nil) }
        #expect(throws: TensorError.self) { try ln(Tensor.zeros([4, 3]), batch: [0, 0, 1]) }
        #expect(throws: TensorError.self) { try GraphBatchNorm(inChannels: 3, trackRunningStats: false, allowSingleElement: true) }
    }
}
