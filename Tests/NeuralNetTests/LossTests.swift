import Foundation
import Testing
import NeuralNet

private func close(_ a: Float, _ b: Double, _ tol: Double = 1e-6) -> Bool { abs(Double(a) - b) <= tol * max(1, abs(b)) }

@Suite struct LossClassificationTests {
    @Test func crossEntropyByHand() throws {
        // logits [0, ln 3]: softmax [1/4, 3/4].
        let x = try Tensor(shape: [1, 2], scalars: [0, Float(log(3.0))], requiresGrad: true)
        let plain = try Loss.crossEntropy(x, Int32Tensor([0]))
        #expect(close(try plain.item(), log(4.0)))
        try plain.backward()
        #expect(close(x.grad!.data[0], -0.75) && close(x.grad!.data[1], 0.75))
        // ε = 0.2: 0.8·(−log p0) + 0.1·(−log p0 − log p1).
        let smooth = try Loss.crossEntropy(x, Int32Tensor([0]), labelSmoothing: 0.2)
        #expect(close(try smooth.item(), 0.8 * log(4.0) + 0.1 * (log(4.0) + log(4.0 / 3.0))))
    }

    @Test func weightedMeanDividesByTheWeightsOfNonIgnoredTargets() throws {
        let x = try Tensor(shape: [3, 2], scalars: [0, 0, 0, 0, 0, 0])
        let w = Tensor([1, 3])
        // Each row loses log 2; weighted sum 1·log2 + 3·log2, divided by 1 + 3 (row 2 ignored).
        let loss = try Loss.crossEntropy(x, Int32Tensor([0, 1, -100]), weight: w)
        #expect(close(try loss.item(), log(2.0)))
        let sum = try Loss.crossEntropy(x, Int32Tensor([0, 1, -100]), weight: w, reduction: .sum)
        #expect(close(try sum.item(), 4 * log(2.0)))
        let none = try Loss.crossEntropy(x, Int32Tensor([0, 1, -100]), weight: w, reduction: .none)
        #expect(none.shape == [3] && none.data[2] == 0 && close(none.data[1], 3 * log(2.0)))
    }

    @Test func allIgnoredGivesNaNForTheMeanAndZeroForTheSum() throws {
        let x = Tensor.randn([2, 3], seed: 1).requiringGrad()
        let t = Int32Tensor([-100, -100])
        #expect(try Loss.crossEntropy(x, t).item().isNaN)
        #expect(try Loss.nll(x, t).item().isNaN)
        let sum = try Loss.crossEntropy(x, t, reduction: .sum)
        #expect(try sum.item() == 0)
        try sum.backward()
        #expect(x.grad?.scalars == [0, 0, 0, 0, 0, 0])
    }

    @Test func ignoreIndexMayBeARealClass() throws {
        let x = Tensor.randn([3, 3], seed: 2)
        let a = try Loss.crossEntropy(x, Int32Tensor([0, 2, 2]), ignoreIndex: 2)
        let b = try Loss.crossEntropy(x, Int32Tensor([0, -100, -100]))
        #expect(try a.item() == b.item())
    }

    @Test func largeLogitsStayFinite() throws {
        let x = try Tensor(shape: [2, 3], scalars: [1000, 0, -1000, -1000, 0, 1000])
        let loss = try Loss.crossEntropy(x, Int32Tensor([2, 2]), reduction: .none)
        #expect(close(loss.data[0], 2000, 1e-5) && close(loss.data[1], 0))
    }

    @Test func manyRowsUseTheParallelPathAndMatchANaiveSum() throws {
        let x = Tensor.randn([10000, 4], seed: 3)
        let t = Int32Tensor((0..<10000).map { Int32($0 % 4) })
        let mean = try Loss.crossEntropy(x, t)
        var total = 0.0
        for i in 0..<10000 {
            var s = 0.0
            for c in 0..<4 { s += exp(Double(x[i, c])) }
            total += log(s) - Double(x[i, i % 4])
        }
        #expect(close(try mean.item(), total / 10000, 1e-5))
    }

    @Test func nllPicksTheTargetLogProbability() throws {
        let lp = try Tensor(shape: [2, 3], scalars: [-1, -2, -3, -4, -5, -6], requiresGrad: true)
        let loss = try Loss.nll(lp, Int32Tensor([2, 0]), weight: Tensor([1, 1, 2]))
        #expect(close(try loss.item(), (2 * 3 + 4) / 3.0))
        try loss.backward()
        let expected: [Double] = [0, 0, -2.0 / 3, -1.0 / 3, 0, 0]
        let grad = try #require(lp.grad)
        for i in 0..<6 { #expect(close(grad.data[i], expected[i])) }
    }

    @Test func classLossErrorsNameTheLoss() {
        let x = Tensor.zeros([2, 3])
        for (target, what) in [(Int32Tensor([0, 3]), "out of range"), (Int32Tensor([-1, 0]), "out of range")] {
            do {
                _ = try Loss.crossEntropy(x, target)
                Issue.record("expected an error")
            } catch let e as TensorError {
                #expect(e.op == "crossEntropy" && e.message.contains(what))
            } catch { Issue.record("unexpected \(error)") }
        }
        #expect(throws: TensorError.self) { try Loss.crossEntropy(x, Int32Tensor([0, 1, 2])) }
        #expect(throws: TensorError.self) { try Loss.crossEntropy(Tensor.zeros([3]), Int32Tensor([0])) }
        #expect(throws: TensorError.self) { try Loss.crossEntropy(x, Int32Tensor([0, 1]), weight: Tensor.ones([2])) }
        #expect(throws: TensorError.self) { try Loss.crossEntropy(x, Int32Tensor([0, 1]), labelSmoothing: 1.5) }
        #expect(throws: TensorError("nll", "target 5 at position 1 is out of range 0..<3 (ignoreIndex is -100)")) {
            try Loss.nll(x, Int32Tensor([0, 5]))
        }
    }
}

