/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and
/// L2 weight decay, exactly as `torch.optim.SGD`.
///
/// For each parameter `w` with gradient `g`, in this order:
/// ```
/// d = g + weightDecay * w                          (if weightDecay != 0)
/// b = d                                            (first step, if momentum != 0)
/// b = momentum * b + (1 - dampening) * d           (later steps)
/// d = nesterov ? d + momentum * b : b              (if momentum != 0)
/// w = w - lr * d
/// ```
/// State: `state.i.momentum_buffer` when `momentum != 0` (SGD keeps no step count).
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let momentum: Float
    public let dampening: Float
    public let weightDecay: Float
    public let nesterov: Bool
    private let state: OptimizerState

    /// - Throws: `TensorError` for a negative lr, momentum or weight decay, or Nesterov
    ///   momentum without momentum or with dampening (as PyTorch's ValueErrors).
    public init(_ parameters: [Tensor], lr: Float, momentum: Float = 0, dampening: Float = 0,
                weightDecay: Float = 0, nesterov: Bool = false) throws {
        try requireHyper(lr >= 0, "SGD", "invalid learning rate \(lr): must be >= 0")
        try requireHyper(momentum >= 0, "SGD", "invalid momentum \(momentum): must be >= 0")
        try requireHyper(weightDecay >= 0, "SGD", "invalid weight decay \(weightDecay): must be >= 0")
        try requireHyper(!nesterov || (momentum > 0 && dampening == 0), "SGD",
                         "Nesterov momentum requires a momentum > 0 and zero dampening (momentum \(momentum), dampening \(dampening))")
        try requireDistinct(parameters, "SGD")
        self.parameters = parameters
        learningRate = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        state = OptimizerState(owner: "SGD", parameters: parameters,
                               bufferNames: momentum != 0 ? ["momentum_buffer"] : [], tracksStep: false)
    }

    /// Same as `init(_:lr:...)` with a labelled parameter list.
    public convenience init(parameters: [Tensor], lr: Float, momentum: Float = 0, dampening: Float = 0,
                            weightDecay: Float = 0, nesterov: Bool = false) throws {
        try self.init(parameters, lr: lr, momentum: momentum, dampening: dampening,
                      weightDecay: weightDecay, nesterov: nesterov)
    }

    public func step() {
        let negLR = Float(-decimalWidened(learningRate))
        let wd = weightDecay, mom = momentum, nesterov = nesterov
        let keep = Float(1 - decimalWidened(dampening))
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            FusedUpdate.checkGradient("SGD", i, p, grad)
            let w = p.data, g = grad.data, n = p.count
            if mom == 0 {
                FusedUpdate.run(count: n) { j, lanes in
                    var d = FusedUpdate.load(g, j, lanes)
                    let x = FusedUpdate.load(w, j, lanes)
                    if wd != 0 { d = d + wd * x }
                    FusedUpdate.store(x + negLR * d, w, j, lanes)
                }
                continue
            }
            let (buffers, fresh) = state.buffers(for: i)
            let b = buffers[0].data
            FusedUpdate.run(count: n) { j, lanes in
                var d = FusedUpdate.load(g, j, lanes)
                let x = FusedUpdate.load(w, j, lanes)
                if wd != 0 { d = d + wd * x }
                var buf: FusedUpdate.Vec
                if fresh {
                    buf = d
                } else {
                    buf = FusedUpdate.load(b, j, lanes) * mom
                    buf = buf + keep * d
                }
                FusedUpdate.store(buf, b, j, lanes)
                d = nesterov ? d + mom * buf : buf
                FusedUpdate.store(x + negLR * d, w, j, lanes)
            }
        }
    }

    public func stateDict() -> StateDict { state.stateDict(learningRate: learningRate) }

    public func loadStateDict(_ dict: StateDict) throws {
        if let lr = try state.load(dict) { learningRate = lr }
    }
}
