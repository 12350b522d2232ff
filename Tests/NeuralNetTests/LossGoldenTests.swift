import Testing
import NeuralNet

/// Every loss variant against PyTorch values (scripts/make_layer_fixtures.py): the loss
/// and the gradients of `Σ loss ⊙ grad_out` for the differentiable inputs.
@Suite struct LossGoldenTests {
    static let kinds = ["crossEntropy", "nll", "bceWithLogits", "mse", "l1", "huber", "smoothL1"]

    @Test(arguments: kinds.flatMap { Golden.names(kind: $0) })
    func lossMatchesTorch(name: String) throws {
        let c = try Golden.load(name)
        let reduction = try c.reduction()
        switch c.kind {
        case "crossEntropy", "nll":
            let logits = try c.tensor("logits", requiresGrad: true)
            let target = try c.indices("target")
            let weight = c.has("weight_t") ? try c.tensor("weight_t") : nil
            let ignore = Int32(try c.float("ignore_index"))
            let loss = c.kind == "nll"
                ? try Loss.nll(logits, target, weight: weight, ignoreIndex: ignore, reduction: reduction)
                : try Loss.crossEntropy(logits, target, weight: weight, ignoreIndex: ignore,
                                        labelSmoothing: try c.float("label_smoothing"), reduction: reduction)
            try check(c, loss, inputs: [("logits", logits)])
        case "bceWithLogits":
            let logits = try c.tensor("logits", requiresGrad: true)
            let target = try c.tensor("target", requiresGrad: true)
            let loss = try Loss.bceWithLogits(logits, target,
                                              weight: c.has("weight_t") ? try c.tensor("weight_t") : nil,
                                              posWeight: c.has("pos_weight") ? try c.tensor("pos_weight") : nil,
                                              reduction: reduction)
            try check(c, loss, inputs: [("logits", logits), ("target", target)])
        default:
            let input = try c.tensor("input", requiresGrad: true)
            let target = try c.tensor("target", requiresGrad: true)
            let loss: Tensor
            switch c.kind {
            case "mse": loss = try Loss.mse(input, target, reduction: reduction)
            case "l1": loss = try Loss.l1(input, target, reduction: reduction)
            case "huber": loss = try Loss.huber(input, target, delta: try c.float("delta"), reduction: reduction)
            case "smoothL1": loss = try Loss.smoothL1(input, target, beta: try c.float("beta"), reduction: reduction)
            default: Issue.record("unknown kind \(c.kind)"); return
            }
            try check(c, loss, inputs: [("input", input), ("target", target)])
        }
    }

    private func check(_ c: GoldenCase, _ loss: Tensor, inputs: [(String, Tensor)]) throws {
        expectClose(loss, try c.tensor("loss"), "\(c.name) loss")
        try loss.backward(try c.tensor("grad_out"))
        for (name, t) in inputs {
            expectClose(t.grad, try c.tensor("d" + name), "\(c.name) d\(name)")
        }
    }

    @Test func everyKindHasCases() {
        for kind in Self.kinds { #expect(!Golden.names(kind: kind).isEmpty, "no golden cases for \(kind)") }
    }
}
