/// Graph attention (Veličković et al.; PyG `GATConv`):
///
///     x_i' = ‖_h Σ_{j ∈ N(i) ∪ {i}} α_ji,h Θ_h x_j          (heads concatenated, or averaged)
///     α_ji,h = softmax_j( LeakyReLU(a_src,h · Θ_h x_j + a_dst,h · Θ_h x_i + a_edge,h · Θ_e,h e_ji) )
///
/// then `+ res(x_i)` (with `residual`) and `+ b`. Attention dropout (probability
/// `dropout`) acts on `α` in training mode.
///
/// Runs on the fused attention path (`Propagation.attention`): the scores are two
/// gathered scalars per edge and head (`a_src,h · Θ_h x_j` is computed once per node), the
/// edge term is `e_ji · (Θ_e,hᵀ a_edge,h)` (one `[E, D] x [D, H]` product), and the
/// aggregation one SpMM per head. No `[E, H·C]` tensor is built.
///
/// - Parameters: `inChannels` (or `(source, target)` sizes: separate maps `lin_src`,
///   `lin_dst`), `outChannels` `C`; `heads` `H` (1); `concat` (true: `[N, H·C]`, false:
///   mean over heads `[N, C]`); `negativeSlope` (0.2); `dropout` (0); `addSelfLoops`
///   (true: existing loops are removed and one per node appended, with edge features
///   from `fillValue`, default the mean of the node's incoming edge features);
///   `edgeDim` (edge features used in the scores); `bias` (true); `residual` (false).
/// - Parameters (state dict, as PyG): `lin.weight` `[H·C, in]` (or `lin_src.weight`,
///   `lin_dst.weight`), `att_src`, `att_dst` `[1, H, C]`, `lin_edge.weight` `[H·C, D]`,
///   `att_edge` `[1, H, C]`, `res.weight` `[out, in]`, `bias` `[out]`. Init as PyG:
///   Glorot on the linear weights and on the attention vectors (bound
///   `sqrt(6 / (H + C))`), zero bias.
/// - Shapes: `x` `[N, in]`, edge features `[E, D]` (or `[E]`) → `[N, H·C]` or `[N, C]`.
public final class GATConv: Module {
    public var isTraining = true
    public var lin: Linear?
    public var linSrc: Linear?
    public var linDst: Linear?
    /// `[1, H, C]`.
    public var attSrc: Tensor
    /// `[1, H, C]`.
    public var attDst: Tensor
    public var linEdge: Linear?
    /// `[1, H, C]` when `edgeDim` is set.
    public var attEdge: Tensor?
    public var res: Linear?
    public var bias: Tensor?
    /// Dropout on the attention coefficients (no state; follows `train()`/`eval()`).
    public let attentionDropout: Dropout

    public let heads: Int
    public let outChannels: Int
    public let concat: Bool
    public let negativeSlope: Float
    public let addSelfLoops: Bool
    public let fillValue: SelfLoopFill
    public let edgeDim: Int?

    /// Separate source and target feature sizes: two maps `lin_src`, `lin_dst` (PyG with
    /// a tuple `in_channels`). `dropoutSeed` seeds the attention dropout's own generator
    /// (else it draws from the global one).
    /// - Throws: `TensorError` for a dropout probability outside [0, 1] or non-positive sizes.
    public convenience init(inChannels: (source: Int, target: Int), outChannels: Int, heads: Int = 1,
                            concat: Bool = true, negativeSlope: Float = 0.2, dropout: Float = 0,
                            addSelfLoops: Bool = true, edgeDim: Int? = nil, fillValue: SelfLoopFill = .mean,
                            bias: Bool = true, residual: Bool = false, dropoutSeed: UInt64? = nil,
                            using rng: inout RandomGenerator) throws {
        try self.init(channels: inChannels, separate: true, outChannels: outChannels, heads: heads,
                      concat: concat, negativeSlope: negativeSlope, dropout: dropout, addSelfLoops: addSelfLoops,
                      edgeDim: edgeDim, fillValue: fillValue, bias: bias, residual: residual,
                      dropoutSeed: dropoutSeed, using: &rng)
    }

