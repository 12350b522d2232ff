import Testing
import TensorCore

// Tests of concat / stack / split / chunked / slice / narrow (helpers in ShapeLayoutTests).
// "torch:" values were printed by .venv-fixtures/bin/python (make fixtures) (torch 2.x) with the expression shown.

@Test func concatAlongAxes() throws {
    let a = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
    let b = try Tensor(shape: [1, 2], scalars: [5, 6])
    let c0 = try Tensor.concat([a, b])
    #expect(c0.shape == [3, 2])
    #expect(c0.scalars == [1, 2, 3, 4, 5, 6])
    let d = try Tensor(shape: [2, 3], scalars: [7, 8, 9, 10, 11, 12])
    let c1 = try Tensor.concat([a, d], axis: -1)
    #expect(c1.shape == [2, 5])
    #expect(c1.scalars == [1, 2, 7, 8, 9, 3, 4, 10, 11, 12])
    // Empty pieces are allowed.
    #expect(try Tensor.concat([a, Tensor.zeros([0, 2])]).scalars == a.scalars)
}

@Test func concatLargeMatchesPieces() throws {
    // Long single runs (split across threads) and many rows.
    let a = Tensor.randn([70_000], seed: 1), b = Tensor.randn([40_000], seed: 2)
    #expect(try Tensor.concat([a, b]).scalars == a.scalars + b.scalars)
    let x = Tensor.randn([500, 70], seed: 3), y = Tensor.randn([500, 30], seed: 4)
    let xy = try Tensor.concat([x, y], axis: 1)
    #expect(xy.shape == [500, 100])
    let xv = x.scalars, yv = y.scalars
    var expected: [Float] = []
    for r in 0..<500 {
        expected += xv[(r * 70)..<(r * 70 + 70)]
        expected += yv[(r * 30)..<(r * 30 + 30)]
    }
    #expect(xy.scalars == expected)
}

@Test func concatBackwardSlicesTheGradient() throws {
    let a = iotaTensor([2, 2]).requiringGrad(), b = iotaTensor([2, 1])
    let c = iotaTensor([2, 3]).requiringGrad()
    let y = try Tensor.concat([a, b, c], axis: 1)
    try y.backward(iotaTensor([2, 6]))
    #expect(a.grad?.scalars == [0, 1, 6, 7])
    #expect(b.grad == nil)
    #expect(c.grad?.scalars == [3, 4, 5, 9, 10, 11])
}

@Test func concatRejectsMismatchedShapes() {
    #expect(throws: TensorError.self) { try Tensor.concat([]) }
    #expect(throws: TensorError.self) { try Tensor.concat([iotaTensor([2, 3]), iotaTensor([2, 4])]) }
    #expect(throws: TensorError.self) { try Tensor.concat([iotaTensor([2, 3]), iotaTensor([6])]) }
    #expect(throws: TensorError.self) { try Tensor.concat([iotaTensor([2, 3]), iotaTensor([2, 3])], axis: 2) }
    #expect(throws: TensorError.self) { try Tensor.concat([Tensor(scalar: 1), Tensor(scalar: 2)]) }
}

@Test func stackInsertsAnAxis() throws {
    let a = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
    let b = try Tensor(shape: [2, 2], scalars: [5, 6, 7, 8])
    let s0 = try Tensor.stack([a, b])
    #expect(s0.shape == [2, 2, 2])
    #expect(s0.scalars == [1, 2, 3, 4, 5, 6, 7, 8])
    // torch: torch.stack([a, b], dim=1) and dim=-1
    let s1 = try Tensor.stack([a, b], axis: 1)
    #expect(s1.shape == [2, 2, 2])
    #expect(s1.scalars == [1, 2, 5, 6, 3, 4, 7, 8])
    let s2 = try Tensor.stack([a, b], axis: -1)
    #expect(s2.scalars == [1, 5, 2, 6, 3, 7, 4, 8])
    let scalars = try Tensor.stack([Tensor(scalar: 1), Tensor(scalar: 2), Tensor(scalar: 3)])
    #expect(scalars.shape == [3])
    #expect(scalars.scalars == [1, 2, 3])

    let x = iotaTensor([2, 2]).requiringGrad(), y = iotaTensor([2, 2]).requiringGrad()
    try Tensor.stack([x, y], axis: 2).backward(iotaTensor([2, 2, 2]))
    #expect(x.grad?.scalars == [0, 2, 4, 6])
    #expect(y.grad?.scalars == [1, 3, 5, 7])

    #expect(throws: TensorError.self) { try Tensor.stack([]) }
    #expect(throws: TensorError.self) { try Tensor.stack([a, iotaTensor([2, 3])]) }
    #expect(throws: TensorError.self) { try Tensor.stack([a, b], axis: 3) }
}

