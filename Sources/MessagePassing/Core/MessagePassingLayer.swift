/// A layer stated as message passing: φ (`message`), ⊕ (`aggregation`) and γ (`update`),
///
///     x_i' = γ(x_i, ⊕_{j ∈ N(i)} φ(x_i, x_j, e_ji)).
///
/// Conforming layers call `propagate(_:x:edgeWeight:edgeFeatures:root:)`; the mechanism
/// (`Propagation`) decides whether φ and ⊕ run as one fused sparse product or per edge.
/// Layers that transform features before propagating (GCN's `x·Wᵀ`) pass the transformed
/// features as `x` and the original ones, if γ needs them, as `root`.
public protocol MessagePassingLayer: Module {
    /// φ. Default `.source` (`x_j`).
    var message: Message { get }
    /// ⊕.
    var aggregation: any Aggregation { get }
    /// γ: combines the aggregated messages `[N, F']` with the root features `[N, F]`.
    /// Default: the aggregated messages unchanged.
    func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor
    /// Forbid the fused path (tests, measurements). Default `.automatic`.
    var strategy: Propagation.Strategy { get }
}

extension MessagePassingLayer {
    public var message: Message { .source }
    public var strategy: Propagation.Strategy { .automatic }
    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor { aggregated }

    /// `γ(root_i, ⊕_{j -> i} φ(x_i, x_j, e_ji))` for every node of `graph`.
    public func propagate(_ graph: Graph, x: Tensor, edgeWeight: Tensor? = nil, edgeFeatures: Tensor? = nil,
                          root: Tensor? = nil) throws -> Tensor {
        let aggregated = try Propagation.propagate(graph, x: x, edgeWeight: edgeWeight, edgeFeatures: edgeFeatures,
                                                   message: message, aggregation: aggregation, strategy: strategy)
        return try update(aggregated, root: root ?? x)
    }
}
