import Foundation
import TensorCore

/// GCNII's graph convolution with initial residual and identity mapping (Chen et al.
/// 2020, PyG `GCN2Conv`):
///
///     X' = ((1 − α) P̂ X + α X⁽⁰⁾) ((1 − β) I + β Θ)                         (shared weights)
///     X' = (1 − α) P̂ X ((1 − β) I + β Θ₁) + α X⁽⁰⁾ ((1 − β) I + β Θ₂)        (separate)
///
/// with `P̂ = D̂^{-1/2} (A + I) D̂^{-1/2}` (GCN normalisation, `GCNNormalization`) and
/// `β = log(θ / ℓ + 1)` when `theta` θ and `layer` ℓ are given, else `β = 1`.
///
/// As message passing: φ = `ŵ_ji · x_j` with the normalised weights, ⊕ = sum (one fused
/// SpMM), γ = the identity mapping above with the initial features `X⁽⁰⁾` as the root.
///
/// - Parameters: `channels`; `alpha` α; `theta`, `layer`; `sharedWeights` (default true);
///   `cached` (normalise once); `addSelfLoops` (default true); `normalize` (default true;
///   false propagates with the raw edge weights, no loops).
/// - Parameters (state dict): `weight1` `[C, C]` and, without shared weights, `weight2`
///   `[C, C]`, both Glorot uniform; applied as `X · Θ` (not transposed), as PyG.
/// - Shapes: `x`, `x0` `[N, C]`, edge weight `[E]` → `[N, C]`.
public final class GCN2Conv: MessagePassingLayer {
    public var isTraining = true
    /// Θ (Θ₁), `[C, C]`.
    public var weight1: Tensor
    /// Θ₂ `[C, C]`, nil with shared weights.
    public var weight2: Tensor?
    public let channels: Int
    public let alpha: Float
    public let beta: Float
    public let cached: Bool
    public let addSelfLoops: Bool
    public let normalize: Bool
    public var strategy: Propagation.Strategy = .automatic
    private var cache: GCNNormalization?

    public var message: Message { .weightedSource }
    public let aggregation: any Aggregation = SumAggregation()

    /// - Throws: `TensorError` when only one of `theta` and `layer` is given, or `channels < 1`.
    public init(channels: Int, alpha: Float, theta: Float? = nil, layer: Int? = nil, sharedWeights: Bool = true,
                cached: Bool = false, addSelfLoops: Bool = true, normalize: Bool = true,
                using rng: inout RandomGenerator) throws {
        guard channels >= 1 else { throw TensorError("GCN2Conv", "channels must be positive, got \(channels)") }
        switch (theta, layer) {
        case (nil, nil): beta = 1
        case let (theta?, layer?):
            guard layer > 0 else { throw TensorError("GCN2Conv", "layer must be positive, got \(layer)") }
            beta = Float(Foundation.log(Double(theta) / Double(layer) + 1))
        default: throw TensorError("GCN2Conv", "theta and layer must be given together")
        }
        self.channels = channels
        self.alpha = alpha
        self.cached = cached
        self.addSelfLoops = addSelfLoops
        self.normalize = normalize
        weight1 = Initializer.glorotUniform([channels, channels], using: &rng).requiringGrad()
        weight2 = sharedWeights ? nil : Initializer.glorotUniform([channels, channels], using: &rng).requiringGrad()
    }

    public convenience init(channels: Int, alpha: Float, theta: Float? = nil, layer: Int? = nil,
                            sharedWeights: Bool = true, cached: Bool = false, addSelfLoops: Bool = true,
                            normalize: Bool = true) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(channels: channels, alpha: alpha, theta: theta, layer: layer, sharedWeights: sharedWeights,
                      cached: cached, addSelfLoops: addSelfLoops, normalize: normalize, using: &rng)
    }

    /// Forgets the cached normalisation.
    public func resetCache() { cache = nil }

    /// γ: the initial residual and identity mapping; `root` is `X⁽⁰⁾`.
    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        let h = aggregated * (1 - alpha)
        let h0 = root * alpha
        guard let weight2 else {
            let s = try h + h0
            return try s * (1 - beta) + s.matmul(weight1) * beta
        }
        return try h * (1 - beta) + h.matmul(weight1) * beta + h0 * (1 - beta) + h0.matmul(weight2) * beta
    }

    /// - Parameters: `x` `[N, C]`; `x0` the initial features `[N, C]`; `graph`;
    ///   `edgeWeight` `[E]` in edge order or nil. - Returns: `[N, C]`.
    public func callAsFunction(_ x: Tensor, _ x0: Tensor, _ graph: Graph, edgeWeight: Tensor? = nil) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == channels, x0.shape == x.shape else {
            throw TensorError("GCN2Conv", "x \(x.shape) and x0 \(x0.shape) must both be [N, \(channels)]")
        }
        guard normalize else { return try propagate(graph, x: x, edgeWeight: edgeWeight, root: x0) }
        let norm: GCNNormalization
        if cached, let cache {
            norm = cache
        } else {
            norm = try GCNNormalization.of(graph, edgeWeight: edgeWeight, addSelfLoops: addSelfLoops)
            if cached { cache = norm }
        }
        return try propagate(norm.graph, x: x, edgeWeight: norm.weight, root: x0)
    }
}