    init(channels inChannels: (source: Int, target: Int), separate: Bool, outChannels: Int, heads: Int = 1,
                concat: Bool = true, negativeSlope: Float = 0.2, dropout: Float = 0, addSelfLoops: Bool = true,
                edgeDim: Int? = nil, fillValue: SelfLoopFill = .mean, bias: Bool = true, residual: Bool = false,
                dropoutSeed: UInt64? = nil, using rng: inout RandomGenerator) throws {
        guard heads >= 1, outChannels >= 1, inChannels.source >= 1, inChannels.target >= 1 else {
            throw TensorError("GATConv", "sizes must be positive: in \(inChannels), out \(outChannels), heads \(heads)")
        }
        let hc = heads * outChannels
        func glorotLinear(_ inF: Int, _ outF: Int) -> Linear {
            let l = Linear(inFeatures: inF, outFeatures: outF, bias: false, using: &rng)
            l.weight = Initializer.glorotUniform([outF, inF], using: &rng).requiringGrad()
            return l
        }
        if separate {
            linSrc = glorotLinear(inChannels.source, hc)
            linDst = glorotLinear(inChannels.target, hc)
        } else {
            lin = glorotLinear(inChannels.source, hc)
        }
        attSrc = AttentionInit.glorotHeads(heads, outChannels, using: &rng)
        attDst = AttentionInit.glorotHeads(heads, outChannels, using: &rng)
        if let edgeDim {
            linEdge = glorotLinear(edgeDim, hc)
            attEdge = AttentionInit.glorotHeads(heads, outChannels, using: &rng)
        }
        let total = concat ? hc : outChannels
        res = residual ? glorotLinear(inChannels.target, total) : nil
        self.bias = bias ? Tensor.zeros([total]).requiringGrad() : nil
        attentionDropout = try Dropout(p: dropout, seed: dropoutSeed)
        self.heads = heads
        self.outChannels = outChannels
        self.concat = concat
        self.negativeSlope = negativeSlope
        self.addSelfLoops = addSelfLoops
        self.fillValue = fillValue
        self.edgeDim = edgeDim
    }

    /// One feature size for sources and targets (one shared map `lin`, as PyG with an
    /// integer `in_channels`).
    public convenience init(inChannels: Int, outChannels: Int, heads: Int = 1, concat: Bool = true,
                            negativeSlope: Float = 0.2, dropout: Float = 0, addSelfLoops: Bool = true,
                            edgeDim: Int? = nil, fillValue: SelfLoopFill = .mean, bias: Bool = true,
                            residual: Bool = false, dropoutSeed: UInt64? = nil, using rng: inout RandomGenerator) throws {
        try self.init(channels: (inChannels, inChannels), separate: false, outChannels: outChannels, heads: heads,
                      concat: concat, negativeSlope: negativeSlope, dropout: dropout, addSelfLoops: addSelfLoops,
                      edgeDim: edgeDim, fillValue: fillValue, bias: bias, residual: residual,
                      dropoutSeed: dropoutSeed, using: &rng)
    }

    /// As `init(inChannels:outChannels:...using:)`, drawing from the global generator.
    public convenience init(inChannels: Int, outChannels: Int, heads: Int = 1, concat: Bool = true,
                            negativeSlope: Float = 0.2, dropout: Float = 0, addSelfLoops: Bool = true,
                            edgeDim: Int? = nil, fillValue: SelfLoopFill = .mean, bias: Bool = true,
                            residual: Bool = false, dropoutSeed: UInt64? = nil) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(inChannels: inChannels, outChannels: outChannels, heads: heads, concat: concat,
                      negativeSlope: negativeSlope, dropout: dropout, addSelfLoops: addSelfLoops, edgeDim: edgeDim,
                      fillValue: fillValue, bias: bias, residual: residual, dropoutSeed: dropoutSeed, using: &rng)
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeFeatures` `[E, D]` in edge order.
    /// - Returns: `[N, H·C]` (concat) or `[N, C]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> Tensor {
        try forward(source: x, target: x, graph, edgeFeatures: edgeFeatures).output
    }

