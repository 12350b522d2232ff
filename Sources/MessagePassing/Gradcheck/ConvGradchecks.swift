/// Finite-difference gradient checks for the message-passing layers and aggregations
/// on a small graph (7 nodes, 16 edges with a self loop, a duplicate edge and a node
/// without in-edges). The checked inputs are the node features `x` `[7, 3]` and, where
/// the layer takes them, the edge weights `[16]` (drawn in [−1, 1] and mapped inside to
/// `1 + 0.4·w` ∈ [0.6, 1.4], so degrees stay positive) or edge features `[16, 2]`; each
/// layer's parameters are fixed inside the case (built from a fixed seed on every call).
/// The aggregations are checked on messages `[16, 3]` over the graph's incoming CSR.
public enum ConvGradchecks {
    public static var cases: [GradcheckCase] { propagationCases + convCases + aggregationCases }

    /// The graph of every case.
    static func graph() throws -> Graph {
        try Graph(numNodes: 7, edges: [(0, 1), (1, 0), (1, 2), (2, 1), (2, 0), (3, 3), (4, 0), (0, 4),
                                       (4, 5), (5, 4), (1, 4), (3, 2), (5, 1), (2, 5), (2, 5), (0, 3)])
    }

    /// Positive edge weights from an input in [−1, 1].
    static func weights(_ w: Tensor) -> Tensor { w * 0.4 + 1 }

    static let x: [Int] = [7, 3]
    static let w: [Int] = [16]

    static var propagationCases: [GradcheckCase] {
        [
            GradcheckCase("propagate fused weighted sum", shapes: [x, w]) {
                try Propagation.propagate(graph(), x: $0[0], edgeWeight: weights($0[1]), message: .weightedSource,
                                          aggregation: SumAggregation())
            },
            GradcheckCase("propagate fused weighted mean", shapes: [x, w]) {
                try Propagation.propagate(graph(), x: $0[0], edgeWeight: weights($0[1]), message: .weightedSource,
                                          aggregation: MeanAggregation())
            },
            GradcheckCase("propagate general weighted sum", shapes: [x, w]) {
                try Propagation.propagate(graph(), x: $0[0], edgeWeight: weights($0[1]), message: .weightedSource,
                                          aggregation: SumAggregation(), strategy: .general)
            },
            GradcheckCase("propagate custom message x_i * x_j", shapes: [x]) {
                try Propagation.propagate(graph(), x: $0[0], message: .custom { try $0.target() * $0.source() },
                                          aggregation: MeanAggregation())
            },
        ]
    }

    /// `Sequential(Linear(i, h), Tanh, Linear(h, o))` (smooth, so differences are exact).
    static func mlp(_ i: Int, _ h: Int, _ o: Int, _ rng: inout RandomGenerator) -> Sequential {
        Sequential(Linear(inFeatures: i, outFeatures: h, using: &rng), ActivationLayer(.tanh),
                   Linear(inFeatures: h, outFeatures: o, using: &rng))
    }

