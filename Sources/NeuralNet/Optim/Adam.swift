import Foundation

/// Adam (Kingma and Ba, 2015) with optional L2 weight decay and AMSGrad, exactly as
/// `torch.optim.Adam` (single-tensor CPU path).
///
/// For each parameter `w` with gradient `g`, at its step `t` (counted per parameter):
/// ```
/// d = g + weightDecay * w                       (if weightDecay != 0; AdamW decays w instead)
/// m = lerp(m, d, 1 - beta1)                     (= beta1 m + (1 - beta1) d)
/// v = beta2 v + (1 - beta2) d²
/// vmax = max(vmax, v)                           (AMSGrad; then vmax replaces v below)
/// w = w - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
/// ```
/// The bias corrections and step size are computed in Double, as PyTorch does in Python.
/// State: `state.i.step`, `state.i.exp_avg`, `state.i.exp_avg_sq` and with AMSGrad
/// `state.i.max_exp_avg_sq`.
public class Adam: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let eps: Float
    public let weightDecay: Float
    public let amsgrad: Bool
    /// AdamW: decay the weights directly (`w *= 1 - lr * weightDecay`) instead of adding
    /// `weightDecay * w` to the gradient.
    let decoupledWeightDecay: Bool
    private let name: String
    private let state: OptimizerState

    init(parameters: [Tensor], lr: Float, betas: (Float, Float), eps: Float, weightDecay: Float,
         amsgrad: Bool, decoupledWeightDecay: Bool, name: String) throws {
        try requireHyper(lr >= 0, name, "invalid learning rate \(lr): must be >= 0")
        try requireHyper(eps >= 0, name, "invalid epsilon \(eps): must be >= 0")
        try requireHyper(betas.0 >= 0 && betas.0 < 1, name, "invalid beta1 \(betas.0): must be in [0, 1)")
        try requireHyper(betas.1 >= 0 && betas.1 < 1, name, "invalid beta2 \(betas.1): must be in [0, 1)")
        try requireHyper(weightDecay >= 0, name, "invalid weight decay \(weightDecay): must be >= 0")
        try requireDistinct(parameters, name)
        self.parameters = parameters
        learningRate = lr
        beta1 = betas.0
        beta2 = betas.1
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupledWeightDecay = decoupledWeightDecay
        self.name = name
        state = OptimizerState(owner: name, parameters: parameters,
                               bufferNames: ["exp_avg", "exp_avg_sq"] + (amsgrad ? ["max_exp_avg_sq"] : []),
                               tracksStep: true)
    }

    /// - Throws: `TensorError` for lr, eps or weight decay < 0 or a beta outside [0, 1).
    public convenience init(_ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                            eps: Float = 1e-8, weightDecay: Float = 0, amsgrad: Bool = false) throws {
        try self.init(parameters: parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                      amsgrad: amsgrad, decoupledWeightDecay: false, name: "Adam")
    }

    /// Same as `init(_:lr:...)` with a labelled parameter list.
    public convenience init(parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                            eps: Float = 1e-8, weightDecay: Float = 0, amsgrad: Bool = false) throws {
        try self.init(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad)
    }

    public func step() {
        let lr = decimalWidened(learningRate)
        let b1 = decimalWidened(beta1), b2 = decimalWidened(beta2)
        let w1 = Float(1 - b1), b2f = Float(b2), w2 = Float(1 - b2)
        let epsF = eps, wd = weightDecay, amsgrad = amsgrad
        let decoupled = decoupledWeightDecay
        let decay = Float(1 - lr * decimalWidened(weightDecay))
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            FusedUpdate.checkGradient(name, i, p, grad)
            let t = Double(state.advanceStep(i))
            let bufs = state.buffers(for: i).buffers
            let bc1 = 1 - pow(b1, t)
            let bc2Sqrt = (1 - pow(b2, t)).squareRoot()
            let negStep = Float(-(lr / bc1))
            let bc2SqrtF = Float(bc2Sqrt)
            let w = p.data, g = grad.data, m = bufs[0].data, v = bufs[1].data
            let vmax = amsgrad ? bufs[2].data : v
            FusedUpdate.run(count: p.count) { j, lanes in
                var x = FusedUpdate.load(w, j, lanes)
                var d = FusedUpdate.load(g, j, lanes)
                if wd != 0 {
                    if decoupled { x = x * decay } else { d = d + wd * x }
                }
                let mj = FusedUpdate.lerp(FusedUpdate.load(m, j, lanes), d, w1)
                var vj = FusedUpdate.load(v, j, lanes) * b2f
                vj = vj + w2 * d * d
                FusedUpdate.store(mj, m, j, lanes)
                FusedUpdate.store(vj, v, j, lanes)
                var denomBase = vj
                if amsgrad {
                    denomBase = pointwiseMax(FusedUpdate.load(vmax, j, lanes), vj)
                    FusedUpdate.store(denomBase, vmax, j, lanes)
                }
                let denom = denomBase.squareRoot() / bc2SqrtF + epsF
                x = x + negStep * (mj / denom)
                FusedUpdate.store(x, w, j, lanes)
            }
        }
    }

    public func stateDict() -> StateDict { state.stateDict(learningRate: learningRate) }

    public func loadStateDict(_ dict: StateDict) throws {
        if let lr = try state.load(dict) { learningRate = lr }
    }
}
