import TensorCore

/// Jumping-knowledge combination of the layer-wise node representations of
/// "Representation Learning on Graphs with Jumping Knowledge Networks", PyG's
/// `JumpingKnowledge`:
///
///     cat:  y_i = x_i⁽¹⁾ ‖ … ‖ x_i⁽ᴸ⁾          ([N, Σ F_l])
///     max:  y_i = max_l x_i⁽ˡ⁾ (per column)     ([N, F]; all layers [N, F])
///     lstm: α_i = softmax_l(att([h→_i(l) ‖ h←_i(l)])),  y_i = Σ_l α_il x_i⁽ˡ⁾   ([N, F])
///
/// where `h→`, `h←` are a bi-directional LSTM run over each node's layer sequence
/// (hidden size `⌊L·F/2⌋`). Max routes each gradient element to the layer that won it
/// (the first on ties, as `torch.max(dim)`). Only `lstm` has parameters, with PyG's
/// names: `lstm.weight_ih_l0`, ..., `lstm.bias_hh_l0_reverse`, `att.weight`, `att.bias`.
public final class JumpingKnowledge: Module {
    public enum Mode: String, Sendable, CaseIterable {
        case cat, max, lstm
    }

    public var isTraining = true
    public let mode: Mode
    /// The bi-directional LSTM of `lstm` mode (nil otherwise).
    public var lstm: BidirectionalLSTM?
    /// The attention scorer of `lstm` mode, `Linear(2·⌊L·F/2⌋, 1)` (nil otherwise).
    public var att: Linear?

    /// A combiner; `lstm` mode needs the feature count `channels` and the number of
    /// layers `numLayers` and draws its parameters from `rng` (LSTM first, then `att`).
    public init(mode: Mode, channels: Int = 0, numLayers: Int = 0, using rng: inout RandomGenerator) {
        self.mode = mode
        if mode == .lstm {
            precondition(channels > 0 && numLayers > 0,
                         "JumpingKnowledge: lstm mode needs positive channels and numLayers, got \(channels), \(numLayers)")
            let hidden = (numLayers * channels) / 2
            lstm = BidirectionalLSTM(inputSize: channels, hiddenSize: hidden, using: &rng)
            att = Linear(inFeatures: 2 * hidden, outFeatures: 1, using: &rng)
        }
    }

    /// A combiner initialised from the global generator (see `Random.seed(_:)`).
    public convenience init(mode: Mode, channels: Int = 0, numLayers: Int = 0) {
        var rng = Random.withGenerator { $0.fork() }
        self.init(mode: mode, channels: channels, numLayers: numLayers, using: &rng)
    }

    /// Combines `xs`, the outputs of the layers in order (at least one), each `[N, F_l]`.
    public func callAsFunction(_ xs: [Tensor]) throws -> Tensor {
        guard let first = xs.first else { throw TensorError("JumpingKnowledge", "needs at least one layer output") }
        switch mode {
        case .cat:
            return try Tensor.concat(xs, axis: -1)
        case .max:
            guard xs.count > 1 else { return first }
            return try Tensor.stack(xs, axis: -1).max(axis: -1).values
        case .lstm:
            guard let lstm, let att else { throw TensorError("JumpingKnowledge", "lstm mode without its LSTM") }
            let hidden = try lstm(xs)
            let scores = try Tensor.concat(hidden.map { try att($0) }, axis: -1)   // [N, L]
            let alpha = try scores.softmax(axis: -1).unsqueezed(axis: -1)          // [N, L, 1]
            return try (Tensor.stack(xs, axis: 1) * alpha).sum(axis: 1)
        }
    }
}
