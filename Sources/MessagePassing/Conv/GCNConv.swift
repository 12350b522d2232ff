/// Graph convolution of Kipf & Welling (PyG `GCNConv`):
///
///     X' = D̂^{-1/2} Â D̂^{-1/2} X Θᵀ + b,   Â = A + I (A + 2I when `improved`)
///
/// node-wise `x_i' = Θ Σ_{j ∈ N(i) ∪ {i}} (e_ji / sqrt(d̂_j d̂_i)) x_j + b`, with
/// `d̂_i = 1 + Σ_{j ∈ N(i)} e_ji` (edge weights default to 1).
///
/// As message passing: φ = `w_ji · x_j` with the normalised weights, ⊕ = sum, γ adds
/// the bias; the mechanism runs it as one SpMM.
///
/// - Parameters: `inChannels`, `outChannels`; `improved` (loop weight 2; PyG 2.8 applies
///   it only when edge weights are passed — here missing weights are ones, so it always
///   applies); `cached` (normalise once, on the first call, and reuse it, detached from
///   the autograd graph — for a fixed graph, as PyG; the cache remembers its graph's
///   topology, and a call on another graph, e.g. another layer's graph under layer-wise
///   rewiring, normalises that one and caches it instead of reusing the wrong one; as in
///   PyG, new edge weights on the same graph do not refresh it);
///   `addSelfLoops` (default true); `normalize` (default true; false uses the raw edge
///   weights and no loops); `bias` (default true).
/// - Parameters (state dict): `lin.weight` `[out, in]` (Glorot uniform), `bias` `[out]`
///   (zeros), as PyG's `reset_parameters`.
/// - Shapes: `x` `[N, in]`, edge weight `[E]` → `[N, out]`.
public final class GCNConv: MessagePassingLayer {
    public var isTraining = true
    /// The linear map Θ, without bias.
    public var lin: Linear
    public var bias: Tensor?
    public let improved: Bool
    public let cached: Bool
    public let addSelfLoops: Bool
    public let normalize: Bool
    public var strategy: Propagation.Strategy = .automatic
    private var cache: GCNNormalization?
    /// The topology `cache` was computed for (the edge arrays share the graph's storage).
    private var cachedFor: (numNodes: Int, source: [Int32], target: [Int32])?

    public var message: Message { .weightedSource }
    public let aggregation: any Aggregation = SumAggregation()

    public init(inChannels: Int, outChannels: Int, improved: Bool = false, cached: Bool = false,
                addSelfLoops: Bool = true, normalize: Bool = true, bias: Bool = true,
                using rng: inout RandomGenerator) {
        lin = Linear(inFeatures: inChannels, outFeatures: outChannels, bias: false, using: &rng)
        lin.weight = Initializer.glorotUniform([outChannels, inChannels], using: &rng).requiringGrad()
        self.bias = bias ? Tensor.zeros([outChannels]).requiringGrad() : nil
        self.improved = improved
        self.cached = cached
        self.addSelfLoops = addSelfLoops
        self.normalize = normalize
    }

    public convenience init(inChannels: Int, outChannels: Int, improved: Bool = false, cached: Bool = false,
                            addSelfLoops: Bool = true, normalize: Bool = true, bias: Bool = true) {
        var rng = Random.withGenerator { $0.fork() }
        self.init(inChannels: inChannels, outChannels: outChannels, improved: improved, cached: cached,
                  addSelfLoops: addSelfLoops, normalize: normalize, bias: bias, using: &rng)
    }

    /// Forgets the cached normalisation (call when the graph changes with `cached`).
    public func resetCache() {
        cache = nil
        cachedFor = nil
    }

    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        guard let bias else { return aggregated }
        return try aggregated + bias
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeWeight` `[E]` in edge order or nil.
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeWeight: Tensor? = nil) throws -> Tensor {
        try propagateProjected(lin(x), graph, edgeWeight: edgeWeight)
    }

    /// The same layer on sparse features `x` `[N, in]`: `x·Wᵀ` as one sparse-dense product.
    public func callAsFunction(_ x: SparseFeatures, _ graph: Graph, edgeWeight: Tensor? = nil) throws -> Tensor {
        try propagateProjected(lin(x), graph, edgeWeight: edgeWeight)
    }

    /// Builds the normalisation of `graph` that a call without edge weights uses, with its
    /// CSR and the CSR's transpose, all cached on the topology (`GCNNormalization.of`):
    /// for a loader that prepares the next mini-batch on another thread. Changes no
    /// result; does nothing with `cached`, whose normalisation is the layer's own.
    public func prepare(_ graph: Graph) throws {
        guard !cached else { return }
        let target = normalize ? try GCNNormalization.of(graph, edgeWeight: nil, improved: improved,
                                                         addSelfLoops: addSelfLoops).graph : graph
        _ = target.incoming.matrix.transpose
    }

    /// `D̂^{-1/2} Â D̂^{-1/2} h + b` for the projected features `h = x·Wᵀ`.
    private func propagateProjected(_ h: Tensor, _ graph: Graph, edgeWeight: Tensor?) throws -> Tensor {
        guard normalize else { return try propagate(graph, x: h, edgeWeight: edgeWeight) }
        let norm: GCNNormalization
        if cached, let cache, let key = cachedFor, key.numNodes == graph.numNodes,
           key.source == graph.source, key.target == graph.target {
            // Array == returns at once when both share storage (the same graph value).
            norm = cache
        } else {
            norm = try GCNNormalization.of(graph, edgeWeight: edgeWeight, improved: improved, addSelfLoops: addSelfLoops)
            if cached {
                cache = norm.detached()
                cachedFor = (graph.numNodes, graph.source, graph.target)
            }
        }
        return try propagate(norm.graph, x: h, edgeWeight: norm.weight)
    }
}
