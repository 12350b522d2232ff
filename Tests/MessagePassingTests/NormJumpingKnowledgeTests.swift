import Testing
import MessagePassing
import TensorCore

@Suite("JumpingKnowledge")
struct NormJumpingKnowledgeTests {
    @Test("cat, max and lstm match PyG (outputs and gradients of every layer and parameter)",
          arguments: JumpingKnowledge.Mode.allCases)
    func golden(mode: JumpingKnowledge.Mode) throws {
        let c = try PoolGolden.load().case("jk_\(mode.rawValue)")
        let inputs = try c.inputTensors()
        let xs = try (0..<3).map { try #require(inputs["x\($0)"]) }
        let jk = JumpingKnowledge(mode: mode, channels: 4, numLayers: 3)
        if mode == .lstm {
            #expect(jk.namedParameters().map(\.name) == [
                "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
                "lstm.weight_ih_l0_reverse", "lstm.weight_hh_l0_reverse", "lstm.bias_ih_l0_reverse",
                "lstm.bias_hh_l0_reverse", "att.weight", "att.bias",
            ])
            #expect(jk.lstm?.weightIhL0.shape == [24, 4])
            try c.load(into: jk)
        } else {
            #expect(jk.parameters().isEmpty)
        }
        try c.check(try jk(xs), inputs: inputs, module: jk)
    }

    @Test("gradcheck through both modes; errors for no layer or mismatched shapes")
    func gradcheckJK() throws {
        var rng = RandomGenerator(seed: 2)
        let xs = (0..<3).map { _ in Tensor.uniform([4, 2], low: -1, high: 1, using: &rng).requiringGrad() }
        for mode in JumpingKnowledge.Mode.allCases {
            let jk = JumpingKnowledge(mode: mode, channels: 2, numLayers: 3, using: &rng)
            let r = try gradcheck({ _ in try jk(xs) }, inputs: xs + jk.parameters(), eps: 1e-3)
            #expect(r.passed, "\(mode): \(r)")
            #expect(throws: TensorError.self) { try jk([]) }
        }
        let cat = try JumpingKnowledge(mode: .cat)([Tensor.zeros([4, 2]), Tensor.ones([4, 3])])
        #expect(cat.shape == [4, 5])
        #expect(throws: TensorError.self) { try JumpingKnowledge(mode: .max)([Tensor.zeros([4, 2]), Tensor.ones([4, 3])]) }
        let one = try JumpingKnowledge(mode: .max)([xs[0]])
        #expect(one.scalars == xs[0].scalars)
    }
}
