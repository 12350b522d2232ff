/// GATv2 (Brody et al., "How attentive are graph attention networks?"; PyG `GATv2Conv`):
///
///     x_i' = ‖_h Σ_{j ∈ N(i) ∪ {i}} α_ji,h (Θ_s x_j)_h         (heads concatenated, or averaged)
///     α_ji,h = softmax_j( a_h · LeakyReLU((Θ_s x_j)_h + (Θ_t x_i)_h + (Θ_e e_ji)_h) )
///
/// then `+ res(x_i)` (with `residual`) and `+ b`. The nonlinearity sits between the
/// attention vector and the features, so the scores are computed per edge (`[E, H·C]`);
/// softmax, attention dropout and aggregation (one SpMM per head) run on the fused
/// attention path (`Propagation.attention`).
///
/// - Parameters: `inChannels`, `outChannels` `C`; `heads` `H` (1); `concat` (true);
///   `negativeSlope` (0.2); `dropout` on α (0); `addSelfLoops` (true; loops replaced,
///   edge features from `fillValue`, default mean); `edgeDim`; `bias` (true: on
///   `lin_l`, `lin_r` and the output); `shareWeights` (Θ_t = Θ_s); `residual` (false).
/// - Parameters (state dict, as PyG): `lin_l.weight` `[H·C, in]`, `lin_l.bias`,
///   `lin_r.*` (absent with `shareWeights`: PyG lists the one shared module under both
///   names, load such a dict without its `lin_r.*` entries), `att` `[1, H, C]`,
///   `lin_edge.weight` `[H·C, D]`, `res.weight`, `bias`. Init as PyG: Glorot weights,
///   `att` Glorot with bound `sqrt(6 / (H + C))`, `lin_l`/`lin_r` biases U(±1/sqrt(in))
///   (PyG `Linear`'s default), `bias` zero.
/// - Shapes: `x` `[N, in]`, edge features `[E, D]` → `[N, H·C]` or `[N, C]`.
public final class GATv2Conv: Module {
    public var isTraining = true
    public var linL: Linear
    /// Nil when the weights are shared (`linL` maps both ends).
    public var linR: Linear?
    /// `[1, H, C]`.
    public var att: Tensor
    public var linEdge: Linear?
    public var res: Linear?
    public var bias: Tensor?
    public let attentionDropout: Dropout

    public let heads: Int
    public let outChannels: Int
    public let concat: Bool
    public let negativeSlope: Float
    public let addSelfLoops: Bool
    public let fillValue: SelfLoopFill
    public let shareWeights: Bool

    public init(inChannels: Int, outChannels: Int, heads: Int = 1, concat: Bool = true, negativeSlope: Float = 0.2,
                dropout: Float = 0, addSelfLoops: Bool = true, edgeDim: Int? = nil, fillValue: SelfLoopFill = .mean,
                bias: Bool = true, shareWeights: Bool = false, residual: Bool = false, dropoutSeed: UInt64? = nil,
                using rng: inout RandomGenerator) throws {
        guard heads >= 1, outChannels >= 1, inChannels >= 1 else {
            throw TensorError("GATv2Conv", "sizes must be positive: in \(inChannels), out \(outChannels), heads \(heads)")
        }
        let hc = heads * outChannels
        func glorotLinear(_ inF: Int, _ outF: Int, bias: Bool) -> Linear {
            let l = Linear(inFeatures: inF, outFeatures: outF, bias: bias, using: &rng)
            l.weight = Initializer.glorotUniform([outF, inF], using: &rng).requiringGrad()
            return l
        }
        linL = glorotLinear(inChannels, hc, bias: bias)
        linR = shareWeights ? nil : glorotLinear(inChannels, hc, bias: bias)
        att = AttentionInit.glorotHeads(heads, outChannels, using: &rng)
        linEdge = edgeDim.map { glorotLinear($0, hc, bias: false) }
        let total = concat ? hc : outChannels
        res = residual ? glorotLinear(inChannels, total, bias: false) : nil
        self.bias = bias ? Tensor.zeros([total]).requiringGrad() : nil
        attentionDropout = try Dropout(p: dropout, seed: dropoutSeed)
        self.heads = heads
        self.outChannels = outChannels
        self.concat = concat
        self.negativeSlope = negativeSlope
        self.addSelfLoops = addSelfLoops
        self.fillValue = fillValue
        self.shareWeights = shareWeights
    }

    /// As `init(...using:)`, drawing from the global generator.
    public convenience init(inChannels: Int, outChannels: Int, heads: Int = 1, concat: Bool = true,
                            negativeSlope: Float = 0.2, dropout: Float = 0, addSelfLoops: Bool = true,
                            edgeDim: Int? = nil, fillValue: SelfLoopFill = .mean, bias: Bool = true,
                            shareWeights: Bool = false, residual: Bool = false, dropoutSeed: UInt64? = nil) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(inChannels: inChannels, outChannels: outChannels, heads: heads, concat: concat,
                      negativeSlope: negativeSlope, dropout: dropout, addSelfLoops: addSelfLoops, edgeDim: edgeDim,
                      fillValue: fillValue, bias: bias, shareWeights: shareWeights, residual: residual,
                      dropoutSeed: dropoutSeed, using: &rng)
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeFeatures` `[E, D]` in edge order.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> Tensor {
        try withAttentionWeights(x, graph, edgeFeatures: edgeFeatures).output
    }

    /// The output, the edges used (with self loops) and `α` `[E', H]` after attention
    /// dropout, as PyG's `return_attention_weights=True`.
    public func withAttentionWeights(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> AttentionWeighted {
        let h = heads, c = outChannels, n = graph.numNodes
        guard x.rank == 2, x.shape[0] == n else {
            throw TensorError("GATv2Conv", "node features have shape \(x.shape), expected [\(n), F]")
        }
        let residual = try res.map { try $0(x) }
        let xl = try linL(x)
        let xr = try linR.map { try $0(x) } ?? xl
        var edges = try edgeFeatures.map { try AttentionInit.edgeMatrix($0, edges: graph.numEdges, layer: "GATv2Conv") }
        var g = graph
        if addSelfLoops { (g, edges) = try AttentionSelfLoops.apply(graph, edgeFeatures: edges, fill: fillValue) }
        let incoming = g.incoming
        let a = incoming.matrix
        var z = try xl.indexSelect(axis: 0, Int32Tensor(a.colIdx)) + xr.indexSelect(axis: 0, Int32Tensor(a.rowIndices))
        if let edges {
            guard let linEdge else {
                throw TensorError("GATv2Conv", "edge features given to a layer built without edgeDim")
            }
            z = try z + linEdge(incoming.toCSROrder(edges))
        }
        let e = a.nnz
        let scores = try (z.leakyRelu(negativeSlope: negativeSlope).reshaped([e, h, c]) * att).sum(axis: 2)
        let result = try Propagation.attention(a, logits: .perEdge(scores), values: xl, heads: h,
                                               dropout: attentionDropout)
        var out = concat ? result.output : try result.output.reshaped([n, h, c]).mean(axis: 1)
        if let residual { out = try out + residual }
        if let bias { out = try out + bias }
        return AttentionWeighted(output: out, graph: g, weights: try incoming.toEdgeOrder(result.applied))
    }
}
