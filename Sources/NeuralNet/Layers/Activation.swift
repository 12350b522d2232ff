/// A pointwise nonlinearity, as a value (for configuring models such as `MLP`) and as a
/// layer (`ActivationLayer`). Each case applies the TensorCore op of the same name with
/// PyTorch's semantics and defaults.
public enum Activation: Sendable, Equatable {
    case identity
    case relu
    case leakyRelu(negativeSlope: Float = 0.01)
    case elu(alpha: Float = 1)
    case gelu(approximate: Bool = false)
    case silu
    case sigmoid
    case tanh
    case softplus(beta: Float = 1, threshold: Float = 20)

    /// Applies the nonlinearity.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .identity: return x
        case .relu: return x.relu()
        case .leakyRelu(let slope): return x.leakyRelu(negativeSlope: slope)
        case .elu(let alpha): return x.elu(alpha: alpha)
        case .gelu(let approximate): return x.gelu(approximate: approximate)
        case .silu: return x.silu()
        case .sigmoid: return x.sigmoid()
        case .tanh: return x.tanh()
        case .softplus(let beta, let threshold): return x.softplus(beta: beta, threshold: threshold)
        }
    }

    /// The gain `Initializer` uses for weights feeding this nonlinearity.
    public var initializerGain: Initializer.Nonlinearity {
        switch self {
        case .relu: return .relu
        case .leakyRelu(let slope): return .leakyRelu(negativeSlope: slope)
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        default: return .linear
        }
    }
}

/// A nonlinearity as a parameter-free layer (`torch.nn.ReLU`, `torch.nn.GELU`, ...).
public final class ActivationLayer: Layer {
    public var isTraining = true
    public let activation: Activation

    public init(_ activation: Activation) { self.activation = activation }

    public func callAsFunction(_ input: Tensor) throws -> Tensor { activation(input) }
}
