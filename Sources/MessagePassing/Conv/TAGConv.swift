/// Topology adaptive graph convolution (Du et al.; PyG `TAGConv`):
///
///     X' = Σ_{k=0}^{K} (D^{-1/2} A D^{-1/2})^k X W_kᵀ + b
///
/// (no self loops are added; with `normalize` off the raw adjacency / edge weights are
/// used). The normalisation is `GCNNormalization` with `addSelfLoops: false`.
///
/// As message passing: each hop is φ = `ŵ_ji · x_j`, ⊕ = sum (one SpMM); γ sums the
/// per-hop linear maps.
///
/// - Parameters: `inChannels`, `outChannels`; `K` (hops, default 3); `bias` (default
///   true); `normalize` (default true).
/// - Parameters (state dict): `lins.<k>.weight` `[out, in]` for k = 0...K (PyTorch
///   `Linear` init, U(±1/√in), no bias), `bias` `[out]` (zeros).
/// - Shapes: `x` `[N, in]`, edge weight `[E]` → `[N, out]`.
public final class TAGConv: MessagePassingLayer {
    public var isTraining = true
    public var lins: [Linear]
    public var bias: Tensor?
    public let normalize: Bool
    public var strategy: Propagation.Strategy = .automatic
    public let aggregation: any Aggregation = SumAggregation()
    public var message: Message { .weightedSource }

    public init(inChannels: Int, outChannels: Int, K: Int = 3, bias: Bool = true, normalize: Bool = true,
                using rng: inout RandomGenerator) throws {
        guard K >= 0 else { throw TensorError("TAGConv", "K must be non-negative, got \(K)") }
        lins = (0...K).map { _ in Linear(inFeatures: inChannels, outFeatures: outChannels, bias: false, using: &rng) }
        self.bias = bias ? Tensor.zeros([outChannels]).requiringGrad() : nil
        self.normalize = normalize
    }

    public convenience init(inChannels: Int, outChannels: Int, K: Int = 3, bias: Bool = true,
                            normalize: Bool = true) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(inChannels: inChannels, outChannels: outChannels, K: K, bias: bias, normalize: normalize, using: &rng)
    }

    /// Number of hops K.
    public var k: Int { lins.count - 1 }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeWeight` `[E]` in edge order or nil.
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeWeight: Tensor? = nil) throws -> Tensor {
        var g = graph, w = edgeWeight
        if normalize {
            let norm = try GCNNormalization.of(graph, edgeWeight: edgeWeight, addSelfLoops: false)
            g = norm.graph
            w = norm.weight
        }
        var out = try lins[0](x)
        var h = x
        for lin in lins.dropFirst() {
            h = try propagate(g, x: h, edgeWeight: w)
            out = try out + lin(h)
        }
        if let bias { out = try out + bias }
        return out
    }
}
