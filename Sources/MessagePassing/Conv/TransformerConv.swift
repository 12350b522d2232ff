/// Graph transformer layer (Shi et al., "Masked label prediction"; PyG `TransformerConv`):
///
///     x_i' = W_1 x_i + ‖_h Σ_{j ∈ N(i)} α_ji,h ((W_2 x_j)_h + (W_e e_ji)_h)   (heads concatenated, or averaged)
///     α_ji,h = softmax_j( ⟨(W_3 x_i)_h, (W_4 x_j)_h + (W_e e_ji)_h⟩ / sqrt(C) )
///
/// with query `W_3`, key `W_4`, value `W_2`, skip `W_1`. With `beta` the skip is gated:
/// `x_i' = β_i W_1 x_i + (1 − β_i) m_i`, `β_i = sigmoid(w_5ᵀ [m_i ‖ W_1 x_i ‖ m_i − W_1 x_i])`,
/// `m_i` the attention output. No self loops are added; a node without incoming edges
/// gets `m_i = 0`.
///
/// Runs on the fused attention path: the scores are one SDDMM per head, the aggregation
/// one SpMM per head. With edge features their score term `⟨q_i, W_e e_ji⟩` and their
/// message term `Σ_j α_ji W_e e_ji` are per edge (the edge features are per edge anyway).
///
/// - Parameters: `inChannels`, `outChannels` `C`; `heads` `H` (1); `concat` (true);
///   `beta` (false; only with `rootWeight`); `dropout` on α (0); `edgeDim`; `bias`
///   (true: on key, query, value and skip); `rootWeight` (true).
/// - Parameters (state dict, as PyG): `lin_key`, `lin_query`, `lin_value` (`[H·C, in]`
///   and bias), `lin_edge.weight` `[H·C, D]`, `lin_skip` (`[H·C, in]`, or `[C, in]`
///   without concat; present even without `rootWeight`, as PyG), `lin_beta.weight`
///   `[1, 3·H·C]` (or `[1, 3·C]`). Init as PyG's `Linear` default (kaiming uniform,
///   bound 1/sqrt(in), bias the same bound).
/// - Shapes: `x` `[N, in]`, edge features `[E, D]` → `[N, H·C]` or `[N, C]`.
public final class TransformerConv: Module {
    public var isTraining = true
    public var linKey: Linear
    public var linQuery: Linear
    public var linValue: Linear
    public var linEdge: Linear?
    public var linSkip: Linear
    public var linBeta: Linear?
    public let attentionDropout: Dropout

    public let heads: Int
    public let outChannels: Int
    public let concat: Bool
    public let rootWeight: Bool

    public init(inChannels: Int, outChannels: Int, heads: Int = 1, concat: Bool = true, beta: Bool = false,
                dropout: Float = 0, edgeDim: Int? = nil, bias: Bool = true, rootWeight: Bool = true,
                dropoutSeed: UInt64? = nil, using rng: inout RandomGenerator) throws {
        guard heads >= 1, outChannels >= 1, inChannels >= 1 else {
            throw TensorError("TransformerConv", "sizes must be positive: in \(inChannels), out \(outChannels), heads \(heads)")
        }
        let hc = heads * outChannels
        linKey = Linear(inFeatures: inChannels, outFeatures: hc, bias: bias, using: &rng)
        linQuery = Linear(inFeatures: inChannels, outFeatures: hc, bias: bias, using: &rng)
        linValue = Linear(inFeatures: inChannels, outFeatures: hc, bias: bias, using: &rng)
        linEdge = edgeDim.map { Linear(inFeatures: $0, outFeatures: hc, bias: false, using: &rng) }
        let total = concat ? hc : outChannels
        linSkip = Linear(inFeatures: inChannels, outFeatures: total, bias: bias, using: &rng)
        linBeta = beta && rootWeight ? Linear(inFeatures: 3 * total, outFeatures: 1, bias: false, using: &rng) : nil
        attentionDropout = try Dropout(p: dropout, seed: dropoutSeed)
        self.heads = heads
        self.outChannels = outChannels
        self.concat = concat
        self.rootWeight = rootWeight
    }

    /// As `init(...using:)`, drawing from the global generator.
    public convenience init(inChannels: Int, outChannels: Int, heads: Int = 1, concat: Bool = true, beta: Bool = false,
                            dropout: Float = 0, edgeDim: Int? = nil, bias: Bool = true, rootWeight: Bool = true,
                            dropoutSeed: UInt64? = nil) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(inChannels: inChannels, outChannels: outChannels, heads: heads, concat: concat, beta: beta,
                      dropout: dropout, edgeDim: edgeDim, bias: bias, rootWeight: rootWeight,
                      dropoutSeed: dropoutSeed, using: &rng)
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeFeatures` `[E, D]` in edge order (required
    ///   when built with `edgeDim`).
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> Tensor {
        try withAttentionWeights(x, graph, edgeFeatures: edgeFeatures).output
    }

    /// The output and `α` `[E, H]` in edge order, before attention dropout (as PyG's
    /// `return_attention_weights=True` for this layer).
    public func withAttentionWeights(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> AttentionWeighted {
        let h = heads, c = outChannels, n = graph.numNodes
        guard x.rank == 2, x.shape[0] == n else {
            throw TensorError("TransformerConv", "node features have shape \(x.shape), expected [\(n), F]")
        }
        let query = try linQuery(x), key = try linKey(x), value = try linValue(x)
        let incoming = graph.incoming
        let a = incoming.matrix
        let e = a.nnz
        var edgeTerm: Tensor? = nil, projectedEdges: Tensor? = nil
        if let linEdge {
            guard let edgeFeatures else {
                throw TensorError("TransformerConv", "the layer was built with edgeDim but no edge features were given")
            }
            let ef = try AttentionInit.edgeMatrix(edgeFeatures, edges: graph.numEdges, layer: "TransformerConv")
            let pe = try linEdge(incoming.toCSROrder(ef))  // [E, H·C]
            let qi = try query.indexSelect(axis: 0, Int32Tensor(a.rowIndices))
            edgeTerm = try (qi * pe).reshaped([e, h, c]).sum(axis: 2)
            projectedEdges = pe
        }
        let scale = 1 / Float(c).squareRoot()
        let result = try Propagation.attention(a, logits: .dotProduct(query: query, key: key, edge: edgeTerm, scale: scale),
                                               values: value, heads: h, dropout: attentionDropout)
        var m = result.output
        if let pe = projectedEdges {
            // Σ_j α'_ji,h (W_e e_ji)_h: the edge part of the messages.
            let weighted = try (pe.reshaped([e, h, c]) * result.applied.reshaped([e, h, 1])).reshaped([e, h * c])
            m = try m + Sparse.segmentReduce(weighted, a, reduce: .sum)
        }
        if !concat { m = try m.reshaped([n, h, c]).mean(axis: 1) }
        var out = m
        if rootWeight {
            let skip = try linSkip(x)
            if let linBeta {
                let beta = try linBeta(Tensor.concat([m, skip, m - skip], axis: 1)).sigmoid()
                out = try beta * skip + (1 - beta) * m
            } else {
                out = try m + skip
            }
        }
        return AttentionWeighted(output: out, graph: graph, weights: try incoming.toEdgeOrder(result.coefficients))
    }
}
