/// Simplified graph convolution (Wu et al.; PyG `SGConv`):
///
///     X' = (D̂^{-1/2} Â D̂^{-1/2})^K X Θᵀ + b,   Â = A + I
///
/// `K` GCN propagation steps without nonlinearity, then one linear map. The
/// normalisation is `GCNNormalization` (edge weights default to 1, `improved` off).
///
/// As message passing: K times φ = `ŵ_ji · x_j`, ⊕ = sum (one SpMM each), then
/// γ = `lin` after the last step.
///
/// - Parameters: `inChannels`, `outChannels`; `K` (default 1); `cached` (as PyG, keeps
///   the *propagated features* `Â^K X` of the first call, detached, and reuses them —
///   later calls ignore their `x`; for transductive training on a fixed graph and fixed
///   features); `addSelfLoops` (default true); `bias` (default true).
/// - Parameters (state dict): `lin.weight` `[out, in]`, `lin.bias` `[out]` (PyTorch
///   `Linear` init, U(±1/√in)).
/// - Shapes: `x` `[N, in]`, edge weight `[E]` → `[N, out]`.
public final class SGConv: MessagePassingLayer {
    public var isTraining = true
    public var lin: Linear
    public let k: Int
    public let cached: Bool
    public let addSelfLoops: Bool
    public var strategy: Propagation.Strategy = .automatic
    public let aggregation: any Aggregation = SumAggregation()
    public var message: Message { .weightedSource }
    private var cachedFeatures: Tensor?

    public init(inChannels: Int, outChannels: Int, K: Int = 1, cached: Bool = false, addSelfLoops: Bool = true,
                bias: Bool = true, using rng: inout RandomGenerator) throws {
        guard K >= 0 else { throw TensorError("SGConv", "K must be non-negative, got \(K)") }
        lin = Linear(inFeatures: inChannels, outFeatures: outChannels, bias: bias, using: &rng)
        k = K
        self.cached = cached
        self.addSelfLoops = addSelfLoops
    }

    public convenience init(inChannels: Int, outChannels: Int, K: Int = 1, cached: Bool = false,
                            addSelfLoops: Bool = true, bias: Bool = true) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(inChannels: inChannels, outChannels: outChannels, K: K, cached: cached,
                      addSelfLoops: addSelfLoops, bias: bias, using: &rng)
    }

    /// Forgets the cached propagated features.
    public func resetCache() { cachedFeatures = nil }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeWeight` `[E]` in edge order or nil.
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeWeight: Tensor? = nil) throws -> Tensor {
        if let cachedFeatures { return try lin(cachedFeatures) }
        let norm = try GCNNormalization.of(graph, edgeWeight: edgeWeight, addSelfLoops: addSelfLoops)
        var h = x
        for _ in 0..<k { h = try propagate(norm.graph, x: h, edgeWeight: norm.weight) }
        if cached { cachedFeatures = h.detach() }
        return try lin(h)
    }
}
