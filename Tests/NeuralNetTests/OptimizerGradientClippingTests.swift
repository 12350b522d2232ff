import Testing
import NeuralNet

// Expected values printed by torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (torch
// 2.15, float32) on the same three parameters (the third without a gradient).

private func parameters() throws -> [Tensor] {
    let a = Tensor.zeros([2, 3], requiresGrad: true)
    a.grad = try Tensor(shape: [2, 3], scalars: [1.5, -2.0, 0.25, 3.0, -0.5, 0.0])
    let b = Tensor.zeros([4], requiresGrad: true)
    b.grad = Tensor([-1.0, 4.0, 0.125, -2.5])
    return [a, b, Tensor.zeros([3], requiresGrad: true)]
}

private func close(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }
}

@Suite struct GradientClippingTests {
    @Test(arguments: [
        (Float(2), Float(6.231221675872803), [Float(0.24072322249412537), -0.3209643065929413, 0.04012053832411766, 0.48144644498825073, -0.08024107664823532, 0.0],
         [Float(-0.16048215329647064), 0.6419286131858826, 0.02006026916205883, -0.4012053906917572]),
        (1, 14.875, [0.10084033012390137, -0.13445377349853516, 0.016806721687316895, 0.20168066024780273, -0.03361344337463379, 0.0],
         [-0.06722688674926758, 0.2689075469970703, 0.008403360843658447, -0.16806721687316895]),
        (.infinity, 4.0, [0.37499991059303284, -0.49999988079071045, 0.062499985098838806, 0.7499998211860657, -0.12499997019767761, 0.0],
         [-0.24999994039535522, 0.9999997615814209, 0.031249992549419403, -0.6249998807907104]),
        (3, 4.920648574829102, [0.30483782291412354, -0.40645042061805725, 0.050806302577257156, 0.6096756458282471, -0.10161260515451431, 0.0],
         [-0.20322521030902863, 0.8129008412361145, 0.025403151288628578, -0.508063018321991]),
        (0, 2.0, [0.7499996423721313, -0.9999995231628418, 0.12499994039535522, 1.4999992847442627, -0.24999988079071045, 0.0],
         [-0.4999997615814209, 1.9999990463256836, 0.06249997019767761, -1.2499994039535522]),
        (-.infinity, 0.0, [1.5, -2.0, 0.25, 3.0, -0.5, 0.0], [-1.0, 4.0, 0.125, -2.5]),
    ] as [(Float, Float, [Float], [Float])])
    func clipGradNormMatchesTorch(_ normType: Float, _ total: Float, _ ga: [Float], _ gb: [Float]) throws {
        let ps = try parameters()
        let norm = clipGradNorm(ps, maxNorm: 1, normType: normType)
        #expect(abs(norm - total) <= 1e-6 * total, "norm \(norm) vs torch \(total)")
        #expect(close(ps[0].grad!.scalars, ga), "\(ps[0].grad!.scalars)")
        #expect(close(ps[1].grad!.scalars, gb), "\(ps[1].grad!.scalars)")
        #expect(ps[2].grad == nil)
    }

    @Test func clipGradNormBelowMaxLeavesGradients() throws {
        let ps = try parameters()
        #expect(abs(clipGradNorm(ps, maxNorm: 100) - 6.231221675872803) < 1e-5)
        #expect(ps[0].grad!.scalars == [1.5, -2.0, 0.25, 3.0, -0.5, 0.0])
        #expect(clipGradNorm([Tensor([1])], maxNorm: 1) == 0)
    }

    @Test func clipGradValueMatchesTorch() throws {
        let ps = try parameters()
        clipGradValue(ps, 1.0)
        #expect(ps[0].grad!.scalars == [1.0, -1.0, 0.25, 1.0, -0.5, 0.0])
        #expect(ps[1].grad!.scalars == [-1.0, 1.0, 0.125, -1.0])
        let n = Tensor([0], requiresGrad: true)
        n.grad = Tensor([.nan])
        clipGradValue([n], 1)
        #expect(n.grad!.scalars[0].isNaN)
    }

    @Test func clipGradNormParallelPath() throws {
        let p = Tensor.zeros([100_000], requiresGrad: true)
        p.grad = Tensor.full([100_000], 0.5)
        let norm = clipGradNorm([p], maxNorm: 2)
        #expect(abs(norm - 0.5 * Float(100_000).squareRoot()) < 1e-3)
        let after = p.grad!.scalars
        #expect(after.allSatisfy { $0 == after[0] })
        #expect(abs(Float(after.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()) - 2) < 1e-4)
    }
}