@Test func splitAndChunkFollowTorch() throws {
    let x = iotaTensor([5, 2])
    let parts = try x.split(sizes: [2, 0, 3])
    #expect(parts.map(\.shape) == [[2, 2], [0, 2], [3, 2]])
    #expect(parts[0].scalars == [0, 1, 2, 3])
    #expect(parts[2].scalars == [4, 5, 6, 7, 8, 9])
    let cols = try x.split(sizes: [1, 1], axis: -1)
    #expect(cols[0].scalars == [0, 2, 4, 6, 8])
    #expect(cols[1].scalars == [1, 3, 5, 7, 9])
    #expect(throws: TensorError.self) { try x.split(sizes: [2, 2]) }
    #expect(throws: TensorError.self) { try x.split(sizes: [6, -1]) }
    #expect(throws: TensorError.self) { try x.split(sizes: [5], axis: 2) }

    // torch: [t.shape for t in torch.chunk(torch.zeros(n), c)]
    #expect(try Tensor.zeros([5]).chunked(3).map(\.shape) == [[2], [2], [1]])
    #expect(try Tensor.zeros([6]).chunked(4).map(\.shape) == [[2], [2], [2]])
    #expect(try Tensor.zeros([2]).chunked(5).map(\.shape) == [[1], [1]])
    #expect(try Tensor.zeros([0]).chunked(3).map(\.shape) == [[0], [0], [0]])
    let c = try iotaTensor([2, 5]).chunked(2, axis: 1)
    #expect(c[0].scalars == [0, 1, 2, 5, 6, 7])
    #expect(c[1].scalars == [3, 4, 8, 9])
    #expect(throws: TensorError.self) { try x.chunked(0) }
}

@Test func splitGradientOfUnusedPieceIsZero() throws {
    let x = iotaTensor([4, 2]).requiringGrad()
    let parts = try x.split(sizes: [1, 2, 1])
    try (parts[1] * 2).backward(iotaTensor([2, 2]))
    #expect(x.grad?.scalars == [0, 0, 0, 2, 4, 6, 0, 0])
}

@Test func sliceWithStepMatchesTorch() throws {
    let x = iotaTensor([4, 7]).requiringGrad()
    let y = try x.slice(axis: 1, range: 1..<7, step: 2)
    // torch: x = arange(28.).reshape(4,7); x[:, 1:7:2]
    #expect(y.shape == [4, 3])
    #expect(y.scalars == [1, 3, 5, 8, 10, 12, 15, 17, 19, 22, 24, 26])
    try y.backward(iotaTensor([4, 3]) + 1)
    // torch: x[:, 1:7:2].backward(arange(12.).reshape(4,3) + 1); x.grad
    #expect(x.grad?.scalars == [0, 1, 0, 2, 0, 3, 0, 0, 4, 0, 5, 0, 6, 0, 0, 7, 0, 8, 0, 9, 0,
                                0, 10, 0, 11, 0, 12, 0])
    // Lengths round up: 1..<6 step 2 takes 1, 3, 5; an empty range gives an empty axis.
    #expect(try iotaTensor([6]).slice(axis: 0, range: 1..<6, step: 2).scalars == [1, 3, 5])
    #expect(try iotaTensor([6]).slice(axis: 0, range: 3..<3).shape == [0])
    let z = iotaTensor([3, 4, 2])
    #expect(try z.slice(axis: -2, range: 1..<3).scalars == [2, 3, 4, 5, 10, 11, 12, 13, 18, 19, 20, 21])
    let zv = z.scalars
    let firstAndLast = Array(zv[0..<8]) + Array(zv[16..<24])
    #expect(try z.slice(axis: 0, range: 0..<3, step: 2).scalars == firstAndLast)
}

@Test func sliceLargeMatchesNaive() throws {
    let x = Tensor.randn([300, 250], seed: 9)
    let y = try x.slice(axis: 1, range: 3..<250, step: 4)
    let n = (247 + 3) / 4
    #expect(y.shape == [300, n])
    let v = x.scalars
    var expected: [Float] = []
    for r in 0..<300 { for k in 0..<n { expected.append(v[r * 250 + 3 + 4 * k]) } }
    #expect(y.scalars == expected)
    let rows = try x.slice(axis: 0, range: 10..<290, step: 3)
    var expectedRows: [Float] = []
    for r in stride(from: 10, to: 290, by: 3) { expectedRows += v[(r * 250)..<(r * 250 + 250)] }
    #expect(rows.scalars == expectedRows)
}

@Test func sliceAndNarrowRejectOutOfRange() {
    let x = iotaTensor([3, 4])
    #expect(throws: TensorError.self) { try x.slice(axis: 1, range: 0..<5) }
    #expect(throws: TensorError.self) { try x.slice(axis: 1, range: -1..<2) }
    #expect(throws: TensorError.self) { try x.slice(axis: 1, range: 0..<2, step: 0) }
    #expect(throws: TensorError.self) { try x.slice(axis: 2, range: 0..<1) }
    #expect(throws: TensorError.self) { try Tensor(scalar: 1).slice(axis: 0, range: 0..<1) }
    #expect(throws: TensorError.self) { try x.narrow(axis: 0, start: 2, length: 2) }
    #expect(throws: TensorError.self) { try x.narrow(axis: 0, start: -4, length: 1) }
    #expect(throws: TensorError.self) { try x.narrow(axis: 0, start: 0, length: -1) }
}

@Test func narrowLikeTorch() throws {
    let x = iotaTensor([3, 4]).requiringGrad()
    let y = try x.narrow(axis: 1, start: 1, length: 2)
    #expect(y.scalars == [1, 2, 5, 6, 9, 10])
    // torch: a negative start counts from the end.
    #expect(try x.narrow(axis: -1, start: -2, length: 2).scalars == [2, 3, 6, 7, 10, 11])
    #expect(try x.narrow(axis: 0, start: 3, length: 0).shape == [0, 4])
    try y.backward(Tensor.ones([3, 2]))
    #expect(x.grad?.scalars == [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0])
}
