/// GIN with edge features (Hu et al., "Strategies for Pre-training GNNs"; PyG `GINEConv`):
///
///     x_i' = h_Θ((1 + ε) · x_i + Σ_{j ∈ N(i)} ReLU(x_j + Lin(e_ji)))
///
/// `Lin` (`edgeDim` set) maps the edge features `[E, D]` to the node width `F`; without
/// it the edge features must already have `F` columns.
///
/// As message passing: φ = `ReLU(x_j + Lin(e_ji))` (a per-edge message), ⊕ = sum,
/// γ = `nn((1 + ε) x_i + ·)`.
///
/// - Parameters: `nn` (maps `[N, F]` to `[N, out]`); `eps` (initial ε, default 0);
///   `trainEps` (ε a parameter, else a buffer, as PyG); `edgeDim` (D, adds `lin`);
///   `inChannels` (F for `lin`; inferred, as PyG, when `nn` is a `Linear`, a
///   `Sequential` starting with one, or an `MLP`).
/// - Parameters (state dict): `nn.*`, `eps` `[1]`, `lin.weight` `[F, D]`, `lin.bias`
///   `[F]` (PyTorch `Linear` init: U(±1/√D)).
/// - Shapes: `x` `[N, F]`, edge features `[E, D]` in edge order → `[N, out]`.
public final class GINEConv: MessagePassingLayer, CustomReflectable {
    public var isTraining = true
    public var nn: any Layer
    /// ε as a trainable parameter (`trainEps`), else nil.
    public var trainableEps: Tensor?
    /// ε as a buffer when it is not trained.
    @Buffer public var fixedEps: Tensor
    /// Maps edge features to the node width (with `edgeDim`).
    public var lin: Linear?
    public let initialEps: Float
    public var strategy: Propagation.Strategy = .automatic
    public let aggregation: any Aggregation = SumAggregation()

    /// - Throws: `TensorError` when `edgeDim` is set and the node width can be neither
    ///   inferred from `nn` nor read from `inChannels`.
    public init(nn: any Layer, eps: Float = 0, trainEps: Bool = false, edgeDim: Int? = nil, inChannels: Int? = nil,
                using rng: inout RandomGenerator) throws {
        self.nn = nn
        initialEps = eps
        trainableEps = trainEps ? Tensor.full([1], eps).requiringGrad() : nil
        fixedEps = Tensor.full([1], eps)
        if let edgeDim {
            guard let width = inChannels ?? GINEConv.inputWidth(of: nn), width > 0, edgeDim > 0 else {
                throw TensorError("GINEConv", "edgeDim \(edgeDim) needs the node feature width: pass inChannels (nn is \(type(of: nn)))")
            }
            lin = Linear(inFeatures: edgeDim, outFeatures: width, using: &rng)
        }
    }

    public convenience init(nn: any Layer, eps: Float = 0, trainEps: Bool = false, edgeDim: Int? = nil,
                            inChannels: Int? = nil) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(nn: nn, eps: eps, trainEps: trainEps, edgeDim: edgeDim, inChannels: inChannels, using: &rng)
    }

    /// The input width of `nn` when it starts with a `Linear` (as PyG reads `in_features`).
    static func inputWidth(of nn: any Layer) -> Int? {
        if let l = nn as? Linear { return l.inFeatures }
        if let s = nn as? Sequential, s.count > 0 { return inputWidth(of: s[0]) }
        if let m = nn as? MLP { return m.lins.first?.inFeatures }
        return nil
    }

    /// ε as used in the forward pass.
    public var eps: Tensor { trainableEps ?? fixedEps }

    public var message: Message {
        .custom { [lin] edges in
            guard let e = edges.edgeFeatures else {
                throw TensorError("GINEConv", "edge features are required")
            }
            let projected = try lin.map { try $0(e) } ?? e
            let xj = try edges.source()
            guard projected.shape[1] == xj.shape[1] else {
                throw TensorError("GINEConv", "edge features have \(projected.shape[1]) columns, node features \(xj.shape[1]); set edgeDim to map them")
            }
            return try (xj + projected).relu()
        }
    }

    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        try nn(aggregated + (1 + eps) * root)
    }

    /// Children `nn`, `eps` (a parameter or a buffer) and `lin`, so names match PyG.
    public var customMirror: Mirror {
        let epsEntry: Any = trainableEps.map { $0 as Any } ?? _fixedEps
        var children: [(label: String?, value: Any)] = [("nn", nn as Any), ("eps", epsEntry)]
        if let lin { children.append(("lin", lin)) }
        return Mirror(self, children: children, displayStyle: .class)
    }

    /// - Parameters: `x` `[N, F]`; `graph`; `edgeFeatures` `[E, D]` in edge order.
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor) throws -> Tensor {
        try propagate(graph, x: x, edgeFeatures: edgeFeatures)
    }
}
