import Testing
import NeuralNet

@Suite struct LayerLinearTests {
    @Test func initialisesLikeTorchWithinOneOverSqrtFanIn() {
        var rng = RandomGenerator(seed: 3)
        let layer = Linear(inFeatures: 16, outFeatures: 8, using: &rng)
        #expect(layer.weight.shape == [8, 16] && layer.bias?.shape == [8])
        #expect(layer.weight.requiresGrad && layer.bias?.requiresGrad == true)
        let bound: Float = 0.25
        #expect(layer.weight.scalars.allSatisfy { abs($0) <= bound })
        #expect(layer.bias!.scalars.allSatisfy { abs($0) <= bound })
        // Spread over the whole interval, not a constant.
        #expect(layer.weight.scalars.max()! > 0.15 && layer.weight.scalars.min()! < -0.15)
        // Weight first, then bias, from the same stream.
        var replay = RandomGenerator(seed: 3)
        let w = Tensor.uniform([8, 16], low: -bound, high: bound, using: &replay)
        let b = Tensor.uniform([8], low: -bound, high: bound, using: &replay)
        #expect(layer.weight.scalars == w.scalars && layer.bias!.scalars == b.scalars)
    }

    @Test func globalGeneratorInitAndNoBias() {
        let layer = Linear(inFeatures: 4, outFeatures: 3, bias: false)
        #expect(layer.bias == nil)
        #expect(layer.stateDict().keys == ["weight"])
        #expect(layer.weight.scalars.allSatisfy { abs($0) <= 0.5 })
        #expect(Linear(inFeatures: 4, outFeatures: 3).stateDict().keys == ["weight", "bias"])
    }

    @Test func forwardIsXTimesWTransposedPlusBias() throws {
        let w = try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor([0.5, -1, 0])
        let x = try Tensor(shape: [2, 2], scalars: [1, 1, 2, 0])
        #expect(try Functional.linear(x, weight: w, bias: b).scalars == [3.5, 6, 11, 2.5, 5, 10])
        #expect(try Functional.linear(x, weight: w).scalars == [3, 7, 11, 2, 6, 10])
        // Leading axes are kept; a vector gives a vector.
        let x3 = try x.reshaped([2, 1, 2])
        #expect(try Functional.linear(x3, weight: w, bias: b).shape == [2, 1, 3])
        #expect(try Functional.linear(Tensor([1, 1]), weight: w, bias: b).scalars == [3.5, 6, 11])
    }

    @Test func backwardGivesHandGradients() throws {
        let w = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4], requiresGrad: true)
        let b = Tensor([0, 0], requiresGrad: true)
        let x = try Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1], requiresGrad: true)
        let y = try Functional.linear(x, weight: w, bias: b)
        try y.backward(try Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1]))
        // dX = dY·W, dW = dYᵀ·X, db = column sums of dY.
        #expect(x.grad?.scalars == [1, 2, 3, 4, 4, 6])
        #expect(w.grad?.scalars == [2, 1, 1, 2])
        #expect(b.grad?.scalars == [2, 2])
    }

    @Test func skipsGradientsThatAreNotNeeded() throws {
        let layer = Linear(inFeatures: 3, outFeatures: 2)
        let x = Tensor.randn([4, 3], seed: 1)
        try layer(x).backward(Tensor.ones([4, 2]))
        #expect(x.grad == nil)
        #expect(layer.weight.grad?.shape == [2, 3])
        #expect(layer.bias?.grad?.scalars == [4, 4])
    }

    @Test func emptyBatchGivesZeroParameterGradients() throws {
        let layer = Linear(inFeatures: 3, outFeatures: 2)
        let x = Tensor.zeros([0, 3], requiresGrad: true)
        let y = try layer(x)
        #expect(y.shape == [0, 2])
        try y.backward(Tensor.zeros([0, 2]))
        #expect(layer.weight.grad?.scalars == [0, 0, 0, 0, 0, 0])
        #expect(layer.bias?.grad?.scalars == [0, 0])
    }

    @Test func largeBatchUsesTheParallelPathsAndMatchesNaiveSums() throws {
        var rng = RandomGenerator(seed: 11)
        let layer = Linear(inFeatures: 8, outFeatures: 16, using: &rng)
        let x = Tensor.normal([5000, 8], using: &rng).requiringGrad()
        let g = Tensor.normal([5000, 16], using: &rng)
        let y = try layer(x)
        try y.backward(g)
        let w = layer.weight, b = layer.bias!
        for row in [0, 2499, 4999] {
            for o in [0, 7, 15] {
                var acc = Double(b.data[o])
                for i in 0..<8 { acc += Double(x[row, i]) * Double(w[o, i]) }
                #expect(abs(Double(y[row, o]) - acc) < 1e-4)
            }
        }
        for o in 0..<16 {
            var acc = 0.0
            for row in 0..<5000 { acc += Double(g[row, o]) }
            #expect(abs(Double(b.grad!.data[o]) - acc) < 1e-3 * max(1, abs(acc)))
        }
    }

    @Test func badShapesThrow() throws {
        let layer = Linear(inFeatures: 3, outFeatures: 2)
        #expect(throws: TensorError.self) { try layer(Tensor.zeros([4, 2])) }
        #expect(throws: TensorError.self) { try layer(Tensor(scalar: 1)) }
        #expect(throws: TensorError.self) { try Functional.linear(Tensor.zeros([2, 3]), weight: Tensor.zeros([3])) }
        #expect(throws: TensorError.self) {
            try Functional.linear(Tensor.zeros([2, 3]), weight: Tensor.zeros([2, 3]), bias: Tensor.zeros([3]))
        }
        do {
            _ = try layer(Tensor.zeros([4, 5]))
        } catch let e as TensorError {
            #expect(e.op == "linear" && e.message.contains("[4, 5]"))
        }
    }
}
