import TensorCore

/// The virtual node of Gilmer et al. as OGB implements it (Hu et al. 2020, OGB
/// `examples/graphproppred/mol/conv.py`, `GNN_node_Virtualnode`): one extra node per
/// graph, connected to all its nodes, carried between message-passing layers.
///
/// For layers `l = 0 ..< L` of a GNN:
///
///     v⁰_g = e                                    (a learned row, initialised to 0)
///     h̃ˡ_i = hˡ_i + vˡ_{g(i)}                    (before layer l: `addTo`)
///     hˡ⁺¹ = layer_l(h̃ˡ)
///     vˡ⁺¹_g = MLP_l(Σ_{i ∈ g} h̃ˡ_i + vˡ_g)         (after layer l < L − 1: `update`)
///            (+ vˡ_g with `residual`; dropout on the MLP output in training)
///
/// with OGB's MLP `Linear(d, 2d) → BatchNorm → ReLU → Linear(2d, d) → BatchNorm → ReLU`.
///
/// - Parameters (OGB names): `virtualnode_embedding.weight` `[1, d]` (zeros),
///   `mlp_virtualnode_list.<l>.{0,3}.{weight,bias}` (Linear, torch init),
///   `mlp_virtualnode_list.<l>.{1,4}.*` (BatchNorm1d), one MLP per layer but the last.
/// - Shapes: node features `[N, d]`, virtual nodes `[G, d]`.
public final class VirtualNode: Module {
    public var isTraining = true
    /// The virtual node's initial state `e`, `[1, d]`.
    public var virtualnodeEmbedding: Embedding
    /// One MLP per update (`numLayers − 1`).
    public var mlpVirtualnodeList: [Sequential]
    public var dropout: Dropout
    public let dim: Int
    public let residual: Bool

    /// - Parameters: `dim` the feature size; `numLayers` of the GNN (`numLayers − 1`
    ///   updates); `residual` adds the previous virtual node to the MLP's output;
    ///   `dropout` on the MLP's output in training (OGB's `drop_ratio`).
    public init(dim: Int, numLayers: Int, residual: Bool = false, dropout: Float = 0,
                using rng: inout RandomGenerator) throws {
        guard dim > 0, numLayers >= 1 else {
            throw TensorError("VirtualNode", "dim \(dim) and numLayers \(numLayers) must be positive")
        }
        self.dim = dim
        self.residual = residual
        virtualnodeEmbedding = try Embedding(count: 1, dimension: dim, using: &rng)
        virtualnodeEmbedding.weight = Tensor.zeros([1, dim]).requiringGrad()
        mlpVirtualnodeList = (0..<(numLayers - 1)).map { _ in
            Sequential(Linear(inFeatures: dim, outFeatures: 2 * dim, using: &rng), BatchNorm(features: 2 * dim),
                       ActivationLayer(.relu),
                       Linear(inFeatures: 2 * dim, outFeatures: dim, using: &rng), BatchNorm(features: dim),
                       ActivationLayer(.relu))
        }
        self.dropout = try Dropout(p: dropout, seed: rng.next())
    }

    public convenience init(dim: Int, numLayers: Int, residual: Bool = false, dropout: Float = 0) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(dim: dim, numLayers: numLayers, residual: residual, dropout: dropout, using: &rng)
    }

    /// `v⁰`: the embedding row once per graph, `[G, d]`.
    public func initial(numGraphs: Int) throws -> Tensor {
        try virtualnodeEmbedding(Int32Tensor([Int32](repeating: 0, count: numGraphs)))
    }

    /// `h_i + v_{g(i)}`, `[N, d]`.
    public func addTo(_ h: Tensor, _ virtualNodes: Tensor, _ segments: NodeSegments) throws -> Tensor {
        try check(h, virtualNodes, segments)
        return try h + segments.broadcast(virtualNodes)
    }

    /// The virtual nodes after layer `layer`: `MLP_layer(Σ_{i ∈ g} h_i + v_g)` (`+ v_g` with
    /// `residual`), where `h` are the features the layer received (after `addTo`).
    public func update(layer: Int, _ h: Tensor, _ virtualNodes: Tensor, _ segments: NodeSegments) throws -> Tensor {
        guard mlpVirtualnodeList.indices.contains(layer) else {
            throw TensorError("VirtualNode", "no update after layer \(layer); updates exist for 0..<\(mlpVirtualnodeList.count)")
        }
        try check(h, virtualNodes, segments)
        let pooled = try globalAddPool(h, segments) + virtualNodes
        let out = try dropout(mlpVirtualnodeList[layer](pooled))
        return residual ? try virtualNodes + out : out
    }

    private func check(_ h: Tensor, _ v: Tensor, _ segments: NodeSegments) throws {
        guard h.rank == 2, h.shape == [segments.numNodes, dim], v.shape == [segments.numGraphs, dim] else {
            throw TensorError("VirtualNode", "node features \(h.shape) and virtual nodes \(v.shape), expected [\(segments.numNodes), \(dim)] and [\(segments.numGraphs), \(dim)]")
        }
    }
}