@Suite struct LossRegressionTests {
    let x = Tensor([1, -2, 0.5, 3])
    let y = Tensor([0, 0, 0, 0])

    @Test func valuesByHand() throws {
        #expect(try Loss.mse(x, y).item() == (1 + 4 + 0.25 + 9) / 4)
        #expect(try Loss.l1(x, y, reduction: .sum).item() == 6.5)
        // Huber δ = 1: ½d² inside, δ(|d| − ½δ) outside.
        #expect(try Loss.huber(x, y, reduction: .none).scalars == [0.5, 1.5, 0.125, 2.5])
        #expect(try Loss.huber(x, y, delta: 2, reduction: .none).scalars == [0.5, 2, 0.125, 4])
        // Smooth L1 β = 2 is Huber δ = 2 divided by 2; β = 0 is L1.
        #expect(try Loss.smoothL1(x, y, beta: 2, reduction: .none).scalars == [0.25, 1, 0.0625, 2])
        #expect(try Loss.smoothL1(x, y, beta: 0, reduction: .none).scalars == [1, 2, 0.5, 3])
    }

    @Test func gradientsFlowToInputAndTarget() throws {
        let a = Tensor([1, -2, 0], requiresGrad: true), b = Tensor([0, 0, 0], requiresGrad: true)
        try Loss.l1(a, b, reduction: .sum).backward()
        #expect(a.grad?.scalars == [1, -1, 0] && b.grad?.scalars == [-1, 1, -0])
        a.grad = nil
        try Loss.huber(a, Tensor.zeros([3]), delta: 0.5, reduction: .sum).backward()
        #expect(a.grad?.scalars == [0.5, -0.5, 0])
    }

    @Test func largeSumsUseBlocksAndMatchANaiveSum() throws {
        let a = Tensor.randn([20000], seed: 1), b = Tensor.randn([20000], seed: 2)
        var total = 0.0
        for i in 0..<20000 { total += Double(a.data[i] - b.data[i]) * Double(a.data[i] - b.data[i]) }
        #expect(close(try Loss.mse(a, b, reduction: .sum).item(), total, 1e-5))
        #expect(close(try Loss.mse(a, b).item(), total / 20000, 1e-5))
    }

    @Test func errorsNameTheLoss() {
        #expect(throws: TensorError("mse", "input [4] and target [2, 2] must have the same shape")) {
            try Loss.mse(x, Tensor.zeros([2, 2]))
        }
        #expect(throws: TensorError.self) { try Loss.l1(x, Tensor.zeros([3])) }
        #expect(throws: TensorError.self) { try Loss.huber(x, y, delta: 0) }
        #expect(throws: TensorError.self) { try Loss.smoothL1(x, y, beta: -1) }
        #expect(throws: TensorError.self) { try Loss.smoothL1(x, Tensor.zeros([3]), beta: 0) }
    }
}

@Suite struct LossBinaryTests {
    @Test func valuesByHandAndStableForExtremeLogits() throws {
        let x = Tensor([0, 100, -100, 100])
        let t = Tensor([1, 0, 1, 1])
        let loss = try Loss.bceWithLogits(x, t, reduction: .none)
        #expect(close(loss.data[0], log(2.0)) && close(loss.data[1], 100) && close(loss.data[2], 100))
        #expect(loss.data[3] >= 0 && loss.data[3] < 1e-30)
        // posWeight scales the positive term: pw·log(1 + e^{-x}) for t = 1.
        let pw = try Loss.bceWithLogits(Tensor([0]), Tensor([1]), posWeight: Tensor([3]))
        #expect(close(try pw.item(), 3 * log(2.0)))
    }

    @Test func gradientIsSigmoidMinusTarget() throws {
        let x = Tensor([0, 2, -1], requiresGrad: true)
        let t = Tensor([1, 0, 0.5], requiresGrad: true)
        try Loss.bceWithLogits(x, t, reduction: .sum).backward()
        let sig = [0.5, 1 / (1 + exp(-2.0)), 1 / (1 + exp(1.0))]
        for i in 0..<3 {
            #expect(close(x.grad!.data[i], sig[i] - Double(t.data[i])))
            #expect(close(t.grad!.data[i], -Double(x.data[i])))
        }
    }

    @Test func weightsBroadcastOrThrow() throws {
        let x = Tensor.randn([2, 3], seed: 1), t = Tensor.zeros([2, 3])
        let plain = try Loss.bceWithLogits(x, t, reduction: .none)
        let weighted = try Loss.bceWithLogits(x, t, weight: Tensor([1, 2, 3]), reduction: .none)
        for i in 0..<6 { #expect(close(weighted.data[i], Double(plain.data[i]) * Double(i % 3 + 1))) }
        #expect(throws: TensorError.self) { try Loss.bceWithLogits(x, t, weight: Tensor([1, 2])) }
        #expect(throws: TensorError.self) { try Loss.bceWithLogits(x, t, posWeight: Tensor.ones([2, 2, 3])) }
        #expect(throws: TensorError.self) { try Loss.bceWithLogits(x, Tensor.zeros([3, 2])) }
    }
}
