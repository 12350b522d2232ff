import Testing
import TensorCore

/// max / min / argmax / argmin. Reference values from PyTorch 2.x via
/// scripts/reductions_reference.py; tie and NaN rules checked by hand against torch on CPU.
@Suite struct ReductionMinMaxTests {
    typealias F = ReductionFixture

    @Test func valuesAndIndicesMatchTorch() throws {
        let x = F.x()
        // torch: X.max(1) -> ([2, 2.2, 1.1], [2, 3, 2]); X.min(0) -> ([-0.4, -1.2, -0.7, -2], [2, 0, 1, 2])
        let mx = try x.max(axis: 1)
        #expect(mx.values.scalars == [2, 2.2, 1.1])
        #expect(mx.indices.scalars == [2, 3, 2])
        let mn = try x.min(axis: 0)
        #expect(mn.values.scalars == [-0.4, -1.2, -0.7, -2])
        #expect(mn.indices.scalars == [2, 0, 1, 2])
        #expect(try x.argmax(axis: -1).scalars == [2, 3, 2])
        #expect(try x.argmin(axis: -2).scalars == [2, 0, 1, 2])
        #expect(x.max().scalars == [2.2])
        #expect(x.min().scalars == [-2])
    }

    @Test func keepDimsAndNegativeAxes() throws {
        let y = F.y()
        let r = try y.max(axis: -2, keepDims: true)
        #expect(r.values.shape == [2, 1, 4])
        #expect(r.indices.shape == [2, 1, 4])
        #expect(r.indices.scalars == Array(repeating: 2, count: 8))
        #expect(try y.argmin(axis: 0, keepDims: true).shape == [1, 3, 4])
        #expect(try y.min(axis: 2).values.scalars == (0..<6).map { Float($0 * 4) * 0.25 - 2 })
    }

    @Test func tiesReturnTheFirstPosition() throws {
        // torch: tensor([[1, 3, 3, 2], [5, 5, 0, 5]]).max(1).indices == [1, 0];
        // tensor([[2, 2], [2, 1], [2, 7]]).min(0).indices == [0, 1]
        let a = try Tensor(shape: [2, 4], scalars: [1, 3, 3, 2, 5, 5, 0, 5])
        #expect(try a.max(axis: 1).indices.scalars == [1, 0])
        #expect(try a.argmax(axis: 1).scalars == [1, 0])
        let b = try Tensor(shape: [3, 2], scalars: [2, 2, 2, 1, 2, 7])
        #expect(try b.min(axis: 0).indices.scalars == [0, 1])
        #expect(try b.max(axis: 0).indices.scalars == [0, 2])
    }

    @Test func tiesAcrossFixedBlocksKeepTheFirst() throws {
        // 100_000 positions span several blocks; torch: argmax = 5 for ones at 5 and 70_000.
        let long = Tensor.zeros([100_000])
        long.data[70_000] = 1
        long.data[5] = 1
        #expect(try long.argmax(axis: 0).scalars == [5])
        #expect(try long.max(axis: 0).indices.scalars == [5])
        // The same along axis 0 of a [20_000, 2] tensor (strided path, several blocks).
        let cols = Tensor.zeros([20_000, 2])
        cols.data[2 * 19_000] = -3
        cols.data[2 * 3_000] = -3
        cols.data[2 * 15_000 + 1] = 4
        #expect(try cols.argmin(axis: 0).scalars == [3_000, 0])
        #expect(try cols.argmax(axis: 0).scalars == [0, 15_000])
    }

    @Test func gradientGoesToTheSelectedPositionOnly() throws {
        // torch: x = tensor([[1, 3, 3, 2]]); x.max(1).values.backward() -> [[0, 1, 0, 0]]
        let x = try Tensor(shape: [1, 4], scalars: [1, 3, 3, 2], requiresGrad: true)
        try x.max(axis: 1).values.sum().backward()
        #expect(x.grad?.scalars == [0, 1, 0, 0])
        let y = try Tensor(shape: [2, 2], scalars: [4, 1, 4, 1], requiresGrad: true)
        try y.min(axis: 0).values.backward(Tensor([2, 3]))
        #expect(y.grad?.scalars == [2, 3, 0, 0])
    }

    @Test func wholeTensorExtremesSplitTheGradientAmongTies() throws {
        // torch: x = tensor([1, 3, 3, -2]); x.max().backward() -> [0, 0.5, 0.5, 0]
        let x = Tensor([1, 3, 3, -2], requiresGrad: true)
        try x.max().backward()
        #expect(x.grad?.scalars == [0, 0.5, 0.5, 0])
        let y = Tensor([-1, 0, -1, -1], requiresGrad: true)
        try (y.min() * 3).backward()
        #expect(y.grad?.scalars == [1, 0, 1, 1])
    }

    @Test func nanPropagatesWithItsFirstPosition() throws {
        // torch: tensor([1, nan, 3, nan]).max(0) -> (nan, 1); tensor([1, nan, 3]).min(0) -> (nan, 1)
        let x = Tensor([1, .nan, 3, .nan])
        let r = try x.max(axis: 0)
        #expect(r.values.scalars[0].isNaN)
        #expect(r.indices.scalars == [1])
        #expect(try Tensor([1, .nan, 3]).min(axis: 0).indices.scalars == [1])
        #expect(x.max().scalars[0].isNaN)
        #expect(x.min().scalars[0].isNaN)
    }

    @Test func emptyAxesAndBadAxesThrow() throws {
        // torch: empty(2, 0).max(1) raises "Expected reduction dim 1 to have non-zero size".
        let empty = Tensor.zeros([2, 0])
        #expect(throws: TensorError.self) { try empty.max(axis: 1) }
        #expect(throws: TensorError.self) { try empty.min(axis: -1) }
        #expect(throws: TensorError.self) { try empty.argmax(axis: 1) }
        #expect(throws: TensorError.self) { try empty.argmin(axis: 1) }
        // Reducing the non-empty axis gives an empty result.
        #expect(try empty.max(axis: 0).values.shape == [0])
        // The whole-tensor forms cannot throw: NaN where torch raises.
        #expect(empty.max().scalars[0].isNaN)
        #expect(empty.min().shape == [])
        let x = F.x()
        #expect(throws: TensorError.self) { try x.max(axis: 2) }
        #expect(throws: TensorError.self) { try x.argmin(axis: -3) }
    }

    @Test func scalarInput() throws {
        // torch: tensor(3.).max(0) -> (3, 0)
        let s = Tensor(scalar: 3)
        let r = try s.max(axis: 0)
        #expect(r.values.shape == [] && r.values.scalars == [3])
        #expect(r.indices.shape == [] && r.indices.scalars == [0])
    }
}
