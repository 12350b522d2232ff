import Foundation
import Testing
import TensorCore

@Suite struct RandomTests {
    @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        let xa = (0..<8).map { _ in a.next() }, xb = (0..<8).map { _ in b.next() }, xc = (0..<8).map { _ in c.next() }
        #expect(xa == xb)
        #expect(xa != xc)
    }

    @Test func unitFloatsAndBoundedIntegersStayInRange() {
        var g = RandomGenerator(seed: 1)
        for _ in 0..<10_000 {
            let u = g.nextUnitFloat()
            #expect(u >= 0 && u < 1)
            let k = g.nextInt(below: 7)
            #expect(k >= 0 && k < 7)
        }
    }

    @Test func uniformAndNormalMomentsAreRight() {
        var g = RandomGenerator(seed: 3)
        let n = 200_000
        let u = Tensor.uniform([n], low: -2, high: 4, using: &g).scalars
        let mu = u.reduce(0, +) / Float(n)
        #expect(abs(mu - 1) < 0.02)
        #expect(u.min()! >= -2 && u.max()! < 4)
        let z = Tensor.normal([n], mean: 1, std: 3, using: &g).scalars
        let m = z.reduce(0, +) / Float(n)
        let v = z.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Float(n)
        #expect(abs(m - 1) < 0.03)
        #expect(abs(v.squareRoot() - 3) < 0.03)
    }

    @Test func normalTailsAndSymmetryMatchTheGaussian() {
        // P(|Z| > 1) = 0.3173, P(|Z| > 2) = 0.0455, P(|Z| > 3) = 0.0027; 1M draws give
        // standard errors of about 5e-4, 2e-4 and 5e-5.
        var g = RandomGenerator(seed: 17)
        let z = Tensor.normal([1_000_000], using: &g).scalars
        func tail(_ t: Float) -> Double { Double(z.filter { abs($0) > t }.count) / Double(z.count) }
        #expect(abs(tail(1) - 0.3173) < 0.003)
        #expect(abs(tail(2) - 0.0455) < 0.0012)
        #expect(abs(tail(3) - 0.0027) < 0.0003)
        let positive = Double(z.filter { $0 > 0 }.count) / Double(z.count)
        #expect(abs(positive - 0.5) < 0.003)
        #expect(z.allSatisfy { $0.isFinite })
        // Odd counts are filled completely.
        let odd = Tensor.normal([7], mean: 100, std: 1, using: &g).scalars
        #expect(odd.allSatisfy { $0 > 90 })
    }

    @Test func codableStateResumesTheStream() throws {
        var a = RandomGenerator(seed: 77)
        for _ in 0..<5 { _ = a.next() }
        let saved = try JSONEncoder().encode(a)
        var b = try JSONDecoder().decode(RandomGenerator.self, from: saved)
        #expect(b == a)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
        for bad in ["\"1 2 3\"", "\"0 0 0 0\"", "\"1 2 3 zz\"", "17"] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(RandomGenerator.self, from: Data(bad.utf8)) }
        }
    }

    @Test func globalGeneratorIsReseedable() {
        // Reseed and draw under one lock: other tests may use the global generator
        // concurrently.
        func draw() -> [Float] {
            Random.withGenerator { g in
                g = RandomGenerator(seed: 9)
                return Tensor.uniform([5], using: &g).scalars
            }
        }
        #expect(draw() == draw())
        var fresh = RandomGenerator(seed: 9)
        #expect(draw() == Tensor.uniform([5], using: &fresh).scalars)
    }

    @Test func permutationIsAPermutation() {
        var g = RandomGenerator(seed: 5)
        let p = g.permutation(100)
        #expect(p.sorted() == Array(0..<100))
        #expect(p != Array(0..<100))
    }

    @Test func initialisersUseTorchFansAndBounds() {
        #expect(Initializer.fans([16, 8]) == (fanIn: 8, fanOut: 16))
        #expect(Initializer.fans([4, 3, 5, 5]) == (fanIn: 75, fanOut: 100))
        var g = RandomGenerator(seed: 1)
        // torch.nn.Linear default: kaiming_uniform(a=√5) → U(-1/√fanIn, 1/√fanIn).
        let w = Initializer.kaimingUniform([64, 100], nonlinearity: .leakyRelu(negativeSlope: Float(5).squareRoot()), using: &g)
        #expect(w.scalars.allSatisfy { abs($0) <= 0.1 + 1e-6 })
        #expect(w.scalars.contains { abs($0) > 0.09 })
        let x = Initializer.glorotUniform([30, 70], using: &g)
        let bound = (6 / Float(100)).squareRoot()
        #expect(x.scalars.allSatisfy { abs($0) <= bound + 1e-6 })
        let k = Initializer.kaimingNormal([1000, 200], nonlinearity: .relu, using: &g).scalars
        let std = (k.reduce(0) { $0 + $1 * $1 } / Float(k.count)).squareRoot()
        #expect(abs(std - (2 / Float(200)).squareRoot()) < 0.002)
        #expect(abs(Initializer.Nonlinearity.tanh.gain - 5.0 / 3.0) < 1e-6)
    }
}
