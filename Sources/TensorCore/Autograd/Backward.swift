extension Tensor {
    /// Reverse-mode differentiation from this tensor.
    ///
    /// Replays the part of the tape that reaches this tensor in reverse order of tape
    /// position, and adds dL/dx into `x.grad` of every leaf `x` with `requiresGrad`.
    /// - Parameters:
    ///   - seed: dL/d(self), shaped like self; defaults to 1 for a one-element tensor.
    ///   - retainGraph: keep the saved buffers so backward can run through them again.
    public func backward(_ seed: Tensor? = nil, retainGraph: Bool = false) throws {
        guard requiresGrad else {
            throw TensorError("backward", "tensor of shape \(shape) does not require grad (no input of its computation had requiresGrad set)")
        }
        let start: Tensor
        if let seed {
            guard seed.shape == shape else { throw TensorError.shapeMismatch("backward", seed.shape, shape, "seed gradient shape differs from the tensor's") }
            start = seed
        } else {
            guard count == 1 else {
                throw TensorError("backward", "a seed gradient is required for a tensor of shape \(shape) (only one-element tensors default to 1)")
            }
            start = Tensor.full(shape, 1)
        }
        try withNoGrad {
            guard let root = gradNode else {
                accumulateLeafGradient(start)
                return
            }
            var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): start]
            for node in Tensor.reachableNodes(from: root) {
                guard let outGrad = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                let grads = try node.gradients(for: outGrad)
                for (input, grad) in zip(node.inputs, grads) {
                    guard let grad, input.requiresGrad else { continue }
                    precondition(grad.shape == input.shape,
                                 "\(node.name): gradient of shape \(grad.shape) for an input of shape \(input.shape)")
                    if let next = input.node {
                        let key = ObjectIdentifier(next)
                        pending[key] = pending[key].map { Kernels.sum($0, grad) } ?? grad
                    } else {
                        input.leaf?.accumulateLeafGradient(grad)
                    }
                }
                if !retainGraph { node.release() }
            }
        }
    }

    /// Sets `grad` to nil (call before each step, or use an optimizer's zeroGrad).
    public func zeroGrad() { grad = nil }

    /// Adds `g` into `grad`, which always owns its storage (never aliases an op's buffer).
    func accumulateLeafGradient(_ g: Tensor) {
        guard requiresGrad else { return }
        if let grad {
            Kernels.addInPlace(grad, g)
        } else {
            grad = g.copy()
        }
    }

    /// Nodes reachable from `root` through inputs, latest tape position first.
    static func reachableNodes(from root: GradNode) -> [GradNode] {
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var stack = [root]
        var nodes: [GradNode] = []
        while let node = stack.popLast() {
            nodes.append(node)
            for input in node.inputs {
                if let next = input.node, seen.insert(ObjectIdentifier(next)).inserted {
                    stack.append(next)
                }
            }
        }
        return nodes.sorted { $0.position > $1.position }
    }
}
