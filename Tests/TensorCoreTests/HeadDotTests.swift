import Testing
@testable import TensorCore

/// `headDot` against the broadcast form it replaces in GAT: `(x.reshaped([N, H, C]) *
/// a).sum(axis: 2)`, values and gradients.
@Suite struct HeadDotTests {
    @Test(arguments: [(heads: 8, c: 8), (heads: 3, c: 21), (heads: 1, c: 7)])
    func matchesBroadcastProductAndSum(heads: Int, c: Int) throws {
        var rng = RandomGenerator(seed: 11)
        let x = Tensor.uniform([9, heads * c], low: -1, high: 1, using: &rng).requiringGrad()
        let a = Tensor.uniform([1, heads, c], low: -1, high: 1, using: &rng).requiringGrad()
        let w = Tensor.uniform([9, heads], low: -1, high: 1, using: &rng)
        let fused = try x.headDot(a)
        let reference = try (x.reshaped([9, heads, c]) * a).sum(axis: 2)
        #expect(fused.shape == [9, heads])
        for (p, q) in zip(fused.scalars, reference.scalars) { #expect(abs(p - q) <= 1e-5) }
        try (fused * w).sum().backward()
        let (gx, ga) = (x.grad!.scalars, a.grad!.scalars)
        x.zeroGrad(); a.zeroGrad()
        try (reference * w).sum().backward()
        for (p, q) in zip(gx, x.grad!.scalars) { #expect(abs(p - q) <= 1e-5) }
        for (p, q) in zip(ga, a.grad!.scalars) { #expect(abs(p - q) <= 1e-5) }
    }

    @Test func rejectsMismatchedShapes() {
        #expect(throws: TensorError.self) { try Tensor.zeros([4, 10]).headDot(Tensor.zeros([3, 3])) }
        #expect(throws: TensorError.self) { try Tensor.zeros([4, 9]).headDot(Tensor.zeros([2, 3, 3])) }
        #expect(throws: TensorError.self) { try Tensor.zeros([4, 3, 3]).headDot(Tensor.zeros([3, 3])) }
    }
}
