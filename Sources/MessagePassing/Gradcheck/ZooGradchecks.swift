import NeuralNet
import TensorCore

/// Finite-difference gradient checks for the pooling operators, norms, virtual node and
/// layer zoo of MessagePassing (one case per operator and notable variant), run by the
/// tests and available to the CLI's `gradcheck` command next to
/// `GradcheckSuite.tensorCore` and `NeuralNetGradchecks.all`.
///
/// Modules are rebuilt inside each function from a fixed seed, so every evaluation sees
/// the same parameters; the checked tensors are the inputs in `shapes` (node features,
/// edge data, and for several layers their parameters, assigned into the module).
/// Operators with a max/min/top-k choice use a small step (`eps: 1e-3`) so no tie is
/// crossed.
public enum ZooGradchecks {
    public static var cases: [GradcheckCase] {
        poolingCases + normCases + convCases
    }

    /// Five nodes in two graphs (nodes 0–2 and 3–4); node 0 has one incoming edge, node 4
    /// only a self loop.
    static func graph() throws -> Graph {
        try Graph(numNodes: 5, source: [0, 1, 1, 2, 3, 4, 2], target: [1, 0, 2, 1, 4, 4, 0])
    }

    static let batch: [Int32] = [0, 0, 0, 1, 1]
    static func segments() throws -> NodeSegments { try NodeSegments(batch: batch, numNodes: 5) }
    static let edges = 7

    /// Positive edge weights in [0.75, 1.25] from an input in [−1, 1].
    static func positive(_ w: Tensor) -> Tensor { w * 0.25 + 1 }

    static func mlp(_ a: Int, _ b: Int, _ c: Int, _ rng: inout RandomGenerator) -> Sequential {
        Sequential(Linear(inFeatures: a, outFeatures: b, using: &rng), ActivationLayer(.tanh),
                   Linear(inFeatures: b, outFeatures: c, using: &rng))
    }

    static var poolingCases: [GradcheckCase] {
        [
            GradcheckCase("globalAddPool", shapes: [[5, 3]]) { try globalAddPool($0[0], segments()) },
            GradcheckCase("globalMeanPool", shapes: [[5, 3]]) { try globalMeanPool($0[0], segments()) },
            GradcheckCase("globalMaxPool", shapes: [[5, 3]], eps: 1e-3) { try globalMaxPool($0[0], segments()) },
            GradcheckCase("AttentionalAggregation", shapes: [[5, 3]]) {
                var rng = RandomGenerator(seed: 1)
                let aggr = AttentionalAggregation(gateNn: Linear(inFeatures: 3, outFeatures: 1, using: &rng),
                                                  nn: Linear(inFeatures: 3, outFeatures: 2, using: &rng))
                return try aggr($0[0], segments())
            },
            GradcheckCase("Set2Set", shapes: [[5, 3]]) {
                var rng = RandomGenerator(seed: 2)
                return try Set2Set(inChannels: 3, processingSteps: 2, using: &rng)($0[0], segments())
            },
            GradcheckCase("LSTMCell", shapes: [[2, 3], [2, 2], [2, 2]]) {
                var rng = RandomGenerator(seed: 3)
                let (h, c) = try LSTMCell(inputSize: 3, hiddenSize: 2, using: &rng)($0[0], ($0[1], $0[2]))
                return try h + c
            },
            GradcheckCase("TopKPooling", shapes: [[5, 3]], eps: 1e-3) {
                var rng = RandomGenerator(seed: 4)
                let pool = TopKPooling(inChannels: 3, ratio: 0.6, using: &rng)
                let g = try graph()
                return try pool($0[0], source: g.source, target: g.target, segments()).x
            },
            GradcheckCase("JumpingKnowledge cat", shapes: [[5, 2], [5, 3]]) { try JumpingKnowledge(mode: .cat)($0) },
            GradcheckCase("JumpingKnowledge max", shapes: [[5, 2], [5, 2], [5, 2]], eps: 1e-3) {
                try JumpingKnowledge(mode: .max)($0)
            },
            GradcheckCase("JumpingKnowledge lstm", shapes: [[5, 2], [5, 2], [5, 2]]) {
                var rng = RandomGenerator(seed: 5)
                return try JumpingKnowledge(mode: .lstm, channels: 2, numLayers: 3, using: &rng)($0)
            },
        ]
    }

