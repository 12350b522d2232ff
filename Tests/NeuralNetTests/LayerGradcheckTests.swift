import Testing
import NeuralNet

/// Every fused NeuralNet op passes a finite-difference gradient check.
@Test(arguments: NeuralNetGradchecks.all.map(\.op))
func neuralNetGradcheckPasses(op: String) throws {
    let entry = try #require(NeuralNetGradchecks.all.first { $0.op == op })
    let result = try entry.run()
    #expect(result.passed, "\(op): \(result)")
}

@Test func neuralNetGradcheckNamesAreUnique() {
    let names = NeuralNetGradchecks.all.map(\.op)
    #expect(Set(names).count == names.count)
}
