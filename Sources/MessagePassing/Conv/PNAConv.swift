import TensorCore

/// Principal neighbourhood aggregation (Corso et al. 2020, PyG `PNAConv`):
///
///     x_i' = lin( ‖_{t < T} post_t( x_i^t ‖ ‖_{s ∈ S} ‖_{a ∈ A} s(d_i) · a_{j ∈ N(i)} pre_t(x_i^t ‖ x_j^t ‖ enc(e_ji)) ) )
///
/// with towers t (each `x^t` is the whole input, or its t-th slice with `divideInput`),
/// aggregators A (e.g. mean, min, max, std), degree scalers S (`DegreeScaler`), the
/// in-degree `d_i`, and the edge encoder `enc` (a Linear, only with `edgeDim`).
///
/// As message passing: φ = the towers' pre-networks side by side (`[E, T·F_in]`), ⊕ =
/// `DegreeScalerAggregation(MultiAggregation(A), S)`, γ = per-tower post-networks on
/// `x^t ‖ aggregated^t`, concatenated, then `lin`.
///
/// - Parameters: `inChannels`, `outChannels` (divisible by `towers`); `aggregators`;
///   `scalers`; `deg` the in-degree histogram of the training graphs
///   (`degreeHistogram(_:)`); `edgeDim`; `towers` (1); `preLayers`, `postLayers` (1: a
///   single Linear; more add ReLU, Linear); `divideInput` (false); `trainNorm` (false).
/// - Parameters (state dict, PyG): `aggr_module.avg_deg_lin`, `aggr_module.avg_deg_log`,
///   `edge_encoder.*`, `pre_nns.<t>.<k>.*`, `post_nns.<t>.<k>.*`, `lin.*`; Linear layers
///   with torch's default initialisation.
/// - Shapes: `x` `[N, in]`, edge features `[E, edgeDim]` → `[N, out]`.
public final class PNAConv: MessagePassingLayer {
    public var isTraining = true
    public var aggrModule: DegreeScalerAggregation
    public var edgeEncoder: Linear?
    public var preNns: [Sequential]
    public var postNns: [Sequential]
    public var lin: Linear
    public let inChannels: Int
    public let outChannels: Int
    public let towers: Int
    public let divideInput: Bool
    /// Features per tower in (`F_in`) and out (`F_out`).
    public let towerIn: Int
    public let towerOut: Int
    /// `|A| · |S|`: aggregated blocks per tower.
    public let blocks: Int
    public var strategy: Propagation.Strategy = .automatic

    public var aggregation: any Aggregation { aggrModule }

    public init(inChannels: Int, outChannels: Int, aggregators: [any Aggregation], scalers: [DegreeScaler], deg: [Int],
                edgeDim: Int? = nil, towers: Int = 1, preLayers: Int = 1, postLayers: Int = 1, divideInput: Bool = false,
                trainNorm: Bool = false, using rng: inout RandomGenerator) throws {
        let op = "PNAConv"
        guard inChannels >= 1, towers >= 1, outChannels % towers == 0, outChannels >= towers,
              !divideInput || inChannels % towers == 0 else {
            throw TensorError(op, "channels \(inChannels) -> \(outChannels) do not split into \(towers) towers")
        }
        guard preLayers >= 1, postLayers >= 1, !aggregators.isEmpty else {
            throw TensorError(op, "needs at least one aggregator and one pre and post layer")
        }
        aggrModule = try DegreeScalerAggregation(aggregation: MultiAggregation(aggregators), scalers: scalers,
                                                 degreeHistogram: deg, trainNorm: trainNorm)
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.towers = towers
        self.divideInput = divideInput
        let fIn = divideInput ? inChannels / towers : inChannels, fOut = outChannels / towers
        towerIn = fIn
        towerOut = fOut
        blocks = aggregators.count * scalers.count
        let withEdges = (edgeDim ?? 0) > 0
        edgeEncoder = withEdges ? Linear(inFeatures: edgeDim ?? 0, outFeatures: fIn, using: &rng) : nil
        func stack(_ first: Int, _ width: Int, _ layers: Int, _ rng: inout RandomGenerator) -> Sequential {
            let s = Sequential(Linear(inFeatures: first, outFeatures: width, using: &rng))
            for _ in 1..<layers {
                s.append(ActivationLayer(.relu))
                s.append(Linear(inFeatures: width, outFeatures: width, using: &rng))
            }
            return s
        }
        var pre: [Sequential] = [], post: [Sequential] = []
        for _ in 0..<towers {
            pre.append(stack((withEdges ? 3 : 2) * fIn, fIn, preLayers, &rng))
            post.append(stack((blocks + 1) * fIn, fOut, postLayers, &rng))
        }
        preNns = pre
        postNns = post
        lin = Linear(inFeatures: outChannels, outFeatures: outChannels, using: &rng)
    }

