import TensorCore

/// A gated recurrent unit cell, `torch.nn.GRUCell` (the update of `GatedGraphConv`):
///
///     r = σ(W_ir x + b_ir + W_hr h + b_hr)
///     z = σ(W_iz x + b_iz + W_hz h + b_hz)
///     n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h
///
/// - Parameters (torch names): `weight_ih` `[3H, I]`, `weight_hh` `[3H, H]`, `bias_ih`,
///   `bias_hh` `[3H]` (nil without bias), row blocks in gate order r, z, n; all
///   U(−1/√H, 1/√H) as torch.
/// - Shapes: `x` `[B, I]`, `h` `[B, H]` → `[B, H]`.
public final class GRUCell: Module {
    public var isTraining = true
    public var weightIh: Tensor
    public var weightHh: Tensor
    public var biasIh: Tensor?
    public var biasHh: Tensor?
    public let inputSize: Int
    public let hiddenSize: Int

    public init(inputSize: Int, hiddenSize: Int, bias: Bool = true, using rng: inout RandomGenerator) {
        precondition(inputSize >= 0 && hiddenSize >= 0, "GRUCell: sizes must be non-negative")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let bound: Float = hiddenSize > 0 ? 1 / Float(hiddenSize).squareRoot() : 0
        func draw(_ shape: [Int]) -> Tensor { Tensor.uniform(shape, low: -bound, high: bound, using: &rng).requiringGrad() }
        weightIh = draw([3 * hiddenSize, inputSize])
        weightHh = draw([3 * hiddenSize, hiddenSize])
        biasIh = bias ? draw([3 * hiddenSize]) : nil
        biasHh = bias ? draw([3 * hiddenSize]) : nil
    }

    public convenience init(inputSize: Int, hiddenSize: Int, bias: Bool = true) {
        var rng = Random.withGenerator { $0.fork() }
        self.init(inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, using: &rng)
    }

    /// One step: `x` `[B, I]`, `h` `[B, H]` → the new `h` `[B, H]`.
    public func callAsFunction(_ x: Tensor, _ h: Tensor) throws -> Tensor {
        let b = x.shape.first ?? 0
        guard x.rank == 2, x.shape[1] == inputSize, h.shape == [b, hiddenSize] else {
            throw TensorError("GRUCell", "input \(x.shape) and state \(h.shape), expected [B, \(inputSize)] and [B, \(hiddenSize)]")
        }
        let gi = try Functional.linear(x, weight: weightIh, bias: biasIh).split(sizes: [hiddenSize, hiddenSize, hiddenSize], axis: 1)
        let gh = try Functional.linear(h, weight: weightHh, bias: biasHh).split(sizes: [hiddenSize, hiddenSize, hiddenSize], axis: 1)
        let r = try (gi[0] + gh[0]).sigmoid()
        let z = try (gi[1] + gh[1]).sigmoid()
        let n = try (gi[2] + r * gh[2]).tanh()
        return try (1 - z) * n + z * h
    }
}
