import Foundation
import Testing
@testable import TensorCore

/// The polynomial pieces of the normal sampler against double-precision references.
@Suite struct NormalSamplerTests {
    @Test func logUnitIsAccurateOnTheUnitInterval() {
        var worst = 0.0
        var x: Float = 0x1p-24
        while x <= 1 {
            let got = Double(NormalSampler.logUnit(x)), want = Foundation.log(Double(x))
            let ulp = Double(Float(want).ulp)
            worst = max(worst, abs(got - want) / max(ulp, 1e-30))
            x = x.nextUp * 1.0009    // ~17k points spread over every binade
        }
        #expect(worst < 2.5, "worst error \(worst) ulp")
        #expect(NormalSampler.logUnit(1) == 0)
    }

    @Test func transformPutsPairsOnTheRightCircle() {
        // For each draw, the pair's radius is √(−2 ln u) and its angle lies in the
        // quadrant the two low bits name.
        var rng = RandomGenerator(seed: 4)
        let bits = (0..<1008).map { _ in rng.next() }
        var out = [Float](repeating: 0, count: 2016)
        bits.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { NormalSampler.transform(b.baseAddress!, $0.baseAddress!, 1008) } }
        for (i, b) in bits.enumerated() {
            let u = Double((b >> 40) + 1) * 0x1p-24
            let r = (-2 * Foundation.log(u)).squareRoot()
            let x = Double(out[2 * i]), y = Double(out[2 * i + 1])
            #expect(abs((x * x + y * y).squareRoot() - r) <= 1e-5 * max(r, 1))
            let phi = (Double((b >> 16) & 0xFF_FFFF) * 0x1p-24 - 0.5) * Double.pi / 2
            let theta = phi + Double(b & 3) * Double.pi / 2
            #expect(abs(x - r * Foundation.cos(theta)) <= 2e-5 * max(r, 1))
            #expect(abs(y - r * Foundation.sin(theta)) <= 2e-5 * max(r, 1))
        }
    }
}
