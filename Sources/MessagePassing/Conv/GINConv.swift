/// Graph isomorphism network layer (Xu et al.; PyG `GINConv`):
///
///     x_i' = h_Θ((1 + ε) · x_i + Σ_{j ∈ N(i)} x_j)
///
/// with `h_Θ` a neural network (an `MLP`, a `Sequential`, any `Layer`).
///
/// As message passing: φ = `x_j`, ⊕ = sum (one fused SpMM), γ = `nn((1 + ε) x_i + ·)`.
///
/// - Parameters: `nn` (maps `[N, in]` to `[N, out]`); `eps` (initial ε, default 0);
///   `trainEps` (ε is a parameter; otherwise a buffer, as PyG).
/// - Parameters (state dict): `nn.*` and `eps` `[1]`.
/// - Shapes: `x` `[N, in]` → `[N, out]`.
public final class GINConv: MessagePassingLayer, CustomReflectable {
    public var isTraining = true
    public var nn: any Layer
    /// ε as a trainable parameter (`trainEps`), else nil.
    public var trainableEps: Tensor?
    /// ε as a buffer when it is not trained.
    @Buffer public var fixedEps: Tensor
    public let initialEps: Float
    public var strategy: Propagation.Strategy = .automatic
    public let aggregation: any Aggregation = SumAggregation()

    public init(nn: any Layer, eps: Float = 0, trainEps: Bool = false) {
        self.nn = nn
        initialEps = eps
        trainableEps = trainEps ? Tensor.full([1], eps).requiringGrad() : nil
        fixedEps = Tensor.full([1], eps)
    }

    /// ε as used in the forward pass.
    public var eps: Tensor { trainableEps ?? fixedEps }

    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        try nn(aggregated + (1 + eps) * root)
    }

    /// Children `nn` and `eps` (a parameter or a buffer), so state-dict names match PyG.
    public var customMirror: Mirror {
        let epsEntry: Any = trainableEps.map { $0 as Any } ?? _fixedEps
        return Mirror(self, children: [(label: String?.some("nn"), value: nn as Any), (label: "eps", value: epsEntry)],
                      displayStyle: .class)
    }

    /// - Parameters: `x` `[N, in]`; `graph`. - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph) throws -> Tensor {
        try propagate(graph, x: x)
    }
}
