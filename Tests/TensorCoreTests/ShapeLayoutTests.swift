import Testing
import TensorCore

// Tests of transposed / permuted / squeezed / unsqueezed / expanded.
// "torch:" values were printed by .venv-fixtures/bin/python (make fixtures) (torch 2.x) with the expression shown.

/// `0, 1, 2, ...` in the given shape.
func iotaTensor(_ shape: [Int]) -> Tensor {
    let n = shape.reduce(1, *)
    return try! Tensor(shape: shape, scalars: (0..<n).map { Float($0) })
}

/// Row-major multi-index of flat position `i` in `shape`.
func shapeMultiIndex(_ i: Int, _ shape: [Int]) -> [Int] {
    var rem = i
    var out = [Int](repeating: 0, count: shape.count)
    for a in stride(from: shape.count - 1, through: 0, by: -1) {
        out[a] = rem % shape[a]
        rem /= shape[a]
    }
    return out
}

/// Flat position of a multi-index in `shape`.
func shapeFlatIndex(_ index: [Int], _ shape: [Int]) -> Int {
    zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }
}

/// Element-by-element permute, the reference for the kernel.
func naivePermute(_ x: Tensor, _ perm: [Int]) -> [Float] {
    let outShape = perm.map { x.shape[$0] }
    let values = x.scalars
    return (0..<x.count).map { i in
        let o = shapeMultiIndex(i, outShape)
        var src = [Int](repeating: 0, count: perm.count)
        for (k, a) in perm.enumerated() { src[a] = o[k] }
        return values[shapeFlatIndex(src, x.shape)]
    }
}

@Test func transposeMatrixByHand() throws {
    let x = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let t = try x.transposed()
    #expect(t.shape == [3, 2])
    #expect(t.scalars == [1, 4, 2, 5, 3, 6])
    #expect(try x.transposed(1, 0).scalars == t.scalars)
    #expect(try x.transposed(0, -1).scalars == t.scalars)
}

@Test func transposeLargeMatrixMatchesNaive() throws {
    // Several 32x32 tiles, ragged edges, and enough elements to run in parallel chunks.
    for shape in [[37, 70], [200, 300], [1, 50], [50, 1]] {
        let x = Tensor.randn(shape, seed: 3)
        let t = try x.transposed()
        #expect(t.shape == [shape[1], shape[0]])
        #expect(t.scalars == naivePermute(x, [1, 0]), "shape \(shape)")
    }
}

@Test func transposeRank3() throws {
    let x = iotaTensor([2, 3, 4])
    let t = try x.transposed(0, 2)
    #expect(t.shape == [4, 3, 2])
    // torch: torch.arange(24.).reshape(2,3,4).transpose(0,2).flatten()
    #expect(t.scalars == [0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23])
    // Default axes swap the last two: a batched matrix transpose.
    #expect(try x.transposed().scalars == naivePermute(x, [0, 2, 1]))
}

@Test func permuteRank3MatchesTorch() throws {
    let x = iotaTensor([2, 3, 4])
    let p = try x.permuted([2, 0, 1])
    #expect(p.shape == [4, 2, 3])
    // torch: torch.arange(24.).reshape(2,3,4).permute(2,0,1).flatten()
    #expect(p.scalars == [0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23])
    #expect(try x.permuted([-1, 0, -2]).scalars == p.scalars)
}

@Test func permuteEveryOrderOfRank4MatchesNaive() throws {
    let x = Tensor.randn([3, 1, 4, 5], seed: 11)
    func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[Int]] in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(rest).map { [head] + $0 }
        }
    }
    for perm in permutations([0, 1, 2, 3]) {
        let p = try x.permuted(perm)
        #expect(p.shape == perm.map { x.shape[$0] })
        #expect(p.scalars == naivePermute(x, perm), "perm \(perm)")
    }
    // A large batched transpose with a middle axis, parallel and tiled.
    let big = Tensor.randn([3, 40, 5, 70], seed: 12)
    #expect(try big.permuted([0, 3, 2, 1]).scalars == naivePermute(big, [0, 3, 2, 1]))
    #expect(try big.permuted([2, 0, 1, 3]).scalars == naivePermute(big, [2, 0, 1, 3]))
}

@Test func permuteBackwardIsInversePermutation() throws {
    let x = iotaTensor([2, 3, 4]).requiringGrad()
    let y = try x.permuted([2, 0, 1])
    let g = iotaTensor([4, 2, 3])
    try y.backward(g)
    // dL/dx[i, j, k] = g[k, i, j]
    #expect(x.grad?.shape == [2, 3, 4])
    #expect(x.grad?.scalars == naivePermute(g, [1, 2, 0]))
}