    public convenience init(inChannels: Int, outChannels: Int, aggregators: [any Aggregation], scalers: [DegreeScaler],
                            deg: [Int], edgeDim: Int? = nil, towers: Int = 1, preLayers: Int = 1, postLayers: Int = 1,
                            divideInput: Bool = false, trainNorm: Bool = false) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(inChannels: inChannels, outChannels: outChannels, aggregators: aggregators, scalers: scalers,
                      deg: deg, edgeDim: edgeDim, towers: towers, preLayers: preLayers, postLayers: postLayers,
                      divideInput: divideInput, trainNorm: trainNorm, using: &rng)
    }

    /// The in-degree histogram of `graphs` (PyG's `PNAConv.get_degree_histogram`):
    /// entry k counts the nodes with k incoming edges.
    public static func degreeHistogram(_ graphs: [Graph]) -> [Int] {
        var hist = [0]
        for g in graphs {
            var deg = [Int](repeating: 0, count: g.numNodes)
            for t in g.target where Int(t) < g.numNodes && t >= 0 { deg[Int(t)] += 1 }
            for d in deg {
                if d >= hist.count { hist += [Int](repeating: 0, count: d - hist.count + 1) }
                hist[d] += 1
            }
        }
        return hist
    }

    /// Tower `t`'s slice of node features `[*, in]` (the whole input without `divideInput`).
    private func tower(_ x: Tensor, _ t: Int) throws -> Tensor {
        divideInput ? try x.narrow(axis: 1, start: t * towerIn, length: towerIn) : x
    }

    /// φ: `pre_t(x_i^t ‖ x_j^t ‖ enc(e_ji))` for every tower, side by side: `[E, T·F_in]`.
    public var message: Message {
        .custom { [self] inputs in
            let xi = try inputs.target(), xj = try inputs.source()
            var encoded: [Tensor] = []
            if let edgeEncoder {
                guard let e = inputs.edgeFeatures else { throw TensorError("PNAConv", "edge features are required (edgeDim)") }
                encoded = [try edgeEncoder(e)]
            }
            var hs: [Tensor] = []
            for t in 0..<towers {
                hs.append(try preNns[t](Tensor.concat([tower(xi, t), tower(xj, t)] + encoded, axis: 1)))
            }
            return hs.count == 1 ? hs[0] : try Tensor.concat(hs, axis: 1)
        }
    }

    /// γ: `lin(‖_t post_t(x^t ‖ aggregated^t))`; `aggregated` is `[N, |S|·|A|·T·F_in]`
    /// (scaler, aggregator, tower, feature), `root` the input `x`.
    public func update(_ aggregated: Tensor, root: Tensor) throws -> Tensor {
        let n = root.shape[0]
        let blocked = try aggregated.reshaped([n, blocks, towers * towerIn])
        var outs: [Tensor] = []
        for t in 0..<towers {
            let mine = try blocked.narrow(axis: 2, start: t * towerIn, length: towerIn).reshaped([n, blocks * towerIn])
            outs.append(try postNns[t](Tensor.concat([tower(root, t), mine], axis: 1)))
        }
        return try lin(outs.count == 1 ? outs[0] : Tensor.concat(outs, axis: 1))
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeFeatures` `[E, edgeDim]` (with `edgeDim`).
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeFeatures: Tensor? = nil) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == inChannels else {
            throw TensorError("PNAConv", "input has shape \(x.shape), expected [N, \(inChannels)]")
        }
        return try propagate(graph, x: x, edgeFeatures: edgeFeatures)
    }
}
