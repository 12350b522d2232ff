/// A multi-layer perceptron in the shape of PyG's `torch_geometric.nn.MLP`:
///
///     for each hidden layer:  x = dropout(act(norm(lin(x))))
///     last layer:             x = lin(x)            (plain, as PyG's `plain_last=True`)
///
/// `channels` lists the sizes from input to output, e.g. `[2, 64, 64, 2]` gives three
/// Linear layers. Initialisation and dropout masks come from `rng` (or a generator
/// forked from the global one). State-dict names follow PyG: `lins.0.weight`, `norms.0.running_mean`.
public final class MLP: Layer {
    /// Normalisation applied after each hidden Linear layer.
    public enum Norm: Sendable { case none, batch, layer }

    public var isTraining = true
    public var lins: [Linear]
    public var norms: [any Module]
    public let activation: Activation
    public var dropout: Dropout

    public init(channels: [Int], activation: Activation = .relu, dropout p: Float = 0, norm: Norm = .none,
                using rng: inout RandomGenerator) throws {
        guard channels.count >= 2, channels.allSatisfy({ $0 > 0 }) else {
            throw TensorError("MLP", "channels \(channels) must list at least an input and an output size, all positive")
        }
        lins = []
        norms = []
        for (i, o) in zip(channels.dropLast(), channels.dropFirst()) {
            lins.append(Linear(inFeatures: i, outFeatures: o, using: &rng))
        }
        for width in channels.dropFirst().dropLast() {
            switch norm {
            case .none: break
            case .batch: norms.append(BatchNorm(features: width))
            case .layer: norms.append(LayerNorm(normalizedShape: [width]))
            }
        }
        self.activation = activation
        // Dropout draws from its own stream forked from `rng`, so a model built from a
        // seeded generator trains reproducibly whatever else uses the global generator.
        self.dropout = try Dropout(p: p, seed: rng.next())
    }

    public convenience init(channels: [Int], activation: Activation = .relu, dropout p: Float = 0, norm: Norm = .none) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(channels: channels, activation: activation, dropout: p, norm: norm, using: &rng)
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        var x = input
        for (i, lin) in lins.enumerated() {
            x = try lin(x)
            guard i < lins.count - 1 else { break }
            if i < norms.count, let norm = norms[i] as? any Layer { x = try norm(x) }
            x = activation(x)
            x = try dropout(x)
        }
        return x
    }
}
