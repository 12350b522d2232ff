/// Adagrad (Duchi et al., 2011) with learning-rate decay and L2 weight decay, exactly as
/// `torch.optim.Adagrad` (dense gradients).
///
/// For each parameter `w` with gradient `g`, at its step `t` (counted per parameter):
/// ```
/// d = g + weightDecay * w                  (if weightDecay != 0)
/// clr = lr / (1 + (t - 1) * lrDecay)
/// s = s + d²                               (s starts at initialAccumulatorValue)
/// w = w - clr * d / (sqrt(s) + eps)
/// ```
/// State exists for every parameter from construction, as in PyTorch:
/// `state.i.step` and `state.i.sum`.
public final class Adagrad: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let lrDecay: Float
    public let weightDecay: Float
    public let initialAccumulatorValue: Float
    public let eps: Float
    private let state: OptimizerState

    /// - Throws: `TensorError` for a negative lr, lr decay, weight decay, initial
    ///   accumulator value or eps.
    public init(_ parameters: [Tensor], lr: Float = 1e-2, lrDecay: Float = 0, weightDecay: Float = 0,
                initialAccumulatorValue: Float = 0, eps: Float = 1e-10) throws {
        try requireHyper(lr >= 0, "Adagrad", "invalid learning rate \(lr): must be >= 0")
        try requireHyper(lrDecay >= 0, "Adagrad", "invalid lr decay \(lrDecay): must be >= 0")
        try requireHyper(weightDecay >= 0, "Adagrad", "invalid weight decay \(weightDecay): must be >= 0")
        try requireHyper(initialAccumulatorValue >= 0, "Adagrad",
                         "invalid initial accumulator value \(initialAccumulatorValue): must be >= 0")
        try requireHyper(eps >= 0, "Adagrad", "invalid epsilon \(eps): must be >= 0")
        try requireDistinct(parameters, "Adagrad")
        self.parameters = parameters
        learningRate = lr
        self.lrDecay = lrDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.eps = eps
        state = OptimizerState(owner: "Adagrad", parameters: parameters, bufferNames: ["sum"],
                               tracksStep: true, initialValue: initialAccumulatorValue)
    }

    /// Same as `init(_:lr:...)` with a labelled parameter list.
    public convenience init(parameters: [Tensor], lr: Float = 1e-2, lrDecay: Float = 0, weightDecay: Float = 0,
                            initialAccumulatorValue: Float = 0, eps: Float = 1e-10) throws {
        try self.init(parameters, lr: lr, lrDecay: lrDecay, weightDecay: weightDecay,
                      initialAccumulatorValue: initialAccumulatorValue, eps: eps)
    }

    public func step() {
        let lr = decimalWidened(learningRate), decay = decimalWidened(lrDecay)
        let epsF = eps, wd = weightDecay
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            FusedUpdate.checkGradient("Adagrad", i, p, grad)
            let t = Double(state.advanceStep(i))
            let negCLR = Float(-(lr / (1 + (t - 1) * decay)))
            let w = p.data, g = grad.data, s = state.buffers(for: i).buffers[0].data
            FusedUpdate.run(count: p.count) { j, lanes in
                let x = FusedUpdate.load(w, j, lanes)
                var d = FusedUpdate.load(g, j, lanes)
                if wd != 0 { d = d + wd * x }
                let sj = FusedUpdate.load(s, j, lanes) + d * d
                FusedUpdate.store(sj, s, j, lanes)
                let std = sj.squareRoot() + epsF
                FusedUpdate.store(x + negCLR * (d / std), w, j, lanes)
            }
        }
    }

    public func stateDict() -> StateDict { state.stateDict(learningRate: learningRate) }

    public func loadStateDict(_ dict: StateDict) throws {
        if let lr = try state.load(dict) { learningRate = lr }
    }
}
