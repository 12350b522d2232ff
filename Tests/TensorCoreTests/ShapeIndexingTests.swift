import Testing
import TensorCore

// Tests of gather / oneHot / allClose (helpers in ShapeLayoutTests).
// "torch:" values were printed by .venv-fixtures/bin/python (make fixtures) (torch 2.x) with the expression shown.

@Test func gatherAxis1MatchesTorch() throws {
    let x = iotaTensor([3, 4]).requiringGrad()
    let index = try Int32Tensor(shape: [2, 5], scalars: [3, 0, 0, 2, 1, 1, 1, 3, 0, 2])
    let y = try x.gather(axis: 1, index: index)
    // torch: x = arange(12.).reshape(3,4); torch.gather(x, 1, idx)
    #expect(y.shape == [2, 5])
    #expect(y.scalars == [3, 0, 0, 2, 1, 5, 5, 7, 4, 6])
    try y.backward(iotaTensor([2, 5]) + 1)
    // torch: y.backward(arange(10.).reshape(2,5) + 1); x.grad
    #expect(x.grad?.scalars == [5, 5, 4, 1, 9, 13, 10, 8, 0, 0, 0, 0])
    #expect(try x.gather(axis: -1, index: index).scalars == y.scalars)
}

@Test func gatherAxis0MatchesTorch() throws {
    let x = iotaTensor([4, 3]).requiringGrad()
    let index = try Int32Tensor(shape: [5, 3], scalars: [0, 3, 1, 2, 2, 0, 3, 0, 0, 1, 1, 2, 0, 0, 0])
    let y = try x.gather(axis: 0, index: index)
    // torch: x = arange(12.).reshape(4,3); torch.gather(x, 0, idx)
    #expect(y.scalars == [0, 10, 5, 6, 7, 2, 9, 1, 2, 3, 4, 8, 0, 1, 2])
    try y.backward(iotaTensor([5, 3]) + 1)
    // torch: repeated indices accumulate.
    #expect(x.grad?.scalars == [14, 22, 30, 10, 11, 3, 4, 5, 12, 7, 2, 0])
}

@Test func gatherRank3MatchesTorch() throws {
    let x = iotaTensor([2, 4, 3]).requiringGrad()
    let index = try Int32Tensor(shape: [2, 3, 2], scalars: [0, 3, 2, 2, 1, 0, 3, 3, 0, 1, 2, 2])
    let y = try x.gather(axis: 1, index: index)
    // torch: x = arange(24.).reshape(2,4,3); torch.gather(x, 1, idx)
    #expect(y.scalars == [0, 10, 6, 7, 3, 1, 21, 22, 12, 16, 18, 19])
    try y.backward(iotaTensor([2, 3, 2]) + 1)
    #expect(x.grad?.scalars == [1, 6, 0, 5, 0, 0, 3, 4, 0, 0, 2, 0, 9, 0, 0, 0, 10, 0, 11, 12, 0, 7, 8, 0])
}

@Test func gatherLargeMatchesNaive() throws {
    // Rows of an [N, F] table picked per column (axis 0), big enough for parallel chunks.
    let n = 50, f = 40, e = 900
    let x = Tensor.randn([n, f], seed: 21).requiringGrad()
    var rng = RandomGenerator(seed: 4)
    let picks = (0..<(e * f)).map { _ in Int32(rng.next() % UInt64(n)) }
    let index = try Int32Tensor(shape: [e, f], scalars: picks)
    let y = try x.gather(axis: 0, index: index)
    let v = x.scalars
    #expect(y.scalars == (0..<(e * f)).map { v[Int(picks[$0]) * f + $0 % f] })
    let g = Tensor.randn([e, f], seed: 22)
    try y.backward(g)
    var expected = [Float](repeating: 0, count: n * f)
    let gv = g.scalars
    for i in 0..<(e * f) { expected[Int(picks[i]) * f + i % f] += gv[i] }
    #expect(x.grad?.scalars == expected)  // same summation order: index order per element
}

@Test func gatherRejectsBadIndices() throws {
    let x = iotaTensor([3, 4])
    #expect(throws: TensorError.self) { try x.gather(axis: 1, index: Int32Tensor([0, 1])) }
    #expect(throws: TensorError.self) { try x.gather(axis: 1, index: try Int32Tensor(shape: [1, 1], scalars: [4])) }
    #expect(throws: TensorError.self) { try x.gather(axis: 1, index: try Int32Tensor(shape: [1, 1], scalars: [-1])) }
    #expect(throws: TensorError.self) { try x.gather(axis: 1, index: try Int32Tensor(shape: [4, 1], scalars: [0, 0, 0, 0])) }
    #expect(throws: TensorError.self) { try x.gather(axis: 2, index: try Int32Tensor(shape: [1, 1], scalars: [0])) }
}

@Test func oneHotEncodesLabels() throws {
    let labels = try Int32Tensor(shape: [2, 2], scalars: [2, 0, 1, 2])
    let h = try Tensor.oneHot(labels, classes: 3)
    // torch: F.one_hot(tensor([[2,0],[1,2]]), 3)
    #expect(h.shape == [2, 2, 3])
    #expect(h.scalars == [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1])
    #expect(!h.requiresGrad)
    #expect(try Tensor.oneHot(Int32Tensor([]), classes: 4).shape == [0, 4])
    #expect(throws: TensorError.self) { try Tensor.oneHot(Int32Tensor([0, 3]), classes: 3) }
    #expect(throws: TensorError.self) { try Tensor.oneHot(Int32Tensor([-1]), classes: 3) }
    #expect(throws: TensorError.self) { try Tensor.oneHot(Int32Tensor([0]), classes: 0) }
}

@Test func allCloseLikeTorch() {
    let a = Tensor([1, 2])
    #expect(a.allClose(Tensor([1 + 5e-6, 2])))
    #expect(!a.allClose(Tensor([1.0001, 2])))
    #expect(a.allClose(Tensor([1.0001, 2]), rtol: 1e-3))
    // torch.allclose(tensor([0.]), tensor([1e-9])) is True, with 1e-7 False (atol 1e-8).
    #expect(Tensor([0]).allClose(Tensor([1e-9])))
    #expect(!Tensor([0]).allClose(Tensor([1e-7])))
    #expect(!a.allClose(Tensor([1, 2, 3])))
    #expect(!a.allClose(try! Tensor(shape: [1, 2], scalars: [1, 2])))
    #expect(!Tensor([.nan]).allClose(Tensor([.nan])))
    #expect(Tensor([.infinity]).allClose(Tensor([.infinity])))
    #expect(!Tensor([.infinity]).allClose(Tensor([-.infinity])))
}
