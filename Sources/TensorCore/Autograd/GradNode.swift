import Synchronization

/// Source of tape positions: every recorded op takes the next one, so a later op always
/// has a larger position than the ops whose outputs it consumed.
private let tapePosition = Atomic<Int>(0)

/// One recorded op on the tape: its inputs and the function that maps the gradient of
/// its output to the gradients of its inputs (the vector-Jacobian product).
///
/// The closure captures exactly the buffers backward needs (inputs, outputs or masks);
/// `release()` drops them once backward has run, so memory returns after each step.
public final class GradNode {
    /// The op's name, for error messages and debugging (`"matmul"`, `"spmm"`, ...).
    public let name: String
    /// Position on the tape; reverse order of positions is a valid backward order.
    public let position: Int
    /// The op's tensor inputs, in the order the backward closure returns gradients.
    public private(set) var inputs: [Tensor]
    private var vjp: ((Tensor) throws -> [Tensor?])?

    init(name: String, inputs: [Tensor], vjp: @escaping (Tensor) throws -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
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
