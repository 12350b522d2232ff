import TensorCore

/// Jumping-knowledge combination of the layer-wise node representations of
/// "Representation Learning on Graphs with Jumping Knowledge Networks", PyG's
/// `JumpingKnowledge` (modes `cat` and `max`):
///
///     cat: y_i = x_i⁽¹⁾ ‖ … ‖ x_i⁽ᴸ⁾          ([N, Σ F_l])
///     max: y_i = max_l x_i⁽ˡ⁾ (per column)     ([N, F]; all layers [N, F])
///
/// Max routes each gradient element to the layer that won it (the first on ties, as
/// `torch.max(dim)`). No parameters. PyG's `lstm` mode (bi-directional LSTM attention
/// over the layers) is not provided.
public final class JumpingKnowledge: Module {
    public enum Mode: String, Sendable, CaseIterable {
        case cat, max
    }

    public var isTraining = true
    public let mode: Mode

    public init(mode: Mode) {
        self.mode = mode
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
        }
    }
}
