/// Weight initialisers with the semantics of `torch.nn.init`.
///
/// Fans follow PyTorch: for a weight of shape `[out, in, k...]`,
/// `fanIn = in * prod(k)` and `fanOut = out * prod(k)`; a 1-D tensor has fanIn = fanOut
/// = its length.
public enum Initializer {
    /// Gain for a nonlinearity, as `torch.nn.init.calculate_gain`.
    public enum Nonlinearity: Sendable {
        case linear, sigmoid, tanh, relu, leakyRelu(negativeSlope: Float), selu

        public var gain: Float {
            switch self {
            case .linear, .sigmoid: return 1
            case .tanh: return 5.0 / 3.0
            case .relu: return Float(2).squareRoot()
            case .leakyRelu(let a): return (2 / (1 + a * a)).squareRoot()
            case .selu: return 0.75
            }
        }
    }

    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        default:
            let receptive = Shape.count(Array(shape.dropFirst(2)))
            return (shape[1] * receptive, shape[0] * receptive)
        }
    }

    /// Glorot/Xavier uniform: U(-a, a), a = gain * sqrt(6 / (fanIn + fanOut)).
    public static func glorotUniform(_ shape: [Int], gain: Float = 1, using rng: inout RandomGenerator) -> Tensor {
        let (fi, fo) = fans(shape)
        let a = gain * (6 / Float(fi + fo)).squareRoot()
        return Tensor.uniform(shape, low: -a, high: a, using: &rng)
    }

    /// Glorot/Xavier normal: N(0, std²), std = gain * sqrt(2 / (fanIn + fanOut)).
    public static func glorotNormal(_ shape: [Int], gain: Float = 1, using rng: inout RandomGenerator) -> Tensor {
        let (fi, fo) = fans(shape)
        return Tensor.normal(shape, std: gain * (2 / Float(fi + fo)).squareRoot(), using: &rng)
    }

    /// Kaiming/He uniform: U(-b, b), b = gain * sqrt(3 / fan), fan = fanIn (default) or fanOut.
    /// `torch.nn.Linear` uses this with `.leakyRelu(negativeSlope: sqrt(5))`, i.e.
    /// b = 1 / sqrt(fanIn).
    public static func kaimingUniform(_ shape: [Int], nonlinearity: Nonlinearity = .leakyRelu(negativeSlope: 0.01),
                                      fanOut: Bool = false, using rng: inout RandomGenerator) -> Tensor {
        let (fi, fo) = fans(shape)
        let b = nonlinearity.gain * (3 / Float(fanOut ? fo : fi)).squareRoot()
        return Tensor.uniform(shape, low: -b, high: b, using: &rng)
    }

    /// Kaiming/He normal: N(0, std²), std = gain / sqrt(fan).
    public static func kaimingNormal(_ shape: [Int], nonlinearity: Nonlinearity = .leakyRelu(negativeSlope: 0.01),
                                     fanOut: Bool = false, using rng: inout RandomGenerator) -> Tensor {
        let (fi, fo) = fans(shape)
        return Tensor.normal(shape, std: nonlinearity.gain / Float(fanOut ? fo : fi).squareRoot(), using: &rng)
    }
}
