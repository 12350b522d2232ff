import TensorCore

/// How a loss combines its per-element values, as torch's `reduction` argument.
public enum Reduction: Sendable, Equatable {
    /// Per-element (or per-sample) losses, shaped like the input (or `[N]`).
    case none
    /// The average: over elements, or, for weighted class losses, divided by the total
    /// weight of the non-ignored targets.
    case mean
    /// The total.
    case sum
}

/// Loss functions with the semantics of `torch.nn.functional`, each one fused op: one
/// pass computes the loss (and saves at most one value per sample), one pass computes
/// the gradient. Errors throw `TensorError` named after the loss (`"crossEntropy"`,
/// `"mse"`, ...).
public enum Loss {}

extension Loss {
    /// Output shape of a reduced loss: `shape` for `.none`, a scalar `[]` otherwise.
    static func outputShape(_ shape: [Int], _ reduction: Reduction) -> [Int] {
        reduction == .none ? shape : []
    }

    /// Reduces `count` per-element terms: fills a tensor of `shape` for `.none`, else the
    /// sum (block-ordered, see `FusedKernels.blockSum`) divided by `divisor` for `.mean`.
    @inline(__always)
    static func reduce(count: Int, shape: [Int], reduction: Reduction, divisor: Double,
                       _ term: (Int) -> Float) -> Tensor {
        switch reduction {
        case .none:
            let out = Tensor(uninitializedShape: shape)
            FusedKernels.fill(out.data, count: count, term)
            return out
        case .sum:
            return Tensor(scalar: Float(FusedKernels.blockSum(count: count, term)))
        case .mean:
            return Tensor(scalar: Float(FusedKernels.blockSum(count: count, term) / divisor))
        }
    }

    /// The gradient `out[i] = coefficient(i) · derivative(i)`, where the coefficient is the
    /// incoming gradient `g[i]` for `.none`, `g` for `.sum` and `g / divisor` for `.mean`.
    @inline(__always)
    static func gradient(_ g: Tensor, count: Int, shape: [Int], reduction: Reduction, divisor: Double,
                         _ derivative: (Int) -> Float) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        let gp = g.data
        switch reduction {
        case .none:
            FusedKernels.fill(out.data, count: count) { gp[$0] * derivative($0) }
        case .sum, .mean:
            let s = reduction == .sum ? gp[0] : Float(Double(gp[0]) / divisor)
            FusedKernels.fill(out.data, count: count) { s * derivative($0) }
        }
        return out
    }

    /// `t` materialised at `shape` when it broadcasts to exactly that shape (the
    /// optional weights of the elementwise losses); throws naming `op` otherwise.
    static func expand(_ t: Tensor, to shape: [Int], op: String, name: String) throws -> Tensor {
        if t.shape == shape { return t }
        guard t.rank <= shape.count,
              let b = try? Shape.broadcast(t.shape, shape, op: op), b == shape else {
            throw TensorError(op, "\(name) of shape \(t.shape) does not broadcast to the input shape \(shape)")
        }
        let out = Tensor(uninitializedShape: shape)
        let strides = Shape.broadcastStrides(t.shape, to: shape)
        let src = t.data, dst = out.data
        let rank = shape.count
        for i in 0..<out.count {
            var rem = i, offset = 0
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                offset += (rem % shape[axis]) * strides[axis]
                rem /= shape[axis]
            }
            dst[i] = src[offset]
        }
        return out
    }

    /// Throws unless `input` and `target` have the same shape (torch broadcasts with a
    /// warning; a mismatch is almost always a bug, so it is an error here).
    static func checkSameShape(_ input: Tensor, _ target: Tensor, op: String) throws {
        guard input.shape == target.shape else {
            throw TensorError(op, "input \(input.shape) and target \(target.shape) must have the same shape")
        }
    }
}
