import Synchronization

/// Source of tape positions: every recorded op takes the next one, so a later op always
/// has a larger position than the ops whose outputs it consumed.
private let tapePosition = Atomic<Int>(0)

/// One recorded op on the tape: an edge to each input and the function that maps the
/// gradient of its output to the gradients of its inputs (the vector-Jacobian product).
///
/// The closure captures exactly the buffers backward needs (inputs, outputs or masks);
/// `release()` drops them once backward has run, so memory returns after each step. The
/// node does not keep its inputs' buffers alive itself: an edge holds the input's own
/// node, or the input tensor only when it is a leaf that receives a gradient (a
/// parameter, alive anyway). So an intermediate whose values no backward needs (the
/// output of an add, say) is freed as soon as the forward pass drops it, as in PyTorch.
public final class GradNode {
    /// Where an input's gradient goes: into its producing node, or into a leaf's `grad`.
    struct InputEdge {
        let requiresGrad: Bool
        let shape: [Int]
        let node: GradNode?
        let leaf: Tensor?

        init(_ t: Tensor) {
            requiresGrad = t.requiresGrad
            shape = t.shape
            node = t.gradNode
            leaf = t.requiresGrad && t.gradNode == nil ? t : nil
        }
    }

    /// The op's name, for error messages and debugging (`"matmul"`, `"spmm"`, ...).
    public let name: String
    /// Position on the tape; reverse order of positions is a valid backward order.
    public let position: Int
    /// One edge per input, in the order the backward closure returns gradients.
    private(set) var inputs: [InputEdge]
    /// Number of inputs (0 after `release()`).
    public var inputCount: Int { inputs.count }
    private var vjp: ((Tensor) throws -> [Tensor?])?

    init(name: String, inputs: [Tensor], vjp: @escaping (Tensor) throws -> [Tensor?]) {
        self.name = name
        self.inputs = inputs.map(InputEdge.init)
        self.vjp = vjp
        self.position = tapePosition.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Whether the saved buffers are still held (false after a backward without
    /// `retainGraph`).
    public var isReleased: Bool { vjp == nil }

    func gradients(for outputGrad: Tensor) throws -> [Tensor?] {
        guard let vjp else {
            throw TensorError("backward", "the graph through '\(name)' was already freed by an earlier backward(); pass retainGraph: true to backpropagate twice")
        }
        let grads = try vjp(outputGrad)
        precondition(grads.count == inputs.count, "\(name): backward returned \(grads.count) gradients for \(inputs.count) inputs")
        return grads
    }

    func release() {
        vjp = nil
        inputs = []
    }
}

extension Tensor {
    /// Records that `self` was computed by op `name` from `inputs`, if grad mode is on and
    /// any input requires a gradient. `vjp` receives dL/d(self) and returns dL/d(input)
    /// for each input (nil where an input needs none), each shaped like that input.
    /// Returns self for chaining.
    @discardableResult
    public func recorded(_ name: String, inputs: [Tensor], vjp: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else { return self }
        gradNode = GradNode(name: name, inputs: inputs, vjp: vjp)
        requiresGrad = true
        return self
    }
}
