import Foundation
import Testing
import NeuralNet

// Golden values: Tests/NeuralNetTests/Fixtures/optim_quadratic.json, written by
// scripts/make_golden_fixtures.py with torch.optim (float32, foreach=False).

private struct QuadraticCase: Decodable, TorchOptimizerCase {
    let name: String
    let optimizer: String
    let kwargs: [String: Kwarg]
    let losses: [Double]
    let steps: [[String: TensorJSON]]
    let state: [String: TensorJSON]
}

private struct QuadraticFixture: Decodable {
    let initial: [String: TensorJSON]
    let cases: [QuadraticCase]

    static func load() throws -> QuadraticFixture {
        let url = try #require(Bundle.module.url(forResource: "optim_quadratic", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(QuadraticFixture.self, from: Data(contentsOf: url))
    }
}

/// The quadratic problem: loss = sum((A W + b - Y)^2), with a third parameter that
/// never gets a gradient.
private final class Quadratic {
    let A: Tensor, Y: Tensor
    let W: Tensor, b: Tensor, unused: Tensor
    var parameters: [Tensor] { [W, b, unused] }

    init(_ f: QuadraticFixture) throws {
        A = try f.initial["A"]!.tensor()
        Y = try f.initial["Y"]!.tensor()
        W = try f.initial["W"]!.tensor(requiresGrad: true)
        b = try f.initial["b"]!.tensor(requiresGrad: true)
        unused = try f.initial["unused"]!.tensor(requiresGrad: true)
    }

    func loss() throws -> Tensor {
        let r = try (try A.matmul(W) + b) - Y
        return try r.reshaped([1, 8]).matmul(try r.reshaped([8, 1]))
    }

    /// zeroGrad, forward, backward, step; returns the loss before the step.
    @discardableResult
    func trainStep(_ opt: any Optimizer) throws -> Float {
        opt.zeroGrad()
        let l = try loss()
        try l.backward()
        opt.step()
        return try l.item()
    }
}

private func close(_ got: Float, _ want: Double, rtol: Double = 1e-5, atol: Double = 1e-6) -> Bool {
    abs(Double(got) - want) <= rtol * abs(want) + atol
}

private func expectClose(_ got: Tensor, _ want: TensorJSON, _ what: String) {
    #expect(got.shape == want.shape, "\(what): shape \(got.shape) vs \(want.shape)")
    let bad = zip(got.scalars, want.values).enumerated().filter { !close($0.element.0, $0.element.1) }
    #expect(bad.isEmpty, "\(what): \(bad.prefix(3).map { "[\($0.offset)] \($0.element.0) vs torch \($0.element.1)" })")
}

@Suite struct OptimizerTests {
    @Test(arguments: try QuadraticFixture.load().cases.map(\.name))
    func matchesTorchOnQuadratic(_ name: String) throws {
        let fixture = try QuadraticFixture.load()
        let c = try #require(fixture.cases.first { $0.name == name })
        let q = try Quadratic(fixture)
        let opt = try makeOptimizer(c, q.parameters)
        for step in 0..<3 {
            let loss = try q.trainStep(opt)
            #expect(close(loss, c.losses[step]), "\(name) step \(step + 1): loss \(loss) vs torch \(c.losses[step])")
            expectClose(q.W, c.steps[step]["W"]!, "\(name) step \(step + 1) W")
            expectClose(q.b, c.steps[step]["b"]!, "\(name) step \(step + 1) b")
            // No gradient, no update (and no state, except Adagrad's eager accumulator).
            #expect(q.unused.scalars == c.steps[step]["unused"]!.values.map { Float($0) })
        }
        // The state after 3 steps has PyTorch's names and values.
        let state = opt.stateDict()
        #expect(Set(state.keys) == Set(c.state.keys).union(["param_groups.0.lr"]), "\(name): \(state.keys)")
        for (key, want) in c.state {
            if let got = state[key] { expectClose(got, want, "\(name) \(key)") }
        }
        #expect(state["param_groups.0.lr"]!.scalars == [opt.learningRate])
    }

    /// Stopping after one step, saving the optimizer state to a safetensors file and
    /// resuming in a fresh optimizer gives bit-identical parameters.
    @Test(arguments: try QuadraticFixture.load().cases.map(\.name))
    func resumesFromSavedState(_ name: String) throws {
        let fixture = try QuadraticFixture.load()
        let c = try #require(fixture.cases.first { $0.name == name })
        let straight = try Quadratic(fixture)
        let opt = try makeOptimizer(c, straight.parameters)
        for _ in 0..<3 { try straight.trainStep(opt) }

        let first = try Quadratic(fixture)
        let opt1 = try makeOptimizer(c, first.parameters)
        try first.trainStep(opt1)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-opt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("opt.safetensors")
        try Safetensors.write(opt1.stateDict(), to: url)

        let resumed = try Quadratic(fixture)
        for (dst, src) in zip(resumed.parameters, first.parameters) {
            dst.withMutableData { $0.baseAddress!.update(from: src.data, count: src.count) }
        }
        let opt2 = try makeOptimizer(c, resumed.parameters)
        opt2.learningRate = 123  // restored from the state dict
        try opt2.loadStateDict(try Safetensors.read(from: url).tensors)
        #expect(opt2.learningRate == opt1.learningRate)
        for _ in 0..<2 { try resumed.trainStep(opt2) }
        #expect(resumed.W.scalars == straight.W.scalars, "\(name)")
        #expect(resumed.b.scalars == straight.b.scalars, "\(name)")
    }

