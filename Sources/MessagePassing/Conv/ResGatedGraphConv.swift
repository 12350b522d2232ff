/// Residual gated graph convolution (Bresson & Laurent; PyG `ResGatedGraphConv`):
///
///     x_i' = W_1 x_i + Σ_{j ∈ N(i)} η_ji ⊙ W_2 x_j + b,   η_ji = σ(W_3 x_i + W_4 x_j)
///
/// with key `W_3` (`lin_key`, on the target), query `W_4` (`lin_query`, on the source),
/// value `W_2` (`lin_value`), skip `W_1` (`lin_skip`) and gate σ (sigmoid by default).
/// With `edgeDim` the three maps act per edge on `[x ‖ e_ji]`:
/// `η_ji = σ(W_3 [x_i ‖ e_ji] + W_4 [x_j ‖ e_ji])`, message `η_ji ⊙ W_2 [x_j ‖ e_ji]`.
///
/// As message passing: φ is a custom per-edge function (the gate is elementwise per
/// edge, so the messages are `[E, C]`), ⊕ = sum, γ adds the skip and the bias.
///
/// - Parameters: `inChannels`, `outChannels`; `act` (σ, default sigmoid); `edgeDim`;
///   `rootWeight` (true); `bias` (true).
/// - Parameters (state dict, as PyG): `lin_key`, `lin_query`, `lin_value` (weight
///   `[out, in + D]`, bias), `lin_skip.weight` `[out, in]`, `bias` `[out]` (zeros). The
///   linear maps use PyG's `Linear` default init (kaiming uniform, bound 1/sqrt(fan in)).
/// - Shapes: `x` `[N, in]`, edge features `[E, D]` → `[N, out]`.
public final class ResGatedGraphConv: MessagePassingLayer {
    public var isTraining = true
    public var linKey: Linear
    public var linQuery: Linear
    public var linValue: Linear
    public var linSkip: Linear?
    public var bias: Tensor?
    public let edgeDim: Int?
    public let outChannels: Int
    public var strategy: Propagation.Strategy = .automatic
    public let aggregation: any Aggregation = SumAggregation()
    private let act: (Tensor) throws -> Tensor

    public init(inChannels: Int, outChannels: Int, act: @escaping (Tensor) throws -> Tensor = { $0.sigmoid() },
                edgeDim: Int? = nil, rootWeight: Bool = true, bias: Bool = true, using rng: inout RandomGenerator) {
        let inner = inChannels + (edgeDim ?? 0)
        linKey = Linear(inFeatures: inner, outFeatures: outChannels, using: &rng)
        linQuery = Linear(inFeatures: inner, outFeatures: outChannels, using: &rng)
        linValue = Linear(inFeatures: inner, outFeatures: outChannels, using: &rng)
        linSkip = rootWeight ? Linear(inFeatures: inChannels, outFeatures: outChannels, bias: false, using: &rng) : nil
        self.bias = bias ? Tensor.zeros([outChannels]).requiringGrad() : nil
        self.edgeDim = edgeDim
        self.outChannels = outChannels
        self.act = act
    }

    /// As `init(...using:)`, drawing from the global generator.
    public convenience init(inChannels: Int, outChannels: Int, act: @escaping (Tensor) throws -> Tensor = { $0.sigmoid() },
                            edgeDim: Int? = nil, rootWeight: Bool = true, bias: Bool = true) {
        var rng = Random.withGenerator { $0.fork() }
        self.init(inChannels: inChannels, outChannels: outChannels, act: act, edgeDim: edgeDim,
                  rootWeight: rootWeight, bias: bias, using: &rng)
    }

    /// φ: the sources carry `[q ‖ v]`, the targets `k` (transformed per node without
    /// edge features, raw `x` with them).
    public var message: Message {
        .custom { [self] inputs in
            let src = try inputs.source(), k = try inputs.target()
            let f = k.shape[1]
            var q = try src.slice(axis: 1, range: 0..<f), v = try src.slice(axis: 1, range: f..<2 * f)
            var key = k
            if self.edgeDim != nil {
                guard let e = inputs.edgeFeatures else {
                    throw TensorError("ResGatedGraphConv", "the layer was built with edgeDim but no edge features were given")
                }
                key = try self.linKey(Tensor.concat([key, e], axis: 1))
                q = try self.linQuery(Tensor.concat([q, e], axis: 1))
                v = try self.linValue(Tensor.concat([v, e], axis: 1))
            }
            return try self.act(key + q) * v
        }
    }

    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        var out = aggregated
        if let linSkip { out = try out + linSkip(root) }
        if let bias { out = try out + bias }
        return out
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeFeatures` `[E, D]` in edge order.
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> Tensor {
        let k: Tensor, q: Tensor, v: Tensor
        if edgeDim == nil {
            (k, q, v) = (try linKey(x), try linQuery(x), try linValue(x))
        } else {
            (k, q, v) = (x, x, x)
        }
        let edges = try edgeFeatures.map { try AttentionInit.edgeMatrix($0, edges: graph.numEdges, layer: "ResGatedGraphConv") }
        let aggregated = try Propagation.propagate(graph, x: Tensor.concat([q, v], axis: 1), targetFeatures: k,
                                                   edgeFeatures: edges, message: message, aggregation: aggregation,
                                                   strategy: strategy)
        return try update(aggregated, root: x)
    }
}
