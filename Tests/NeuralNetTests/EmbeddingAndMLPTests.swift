import Testing
import NeuralNet

@Suite struct EmbeddingAndMLPTests {
    @Test func embeddingLooksUpRowsAndScattersGradients() throws {
        var rng = RandomGenerator(seed: 1)
        let e = try Embedding(count: 5, dimension: 3, using: &rng)
        let idx = try Int32Tensor(shape: [2, 2], scalars: [4, 1, 4, 0])
        let out = try e(idx)
        #expect(out.shape == [2, 2, 3])
        #expect(Array(out.scalars[0..<3]) == Array(e.weight.scalars[12..<15]))
        try out.backward(Tensor.ones(out.shape))
        // Row 4 was used twice, rows 0 and 1 once, rows 2 and 3 never.
        #expect(e.weight.grad!.scalars == [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 2, 2, 2])
        #expect(e.stateDict().keys == ["weight"])
    }

    @Test func embeddingPaddingRowIsZeroAndGetsNoGradient() throws {
        var rng = RandomGenerator(seed: 2)
        let e = try Embedding(count: 4, dimension: 2, paddingIndex: 0, using: &rng)
        #expect(Array(e.weight.scalars[0..<2]) == [0, 0])
        let out = try e(Int32Tensor([0, 2, 0]))
        try out.backward(Tensor.ones(out.shape))
        #expect(e.weight.grad!.scalars == [0, 0, 0, 0, 1, 1, 0, 0])
        #expect(throws: TensorError.self) { try e(Int32Tensor([4])) }
        #expect(throws: TensorError.self) { try Embedding(count: 4, dimension: 2, paddingIndex: 4) }
    }

    @Test func mlpHasPyGNamesAndTrainEvalDropout() throws {
        var rng = RandomGenerator(seed: 3)
        let mlp = try MLP(channels: [4, 8, 8, 2], activation: .relu, dropout: 0.5, norm: .batch, using: &rng)
        #expect(mlp.namedParameters().map(\.name) == [
            "lins.0.weight", "lins.0.bias", "lins.1.weight", "lins.1.bias", "lins.2.weight", "lins.2.bias",
            "norms.0.weight", "norms.0.bias", "norms.1.weight", "norms.1.bias",
        ])
        #expect(mlp.namedBuffers().map(\.name).contains("norms.0.running_mean"))
        let x = Tensor.normal([16, 4], using: &rng)
        #expect(try mlp(x).shape == [16, 2])
        mlp.eval()
        #expect(try mlp(x).scalars == mlp(x).scalars)   // no dropout, running stats
        #expect(throws: TensorError.self) { try MLP(channels: [4]) }
        #expect(throws: TensorError.self) { try MLP(channels: [4, 2], dropout: 1.5) }
    }

    @Test func activationLayerAppliesTheNamedOp() throws {
        let x = Tensor([-1, 0.5])
        #expect(try ActivationLayer(.relu)(x).scalars == [0, 0.5])
        #expect(try ActivationLayer(.leakyRelu(negativeSlope: 0.1))(x).scalars == [-0.1, 0.5])
        #expect(try ActivationLayer(.identity)(x).scalars == [-1, 0.5])
    }
}
