import Testing
import TensorCore

/// sum / mean over the whole tensor, one axis and several axes. Reference values from
/// PyTorch 2.x via scripts/reductions_reference.py (printed to 7 significant digits).
@Suite struct ReductionSumTests {
    typealias F = ReductionFixture

    @Test func wholeSumAndMeanAreScalars() throws {
        let x = F.x()
        let s = x.sum(), m = x.mean()
        #expect(s.shape == [] && m.shape == [])
        #expect(abs(try s.item() - 4.3) < 1e-5)        // 1.6 + 3.1 - 0.4
        #expect(abs(try m.item() - 4.3 / 12) < 1e-6)
    }

    @Test func sumAndMeanAlongAxesMatchTorch() throws {
        let x = F.x()
        // torch: X.sum(0), X.sum(-1), X.mean(1)
        #expect(F.close(try x.sum(axis: 0).scalars, [1.6, -0.2, 2.4, 0.5]))
        #expect(F.close(try x.sum(axis: -1).scalars, [1.6, 3.1, -0.4]))
        #expect(F.close(try x.mean(axis: 1).scalars, [0.4, 0.775, -0.09999999]))
        #expect(try x.sum(axis: 1).scalars == x.sum(axis: -1).scalars)
    }

    @Test func keepDimsShapes() throws {
        let y = F.y()
        #expect(try y.sum(axis: 1).shape == [2, 4])
        #expect(try y.sum(axis: 1, keepDims: true).shape == [2, 1, 4])
        #expect(try y.mean(axis: -1, keepDims: true).shape == [2, 3, 1])
        #expect(try y.sum(axes: [0, 2], keepDims: true).shape == [1, 3, 1])
        #expect(try y.mean(axes: [2, 0]).shape == [3])
        #expect(try y.sum(axes: [], keepDims: true).shape == [1, 1, 1])
        #expect(try y.sum(axes: []).shape == [])
    }

    @Test func multiAxisSumsMatchTorch() throws {
        let y = F.y()
        // torch: Y.sum(dim=[0, 2]), Y.mean(dim=[0, 1]), Y.sum(dim=[-1, 1]), Y.sum(dim=[])
        #expect(F.close(try y.sum(axes: [0, 2]).scalars, [-1, 7, 15]))
        #expect(F.close(try y.mean(axes: [0, 1]).scalars, [0.5, 0.75, 1, 1.25]))
        #expect(F.close(try y.sum(axes: [-1, 1]).scalars, [-7.5, 28.5]))
        #expect(F.close(try y.sum(axes: [0, 1, 2]).scalars, [21]))
        #expect(F.close(try y.sum(axes: []).scalars, [21]))
        #expect(F.close(try y.mean(axes: []).scalars, [0.875]))
    }

    @Test func multiAxisBackwardBroadcastsTheGradient() throws {
        let y = F.y().requiringGrad()
        let s = try y.mean(axes: [0, 2])
        try s.backward(Tensor([1, 2, 3]))
        let grad = try #require(y.grad)
        #expect(grad.shape == [2, 3, 4])
        // d mean / dy = g[j] / 8 for every element of slice j.
        let expected: [Float] = (0..<24).map { (i: Int) -> Float in Float((i / 4) % 3 + 1) / 8 }
        #expect(grad.scalars == expected)
    }

    @Test func badAxesThrow() throws {
        let x = F.x()
        #expect(throws: TensorError.self) { try x.sum(axis: 2) }
        #expect(throws: TensorError.self) { try x.sum(axis: -3) }
        #expect(throws: TensorError.self) { try x.mean(axis: 5, keepDims: true) }
        #expect(throws: TensorError.self) { try x.sum(axes: [0, -2]) }   // the same axis twice
        #expect(throws: TensorError.self) { try x.mean(axes: [0, 7]) }
    }

    @Test func emptyAndScalarInputs() throws {
        // torch: empty(0).sum() = 0, empty(0).mean() = nan, empty(2, 0).sum(1) = [0, 0]
        let empty = Tensor.zeros([2, 0])
        #expect(try empty.sum().item() == 0)
        #expect(try empty.mean().item().isNaN)
        #expect(try empty.sum(axis: 1).scalars == [0, 0])
        #expect(try empty.mean(axis: 1).scalars.allSatisfy(\.isNaN))
        #expect(try empty.sum(axis: 0).shape == [0])
        // A scalar reduces over axis 0 (or -1) to itself, as torch.tensor(3.).sum(0).
        let s = Tensor(scalar: 3)
        #expect(try s.sum(axis: 0).scalars == [3])
        #expect(try s.sum(axis: -1, keepDims: true).shape == [])
        #expect(throws: TensorError.self) { try s.sum(axis: 1) }
    }

    @Test func longSumsAreAccurate() throws {
        // 100_003 values cross several fixed blocks; a naive Float loop is off by ~1e-3.
        let n = 100_003
        let x = try Tensor(shape: [n], scalars: (0..<n).map { Float(($0 % 7) + 1) * 0.1 })
        var exact = 0.0
        for i in 0..<n { exact += Double(x.data[i]) }
        let s = try x.sum().item()
        #expect(abs(Double(s) - exact) / exact < 2e-7)
        #expect(try x.sum(axis: 0).item() == s)
        #expect(try x.sum().item() == s)   // reproducible
    }

    @Test func longColumnSumsAreAccurateAndBackwardIsFull() throws {
        // Summing 3000 rows of 3 columns splits the axis into 3 fixed blocks.
        let rows = 3000
        let x = try Tensor(shape: [rows, 3], scalars: (0..<rows * 3).map { Float($0 % 11) * 0.01 + 1 }).requiringGrad()
        let s = try x.sum(axis: 0)
        for j in 0..<3 {
            var exact = 0.0
            for i in 0..<rows { exact += Double(x[i, j]) }
            #expect(abs(Double(s.data[j]) - exact) / exact < 1e-6)
        }
        try s.backward(Tensor([1, 2, 3]))
        let grad = try #require(x.grad)
        #expect(grad.scalars == (0..<rows * 3).map { Float($0 % 3 + 1) })
    }

    @Test func wideRowsSplitOverInnerBlocks() throws {
        // inner = 2500 > one column block of 1024: mean over axis 0 of [3, 2500].
        let x = try Tensor(shape: [3, 2500], scalars: (0..<7500).map { Float($0) })
        let m = try x.mean(axis: 0)
        #expect(m.shape == [2500])
        #expect(m.scalars == (0..<2500).map { Float($0) + 2500 })
    }
}
