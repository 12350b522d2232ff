/// Inverted dropout (`torch.nn.Dropout`): in training mode each element is zeroed with
/// probability `p` and the survivors are scaled by 1 / (1 − p); in evaluation mode the
/// input passes through unchanged. Draws from its own generator when given one, else
/// from the global generator (`Random.seed` makes runs reproducible).
public final class Dropout: Layer {
    public var isTraining = true
    public let p: Float
    private var rng: RandomGenerator?

    /// - Throws: `TensorError` unless 0 ≤ p ≤ 1.
    public init(p: Float = 0.5, seed: UInt64? = nil) throws {
        guard p >= 0 && p <= 1 else { throw TensorError("Dropout", "probability \(p) is outside [0, 1]") }
        self.p = p
        self.rng = seed.map { RandomGenerator(seed: $0) }
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard isTraining && p > 0 else { return input }
        if rng != nil {
            return try input.dropout(p: p, training: true, using: &rng!)
        }
        return try input.dropout(p: p, training: true)
    }
}
