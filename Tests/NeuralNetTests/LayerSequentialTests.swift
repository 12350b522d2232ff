import Testing
import NeuralNet

private final class Model: Module {
    var isTraining = true
    var body: Sequential
    var head: Linear
    init(_ rng: inout RandomGenerator) {
        body = Sequential(Linear(inFeatures: 3, outFeatures: 4, using: &rng), BatchNorm(features: 4),
                          Sequential(Linear(inFeatures: 4, outFeatures: 4, bias: false, using: &rng)))
        head = Linear(inFeatures: 4, outFeatures: 2, using: &rng)
    }
}

@Suite struct LayerSequentialTests {
    @Test func stateDictNamesAreLayerPositionsLikeTorch() {
        var rng = RandomGenerator(seed: 1)
        let seq = Sequential([Linear(inFeatures: 3, outFeatures: 4, using: &rng), LayerNorm(4),
                              Linear(inFeatures: 4, outFeatures: 2, bias: false, using: &rng)])
        #expect(seq.stateDict().keys == ["0.weight", "0.bias", "1.weight", "1.bias", "2.weight"])
        #expect(seq.namedChildren().map(\.name) == ["0", "1", "2"])
        #expect(seq.parameterCount == 12 + 4 + 4 + 4 + 8)
    }

    @Test func nestedNamesGoThroughPropertiesAndPositions() {
        var rng = RandomGenerator(seed: 2)
        let m = Model(&rng)
        #expect(m.stateDict().keys == [
            "body.0.weight", "body.0.bias", "body.1.weight", "body.1.bias",
            "body.1.running_mean", "body.1.running_var", "body.1.num_batches_tracked",
            "body.2.0.weight", "head.weight", "head.bias",
        ])
        m.eval()
        #expect(m.body.layers.allSatisfy { !$0.isTraining })
        #expect(!((m.body[2] as! Sequential)[0].isTraining))
    }

    @Test func appliesLayersInOrder() throws {
        var rng = RandomGenerator(seed: 3)
        let a = Linear(inFeatures: 3, outFeatures: 5, using: &rng), b = LayerNorm(5), c = Linear(inFeatures: 5, outFeatures: 2, using: &rng)
        let seq = Sequential(a, b, c)
        let x = Tensor.randn([4, 3], seed: 5)
        #expect(try seq(x).scalars == (try c(b(a(x)))).scalars)
        #expect(try Sequential([])(x).scalars == x.scalars)
        seq.append(Linear(inFeatures: 2, outFeatures: 1, using: &rng))
        #expect(seq.count == 4 && seq.stateDict().keys.last == "3.bias")
    }

    @Test func gradientsReachEveryLayer() throws {
        var rng = RandomGenerator(seed: 4)
        let seq = Sequential(Linear(inFeatures: 3, outFeatures: 4, using: &rng), BatchNorm(features: 4),
                             Linear(inFeatures: 4, outFeatures: 1, using: &rng))
        try Loss.mse(try seq(Tensor.randn([6, 3], seed: 6)), Tensor.zeros([6, 1])).backward()
        #expect(seq.parameters().allSatisfy { $0.grad != nil })
    }

    @Test func stateDictRoundTrips() throws {
        var r1 = RandomGenerator(seed: 7), r2 = RandomGenerator(seed: 8)
        let a = Sequential(Linear(inFeatures: 2, outFeatures: 3, using: &r1), BatchNorm(features: 3))
        let b = Sequential(Linear(inFeatures: 2, outFeatures: 3, using: &r2), BatchNorm(features: 3))
        _ = try a(Tensor.randn([4, 2], seed: 1))
        try b.loadStateDict(a.stateDict())
        for (x, y) in zip(a.stateDict(), b.stateDict()) {
            #expect(x.name == y.name && x.tensor.scalars == y.tensor.scalars)
        }
    }

    @Test func errorsNameTheFailingLayer() {
        var rng = RandomGenerator(seed: 9)
        let seq = Sequential(Linear(inFeatures: 3, outFeatures: 4, using: &rng), Linear(inFeatures: 5, outFeatures: 2, using: &rng))
        do {
            _ = try seq(Tensor.zeros([2, 3]))
            Issue.record("expected an error")
        } catch let e as TensorError {
            #expect(e.op == "linear" && e.message.contains("layer 1"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
