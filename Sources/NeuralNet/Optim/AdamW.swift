/// Adam with decoupled weight decay (Loshchilov and Hutter, 2019), exactly as
/// `torch.optim.AdamW`: before the Adam update each parameter is scaled,
/// `w = w * (1 - lr * weightDecay)`, and the gradient is left alone. Everything else
/// (moments, bias corrections, AMSGrad, state names) is `Adam`'s.
public final class AdamW: Adam {
    /// - Throws: `TensorError` for lr, eps or weight decay < 0 or a beta outside [0, 1).
    public init(_ parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                eps: Float = 1e-8, weightDecay: Float = 1e-2, amsgrad: Bool = false) throws {
        try super.init(parameters: parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                       amsgrad: amsgrad, decoupledWeightDecay: true, name: "AdamW")
    }

    /// Same as `init(_:lr:...)` with a labelled parameter list.
    public convenience init(parameters: [Tensor], lr: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                            eps: Float = 1e-8, weightDecay: Float = 1e-2, amsgrad: Bool = false) throws {
        try self.init(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad)
    }
}
