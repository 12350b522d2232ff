import Testing
import MessagePassing
import TensorCore

@Suite("JumpingKnowledge")
struct NormJumpingKnowledgeTests {
    @Test("cat and max match PyG (outputs and gradients of every layer)", arguments: JumpingKnowledge.Mode.allCases)
    func golden(mode: JumpingKnowledge.Mode) throws {
        let c = try PoolGolden.load().case("jk_\(mode.rawValue)")
        let inputs = try c.inputTensors()
        let xs = try (0..<3).map { try #require(inputs["x\($0)"]) }
        let jk = JumpingKnowledge(mode: mode)
        #expect(jk.parameters().isEmpty)
        try c.check(try jk(xs), inputs: inputs)
    }

    @Test("gradcheck through both modes; errors for no layer or mismatched shapes")
    func gradcheckJK() throws {
        var rng = RandomGenerator(seed: 2)
        let xs = (0..<3).map { _ in Tensor.uniform([4, 2], low: -1, high: 1, using: &rng).requiringGrad() }
        for mode in JumpingKnowledge.Mode.allCases {
            let jk = JumpingKnowledge(mode: mode)
            let r = try gradcheck({ try jk($0) }, inputs: xs, eps: 1e-3)
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
