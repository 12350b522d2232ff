import TensorCore

/// The node selection of `TopKPooling`, PyG's `SelectTopK` (without `min_score`):
/// a learnable projection `p` scores every node,
///
///     y_i = tanh(⟨x_i, p⟩ / ‖p‖)
///
/// and each graph keeps its `k` best nodes: `k = ⌈ratio · n_g⌉` for `ratio < 1`,
/// `k = min(Int(ratio), n_g)` for `ratio ≥ 1` (PyG's float/int rule).
///
/// - Parameter: `weight` `p` `[1, F]`, initialised U(−1/√F, 1/√F) (PyG's `uniform`).
public final class SelectTopK: Module {
    public var isTraining = true
    /// The projection `p`, `[1, F]`.
    public var weight: Tensor
    public let inChannels: Int
    public let ratio: Double

    /// A selector with weights drawn from `rng`. `ratio` must be positive.
    public convenience init(inChannels: Int, ratio: Double = 0.5, using rng: inout RandomGenerator) {
        self.init(inChannels, ratio, SelectTopK.initialWeight(inChannels, &rng))
    }

    /// A selector initialised from the global generator (see `Random.seed(_:)`).
    public convenience init(inChannels: Int, ratio: Double = 0.5) {
        self.init(inChannels, ratio, Random.withGenerator { SelectTopK.initialWeight(inChannels, &$0) })
    }

    private init(_ inChannels: Int, _ ratio: Double, _ weight: Tensor) {
        precondition(ratio > 0 && ratio.isFinite, "SelectTopK: ratio must be positive and finite, got \(ratio)")
        self.inChannels = inChannels
        self.ratio = ratio
        self.weight = weight
    }

    private static func initialWeight(_ inChannels: Int, _ rng: inout RandomGenerator) -> Tensor {
        precondition(inChannels >= 0, "SelectTopK: inChannels must be non-negative, got \(inChannels)")
        let bound: Float = inChannels > 0 ? 1 / Float(inChannels).squareRoot() : 0
        return Tensor.uniform([1, inChannels], low: -bound, high: bound, using: &rng).requiringGrad()
    }

    /// Scores `y` `[N]` of the nodes of `x` `[N, F]` (differentiable in `x` and `weight`).
    public func scores(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == inChannels else {
            throw TensorError("SelectTopK", "input has shape \(x.shape), expected [N, \(inChannels)]")
        }
        let projected = try x.matmul(weight.transposed()).reshaped([x.shape[0]])
        return try (projected / weight.norm()).tanh()
    }

    /// Number of nodes a graph of `n` nodes keeps.
    public func keep(_ n: Int) -> Int {
        if ratio >= 1 { return Swift.min(n, Int(ratio)) }
        // In single precision, as PyG's `(ratio * num_nodes.to(x.dtype)).ceil()`.
        return Swift.min(n, Int((Float(ratio) * Float(n)).rounded(.up)))
    }

    /// The kept nodes, graph by graph, best score first within a graph (ties: lower node
    /// id first; NaN ranks highest, as torch's descending sort).
    public func select(scores: [Float], _ segments: NodeSegments) -> [Int32] {
        var perm: [Int32] = []
        let order = segments.order?.scalars
        for g in 0..<segments.numGraphs {
            let lo = segments.ptr[g], hi = segments.ptr[g + 1]
            var nodes = (lo..<hi).map { order?[$0] ?? Int32($0) }
            nodes.sort { a, b in
                let sa = scores[Int(a)], sb = scores[Int(b)]
                if sa.isNaN || sb.isNaN { return sa.isNaN && !sb.isNaN || (sa.isNaN && sb.isNaN && a < b) }
                return sa > sb || (sa == sb && a < b)
            }
            perm += nodes.prefix(keep(nodes.count))
        }
        return perm
    }
}
