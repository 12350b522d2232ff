import TensorCore

/// Finite-difference gradient checks of the attention layers, one case per layer (and
/// notable variant) on a small graph: 5 nodes, 9 edges with a self loop and a node
/// without incoming edges. The inputs are the node features, the edge features and every
/// parameter (each case puts its inputs into a freshly built layer), so the check covers
/// the scores, the segment softmax, the per-head SpMM and the layer's own maps.
///
/// GATv2 applies LeakyReLU to every feature of `[E, H·C]` pre-activations, so some lie
/// within the default step (1e-2) of the kink; its cases use a step of 1e-3.
public enum AttentionGradchecks {
    public static var cases: [GradcheckCase] {
        [
            GradcheckCase("GATConv heads 2, edge features, residual, bias",
                          shapes: [[5, 3], [9, 2], [4, 3], [1, 2, 2], [1, 2, 2], [4, 2], [1, 2, 2], [4, 3], [4]]) { t in
                var rng = RandomGenerator(seed: 1)
                let l = try GATConv(inChannels: 3, outChannels: 2, heads: 2, edgeDim: 2, residual: true, using: &rng)
                l.lin?.weight = t[2]; l.attSrc = t[3]; l.attDst = t[4]
                l.linEdge?.weight = t[5]; l.attEdge = t[6]; l.res?.weight = t[7]; l.bias = t[8]
                return try l(t[0], graph(), edgeFeatures: t[1])
            },
            GradcheckCase("GATConv mean over heads, no self loops",
                          shapes: [[5, 3], [6, 3], [1, 3, 2], [1, 3, 2], [2]]) { t in
                var rng = RandomGenerator(seed: 2)
                let l = try GATConv(inChannels: 3, outChannels: 2, heads: 3, concat: false, addSelfLoops: false, using: &rng)
                l.lin?.weight = t[1]; l.attSrc = t[2]; l.attDst = t[3]; l.bias = t[4]
                return try l(t[0], graph())
            },
            GradcheckCase("GATv2Conv heads 2, edge features",
                          shapes: [[5, 3], [9, 2], [4, 3], [4], [4, 3], [4], [1, 2, 2], [4, 2], [4]], eps: 1e-3) { t in
                var rng = RandomGenerator(seed: 3)
                let l = try GATv2Conv(inChannels: 3, outChannels: 2, heads: 2, edgeDim: 2, using: &rng)
                l.linL.weight = t[2]; l.linL.bias = t[3]; l.linR?.weight = t[4]; l.linR?.bias = t[5]
                l.att = t[6]; l.linEdge?.weight = t[7]; l.bias = t[8]
                return try l(t[0], graph(), edgeFeatures: t[1])
            },
            GradcheckCase("GATv2Conv shared weights, mean over heads",
                          shapes: [[5, 3], [4, 3], [4], [1, 2, 2]]) { t in
                var rng = RandomGenerator(seed: 4)
                let l = try GATv2Conv(inChannels: 3, outChannels: 2, heads: 2, concat: false, bias: true,
                                      shareWeights: true, using: &rng)
                l.linL.weight = t[1]; l.linL.bias = t[2]; l.att = t[3]
                return try l(t[0], graph())
            },
            GradcheckCase("TransformerConv heads 2, edge features, beta",
                          shapes: [[5, 3], [9, 2], [4, 3], [4], [4, 3], [4], [4, 3], [4], [4, 2], [4, 3], [4], [1, 12]]) { t in
                var rng = RandomGenerator(seed: 5)
                let l = try TransformerConv(inChannels: 3, outChannels: 2, heads: 2, beta: true, edgeDim: 2, using: &rng)
                l.linKey.weight = t[2]; l.linKey.bias = t[3]; l.linQuery.weight = t[4]; l.linQuery.bias = t[5]
                l.linValue.weight = t[6]; l.linValue.bias = t[7]; l.linEdge?.weight = t[8]
                l.linSkip.weight = t[9]; l.linSkip.bias = t[10]; l.linBeta?.weight = t[11]
                return try l(t[0], graph(), edgeFeatures: t[1])
            },
            GradcheckCase("ResGatedGraphConv with skip",
                          shapes: [[5, 3], [4, 3], [4], [4, 3], [4], [4, 3], [4], [4, 3], [4]]) { t in
                var rng = RandomGenerator(seed: 6)
                let l = ResGatedGraphConv(inChannels: 3, outChannels: 4, using: &rng)
                l.linKey.weight = t[1]; l.linKey.bias = t[2]; l.linQuery.weight = t[3]; l.linQuery.bias = t[4]
                l.linValue.weight = t[5]; l.linValue.bias = t[6]; l.linSkip?.weight = t[7]; l.bias = t[8]
                return try l(t[0], graph())
            },
            GradcheckCase("ResGatedGraphConv edge features",
                          shapes: [[5, 3], [9, 2], [3, 5], [3], [3, 5], [3], [3, 5], [3]]) { t in
                var rng = RandomGenerator(seed: 7)
                let l = ResGatedGraphConv(inChannels: 3, outChannels: 3, edgeDim: 2, rootWeight: false, bias: false, using: &rng)
                l.linKey.weight = t[2]; l.linKey.bias = t[3]; l.linQuery.weight = t[4]; l.linQuery.bias = t[5]
                l.linValue.weight = t[6]; l.linValue.bias = t[7]
                return try l(t[0], graph(), edgeFeatures: t[1])
            },
        ]
    }

    /// 5 nodes, 9 edges: a self loop (2 -> 2), node 4 without incoming edges.
    static func graph() throws -> Graph {
        try Graph(numNodes: 5, edges: [(0, 1), (1, 0), (1, 2), (2, 1), (3, 2), (2, 2), (0, 3), (3, 0), (4, 1)])
    }
}
