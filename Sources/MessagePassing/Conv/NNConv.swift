import TensorCore

/// The edge-conditioned convolution (Gilmer et al. 2017, Simonovsky & Komodakis; PyG
/// `NNConv`):
///
///     x_i' = Θ x_i + ⊕_{j ∈ N(i)} x_j · h_Θ(e_ji) + b
///
/// where the edge network `h_Θ` maps each edge's features to an `[in, out]` matrix
/// (flattened, `in·out` outputs).
///
/// As message passing: φ = `x_j · reshape(nn(e_ji), [in, out])` per edge (a batched
/// product), ⊕ the aggregation (sum by default), γ adds the root term `Θ x_i` and `b`.
///
/// - Parameters: `inChannels`, `outChannels`; `nn` (`[E, D]` → `[E, in·out]`);
///   `aggregation` (default sum); `rootWeight` (default true); `bias` (default true).
/// - Parameters (state dict): `nn.*`, `lin.weight` `[out, in]` (U(−1/√in, 1/√in), no
///   bias), `bias` `[out]` (zeros).
/// - Shapes: `x` `[N, in]`, edge features `[E, D]` → `[N, out]`.
public final class NNConv: MessagePassingLayer, CustomReflectable {
    public var isTraining = true
    public var nn: any Layer
    public var lin: Linear?
    public var bias: Tensor?
    public let aggregation: any Aggregation
    public let inChannels: Int
    public let outChannels: Int
    public var strategy: Propagation.Strategy = .automatic

    public init(inChannels: Int, outChannels: Int, nn: any Layer, aggregation: any Aggregation = SumAggregation(),
                rootWeight: Bool = true, bias: Bool = true, using rng: inout RandomGenerator) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.nn = nn
        self.aggregation = aggregation
        lin = rootWeight ? Linear(inFeatures: inChannels, outFeatures: outChannels, bias: false, using: &rng) : nil
        self.bias = bias ? Tensor.zeros([outChannels]).requiringGrad() : nil
    }

    public convenience init(inChannels: Int, outChannels: Int, nn: any Layer, aggregation: any Aggregation = SumAggregation(),
                            rootWeight: Bool = true, bias: Bool = true) {
        var rng = Random.withGenerator { $0.fork() }
        self.init(inChannels: inChannels, outChannels: outChannels, nn: nn, aggregation: aggregation,
                  rootWeight: rootWeight, bias: bias, using: &rng)
    }

    /// φ: `x_j · W(e_ji)`, one `[in, out]` matrix per edge from the edge network.
    public var message: Message {
        .custom { [nn, inChannels, outChannels] inputs in
            guard let e = inputs.edgeFeatures else {
                throw TensorError("NNConv", "edge features are required")
            }
            let w = try nn(e)
            guard w.shape == [inputs.count, inChannels * outChannels] else {
                throw TensorError("NNConv", "the edge network returned \(w.shape), expected [\(inputs.count), \(inChannels * outChannels)]")
            }
            let xj = try inputs.source().reshaped([inputs.count, 1, inChannels])
            return try xj.matmul(w.reshaped([inputs.count, inChannels, outChannels])).reshaped([inputs.count, outChannels])
        }
    }

    /// γ: `⊕ + Θ x_i + b`.
    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        var out = aggregated
        if let lin { out = try out + lin(root) }
        if let bias { out = try out + bias }
        return out
    }

    /// State-dict children as PyG: `aggr_module` (state only for a learnable
    /// aggregation), `nn`, `lin`, `bias`.
    public var customMirror: Mirror {
        var children: [(label: String?, value: Any)] = [("aggr_module", aggregation), ("nn", nn)]
        if let lin { children.append(("lin", lin)) }
        if let bias { children.append(("bias", bias)) }
        return Mirror(self, children: children, displayStyle: .class)
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeFeatures` `[E, D]` in edge order.
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == inChannels else {
            throw TensorError("NNConv", "input has shape \(x.shape), expected [N, \(inChannels)]")
        }
        return try propagate(graph, x: x, edgeFeatures: edgeFeatures)
    }
}
