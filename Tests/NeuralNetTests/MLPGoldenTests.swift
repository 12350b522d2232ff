import Foundation
import Testing
import NeuralNet

// Golden values: Tests/NeuralNetTests/Fixtures/mlp_golden.json, written by
// scripts/make_golden_fixtures.py with PyTorch: Sequential(Linear(5, 8), ReLU(),
// Linear(8, 3)), mean cross-entropy, float32.

private struct OptimizerCase: Decodable, TorchOptimizerCase {
    let name: String
    let optimizer: String
    let kwargs: [String: Kwarg]
    let losses: [Double]
    let parameters: [String: TensorJSON]
}

private struct MLPFixture: Decodable {
    let input: TensorJSON
    let labels: [Int32]
    let initial: [String: TensorJSON]
    let logits: TensorJSON
    let loss: Double
    let gradients: [String: TensorJSON]
    let optimizers: [OptimizerCase]

    static func load() throws -> MLPFixture {
        let url = try #require(Bundle.module.url(forResource: "mlp_golden", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(MLPFixture.self, from: Data(contentsOf: url))
    }

    /// The torch model with the fixture's initial weights loaded through the state dict.
    func model() throws -> Sequential {
        let m = Sequential(Linear(inFeatures: 5, outFeatures: 8), ActivationLayer(.relu), Linear(inFeatures: 8, outFeatures: 3))
        try m.loadStateDict(StateDict(try initial.map { ($0.key, try $0.value.tensor()) }))
        return m
    }
}

/// |got − want| ≤ 1e-5·|want| + 1e-6 elementwise (the 1e-5 relative, with an
/// absolute floor for values near zero).
private func expectClose(_ got: Tensor, _ want: TensorJSON, _ what: String) {
    #expect(got.shape == want.shape, "\(what): shape \(got.shape) vs \(want.shape)")
    let bad = zip(got.scalars, want.values).enumerated().filter { abs(Double($0.element.0) - $0.element.1) > 1e-5 * abs($0.element.1) + 1e-6 }
    #expect(bad.isEmpty, "\(what): \(bad.prefix(3).map { "[\($0.offset)] \($0.element.0) vs torch \($0.element.1)" })")
}

@Suite struct MLPGoldenTests {
    @Test func forwardAndBackwardMatchPyTorch() throws {
        let f = try MLPFixture.load()
        let model = try f.model()
        #expect(model.stateDict().keys == ["0.weight", "0.bias", "2.weight", "2.bias"])
        let logits = try model(try f.input.tensor())
        expectClose(logits, f.logits, "logits")
        let loss = try Loss.crossEntropy(logits, Int32Tensor(f.labels))
        #expect(abs(Double(try loss.item()) - f.loss) <= 1e-5 * abs(f.loss))
        try loss.backward()
        for (name, p) in model.namedParameters() {
            let want = try #require(f.gradients[name])
            expectClose(try #require(p.grad), want, "grad \(name)")
        }
    }

    @Test(arguments: try! MLPFixture.load().optimizers.map(\.name))
    func threeOptimizerStepsMatchPyTorch(_ name: String) throws {
        let f = try MLPFixture.load()
        let c = try #require(f.optimizers.first { $0.name == name })
        let model = try f.model()
        let opt = try makeOptimizer(c, model.parameters())
        let x = try f.input.tensor(), y = Int32Tensor(f.labels)
        for step in 0..<3 {
            opt.zeroGrad()
            let loss = try Loss.crossEntropy(try model(x), y)
            let value = Double(try loss.item())
            #expect(abs(value - c.losses[step]) <= 1e-5 * abs(c.losses[step]), "\(name) loss before step \(step + 1)")
            try loss.backward()
            opt.step()
        }
        for (pname, p) in model.namedParameters() {
            expectClose(p, try #require(c.parameters[pname]), "\(name) \(pname) after 3 steps")
        }
    }
}
