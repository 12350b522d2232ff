import Testing
import TensorCore

/// Inverted dropout: keep rate, scaling, determinism, eval/edge modes and backward.
@Suite struct ElementwiseDropoutTests {
    /// Keep pattern of one dropout call on ones (1 kept, 0 dropped).
    private func keptPattern(count: Int, p: Float, seed: UInt64) throws -> [Bool] {
        var rng = RandomGenerator(seed: seed)
        return try Tensor.ones([count]).dropout(p: p, using: &rng).scalars.map { $0 != 0 }
    }

    @Test(arguments: [Float(0.1), 0.3, 0.5, 0.6, 0.9])
    func keepsAboutOneMinusPAndScalesTheKeptValues(p: Float) throws {
        let words = 2000, n = 64 * words
        var rng = RandomGenerator(seed: 11)
        let x = Tensor.uniform([n], low: 1, high: 2, using: &rng)
        let y = try x.dropout(p: p, using: &rng)
        let scale = 1 / (1 - p)
        var kept = 0, perBit = [Int](repeating: 0, count: 64), keptPairs = 0
        for i in 0..<n {
            let v = y.data[i]
            if v != 0 {
                kept += 1
                perBit[i % 64] += 1
                #expect(v == x.data[i] * scale, "element \(i): \(v) is not \(x.data[i]) x \(scale)")
                if i + 1 < n && y.data[i + 1] != 0 { keptPairs += 1 }
            }
        }
        let keep = Double(1 - p)
        // Binomial standard deviation at n = 128000 is at most 0.0014: 0.01 is 7 sigmas.
        #expect(Swift.abs(Double(kept) / Double(n) - keep) < 0.01, "kept \(kept) of \(n) for p = \(p)")
        // Every bit position of the 64-bit words keeps at the same rate (2000 samples
        // each: standard deviation at most 0.011).
        for (bit, c) in perBit.enumerated() {
            #expect(Swift.abs(Double(c) / Double(words) - keep) < 0.06, "bit \(bit) kept \(c) of \(words)")
        }
        // Neighbours are independent: both kept at rate keep².
        #expect(Swift.abs(Double(keptPairs) / Double(n - 1) - keep * keep) < 0.01)
    }

    @Test func theMaskIsDeterministicForASeedAndAdvancesTheGenerator() throws {
        let a = try keptPattern(count: 1000, p: 0.4, seed: 3)
        let b = try keptPattern(count: 1000, p: 0.4, seed: 3)
        let c = try keptPattern(count: 1000, p: 0.4, seed: 4)
        #expect(a == b)
        #expect(a != c)

        var rng = RandomGenerator(seed: 3)
        let x = Tensor.ones([1000])
        let first = try x.dropout(p: 0.4, using: &rng).scalars
        let second = try x.dropout(p: 0.4, using: &rng).scalars
        #expect(first.map { $0 != 0 } == a)
        #expect(first != second)
    }

    @Test func oddSizesAndShapesAreHandled() throws {
        // 7 x 13 = 91 elements: one full 64-bit word and a partial one.
        var rng = RandomGenerator(seed: 5)
        let x = Tensor.uniform([7, 13], low: 1, high: 2, using: &rng)
        let y = try x.dropout(p: 0.5, using: &rng)
        #expect(y.shape == [7, 13])
        let zeros = y.scalars.filter { $0 == 0 }.count
        #expect(zeros > 20 && zeros < 71)
        for i in 0..<x.count { #expect(y.data[i] == 0 || y.data[i] == 2 * x.data[i]) }
    }

    @Test func backwardUsesTheForwardMask() throws {
        var rng = RandomGenerator(seed: 8)
        let x = Tensor.uniform([3, 50], low: 1, high: 2, using: &rng).requiringGrad()
        let y = try x.dropout(p: 0.25, using: &rng)
        let g = Tensor.uniform([3, 50], low: -1, high: 1, using: &rng)
        try y.backward(g)
        let grad = try #require(x.grad)
        let scale: Float = 1 / 0.75
        for i in 0..<x.count {
            let expected = y.data[i] != 0 ? g.data[i] * scale : 0
            #expect(grad.data[i] == expected)
        }
    }

    @Test func evalModeZeroPAndEmptyInputsReturnTheInputItself() throws {
        var rng = RandomGenerator(seed: 1)
        let x = Tensor([1, 2, 3], requiresGrad: true)
        #expect(try x.dropout(p: 0.5, training: false, using: &rng) === x)
        #expect(try x.dropout(p: 0, using: &rng) === x)
        #expect(try x.dropout(p: 0.5, training: false) === x)
        let empty = Tensor.zeros([0, 4])
        #expect(try empty.dropout(p: 0.5, using: &rng) === empty)
        // None of these drew from the generator.
        var fresh = RandomGenerator(seed: 1)
        #expect(rng.next() == fresh.next())
    }

    @Test func pOneZeroesEverythingLikeTorch() throws {
        var rng = RandomGenerator(seed: 1)
        let x = Tensor([1, -2, 3], requiresGrad: true)
        let y = try x.dropout(p: 1, using: &rng)
        #expect(y.scalars == [0, 0, 0])
        try y.backward(Tensor([1, 1, 1]))
        #expect(x.grad?.scalars == [0, 0, 0])
        // PyTorch computes input * 0, so NaN stays NaN.
        #expect(try Tensor([.nan]).dropout(p: 1, using: &rng).scalars[0].isNaN)
    }

    @Test func probabilitiesOutsideZeroOneThrowEvenInEvalMode() {
        var rng = RandomGenerator(seed: 1)
        let x = Tensor([1, 2, 3])
        for p: Float in [-0.1, 1.5, .nan] {
            #expect(throws: TensorError.self) { try x.dropout(p: p, using: &rng) }
            #expect(throws: TensorError.self) { try x.dropout(p: p, training: false, using: &rng) }
            #expect(throws: TensorError.self) { try x.dropout(p: p) }
        }
    }

    @Test func theGlobalGeneratorVersionDrawsFreshMasks() throws {
        // Other tests may use the global generator concurrently, so this checks only that
        // masks are valid and that successive calls differ.
        let x = Tensor.ones([512])
        let a = try x.dropout(p: 0.5).scalars
        let b = try x.dropout(p: 0.5).scalars
        #expect(a.allSatisfy { $0 == 0 || $0 == 2 })
        #expect(a != b)
        let kept = a.filter { $0 != 0 }.count
        #expect(kept > 180 && kept < 332)
    }
}