    @Test func defaultsMatchTorch() throws {
        let adam = try Adam([])
        #expect(adam.learningRate == 1e-3 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.eps == 1e-8)
        #expect(adam.weightDecay == 0 && !adam.amsgrad)
        let adamw = try AdamW([])
        #expect(adamw.learningRate == 1e-3 && adamw.weightDecay == 1e-2 && adamw.beta2 == 0.999)
        let rms = try RMSprop([])
        #expect(rms.learningRate == 1e-2 && rms.alpha == 0.99 && rms.eps == 1e-8 && rms.momentum == 0 && !rms.centered)
        let ada = try Adagrad([])
        #expect(ada.learningRate == 1e-2 && ada.lrDecay == 0 && ada.initialAccumulatorValue == 0 && ada.eps == 1e-10)
        let sgd = try SGD(parameters: [], lr: 0.1)
        #expect(sgd.momentum == 0 && sgd.dampening == 0 && sgd.weightDecay == 0 && !sgd.nesterov)
    }

    @Test func invalidHyperparametersThrow() {
        #expect(throws: TensorError.self) { try SGD([], lr: -1) }
        #expect(throws: TensorError.self) { try SGD([], lr: 0.1, nesterov: true) }
        #expect(throws: TensorError.self) { try SGD([], lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true) }
        #expect(throws: TensorError.self) { try Adam([], betas: (1.0, 0.999)) }
        #expect(throws: TensorError.self) { try Adam([], betas: (0.9, -0.1)) }
        #expect(throws: TensorError.self) { try AdamW([], eps: -1) }
        #expect(throws: TensorError.self) { try RMSprop([], momentum: -0.5) }
        #expect(throws: TensorError.self) { try Adagrad([], initialAccumulatorValue: -1) }
    }

    @Test func zeroGradClearsGradients() throws {
        let p = Tensor([1, 2], requiresGrad: true)
        p.grad = Tensor([1, 1])
        let opt = try SGD([p], lr: 0.1)
        opt.zeroGrad()
        #expect(p.grad == nil)
        opt.step()  // nothing to do without a gradient
        #expect(p.scalars == [1, 2])
    }

    /// A parameter large enough to be split across threads and vector tails is updated
    /// exactly like the same values in a small parameter.
    @Test(arguments: ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"])
    func largeParametersMatchSmallOnes(_ kind: String) throws {
        let period = 13, n = 40_009
        func pattern(_ i: Int) -> Float { Float((i % period) - 6) * 0.37 + 0.05 }
        let big = try Tensor(shape: [n], scalars: (0..<n).map(pattern), requiresGrad: true)
        let small = try Tensor(shape: [period], scalars: (0..<period).map(pattern), requiresGrad: true)
        func make(_ p: Tensor) throws -> any Optimizer {
            switch kind {
            case "SGD": return try SGD([p], lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)
            case "Adam": return try Adam([p], lr: 0.1, amsgrad: true)
            case "AdamW": return try AdamW([p], lr: 0.1)
            case "RMSprop": return try RMSprop([p], momentum: 0.5, centered: true)
            default: return try Adagrad([p], lr: 0.1, weightDecay: 0.1)
            }
        }
        let optBig = try make(big), optSmall = try make(small)
        for step in 0..<3 {
            big.grad = try Tensor(shape: [n], scalars: (0..<n).map { pattern($0 + step) * 2 - 0.3 })
            small.grad = try Tensor(shape: [period], scalars: (0..<period).map { pattern($0 + step) * 2 - 0.3 })
            optBig.step()
            optSmall.step()
        }
        let b = big.scalars, s = small.scalars
        #expect((0..<n).allSatisfy { b[$0].bitPattern == s[$0 % period].bitPattern })
        #expect(b[0] != pattern(0))
    }

    @Test func loadStateDictRejectsMismatchesAndChangesNothing() throws {
        let p = Tensor([1, 2, 3], requiresGrad: true)
        let opt = try Adam([p], lr: 0.1)
        p.grad = Tensor([0.5, -0.5, 1])
        opt.step()
        let saved = opt.stateDict()
        var bad = saved
        bad["state.0.exp_avg"] = Tensor([1, 2])
        bad["state.0.momentum_buffer"] = Tensor([1, 2, 3])
        bad["state.3.step"] = Tensor(scalar: 1)
        #expect { try opt.loadStateDict(bad) } throws: { error in
            guard let e = error as? StateDictError else { return false }
            return e.problems.count == 3 && e.description.contains("state.0.exp_avg")
                && e.description.contains("momentum_buffer") && e.description.contains("out of range")
        }
        var incomplete = saved
        incomplete["state.0.exp_avg_sq"] = nil
        #expect(throws: StateDictError.self) { try opt.loadStateDict(incomplete) }
        var fractional = saved
        fractional["state.0.step"] = Tensor(scalar: 1.5)
        #expect(throws: StateDictError.self) { try opt.loadStateDict(fractional) }
        // Still the original state.
        let now = opt.stateDict()
        for (name, t) in saved { #expect(now[name]!.scalars == t.scalars, "\(name)") }
        // An empty state dict resets the moments (as PyTorch loading a fresh optimizer's state).
        try opt.loadStateDict(StateDict())
        #expect(opt.stateDict().keys == ["param_groups.0.lr"])
    }
}
