/// Approximate personalised propagation of neural predictions (Gasteiger et al.;
/// PyG `APPNP`):
///
///     X^(0) = X,   X^(k) = (1 − α) · Â X^(k−1) + α · X,   X' = X^(K)
///
/// with `Â = D̂^{-1/2} (A + I) D̂^{-1/2}` (`GCNNormalization`, edge weights default to
/// 1), or the raw edge weights when `normalize` is off. No parameters.
///
/// As message passing: each step is φ = `ŵ_ji · x_j`, ⊕ = sum (one SpMM), and γ the
/// mix with the root features `(1 − α) · aggr + α · X`.
///
/// - Parameters: `K` (steps), `alpha` (teleport probability); `dropout` (on the edge
///   weights at every step, training only, as PyG; default 0); `cached` (normalise once
///   and reuse it, detached, for a fixed graph); `addSelfLoops` (default true); `normalize` (default
///   true).
/// - Shapes: `x` `[N, F]`, edge weight `[E]` → `[N, F]`.
public final class APPNP: MessagePassingLayer {
    public var isTraining = true
    public let k: Int
    public let alpha: Float
    public let dropout: Float
    public let cached: Bool
    public let addSelfLoops: Bool
    public let normalize: Bool
    public var strategy: Propagation.Strategy = .automatic
    public let aggregation: any Aggregation = SumAggregation()
    public var message: Message { .weightedSource }
    private var cache: GCNNormalization?
    private var rng: RandomGenerator

    public init(K: Int, alpha: Float, dropout: Float = 0, cached: Bool = false, addSelfLoops: Bool = true,
                normalize: Bool = true, seed: UInt64? = nil) throws {
        guard K >= 0, (0...1).contains(alpha), (0..<1).contains(dropout) else {
            throw TensorError("APPNP", "needs K >= 0, alpha in [0, 1], dropout in [0, 1); got K \(K), alpha \(alpha), dropout \(dropout)")
        }
        k = K
        self.alpha = alpha
        self.dropout = dropout
        self.cached = cached
        self.addSelfLoops = addSelfLoops
        self.normalize = normalize
        rng = seed.map { RandomGenerator(seed: $0) } ?? Random.withGenerator { $0.fork() }
    }

    /// Forgets the cached normalisation.
    public func resetCache() { cache = nil }

    /// `(1 − α) · aggregated + α · h`, with `root` = the input features `h`.
    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        try aggregated * (1 - alpha) + alpha * root
    }

    /// - Parameters: `x` `[N, F]`; `graph`; `edgeWeight` `[E]` in edge order or nil.
    /// - Returns: `[N, F]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeWeight: Tensor? = nil) throws -> Tensor {
        var g = graph, w = edgeWeight
        if normalize {
            let norm: GCNNormalization
            if cached, let cache { norm = cache } else {
                norm = try GCNNormalization.of(graph, edgeWeight: edgeWeight, addSelfLoops: addSelfLoops)
                if cached { cache = norm.detached() }
            }
            g = norm.graph
            w = norm.weight
        }
        var h = x
        for _ in 0..<k {
            var stepWeight = w
            if dropout > 0 && isTraining {
                stepWeight = try (w ?? Tensor.ones([g.numEdges])).dropout(p: dropout, using: &rng)
            }
            h = try propagate(g, x: h, edgeWeight: stepWeight, root: x)
        }
        return h
    }
}
