import Testing
import TensorCore

/// Every registered op passes a finite-difference gradient check.
@Test(arguments: GradcheckSuite.tensorCore.map(\.op))
func gradcheckPasses(op: String) throws {
    let entry = try #require(GradcheckSuite.tensorCore.first { $0.op == op })
    let result = try entry.run()
    #expect(result.passed, "\(op): \(result)")
}

@Test func gradcheckCatchesAWrongBackward() throws {
    // A deliberately wrong derivative (2x instead of 3x²) must be reported.
    let wrong = GradcheckCase("wrong cube", shapes: [[4]], low: 0.5, high: 1.5) { xs in
        let x = xs[0]
        return Kernels.map(x) { $0 * $0 * $0 }.recorded("cube", inputs: [x]) { g in [try g * (x * 2)] }
    }
    #expect(!(try wrong.run()).passed)
}
