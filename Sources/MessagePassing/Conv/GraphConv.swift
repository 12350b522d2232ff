/// The higher-order GNN layer of Morris et al. ("Weisfeiler and Leman Go Neural";
/// PyG `GraphConv`):
///
///     x_i' = W_1 x_i + W_2 · ⊕_{j ∈ N(i)} e_ji · x_j
///
/// with ⊕ sum (default), mean, max or any `Aggregation`, and `e_ji` the edge weight
/// (1 when none is passed).
///
/// As message passing: φ = `e_ji · x_j`, ⊕ as given, γ = `lin_rel(·) + lin_root(x_i)`.
/// With sum or mean the mechanism runs φ and ⊕ as one SpMM.
///
/// - Parameters: `inChannels`, `outChannels`; `aggregation` (default sum); `bias` (on
///   `lin_rel`, default true).
/// - Parameters (state dict): `lin_rel.weight` `[out, in]`, `lin_rel.bias` `[out]`,
///   `lin_root.weight` `[out, in]` (PyTorch `Linear` init, U(±1/√in)).
/// - Shapes: `x` `[N, in]`, edge weight `[E]` → `[N, out]`.
public final class GraphConv: MessagePassingLayer {
    public var isTraining = true
    public var linRel: Linear
    public var linRoot: Linear
    public var aggrModule: any Aggregation
    public var strategy: Propagation.Strategy = .automatic

    public var message: Message { .weightedSource }
    public var aggregation: any Aggregation { aggrModule }

    public init(inChannels: Int, outChannels: Int, aggregation: any Aggregation = SumAggregation(), bias: Bool = true,
                using rng: inout RandomGenerator) {
        aggrModule = aggregation
        linRel = Linear(inFeatures: inChannels, outFeatures: outChannels, bias: bias, using: &rng)
        linRoot = Linear(inFeatures: inChannels, outFeatures: outChannels, bias: false, using: &rng)
    }

    public convenience init(inChannels: Int, outChannels: Int, aggregation: any Aggregation = SumAggregation(),
                            bias: Bool = true) {
        var rng = Random.withGenerator { $0.fork() }
        self.init(inChannels: inChannels, outChannels: outChannels, aggregation: aggregation, bias: bias, using: &rng)
    }

    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        try linRel(aggregated) + linRoot(root)
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeWeight` `[E]` in edge order or nil.
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeWeight: Tensor? = nil) throws -> Tensor {
        try propagate(graph, x: x, edgeWeight: edgeWeight)
    }
}
