/// RMSprop (Hinton) with optional centering, momentum and L2 weight decay, exactly as
/// `torch.optim.RMSprop`.
///
/// For each parameter `w` with gradient `g`, in this order:
/// ```
/// d = g + weightDecay * w                     (if weightDecay != 0)
/// s = alpha s + (1 - alpha) d²
/// a = lerp(a, d, 1 - alpha)                   (centered only)
/// r = sqrt(s - a²) + eps   (centered)  or  sqrt(s) + eps
/// b = momentum b + d / r;  w = w - lr b        (momentum > 0)
/// w = w - lr d / r                             (otherwise)
/// ```
/// Note eps is added outside the square root, as in PyTorch (Keras adds it inside).
/// State: `state.i.step`, `state.i.square_avg`, and `state.i.momentum_buffer` (momentum > 0),
/// `state.i.grad_avg` (centered).
public final class RMSprop: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let alpha: Float
    public let eps: Float
    public let weightDecay: Float
    public let momentum: Float
    public let centered: Bool
    private let state: OptimizerState

    /// - Throws: `TensorError` for a negative lr, eps, momentum, weight decay or alpha.
    public init(_ parameters: [Tensor], lr: Float = 1e-2, alpha: Float = 0.99, eps: Float = 1e-8,
                weightDecay: Float = 0, momentum: Float = 0, centered: Bool = false) throws {
        try requireHyper(lr >= 0, "RMSprop", "invalid learning rate \(lr): must be >= 0")
        try requireHyper(eps >= 0, "RMSprop", "invalid epsilon \(eps): must be >= 0")
        try requireHyper(momentum >= 0, "RMSprop", "invalid momentum \(momentum): must be >= 0")
        try requireHyper(weightDecay >= 0, "RMSprop", "invalid weight decay \(weightDecay): must be >= 0")
        try requireHyper(alpha >= 0, "RMSprop", "invalid alpha \(alpha): must be >= 0")
        try requireDistinct(parameters, "RMSprop")
        self.parameters = parameters
        learningRate = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        state = OptimizerState(owner: "RMSprop", parameters: parameters,
                               bufferNames: ["square_avg"] + (momentum > 0 ? ["momentum_buffer"] : []) + (centered ? ["grad_avg"] : []),
                               tracksStep: true)
    }

    /// Same as `init(_:lr:...)` with a labelled parameter list.
    public convenience init(parameters: [Tensor], lr: Float = 1e-2, alpha: Float = 0.99, eps: Float = 1e-8,
                            weightDecay: Float = 0, momentum: Float = 0, centered: Bool = false) throws {
        try self.init(parameters, lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay,
                      momentum: momentum, centered: centered)
    }

    public func step() {
        let negLR = Float(-decimalWidened(learningRate))
        let a = alpha, wA = Float(1 - decimalWidened(alpha))
        let epsF = eps, wd = weightDecay, mom = momentum, centered = centered
        let useMomentum = momentum > 0
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            FusedUpdate.checkGradient("RMSprop", i, p, grad)
            _ = state.advanceStep(i)
            let bufs = state.buffers(for: i).buffers
            let w = p.data, g = grad.data, s = bufs[0].data
            let b = useMomentum ? bufs[1].data : s
            let ga = centered ? bufs[useMomentum ? 2 : 1].data : s
            FusedUpdate.run(count: p.count) { j, lanes in
                let x = FusedUpdate.load(w, j, lanes)
                var d = FusedUpdate.load(g, j, lanes)
                if wd != 0 { d = d + wd * x }
                var sj = FusedUpdate.load(s, j, lanes) * a
                sj = sj + wA * d * d
                FusedUpdate.store(sj, s, j, lanes)
                var avg: FusedUpdate.Vec
                if centered {
                    let aj = FusedUpdate.lerp(FusedUpdate.load(ga, j, lanes), d, wA)
                    FusedUpdate.store(aj, ga, j, lanes)
                    avg = (sj + (-1 as Float) * aj * aj).squareRoot()
                } else {
                    avg = sj.squareRoot()
                }
                avg = avg + epsF
                if useMomentum {
                    var bj = FusedUpdate.load(b, j, lanes) * mom
                    bj = bj + d / avg
                    FusedUpdate.store(bj, b, j, lanes)
                    FusedUpdate.store(x + negLR * bj, w, j, lanes)
                } else {
                    FusedUpdate.store(x + negLR * (d / avg), w, j, lanes)
                }
            }
        }
    }

    public func stateDict() -> StateDict { state.stateDict(learningRate: learningRate) }

    public func loadStateDict(_ dict: StateDict) throws {
        if let lr = try state.load(dict) { learningRate = lr }
    }
}
