import TensorCore

/// One time step of a one-layer `torch.nn.LSTM` (the recurrence inside `Set2Set`):
///
///     [i, f, g, o] = x · W_ihᵀ + b_ih + h · W_hhᵀ + b_hh     (gate blocks in this order)
///     i, f, o = σ(·),  g = tanh(·)
///     c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
///
/// - Parameters, named as layer 0 of `torch.nn.LSTM` so its state dict loads directly:
///   `weight_ih_l0` `[4H, I]`, `weight_hh_l0` `[4H, H]`, `bias_ih_l0` `[4H]`,
///   `bias_hh_l0` `[4H]`; all initialised U(−1/√H, 1/√H) as PyTorch.
/// - Input `x` `[B, I]`, state `h`, `c` `[B, H]`; returns the new `(h, c)`.
public final class LSTMCell: Module {
    public var isTraining = true
    /// `[4H, I]`, rows in gate order i, f, g, o.
    public var weightIhL0: Tensor
    /// `[4H, H]`.
    public var weightHhL0: Tensor
    /// `[4H]`.
    public var biasIhL0: Tensor
    /// `[4H]`.
    public var biasHhL0: Tensor
    public let inputSize: Int
    public let hiddenSize: Int

    /// A cell initialised from `rng` (weights, then biases, in declaration order).
    public convenience init(inputSize: Int, hiddenSize: Int, using rng: inout RandomGenerator) {
        self.init(inputSize, hiddenSize, LSTMCell.initialParameters(inputSize, hiddenSize, &rng))
    }

    /// A cell initialised from the global generator (see `Random.seed(_:)`).
    public convenience init(inputSize: Int, hiddenSize: Int) {
        self.init(inputSize, hiddenSize, Random.withGenerator { LSTMCell.initialParameters(inputSize, hiddenSize, &$0) })
    }

    private init(_ inputSize: Int, _ hiddenSize: Int, _ p: [Tensor]) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        weightIhL0 = p[0]
        weightHhL0 = p[1]
        biasIhL0 = p[2]
        biasHhL0 = p[3]
    }

    private static func initialParameters(_ inputSize: Int, _ hiddenSize: Int, _ rng: inout RandomGenerator) -> [Tensor] {
        precondition(inputSize >= 0 && hiddenSize >= 0,
                     "LSTMCell: sizes must be non-negative, got input \(inputSize), hidden \(hiddenSize)")
        let bound: Float = hiddenSize > 0 ? 1 / Float(hiddenSize).squareRoot() : 0
        return [[4 * hiddenSize, inputSize], [4 * hiddenSize, hiddenSize], [4 * hiddenSize], [4 * hiddenSize]].map {
            Tensor.uniform($0, low: -bound, high: bound, using: &rng).requiringGrad()
        }
    }

    /// One step: `x` `[B, I]`, `h` and `c` `[B, H]` to the new `(h, c)`.
    public func callAsFunction(_ x: Tensor, _ state: (h: Tensor, c: Tensor)) throws -> (h: Tensor, c: Tensor) {
        let b = x.shape.first ?? 0
        guard x.rank == 2, x.shape[1] == inputSize else {
            throw TensorError("LSTMCell", "input has shape \(x.shape), expected [B, \(inputSize)]")
        }
        guard state.h.shape == [b, hiddenSize], state.c.shape == [b, hiddenSize] else {
            throw TensorError("LSTMCell", "state has shapes \(state.h.shape) and \(state.c.shape), expected [\(b), \(hiddenSize)]")
        }
        return try LSTMCell.step(x, state, weightIh: weightIhL0, weightHh: weightHhL0, biasIh: biasIhL0, biasHh: biasHhL0)
    }

    /// The LSTM recurrence for one step with explicit parameters (shapes as the properties;
    /// checked by the callers).
    static func step(_ x: Tensor, _ state: (h: Tensor, c: Tensor), weightIh: Tensor, weightHh: Tensor,
                     biasIh: Tensor, biasHh: Tensor) throws -> (h: Tensor, c: Tensor) {
        let hidden = weightHh.shape[1]
        let gates = try Functional.linear(x, weight: weightIh, bias: biasIh)
            + Functional.linear(state.h, weight: weightHh, bias: biasHh)
        let parts = try gates.split(sizes: [Int](repeating: hidden, count: 4), axis: 1)
        let i = parts[0].sigmoid(), f = parts[1].sigmoid(), g = parts[2].tanh(), o = parts[3].sigmoid()
        let c = try f * state.c + i * g
        let h = try o * c.tanh()
        return (h, c)
    }
}