    /// Separate source and target features (both `[N, ·]` over the graph's nodes).
    public func callAsFunction(_ x: (source: Tensor, target: Tensor), _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> Tensor {
        try forward(source: x.source, target: x.target, graph, edgeFeatures: edgeFeatures).output
    }

    /// The output and the attention weights (PyG's `return_attention_weights=True`):
    /// the edges used (with the added self loops) and `α` `[E', H]` in their order, after
    /// attention dropout, as PyG returns them.
    public func withAttentionWeights(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> AttentionWeighted {
        try forward(source: x, target: x, graph, edgeFeatures: edgeFeatures)
    }

    /// `withAttentionWeights` for separate source and target features.
    public func withAttentionWeights(_ x: (source: Tensor, target: Tensor), _ graph: Graph,
                                     edgeFeatures: Tensor? = nil) throws -> AttentionWeighted {
        try forward(source: x.source, target: x.target, graph, edgeFeatures: edgeFeatures)
    }

    func forward(source xs: Tensor, target xt: Tensor, _ graph: Graph, edgeFeatures: Tensor?) throws -> AttentionWeighted {
        guard xs.rank == 2, xt.rank == 2, xs.shape[0] == graph.numNodes, xt.shape[0] == graph.numNodes else {
            throw TensorError("GATConv", "node features have shapes \(xs.shape), \(xt.shape); expected [\(graph.numNodes), F]")
        }
        let residual = try res.map { try $0(xt) }
        let hs: Tensor, ht: Tensor
        if let lin {
            hs = try lin(xs)
            ht = xt === xs ? hs : try lin(xt)
        } else if let linSrc, let linDst {
            hs = try linSrc(xs)
            ht = try linDst(xt)
        } else {
            throw TensorError("GATConv", "no linear map")
        }
        return try attend(source: hs, target: ht, residual: residual, graph, edgeFeatures: edgeFeatures)
    }

    /// The layer on sparse features `x` `[N, in]` (one map shared by sources and targets):
    /// `x·Wᵀ` (and the residual map) as sparse-dense products.
    /// - Throws: when the layer has separate source and target maps, or `x` has not N rows.
    public func callAsFunction(_ x: SparseFeatures, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> Tensor {
        guard let lin else { throw TensorError("GATConv", "sparse input needs the shared map `lin` (in-channels given as one number)") }
        guard x.rows == graph.numNodes else {
            throw TensorError("GATConv", "sparse node features have \(x.rows) rows; expected \(graph.numNodes)")
        }
        let h = try lin(x)
        return try attend(source: h, target: h, residual: res.map { try $0(x) }, graph, edgeFeatures: edgeFeatures).output
    }

    /// Attention over the projected source and target features `[N, H·C]`, plus the
    /// residual and the bias.
    private func attend(source hs: Tensor, target ht: Tensor, residual: Tensor?, _ graph: Graph,
                        edgeFeatures: Tensor?) throws -> AttentionWeighted {
        let h = heads, c = outChannels
        let n = graph.numNodes
        let sourceTerm = try hs.headDot(attSrc)    // [N, H]: a_src,h · (Θ x_j)_h
        let targetTerm = try ht.headDot(attDst)

        var edges = try edgeFeatures.map { try AttentionInit.edgeMatrix($0, edges: graph.numEdges, layer: "GATConv") }
        var g = graph
        if addSelfLoops { (g, edges) = try AttentionSelfLoops.apply(graph, edgeFeatures: edges, fill: fillValue) }
        let incoming = g.incoming
        var edgeTerm: Tensor? = nil
        if let edges, let linEdge, let attEdge {
            // a_edge,h · (Θ_e e)_h = e · (Θ_e,hᵀ a_edge,h): one [E, D] x [D, H] product.
            let d = linEdge.inFeatures
            let projection = try (linEdge.weight.reshaped([h, c, d]) * attEdge.reshaped([h, c, 1])).sum(axis: 1)
            edgeTerm = try incoming.toCSROrder(edges).matmul(projection.transposed())
        }
        let result = try Propagation.attention(
            incoming.matrix,
            logits: .additive(source: sourceTerm, target: targetTerm, edge: edgeTerm, negativeSlope: negativeSlope),
            values: hs, heads: h, dropout: attentionDropout)
        var out = concat ? result.output : try result.output.reshaped([n, h, c]).mean(axis: 1)
        if let residual { out = try out + residual }
        if let bias { out = try out + bias }
        return AttentionWeighted(output: out, graph: g, weights: try incoming.toEdgeOrder(result.applied))
    }
}

/// A layer's output with its attention weights (PyG's `return_attention_weights`).
public struct AttentionWeighted {
    public let output: Tensor
    /// The edges the attention ran over (the input graph plus any self loops added).
    public let graph: Graph
    /// `α` `[E', H]` in the edge order of `graph`.
    public let weights: Tensor
}

/// Initialisation and input helpers shared by the attention layers.
enum AttentionInit {
    /// PyG's `glorot` on a `[1, H, C]` attention vector: U(−a, a), `a = sqrt(6 / (H + C))`
    /// (fans from the last two axes).
    static func glorotHeads(_ heads: Int, _ channels: Int, using rng: inout RandomGenerator) -> Tensor {
        let a = (6 / Float(heads + channels)).squareRoot()
        return Tensor.uniform([1, heads, channels], low: -a, high: a, using: &rng).requiringGrad()
    }

    /// Edge features as `[E, D]` (a 1-D `[E]` becomes `[E, 1]`, as PyG).
    static func edgeMatrix(_ t: Tensor, edges: Int, layer: String) throws -> Tensor {
        if t.rank == 1, t.shape[0] == edges { return try t.reshaped([edges, 1]) }
        guard t.rank == 2, t.shape[0] == edges else {
            throw TensorError(layer, "edge features have shape \(t.shape), expected [\(edges), D]")
        }
        return t
    }
}
