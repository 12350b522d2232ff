import TensorCore

/// Gated graph convolution (Li et al. 2016, PyG `GatedGraphConv`):
///
///     h⁽⁰⁾_i = x_i ‖ 0                         (zero-padded to C channels)
///     m⁽ℓ⁺¹⁾_i = ⊕_{j ∈ N(i)} e_ji · h⁽ℓ⁾_j · Θ⁽ℓ⁾
///     h⁽ℓ⁺¹⁾_i = GRU(m⁽ℓ⁺¹⁾_i, h⁽ℓ⁾_i)           for ℓ = 0 ..< L
///
/// As message passing, once per step: the features are first transformed (`h · Θ⁽ℓ⁾`),
/// φ = `e_ji · x_j` (edge weights optional), ⊕ the aggregation (sum by default: one fused
/// SpMM), γ = the GRU cell with the current state as the root.
///
/// - Parameters: `outChannels` C (input features must be at most C); `numLayers` L;
///   `aggregation` (default sum); `bias` of the GRU.
/// - Parameters (state dict): `weight` `[L, C, C]` (U(−1/√C, 1/√C), applied as `h · Θ`),
///   `rnn.weight_ih`, `rnn.weight_hh`, `rnn.bias_ih`, `rnn.bias_hh` (`GRUCell`).
/// - Shapes: `x` `[N, F ≤ C]`, edge weight `[E]` → `[N, C]`.
public final class GatedGraphConv: MessagePassingLayer, CustomReflectable {
    public var isTraining = true
    /// Θ for every step, `[L, C, C]`.
    public var weight: Tensor
    public var rnn: GRUCell
    public let aggregation: any Aggregation
    public let outChannels: Int
    public let numLayers: Int
    public var strategy: Propagation.Strategy = .automatic

    public var message: Message { .weightedSource }

    public init(outChannels: Int, numLayers: Int, aggregation: any Aggregation = SumAggregation(), bias: Bool = true,
                using rng: inout RandomGenerator) throws {
        guard outChannels >= 1, numLayers >= 1 else {
            throw TensorError("GatedGraphConv", "outChannels \(outChannels) and numLayers \(numLayers) must be positive")
        }
        self.outChannels = outChannels
        self.numLayers = numLayers
        self.aggregation = aggregation
        let bound = 1 / Float(outChannels).squareRoot()
        weight = Tensor.uniform([numLayers, outChannels, outChannels], low: -bound, high: bound, using: &rng).requiringGrad()
        rnn = GRUCell(inputSize: outChannels, hiddenSize: outChannels, bias: bias, using: &rng)
    }

    public convenience init(outChannels: Int, numLayers: Int, aggregation: any Aggregation = SumAggregation(),
                            bias: Bool = true) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(outChannels: outChannels, numLayers: numLayers, aggregation: aggregation, bias: bias, using: &rng)
    }

    /// γ: the GRU step, with the aggregated messages as input and the state as root.
    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        try rnn(aggregated, root)
    }

    /// State-dict children as PyG: `aggr_module` (state only for a learnable
    /// aggregation), `weight`, `rnn`.
    public var customMirror: Mirror {
        Mirror(self, children: [(label: String?.some("aggr_module"), value: aggregation as Any),
                                (label: "weight", value: weight as Any), (label: "rnn", value: rnn as Any)],
               displayStyle: .class)
    }

    /// - Parameters: `x` `[N, F]` with `F ≤ C`; `graph`; `edgeWeight` `[E]` or nil.
    /// - Returns: `[N, C]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeWeight: Tensor? = nil) throws -> Tensor {
        guard x.rank == 2, x.shape[1] <= outChannels else {
            throw TensorError("GatedGraphConv", "input has shape \(x.shape), expected [N, F] with F at most \(outChannels)")
        }
        var h = x
        if x.shape[1] < outChannels {
            h = try Tensor.concat([x, Tensor.zeros([x.shape[0], outChannels - x.shape[1]])], axis: 1)
        }
        for l in 0..<numLayers {
            let theta = try weight.narrow(axis: 0, start: l, length: 1).reshaped([outChannels, outChannels])
            h = try propagate(graph, x: h.matmul(theta), edgeWeight: edgeWeight, root: h)
        }
        return h
    }
}