@Test func permuteRejectsBadPermutations() {
    let x = iotaTensor([2, 3, 4])
    #expect(throws: TensorError.self) { try x.permuted([0, 1]) }
    #expect(throws: TensorError.self) { try x.permuted([0, 1, 1]) }
    #expect(throws: TensorError.self) { try x.permuted([0, 2, -1]) }  // -1 is axis 2 again
    #expect(throws: TensorError.self) { try x.permuted([0, 1, 3]) }
    #expect(throws: TensorError.self) { try x.transposed(0, 3) }
    #expect(throws: TensorError.self) { try Tensor([1, 2]).transposed() }  // rank 1 has no axis -2
}

@Test func squeezeAndUnsqueeze() throws {
    let x = iotaTensor([3, 1, 2, 1])
    #expect(try x.squeezed().shape == [3, 2])
    #expect(try x.squeezed(axis: 1).shape == [3, 2, 1])
    #expect(try x.squeezed(axis: -1).shape == [3, 1, 2])
    // torch: a non-1 axis is left alone.
    #expect(try x.squeezed(axis: 0).shape == [3, 1, 2, 1])
    #expect(try x.squeezed().scalars == x.scalars)
    #expect(throws: TensorError.self) { try x.squeezed(axis: 4) }

    let y = iotaTensor([3, 2])
    #expect(try y.unsqueezed(axis: 0).shape == [1, 3, 2])
    #expect(try y.unsqueezed(axis: 2).shape == [3, 2, 1])
    #expect(try y.unsqueezed(axis: -1).shape == [3, 2, 1])
    #expect(try y.unsqueezed(axis: -3).shape == [1, 3, 2])
    #expect(try Tensor(scalar: 5).unsqueezed(axis: 0).shape == [1])
    #expect(throws: TensorError.self) { try y.unsqueezed(axis: 3) }
    #expect(throws: TensorError.self) { try y.unsqueezed(axis: -4) }
}

@Test func squeezeGradientHasInputShape() throws {
    let x = iotaTensor([3, 1, 2]).requiringGrad()
    try x.squeezed().backward(iotaTensor([3, 2]))
    #expect(x.grad?.shape == [3, 1, 2])
    #expect(x.grad?.scalars == [0, 1, 2, 3, 4, 5])
}

@Test func expandValuesAndBackward() throws {
    let x = try Tensor(shape: [3, 1], scalars: [1, 2, 3]).requiringGrad()
    let y = try x.expanded(to: [2, 3, 4])
    #expect(y.shape == [2, 3, 4])
    #expect(y.scalars == Array(repeating: [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3] as [Float], count: 2).flatMap { $0 })
    try y.backward(iotaTensor([2, 3, 4]))
    // torch: x = tensor([[1.],[2.],[3.]]); x.expand(2,3,4).backward(arange(24.).reshape(2,3,4)); x.grad
    #expect(x.grad?.shape == [3, 1])
    #expect(x.grad?.scalars == [60, 92, 124])
}

@Test func expandRowsAndKeepSizes() throws {
    let row = try Tensor(shape: [1, 3], scalars: [1, 2, 3])
    let e = try row.expanded(to: [2, -1])
    #expect(e.shape == [2, 3])
    #expect(e.scalars == [1, 2, 3, 1, 2, 3])
    // A 1-D tensor broadcast over new leading axes, as torch.broadcast_to.
    let v = Tensor([4, 5])
    #expect(try v.expanded(to: [2, 2, 2]).scalars == [4, 5, 4, 5, 4, 5, 4, 5])
    #expect(try Tensor(scalar: 7).expanded(to: [2, 3]).scalars == Array(repeating: 7, count: 6))
    // Large enough for the parallel fill and copy paths.
    let col = Tensor.randn([300, 1], seed: 5)
    let wide = try col.expanded(to: [300, 200])
    #expect(wide.scalars == col.scalars.flatMap { Array(repeating: $0, count: 200) })
    let line = Tensor.randn([200], seed: 6)
    #expect(try line.expanded(to: [300, 200]).scalars == Array(repeating: line.scalars, count: 300).flatMap { $0 })
}

@Test func expandRejectsIncompatibleShapes() {
    let x = iotaTensor([3, 2])
    #expect(throws: TensorError.self) { try x.expanded(to: [3, 4]) }
    #expect(throws: TensorError.self) { try x.expanded(to: [2]) }
    #expect(throws: TensorError.self) { try x.expanded(to: [-1, 3, 2]) }
}
