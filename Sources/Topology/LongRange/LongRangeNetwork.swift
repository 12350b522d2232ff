import GraphData
import MessagePassing
import NeuralNet
import TensorCore
import Training

/// The networks of the long-range protocols, built from the graph layers of
/// `ModelKind.nodeNetwork` (so `gcn`, `sage`, `gat` and `gin` all work) and read out at
/// one node per graph.
///
/// - `.basic(batchNorm:)`, PyG's `BasicGNN` (`GCN(in, hidden, out, num_layers, norm)`),
///   used by Di Giovanni et al. (with `norm="BatchNorm"`) and by Karhadkar et al.
///   (without):
///
///       h = x;  for l < L:  h = conv_l(h);  if l < L−1: h = ReLU(BN_l(h))
///       logits = h[readout]                                  [N, F] → [B, C]
///
/// - `.residual`, Alon & Yahav's `GraphModel` (residual, layer norm, linear in and out):
///
///       h = W₀x + b₀;  for l < L:  h = LN_l(h + ReLU(conv_l(h)))
///       logits = W_out h[readout]                             (W_out without bias)
///
/// - Shapes: `x` `[N, F]` for the disjoint union of B graphs, `readout` `[B]` node ids →
///   `[B, C]`.
public final class LongRangeNetwork: Module {
    public enum Style: Sendable, Equatable {
        case basic(batchNorm: Bool)
        case residual
    }

    public var isTraining = true
    public var encoder: Linear?
    public var convs: [any NodeLayer]
    public var batchNorms: [BatchNorm]
    public var layerNorms: [LayerNorm]
    public var head: Linear?
    public let style: Style

    /// - Parameters: `layers ≥ 1` graph layers of width `hidden` (for `gat`, `.residual`
    ///   uses 4 heads of `hidden/4` concatenated, as Alon & Yahav; `.basic` one head).
    /// - Throws: `TrainingError(.invalidInput)` for sizes out of range.
    public init(kind: ModelKind, style: Style, inChannels: Int, hidden: Int, classes: Int, layers: Int,
                seed: UInt64) throws {
        guard inChannels > 0, hidden > 0, classes > 0, layers >= 1 else {
            throw TrainingError(.invalidInput, "LongRangeNetwork",
                                "needs inputs, hidden units, classes and layers >= 1 (got \(inChannels), \(hidden), \(classes), \(layers))")
        }
        var rng = RandomGenerator(seed: seed)
        var h = Hyperparameters(hidden: hidden, layers: layers, heads: 1, outputHeads: 1, dropout: 0, inputDropout: 0,
                                attentionDropout: 0)
        self.style = style
        switch style {
        case .basic(let norm):
            convs = try kind.nodeNetwork(inChannels: inChannels, outChannels: classes, h, seed: rng.next()).convs
            batchNorms = norm ? (0..<(layers - 1)).map { _ in BatchNorm(features: hidden) } : []
            layerNorms = []
            encoder = nil
            head = nil
        case .residual:
            if kind == .gat {
                guard hidden % 4 == 0 else {
                    throw TrainingError(.invalidInput, "LongRangeNetwork", "GAT with 4 heads needs hidden divisible by 4, got \(hidden)")
                }
                h.hidden = hidden / 4
                h.heads = 4
            }
            encoder = Linear(inFeatures: inChannels, outFeatures: hidden, using: &rng)
            convs = try kind.nodeNetwork(inChannels: hidden, outChannels: hidden, h, seed: rng.next()).convs
            batchNorms = []
            layerNorms = (0..<layers).map { _ in LayerNorm(hidden) }
            head = Linear(inFeatures: hidden, outFeatures: classes, bias: false, using: &rng)
        }
    }

    /// Builds what the graph layers derive from `graph`'s topology (`NodeLayer.prepare`),
    /// e.g. on a prefetching thread. Changes no result.
    public func prepare(_ graph: Graph) throws {
        for conv in convs { try conv.prepare(graph) }
    }

    /// - Parameters: `x` `[N, F]`; `graph` the union; `readout` `[B]` node ids. - Returns: `[B, C]`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph, readout: Int32Tensor) throws -> Tensor {
        switch style {
        case .basic:
            var h = x
            for (l, conv) in convs.enumerated() {
                h = try conv.forward(h, graph)
                if l < convs.count - 1 {
                    if l < batchNorms.count { h = try batchNorms[l](h) }
                    h = h.relu()
                }
            }
            return try h.indexSelect(axis: 0, readout)
        case .residual:
            guard let encoder, let head else { throw TrainingError(.invalidInput, "LongRangeNetwork", "missing layers") }
            var h = try encoder(x)
            for (l, conv) in convs.enumerated() {
                h = try layerNorms[l](h + conv.forward(h, graph).relu())
            }
            return try head(h.indexSelect(axis: 0, readout))
        }
    }
}
