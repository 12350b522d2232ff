import Testing
import TensorCore

/// Softmax and logSoftmax with NaN and infinities in rows long enough for the vector
/// path (37 values), along the contiguous last axis and along axis 0 (the strided path).
/// Expected values: PyTorch 2.x, `torch.softmax` / `torch.log_softmax` of
/// `arange(37) / 10` with one entry replaced (printed with the venv of `make fixtures`).
@Suite struct ReductionSoftmaxSpecialValuesTests {
    func row(replacing index: Int, with value: Float) -> [Float] {
        var x = (0..<37).map { Float($0) / 10 }
        x[index] = value
        return x
    }

    /// The op along the last axis of [1, 37] and along axis 0 of [37, 1].
    func both(_ x: [Float], log: Bool) throws -> [[Float]] {
        let a = try Tensor(shape: [1, 37], scalars: x), b = try Tensor(shape: [37, 1], scalars: x)
        return log ? [try a.logSoftmax(axis: -1).scalars, try b.logSoftmax(axis: 0).scalars]
                   : [try a.softmax(axis: -1).scalars, try b.softmax(axis: 0).scalars]
    }

    @Test func nanOrPlusInfinityMakesTheRowNaN() throws {
        for x in [row(replacing: 20, with: .nan), row(replacing: 5, with: .infinity)] {
            for log in [false, true] {
                for y in try both(x, log: log) { #expect(y.allSatisfy { $0.isNaN }) }
            }
        }
    }

    @Test func minusInfinityGetsZeroWeight() throws {
        let x = row(replacing: 3, with: -.infinity)
        for y in try both(x, log: false) {
            let want: [(Int, Float)] = [(0, 0.0026757412), (3, 0), (5, 0.0044115516), (20, 0.019771202), (36, 0.097927399)]
            for (i, v) in want { #expect(abs(y[i] - v) <= 1e-6, "softmax[\(i)] = \(y[i])") }
        }
        for y in try both(x, log: true) {
            #expect(y[3] == -.infinity)
            let want: [(Int, Float)] = [(0, -5.9235287), (5, -5.4235287), (20, -3.9235289), (36, -2.323529)]
            for (i, v) in want { #expect(abs(y[i] - v) <= 1e-5, "logSoftmax[\(i)] = \(y[i])") }
        }
    }

    /// The contiguous-row path (axis -1) and the strided path (axis 0 of the transpose)
    /// agree, forward and backward, for both ops.
    @Test func rowPathAgreesWithStridedPath() throws {
        var rng = RandomGenerator(seed: 12)
        let x = Tensor.uniform([6, 37], low: -3, high: 3, using: &rng)
        let g = Tensor.uniform([6, 37], low: -1, high: 1, using: &rng)
        for log in [false, true] {
            let a = x.copy().requiringGrad(), b = try x.transposed().copy().requiringGrad()
            let ya = log ? try a.logSoftmax(axis: -1) : try a.softmax(axis: -1)
            let yb = log ? try b.logSoftmax(axis: 0) : try b.softmax(axis: 0)
            #expect(ya.allClose(try yb.transposed(), rtol: 1e-5, atol: 1e-6))
            try ya.backward(g)
            try yb.backward(try g.transposed())
            #expect(a.grad!.allClose(try b.grad!.transposed(), rtol: 1e-5, atol: 1e-6))
        }
    }
}
