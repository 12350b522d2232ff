extension GradcheckSuite {
    /// Gradient checks for the elementwise ops: unary math, activations (each variant),
    /// maximum/minimum, where, maskedFill and dropout (with a fixed mask).
    ///
    /// Ops with a kink use `awayFromZero` (kink at 0) or a small `eps` with bounds chosen
    /// away from the sampled values (kinks elsewhere); the inputs of seed 1 are fixed, so a
    /// passing case stays passing.
    static var elementwiseCases: [GradcheckCase] {
        [
            // Unary math.
            GradcheckCase("exp", shapes: [[3, 4]]) { $0[0].exp() },
            GradcheckCase("log", shapes: [[3, 4]], low: 0.5, high: 2) { $0[0].log() },
            GradcheckCase("log1p", shapes: [[3, 4]], low: -0.5, high: 1) { $0[0].log1p() },
            GradcheckCase("sqrt", shapes: [[3, 4]], low: 0.5, high: 2) { $0[0].sqrt() },
            GradcheckCase("rsqrt", shapes: [[3, 4]], low: 0.5, high: 2) { $0[0].rsqrt() },
            GradcheckCase("abs", shapes: [[3, 4]], awayFromZero: 0.1) { $0[0].abs() },
            GradcheckCase("square", shapes: [[3, 4]]) { $0[0].square() },
            GradcheckCase("pow scalar 2.5", shapes: [[3, 4]], low: 0.5, high: 2) { $0[0].pow(2.5) },
            GradcheckCase("pow scalar 3 (negative base)", shapes: [[3, 4]]) { $0[0].pow(3) },
            GradcheckCase("pow scalar -0.5", shapes: [[3, 4]], low: 0.5, high: 2) { $0[0].pow(-0.5) },
            GradcheckCase("pow scalar 0", shapes: [[3, 4]]) { $0[0].pow(0) },
            GradcheckCase("pow tensor (broadcast)", shapes: [[3, 4], [4]], low: 0.5, high: 2) { try $0[0].pow($0[1]) },
            GradcheckCase("pow tensor (broadcast base)", shapes: [[4], [2, 4]], low: 0.5, high: 2) { try $0[0].pow($0[1]) },
            // Activations.
            GradcheckCase("relu", shapes: [[3, 4]], awayFromZero: 0.1) { $0[0].relu() },
            GradcheckCase("leakyRelu", shapes: [[3, 4]], awayFromZero: 0.1) { $0[0].leakyRelu(negativeSlope: 0.2) },
            GradcheckCase("elu (alpha 0.5)", shapes: [[3, 4]], awayFromZero: 0.1) { $0[0].elu(alpha: 0.5) },
            GradcheckCase("elu (default)", shapes: [[3, 4]], low: -3, high: 3, awayFromZero: 0.1) { $0[0].elu() },
            GradcheckCase("gelu (exact)", shapes: [[3, 4]], low: -3, high: 3) { $0[0].gelu() },
            GradcheckCase("gelu (tanh)", shapes: [[3, 4]], low: -3, high: 3) { $0[0].gelu(approximate: true) },
            GradcheckCase("silu", shapes: [[3, 4]], low: -3, high: 3) { $0[0].silu() },
            GradcheckCase("sigmoid", shapes: [[3, 4]], low: -3, high: 3) { $0[0].sigmoid() },
            GradcheckCase("tanh", shapes: [[3, 4]], low: -2, high: 2) { $0[0].tanh() },
            GradcheckCase("softplus (below threshold)", shapes: [[3, 4]], low: -3, high: 3) {
                $0[0].softplus(beta: 2, threshold: 20)
            },
            GradcheckCase("softplus (above threshold)", shapes: [[3, 4]], low: 1, high: 2) {
                $0[0].softplus(beta: 2, threshold: 1)
            },
            GradcheckCase("clamp", shapes: [[4, 5]], eps: 1e-3) { $0[0].clamp(min: -0.5, max: 0.5) },
            GradcheckCase("clamp (min only)", shapes: [[4, 5]], eps: 1e-3) { $0[0].clamp(min: 0.25) },
            GradcheckCase("clamp (max only)", shapes: [[4, 5]], eps: 1e-3) { $0[0].clamp(max: -0.25) },
            // Binary and selection ops.
            GradcheckCase("maximum (broadcast)", shapes: [[3, 4], [4]], eps: 1e-3) { try Tensor.maximum($0[0], $0[1]) },
            GradcheckCase("minimum (broadcast)", shapes: [[3, 1], [2, 1, 4]], eps: 1e-3) { try Tensor.minimum($0[0], $0[1]) },
            GradcheckCase("where (broadcast)", shapes: [[3, 4], [4]]) { xs in
                let condition = try Tensor(shape: [3, 1], scalars: [1, 0, 1])
                let pattern = try Tensor(shape: [3, 4], scalars: [0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1])
                return try Tensor.where(condition, try Tensor.where(pattern, xs[0], xs[1]), xs[1])
            },
            GradcheckCase("maskedFill (broadcast mask)", shapes: [[3, 4]]) { xs in
                try xs[0].maskedFill(Tensor([1, 0, 0, 1]), -2)
            },
            GradcheckCase("dropout (fixed seed)", shapes: [[4, 20]]) { xs in
                var rng = RandomGenerator(seed: 42)
                return try xs[0].dropout(p: 0.3, using: &rng)
            },
        ]
    }
}