    static var normCases: [GradcheckCase] {
        [
            GradcheckCase("GraphNorm", shapes: [[5, 2], [2], [2], [2]]) {
                let norm = GraphNorm(inChannels: 2)
                norm.weight = $0[1]
                norm.bias = $0[2]
                norm.meanScale = $0[3]
                return try norm($0[0], segments())
            },
            GradcheckCase("GraphLayerNorm graph", shapes: [[5, 3], [3], [3]]) {
                let norm = GraphLayerNorm(inChannels: 3)
                norm.weight = $0[1]
                norm.bias = $0[2]
                return try norm($0[0], segments())
            },
            GradcheckCase("GraphLayerNorm graph, one example", shapes: [[5, 3], [3], [3]]) {
                let norm = GraphLayerNorm(inChannels: 3)
                norm.weight = $0[1]
                norm.bias = $0[2]
                return try norm($0[0], nil)
            },
            GradcheckCase("GraphLayerNorm node", shapes: [[5, 3], [3], [3]]) {
                let norm = GraphLayerNorm(inChannels: 3, mode: .node)
                norm.weight = $0[1]
                norm.bias = $0[2]
                return try norm($0[0], nil)
            },
            GradcheckCase("GraphBatchNorm train", shapes: [[5, 3], [3], [3]]) {
                let norm = try GraphBatchNorm(inChannels: 3)
                norm.module.weight = $0[1]
                norm.module.bias = $0[2]
                return try norm($0[0])
            },
            GradcheckCase("VirtualNode add and update (train)", shapes: [[5, 3], [2, 3]]) {
                var rng = RandomGenerator(seed: 6)
                let vn = try VirtualNode(dim: 3, numLayers: 2, residual: true, using: &rng)
                let seg = try segments()
                let h = try vn.addTo($0[0], $0[1], seg)
                let v = try vn.update(layer: 0, h, $0[1], seg)
                return try Tensor.concat([h, seg.broadcast(v)], axis: 1)
            },
        ]
    }

    static var convCases: [GradcheckCase] {
        [
            GradcheckCase("GCN2Conv shared", shapes: [[5, 3], [5, 3], [edges], [3, 3]]) {
                var rng = RandomGenerator(seed: 7)
                let conv = try GCN2Conv(channels: 3, alpha: 0.2, theta: 0.5, layer: 2, using: &rng)
                conv.weight1 = $0[3]
                return try conv($0[0], $0[1], graph(), edgeWeight: positive($0[2]))
            },
            GradcheckCase("GCN2Conv separate", shapes: [[5, 3], [5, 3], [edges], [3, 3], [3, 3]]) {
                var rng = RandomGenerator(seed: 8)
                let conv = try GCN2Conv(channels: 3, alpha: 0.3, theta: 1, layer: 1, sharedWeights: false, using: &rng)
                conv.weight1 = $0[3]
                conv.weight2 = $0[4]
                return try conv($0[0], $0[1], graph(), edgeWeight: positive($0[2]))
            },
            GradcheckCase("GRUCell", shapes: [[2, 3], [2, 2], [6, 3], [6, 2], [6], [6]]) {
                var rng = RandomGenerator(seed: 9)
                let cell = GRUCell(inputSize: 3, hiddenSize: 2, using: &rng)
                cell.weightIh = $0[2]
                cell.weightHh = $0[3]
                cell.biasIh = $0[4]
                cell.biasHh = $0[5]
                return try cell($0[0], $0[1])
            },
            GradcheckCase("GatedGraphConv", shapes: [[5, 2], [edges], [2, 3, 3]]) {
                var rng = RandomGenerator(seed: 10)
                let conv = try GatedGraphConv(outChannels: 3, numLayers: 2, using: &rng)
                conv.weight = $0[2]
                return try conv($0[0], graph(), edgeWeight: positive($0[1]))
            },
            GradcheckCase("NNConv", shapes: [[5, 3], [edges, 2]]) {
                var rng = RandomGenerator(seed: 11)
                let conv = NNConv(inChannels: 3, outChannels: 2, nn: mlp(2, 4, 6, &rng), aggregation: MeanAggregation(),
                                  using: &rng)
                return try conv($0[0], graph(), edgeFeatures: $0[1])
            },
            GradcheckCase("EdgeConv max", shapes: [[5, 3]], eps: 1e-3) {
                var rng = RandomGenerator(seed: 12)
                return try EdgeConv(nn: mlp(6, 4, 2, &rng))($0[0], graph())
            },
            GradcheckCase("DegreeScalerAggregation trainNorm", shapes: [[edges, 2]]) {
                let aggr = try DegreeScalerAggregation(aggregation: SumAggregation(),
                                                       scalers: [.identity, .amplification, .attenuation, .linear, .inverseLinear],
                                                       degreeHistogram: [1, 3, 1], trainNorm: true)
                let g = try graph()
                return try aggr($0[0], index: Int32Tensor(g.target), dimSize: 5)
            },
            GradcheckCase("PNAConv towers, edges", shapes: [[5, 4], [edges, 2]], eps: 1e-3) {
                var rng = RandomGenerator(seed: 13)
                let conv = try PNAConv(inChannels: 4, outChannels: 4,
                                       aggregators: [MeanAggregation(), MinAggregation(), MaxAggregation(), StdAggregation()],
                                       scalers: [.identity, .amplification, .attenuation], deg: [0, 3, 1],
                                       edgeDim: 2, towers: 2, divideInput: true, using: &rng)
                return try conv($0[0], graph(), edgeFeatures: $0[1])
            },
        ]
    }
}
