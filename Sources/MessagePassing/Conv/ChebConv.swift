/// Chebyshev spectral graph convolution (Defferrard et al.; PyG `ChebConv`):
///
///     X' = Σ_{k=0}^{K−1} Z^(k) W_kᵀ + b,
///     Z^(0) = X,   Z^(1) = L̂ X,   Z^(k) = 2 L̂ Z^(k−1) − Z^(k−2),
///     L̂ = 2 L / λ_max − I
///
/// with the graph Laplacian `L` (self loops removed first, edge weights default to 1,
/// degrees summed by *source* as PyG's `get_laplacian`):
/// - `.sym`: `L = I − D^{-1/2} A D^{-1/2}`;
/// - `.rw`: `L = I − D^{-1} A`;
/// - `nil` (none): `L = D − A`.
///
/// `λ_max` defaults, as PyG 2.8, to `2 · max(L)` over the Laplacian's entries (which is
/// 2 for the normalised Laplacians with unit loops, and depends on the weights for
/// `L = D − A`; the gradient flows through that maximum).
///
/// As message passing: each `L̂ ·` is φ = `l̂_ji · x_j`, ⊕ = sum (one SpMM).
///
/// - Parameters: `inChannels`, `outChannels`, `K` (≥ 1, the number of terms);
///   `normalization` (default `.sym`); `bias` (default true).
/// - Parameters (state dict): `lins.<k>.weight` `[out, in]` for k < K (Glorot uniform,
///   no bias), `bias` `[out]` (zeros), as PyG's `reset_parameters`.
/// - Shapes: `x` `[N, in]`, edge weight `[E]` → `[N, out]`.
public final class ChebConv: MessagePassingLayer {
    /// Which Laplacian.
    public enum Normalization: Sendable { case sym, rw }

    public var isTraining = true
    public var lins: [Linear]
    public var bias: Tensor?
    public let normalization: Normalization?
    public var strategy: Propagation.Strategy = .automatic
    public let aggregation: any Aggregation = SumAggregation()
    public var message: Message { .weightedSource }

    public init(inChannels: Int, outChannels: Int, K: Int, normalization: Normalization? = .sym, bias: Bool = true,
                using rng: inout RandomGenerator) throws {
        guard K >= 1 else { throw TensorError("ChebConv", "K must be at least 1, got \(K)") }
        lins = (0..<K).map { _ in
            let l = Linear(inFeatures: inChannels, outFeatures: outChannels, bias: false, using: &rng)
            l.weight = Initializer.glorotUniform([outChannels, inChannels], using: &rng).requiringGrad()
            return l
        }
        self.bias = bias ? Tensor.zeros([outChannels]).requiringGrad() : nil
        self.normalization = normalization
    }

    public convenience init(inChannels: Int, outChannels: Int, K: Int, normalization: Normalization? = .sym,
                            bias: Bool = true) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(inChannels: inChannels, outChannels: outChannels, K: K, normalization: normalization,
                      bias: bias, using: &rng)
    }

    /// Number of Chebyshev terms K.
    public var k: Int { lins.count }

    /// The scaled Laplacian `L̂ = 2L/λ_max − I` as a graph (the non-loop edges, then one
    /// loop per node in node order) and one weight per edge (recorded ops).
    public static func scaledLaplacian(_ graph: Graph, edgeWeight: Tensor?, normalization: Normalization?,
                                       lambdaMax: Float? = nil) throws -> (graph: Graph, weight: Tensor) {
        let n = graph.numNodes
        if let edgeWeight, edgeWeight.shape != [graph.numEdges] {
            throw TensorError("ChebConv", "edge weights have shape \(edgeWeight.shape), expected [\(graph.numEdges)]")
        }
        if let lambdaMax, !(lambdaMax > 0) || !lambdaMax.isFinite {
            throw TensorError("ChebConv", "lambdaMax must be positive and finite, got \(lambdaMax)")
        }
        var keep: [Int32] = [], src: [Int32] = [], dst: [Int32] = []
        for e in 0..<graph.numEdges where graph.source[e] != graph.target[e] {
            keep.append(Int32(e)); src.append(graph.source[e]); dst.append(graph.target[e])
        }
        let w = try edgeWeight.map { try $0.indexSelect(axis: 0, Int32Tensor(keep)) } ?? Tensor.ones([keep.count])
        let srcIndex = Int32Tensor(src), dstIndex = Int32Tensor(dst)
        let degree = try Tensor.scatter(w.reshaped([keep.count, 1]), index: srcIndex, dimSize: n, reduce: .sum)
            .reshaped([n])
        // 1/d (or 1/sqrt d), 0 where d = 0, without an infinite intermediate.
        let positive = degree.gt(0)
        let safe = try degree * positive + (1 - positive)
        let offDiagonal: Tensor, diagonal: Tensor
        switch normalization {
        case nil:
            offDiagonal = -w
            diagonal = degree
        case .sym:
            let r = try safe.rsqrt() * positive
            offDiagonal = try -(r.indexSelect(axis: 0, srcIndex) * w * r.indexSelect(axis: 0, dstIndex))
            diagonal = Tensor.ones([n])
        case .rw:
            let r = try (1 / safe) * positive
            offDiagonal = try -(r.indexSelect(axis: 0, srcIndex) * w)
            diagonal = Tensor.ones([n])
        }
        let laplacian = try Tensor.concat([offDiagonal, diagonal], axis: 0)
        let lambda = lambdaMax.map { Tensor.full([], $0) } ?? 2 * laplacian.max()
        let scaled = try 2 * laplacian / lambda
        let minusIdentity = Tensor((0..<(keep.count + n)).map { $0 < keep.count ? 0 : -1 })
        let nodes = (0..<Int32(n)).map { $0 }
        let g = try Graph(numNodes: n, source: src + nodes, target: dst + nodes)
        return (g, try scaled + minusIdentity)
    }

    /// - Parameters: `x` `[N, in]`; `graph`; `edgeWeight` `[E]` in edge order or nil;
    ///   `lambdaMax` (largest eigenvalue of `L`, default `2 · max(L)` as PyG).
    /// - Returns: `[N, out]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, edgeWeight: Tensor? = nil,
                               lambdaMax: Float? = nil) throws -> Tensor {
        let (g, w) = try ChebConv.scaledLaplacian(graph, edgeWeight: edgeWeight, normalization: normalization,
                                                  lambdaMax: lambdaMax)
        var previous = x
        var out = try lins[0](x)
        if lins.count > 1 {
            var current = try propagate(g, x: x, edgeWeight: w)
            out = try out + lins[1](current)
            for lin in lins.dropFirst(2) {
                let next = try 2 * propagate(g, x: current, edgeWeight: w) - previous
                out = try out + lin(next)
                (previous, current) = (current, next)
            }
        }
        if let bias { out = try out + bias }
        return out
    }
}
