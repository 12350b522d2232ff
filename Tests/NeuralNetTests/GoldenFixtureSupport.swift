import Foundation
import Testing
import NeuralNet

// Shared decoding of the PyTorch golden fixtures written by scripts/make_golden_fixtures.py.

/// A tensor as the fixture scripts write it: shape and row-major values.
struct TensorJSON: Decodable {
    let shape: [Int]
    let values: [Double]
    func tensor(requiresGrad: Bool = false) throws -> Tensor {
        try Tensor(shape: shape, scalars: values.map { Float($0) }, requiresGrad: requiresGrad)
    }
}

enum Kwarg: Decodable {
    case number(Double), bool(Bool), pair([Double])
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else { self = .pair(try c.decode([Double].self)) }
    }
}

/// A fixture case naming a torch.optim class and its keyword arguments.
protocol TorchOptimizerCase {
    var optimizer: String { get }
    var kwargs: [String: Kwarg] { get }
}

/// The PyTorch kwargs as a Swift optimizer. Keys PyTorch left at their defaults are left
/// to the Swift defaults when the case sets only `lr` (or nothing), so the fixture also
/// checks the defaults.
func makeOptimizer(_ c: some TorchOptimizerCase, _ params: [Tensor]) throws -> any Optimizer {
    func num(_ key: String, _ fallback: Float) -> Float {
        if case .number(let d)? = c.kwargs[key] { return Float(d) }
        return fallback
    }
    func flag(_ key: String) -> Bool {
        if case .bool(let b)? = c.kwargs[key] { return b }
        return false
    }
    var betas: (Float, Float) = (0.9, 0.999)
    if case .pair(let p)? = c.kwargs["betas"] { betas = (Float(p[0]), Float(p[1])) }
    let onlyLR = Set(c.kwargs.keys).isSubset(of: ["lr"])
    switch c.optimizer {
    case "SGD":
        return try SGD(params, lr: num("lr", -1), momentum: num("momentum", 0), dampening: num("dampening", 0),
                       weightDecay: num("weight_decay", 0), nesterov: flag("nesterov"))
    case "Adam":
        if onlyLR { return try Adam(params, lr: num("lr", 1e-3)) }
        return try Adam(params, lr: num("lr", 1e-3), betas: betas, eps: num("eps", 1e-8),
                        weightDecay: num("weight_decay", 0), amsgrad: flag("amsgrad"))
    case "AdamW":
        if onlyLR { return try AdamW(params, lr: num("lr", 1e-3)) }
        return try AdamW(params, lr: num("lr", 1e-3), betas: betas, eps: num("eps", 1e-8),
                         weightDecay: num("weight_decay", 1e-2), amsgrad: flag("amsgrad"))
    case "RMSprop":
        if c.kwargs.isEmpty { return try RMSprop(params) }
        return try RMSprop(params, lr: num("lr", 1e-2), alpha: num("alpha", 0.99), eps: num("eps", 1e-8),
                           weightDecay: num("weight_decay", 0), momentum: num("momentum", 0), centered: flag("centered"))
    case "Adagrad":
        if onlyLR { return try Adagrad(params, lr: num("lr", 1e-2)) }
        return try Adagrad(params, lr: num("lr", 1e-2), lrDecay: num("lr_decay", 0), weightDecay: num("weight_decay", 0),
                           initialAccumulatorValue: num("initial_accumulator_value", 0), eps: num("eps", 1e-10))
    default:
        throw TensorError("test", "unknown optimizer \(c.optimizer)")
    }
}

