/// GraphSAGE (Hamilton et al.; PyG `SAGEConv`):
///
///     x_i' = W_1 x_i + W_2 · ⊕_{j ∈ N(i)} x_j,   then optionally x_i' / ‖x_i'‖₂
///
/// with ⊕ mean (default), max, sum, or any `Aggregation`.
///
/// As message passing: φ = `x_j`, ⊕ as given, γ = `lin_l(aggr) + lin_r(x_i)`. With
/// mean or sum aggregation the mechanism runs φ and ⊕ as one SpMM.
///
/// - Parameters: `inChannels`, `outChannels`; `aggregation` (default mean; a
///   `MultiAggregation` of k parts makes `lin_l` read `k · in` features);
///   `normalize` (L2 normalise the output rows, eps 1e-12, default false); `rootWeight`
///   (add `W_1 x_i`, default true); `bias` (on `lin_l`, default true).
/// - Parameters (state dict): `lin_l.weight` `[out, in]`, `lin_l.bias` `[out]`,
///   `lin_r.weight` `[out, in]` — PyG's `Linear` default init (kaiming uniform,
///   bound 1/sqrt(in), as `torch.nn.Linear`).
/// - Shapes: `x` `[N, in]` → `[N, out]`.
public final class SAGEConv: MessagePassingLayer {
    public var isTraining = true
    public var linL: Linear
    public var linR: Linear?
    public var aggrModule: any Aggregation
    public let normalize: Bool
    public var strategy: Propagation.Strategy = .automatic

    public var aggregation: any Aggregation { aggrModule }

    public init(inChannels: Int, outChannels: Int, aggregation: any Aggregation = MeanAggregation(),
                normalize: Bool = false, rootWeight: Bool = true, bias: Bool = true, using rng: inout RandomGenerator) {
        aggrModule = aggregation
        // A multi-aggregation concatenates its parts: lin_l reads all of them (PyG's
        // `aggr_module.get_output_channels`).
        let aggregated = (aggregation as? MultiAggregation).map { inChannels * $0.aggrs.count } ?? inChannels
        linL = Linear(inFeatures: aggregated, outFeatures: outChannels, bias: bias, using: &rng)
        linR = rootWeight ? Linear(inFeatures: inChannels, outFeatures: outChannels, bias: false, using: &rng) : nil
        self.normalize = normalize
    }

    public convenience init(inChannels: Int, outChannels: Int, aggregation: any Aggregation = MeanAggregation(),
                            normalize: Bool = false, rootWeight: Bool = true, bias: Bool = true) {
        var rng = Random.withGenerator { $0.fork() }
        self.init(inChannels: inChannels, outChannels: outChannels, aggregation: aggregation, normalize: normalize,
                  rootWeight: rootWeight, bias: bias, using: &rng)
    }

    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        try finish(linL(aggregated), root: linR.map { try $0(root) })
    }

    /// - Parameters: `x` `[N, in]`; `graph`. - Returns: `[N, out]`.
    ///
    /// With mean or sum aggregation and `out < in`, `x` is projected first and the
    /// aggregation runs over `[N, out]` (`W_2 · ⊕_j x_j = ⊕_j W_2 x_j`; equal up to
    /// rounding): less work, and the backward keeps an `[N, out]` aggregate instead of
    /// `[N, in]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph) throws -> Tensor {
        guard linL.outFeatures < linL.inFeatures, x.rank == 2, isLinearAggregation else { return try propagate(graph, x: x) }
        return try projectedFirst(x.matmul(linL.weight.transposed()), root: linR.map { try $0(x) }, graph)
    }

    private var isLinearAggregation: Bool { aggrModule is MeanAggregation || aggrModule is SumAggregation }

    /// `⊕_j (W_2 x)_j + b`, then the root term and the normalisation.
    private func projectedFirst(_ projected: Tensor, root: Tensor?, _ graph: Graph) throws -> Tensor {
        var out = try Propagation.propagate(graph, x: projected, edgeWeight: nil, edgeFeatures: nil, message: message,
                                            aggregation: aggrModule, strategy: strategy)
        if let bias = linL.bias { out = try out + bias }
        return try finish(out, root: root)
    }

    /// The layer on sparse features `x` `[N, in]`. With mean or sum aggregation
    /// `W_2 · ⊕_j x_j = ⊕_j W_2 x_j`, so `x` is projected first, by sparse-dense products,
    /// and the aggregation runs over `[N, out]` instead of `[N, in]`.
    /// - Throws: for other aggregations (not linear), or when `x` has not N rows.
    public func callAsFunction(_ x: SparseFeatures, _ graph: Graph) throws -> Tensor {
        guard isLinearAggregation else {
            throw TensorError("SAGEConv", "sparse input needs mean or sum aggregation (linear), not \(type(of: aggrModule))")
        }
        guard x.rows == graph.numNodes else {
            throw TensorError("SAGEConv", "sparse node features have \(x.rows) rows; expected \(graph.numNodes)")
        }
        return try projectedFirst(x.matmul(linL.weight.transposed()), root: linR.map { try $0(x) }, graph)
    }

    /// Adds the root term and L2-normalises the rows when asked.
    private func finish(_ neighbours: Tensor, root: Tensor?) throws -> Tensor {
        var out = neighbours
        if let root { out = try out + root }
        guard normalize else { return out }
        return try out / out.norm(p: 2, axis: -1, keepDims: true).clamp(min: 1e-12)
    }
}
