/// One entry of the op-by-op gradient check run by `swiftgnn gradcheck` and the tests.
///
/// Inputs are drawn uniform in `low..<high`; with `awayFromZero > 0` values within that
/// distance of 0 are pushed out of it (for ops with a kink at 0: relu, abs, ...).
/// Index arguments and other non-differentiable inputs are built inside `function`.
public struct GradcheckCase: Sendable {
    public let op: String
    public let shapes: [[Int]]
    public let low: Float
    public let high: Float
    public let awayFromZero: Float
    public let eps: Float
    public let function: @Sendable ([Tensor]) throws -> Tensor

    public init(_ op: String, shapes: [[Int]], low: Float = -1, high: Float = 1, awayFromZero: Float = 0,
                eps: Float = 1e-2, _ function: @escaping @Sendable ([Tensor]) throws -> Tensor) {
        self.op = op
        self.shapes = shapes
        self.low = low
        self.high = high
        self.awayFromZero = awayFromZero
        self.eps = eps
        self.function = function
    }

    /// Runs the check on fresh random inputs from `seed`.
    public func run(seed: UInt64 = 1) throws -> GradcheckResult {
        var rng = RandomGenerator(seed: seed)
        let inputs = shapes.map { shape -> Tensor in
            let t = Tensor.uniform(shape, low: low, high: high, using: &rng)
            if awayFromZero > 0 {
                for i in 0..<t.count where abs(t.data[i]) < awayFromZero {
                    t.data[i] = t.data[i] < 0 ? t.data[i] - awayFromZero : t.data[i] + awayFromZero
                }
            }
            return t.requiringGrad()
        }
        return try gradcheck(function, inputs: inputs, eps: eps, seed: seed &+ 1)
    }
}

/// Every differentiable op of TensorCore, one case per op (and per notable variant).
/// Each file of ops contributes its own list; the CLI adds the NeuralNet suite.
public enum GradcheckSuite {
    public static var tensorCore: [GradcheckCase] {
        arithmeticCases + elementwiseCases + shapeCases + reductionCases + sparseCases
    }

    static var arithmeticCases: [GradcheckCase] {
        [
            GradcheckCase("add (broadcast)", shapes: [[3, 4], [4]]) { try $0[0] + $0[1] },
            GradcheckCase("sub (broadcast)", shapes: [[2, 1, 3], [4, 1]]) { try $0[0] - $0[1] },
            GradcheckCase("mul (broadcast)", shapes: [[3, 4], [3, 1]]) { try $0[0] * $0[1] },
            GradcheckCase("div (broadcast)", shapes: [[3, 4], [4]], low: 0.5, high: 2) { try $0[0] / $0[1] },
            GradcheckCase("neg", shapes: [[5]]) { -$0[0] },
            GradcheckCase("add_scalar", shapes: [[5]]) { $0[0] + 2 },
            GradcheckCase("rsub_scalar", shapes: [[5]]) { 2 - $0[0] },
            GradcheckCase("mul_scalar", shapes: [[5]]) { $0[0] * 3 },
            GradcheckCase("rdiv_scalar", shapes: [[5]], low: 0.5, high: 2) { 1 / $0[0] },
            GradcheckCase("matmul 2-D", shapes: [[3, 4], [4, 5]]) { try $0[0].matmul($0[1]) },
            GradcheckCase("matmul batched (broadcast)", shapes: [[2, 3, 4], [4, 2]]) { try $0[0].matmul($0[1]) },
            GradcheckCase("matmul vector", shapes: [[4], [4, 3]]) { try $0[0].matmul($0[1]) },
            GradcheckCase("reshape", shapes: [[2, 6]]) { try $0[0].reshaped([3, -1]) },
        ]
    }
}
