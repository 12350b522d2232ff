import Testing
import TensorCore
import Foundation

/// Accuracy of the vectorisable exp / expm1 / tanh kernels against Double references.
@Suite struct ElementwiseFastMathTests {
    /// Largest error in units of the last place of the correctly rounded result, over
    /// `count` evenly spaced points of `[lo, hi]`.
    private func maxUlpError(lo: Float, hi: Float, count: Int = 20_000,
                             _ f: (Float) -> Float, _ ref: (Double) -> Double) -> Double {
        var worst = 0.0
        for i in 0...count {
            let x = lo + (hi - lo) * Float(i) / Float(count)
            let exact = ref(Double(x)), y = f(x)
            let rounded = Float(exact)
            if rounded.isInfinite {
                if y != rounded { return .infinity }
                continue
            }
            let ulp = Double(max(rounded.magnitude.ulp, Float.leastNonzeroMagnitude))
            worst = max(worst, Swift.abs(Double(y) - exact) / ulp)
        }
        return worst
    }

    @Test func fastExpIsWithinOneUlp() {
        #expect(maxUlpError(lo: -110, hi: 90, Kernels.fastExp, Foundation.exp) < 1)
        #expect(maxUlpError(lo: -2, hi: 2, Kernels.fastExp, Foundation.exp) < 1)
        #expect(Kernels.fastExp(0) == 1)
        #expect(Kernels.fastExp(-.infinity) == 0)
        #expect(Kernels.fastExp(.infinity) == .infinity)
        #expect(Kernels.fastExp(88.73) == .infinity)
        #expect(Kernels.fastExp(.nan).isNaN)
        // Subnormal results: e^-100 ≈ 3.72e-44.
        #expect(Swift.abs(Double(Kernels.fastExp(-100)) - 3.720075976020836e-44) < 2e-45)
    }

    @Test func fastExpm1IsAccurateNearZeroAndEverywhere() {
        #expect(maxUlpError(lo: -90, hi: 90, Kernels.fastExpm1, Foundation.expm1) < 1.6)
        #expect(maxUlpError(lo: -1, hi: 1, Kernels.fastExpm1, Foundation.expm1) < 1.6)
        #expect(maxUlpError(lo: -1e-4, hi: 1e-4, Kernels.fastExpm1, Foundation.expm1) < 1)
        #expect(Kernels.fastExpm1(1e-30) == 1e-30)
        #expect(Kernels.fastExpm1(-0.0).sign == .minus)
        #expect(Kernels.fastExpm1(-.infinity) == -1)
        #expect(Kernels.fastExpm1(.infinity) == .infinity)
        #expect(Kernels.fastExpm1(.nan).isNaN)
    }

    @Test func fastTanhIsWithinTwoAndAHalfUlps() {
        #expect(maxUlpError(lo: -12, hi: 12, Kernels.fastTanh, Foundation.tanh) < 2.5)
        #expect(maxUlpError(lo: -1e-3, hi: 1e-3, Kernels.fastTanh, Foundation.tanh) < 2.5)
        #expect(Kernels.fastTanh(.infinity) == 1)
        #expect(Kernels.fastTanh(-.infinity) == -1)
        #expect(Kernels.fastTanh(-0.0).sign == .minus)
        #expect(Kernels.fastTanh(.nan).isNaN)
    }
}
