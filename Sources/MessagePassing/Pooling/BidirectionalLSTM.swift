import TensorCore

/// A one-layer bi-directional `torch.nn.LSTM` over a sequence given as a list of steps
/// (`batch_first` sequences split along time): the forward direction reads steps
/// `0..<T`, the reverse direction `T−1...0`, both from zero state, each with the
/// recurrence of `LSTMCell`; output `t` is `[h_fwd(t) ‖ h_rev(t)]`.
///
/// - Parameters, PyTorch's names: `weight_ih_l0` `[4H, I]`, `weight_hh_l0` `[4H, H]`,
///   `bias_ih_l0`, `bias_hh_l0` `[4H]`, and the same with `_reverse`; all
///   U(−1/√H, 1/√H), drawn in that order.
/// - Input: `T` tensors `[B, I]`; output: `T` tensors `[B, 2H]`.
public final class BidirectionalLSTM: Module {
    public var isTraining = true
    public var weightIhL0: Tensor
    public var weightHhL0: Tensor
    public var biasIhL0: Tensor
    public var biasHhL0: Tensor
    public var weightIhL0Reverse: Tensor
    public var weightHhL0Reverse: Tensor
    public var biasIhL0Reverse: Tensor
    public var biasHhL0Reverse: Tensor
    public let inputSize: Int
    public let hiddenSize: Int

    /// Parameters drawn from `rng`.
    public init(inputSize: Int, hiddenSize: Int, using rng: inout RandomGenerator) {
        precondition(inputSize >= 0 && hiddenSize >= 0,
                     "BidirectionalLSTM: sizes must be non-negative, got input \(inputSize), hidden \(hiddenSize)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let bound: Float = hiddenSize > 0 ? 1 / Float(hiddenSize).squareRoot() : 0
        let shapes = [[4 * hiddenSize, inputSize], [4 * hiddenSize, hiddenSize], [4 * hiddenSize], [4 * hiddenSize]]
        let p = (shapes + shapes).map { Tensor.uniform($0, low: -bound, high: bound, using: &rng).requiringGrad() }
        (weightIhL0, weightHhL0, biasIhL0, biasHhL0) = (p[0], p[1], p[2], p[3])
        (weightIhL0Reverse, weightHhL0Reverse, biasIhL0Reverse, biasHhL0Reverse) = (p[4], p[5], p[6], p[7])
    }

    /// Runs both directions over `steps` (each `[B, I]`); returns `T` outputs `[B, 2H]`.
    public func callAsFunction(_ steps: [Tensor]) throws -> [Tensor] {
        guard let first = steps.first else { return [] }
        let b = first.shape.first ?? 0
        for s in steps where s.rank != 2 || s.shape != [b, inputSize] {
            throw TensorError("BidirectionalLSTM", "step has shape \(s.shape), expected [\(b), \(inputSize)]")
        }
        let zero = (h: Tensor.zeros([b, hiddenSize]), c: Tensor.zeros([b, hiddenSize]))
        var forward: [Tensor] = [], reverse = [Tensor](repeating: zero.h, count: steps.count)
        var state = zero
        for x in steps {
            state = try LSTMCell.step(x, state, weightIh: weightIhL0, weightHh: weightHhL0, biasIh: biasIhL0, biasHh: biasHhL0)
            forward.append(state.h)
        }
        state = zero
        for t in steps.indices.reversed() {
            state = try LSTMCell.step(steps[t], state, weightIh: weightIhL0Reverse, weightHh: weightHhL0Reverse,
                                      biasIh: biasIhL0Reverse, biasHh: biasHhL0Reverse)
            reverse[t] = state.h
        }
        return try zip(forward, reverse).map { try Tensor.concat([$0, $1], axis: -1) }
    }
}