    static var convCases: [GradcheckCase] {
        [
            GradcheckCase("GCNConv", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 1)
                return try GCNConv(inChannels: 3, outChannels: 4, using: &rng)($0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("GCNConv improved", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 2)
                return try GCNConv(inChannels: 3, outChannels: 4, improved: true, using: &rng)(
                    $0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("GCNConv no normalize", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 3)
                return try GCNConv(inChannels: 3, outChannels: 4, normalize: false, using: &rng)(
                    $0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("SAGEConv mean", shapes: [x]) {
                var rng = RandomGenerator(seed: 4)
                return try SAGEConv(inChannels: 3, outChannels: 4, using: &rng)($0[0], graph())
            },
            GradcheckCase("SAGEConv max normalize", shapes: [x]) {
                var rng = RandomGenerator(seed: 5)
                return try SAGEConv(inChannels: 3, outChannels: 4, aggregation: MaxAggregation(), normalize: true,
                                    using: &rng)($0[0], graph())
            },
            GradcheckCase("GINConv train eps", shapes: [x]) {
                var rng = RandomGenerator(seed: 6)
                return try GINConv(nn: mlp(3, 5, 4, &rng), eps: 0.2, trainEps: true)($0[0], graph())
            },
            GradcheckCase("GINEConv edge dim", shapes: [x, [16, 2]]) {
                var rng = RandomGenerator(seed: 7)
                let conv = try GINEConv(nn: mlp(3, 5, 4, &rng), eps: 0.1, edgeDim: 2, using: &rng)
                return try conv($0[0], graph(), edgeFeatures: $0[1])
            },
            GradcheckCase("GraphConv sum", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 8)
                return try GraphConv(inChannels: 3, outChannels: 4, using: &rng)($0[0], graph(), edgeWeight: weights($0[1]))
            },
            // Weighted copies of one source (the duplicate edge) come close: a smaller step
            // keeps the differences on one side of the maximum.
            GradcheckCase("GraphConv max", shapes: [x, w], eps: 1e-3) {
                var rng = RandomGenerator(seed: 9)
                return try GraphConv(inChannels: 3, outChannels: 4, aggregation: MaxAggregation(), using: &rng)(
                    $0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("SGConv K=2", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 10)
                return try SGConv(inChannels: 3, outChannels: 4, K: 2, using: &rng)($0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("APPNP K=3", shapes: [x, w]) {
                try APPNP(K: 3, alpha: 0.2)($0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("ChebConv sym K=3", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 11)
                return try ChebConv(inChannels: 3, outChannels: 4, K: 3, using: &rng)($0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("ChebConv rw K=2", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 12)
                return try ChebConv(inChannels: 3, outChannels: 4, K: 2, normalization: .rw, using: &rng)(
                    $0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("ChebConv none K=3", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 13)
                return try ChebConv(inChannels: 3, outChannels: 4, K: 3, normalization: nil, using: &rng)(
                    $0[0], graph(), edgeWeight: weights($0[1]))
            },
            GradcheckCase("TAGConv K=2", shapes: [x, w]) {
                var rng = RandomGenerator(seed: 14)
                return try TAGConv(inChannels: 3, outChannels: 4, K: 2, using: &rng)($0[0], graph(), edgeWeight: weights($0[1]))
            },
        ]
    }

    static func aggregate(_ a: any Aggregation, _ messages: Tensor) throws -> Tensor {
        try a.aggregate(messages, graph().incoming.matrix)
    }

    static var aggregationCases: [GradcheckCase] {
        let m: [Int] = [16, 3]
        return [
            GradcheckCase("SumAggregation", shapes: [m]) { try aggregate(SumAggregation(), $0[0]) },
            GradcheckCase("MeanAggregation", shapes: [m]) { try aggregate(MeanAggregation(), $0[0]) },
            GradcheckCase("MaxAggregation", shapes: [m]) { try aggregate(MaxAggregation(), $0[0]) },
            GradcheckCase("MinAggregation", shapes: [m]) { try aggregate(MinAggregation(), $0[0]) },
            GradcheckCase("SoftmaxAggregation t=1", shapes: [m]) { try aggregate(SoftmaxAggregation(), $0[0]) },
            GradcheckCase("SoftmaxAggregation t=2.5", shapes: [m]) { try aggregate(SoftmaxAggregation(t: 2.5), $0[0]) },
            GradcheckCase("SoftmaxAggregation learn", shapes: [m]) {
                try aggregate(SoftmaxAggregation(t: 0.7, learn: true, channels: 3), $0[0])
            },
            GradcheckCase("VarAggregation", shapes: [m]) { try aggregate(VarAggregation(), $0[0]) },
            GradcheckCase("StdAggregation", shapes: [m]) { try aggregate(StdAggregation(), $0[0]) },
            GradcheckCase("MultiAggregation", shapes: [m]) {
                try aggregate(MultiAggregation([SumAggregation(), MaxAggregation(), StdAggregation()]), $0[0])
            },
        ]
    }
}
