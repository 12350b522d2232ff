import Testing
import MessagePassing

/// 7 nodes, 16 edges: a self loop (3 -> 3), a repeated edge (2 -> 5), node 6 without
/// incoming edges (the fixtures' graph).
func attentionTestGraph() throws -> Graph {
    try Graph(numNodes: 7, edges: [(0, 1), (1, 0), (1, 2), (2, 1), (2, 0), (3, 3), (4, 0), (0, 4),
                                   (4, 5), (5, 4), (1, 4), (3, 2), (5, 1), (2, 5), (2, 5), (6, 0)])
}

/// Output and gradients of `Σ out ⊙ R` (R fixed by `seed`) w.r.t. `inputs`.
func attentionGradients(_ f: () throws -> Tensor, wrt inputs: [Tensor], seed: UInt64 = 3) throws -> (Tensor, [Tensor]) {
    for t in inputs { t.grad = nil }
    let out = try f()
    var rng = RandomGenerator(seed: seed)
    try out.backward(Tensor.uniform(out.shape, low: -1, high: 1, using: &rng))
    let grads = inputs.map { $0.grad ?? Tensor.zeros($0.shape) }
    for t in inputs { t.grad = nil }
    return (out, grads)
}

@Suite("AttentionPath")
struct AttentionPathTests {
    static let heads = 2, channels = 3

    @Test("additive (GAT) scores: the fused path equals the general per-edge path, values and gradients")
    func additiveEqualsGeneral() throws {
        let g = try attentionTestGraph()
        let (h, c, n) = (Self.heads, Self.channels, g.numNodes)
        let values = Tensor.randn([n, h * c], seed: 1).requiringGrad()
        let attSrc = Tensor.randn([1, h, c], seed: 2).requiringGrad()
        let attDst = Tensor.randn([1, h, c], seed: 3).requiringGrad()
        let edgeFeatures = Tensor.randn([g.numEdges, 2], seed: 4).requiringGrad()
        let projection = Tensor.randn([2, h], seed: 5).requiringGrad()
        let inputs = [values, attSrc, attDst, edgeFeatures, projection]

        let (fused, fusedGrads) = try attentionGradients({
            let s = try (values.reshaped([n, h, c]) * attSrc).sum(axis: 2)
            let t = try (values.reshaped([n, h, c]) * attDst).sum(axis: 2)
            let e = try g.incoming.toCSROrder(edgeFeatures).matmul(projection)
            return try Propagation.attention(g.incoming.matrix, logits: .additive(source: s, target: t, edge: e, negativeSlope: 0.2),
                                             values: values, heads: h).output
        }, wrt: inputs)
        let (general, generalGrads) = try attentionGradients({
            try Propagation.propagate(g, x: values, edgeFeatures: edgeFeatures, message: .custom { inp in
                let ne = inp.count
                let xj = try inp.source().reshaped([ne, h, c]), xi = try inp.target().reshaped([ne, h, c])
                guard let ef = inp.edgeFeatures else { throw AttentionFixtureError("no edge features") }
                let scores = try ((xj * attSrc).sum(axis: 2) + (xi * attDst).sum(axis: 2) + ef.matmul(projection))
                    .leakyRelu(negativeSlope: 0.2)
                let alpha = try Sparse.segmentSoftmax(scores, inp.adjacency)
                return try (xj * alpha.reshaped([ne, h, 1])).reshaped([ne, h * c])
            }, aggregation: SumAggregation(), strategy: .general)
        }, wrt: inputs)
        #expect(attentionMaxError(fused, general) < 1e-5)
        for (k, (a, b)) in zip(fusedGrads, generalGrads).enumerated() {
            #expect(attentionMaxError(a, b) < 1e-5, "gradient of input \(k)")
        }
        // The node without incoming edges receives 0.
        #expect(try fused.slice(axis: 0, range: 6..<7).scalars.allSatisfy { $0 == 0 })
    }

    @Test("dot-product scores (SDDMM per head): the fused path equals the general per-edge path")
    func dotProductEqualsGeneral() throws {
        let g = try attentionTestGraph()
        let (h, c, n) = (Self.heads, Self.channels, g.numNodes)
        let q = Tensor.randn([n, h * c], seed: 11).requiringGrad()
        let k = Tensor.randn([n, h * c], seed: 12).requiringGrad()
        let v = Tensor.randn([n, h * c], seed: 13).requiringGrad()
        let edgeTerm = Tensor.randn([g.numEdges, h], seed: 14).requiringGrad()
        let scale: Float = 0.7
        let inputs = [q, k, v, edgeTerm]
        let (fused, fusedGrads) = try attentionGradients({
            try Propagation.attention(g.incoming.matrix,
                                      logits: .dotProduct(query: q, key: k, edge: g.incoming.toCSROrder(edgeTerm), scale: scale),
                                      values: v, heads: h).output
        }, wrt: inputs)
        let (general, generalGrads) = try attentionGradients({
            try Propagation.propagate(g, x: Tensor.concat([k, v], axis: 1), targetFeatures: q, edgeFeatures: edgeTerm,
                                      message: .custom { inp in
                let ne = inp.count
                let src = try inp.source()
                let kj = try src.slice(axis: 1, range: 0..<h * c).reshaped([ne, h, c])
                let vj = try src.slice(axis: 1, range: h * c..<2 * h * c).reshaped([ne, h, c])
                let qi = try inp.target().reshaped([ne, h, c])
                guard let e = inp.edgeFeatures else { throw AttentionFixtureError("no edge term") }
                let scores = try ((qi * kj).sum(axis: 2) + e) * scale
                let alpha = try Sparse.segmentSoftmax(scores, inp.adjacency)
                return try (vj * alpha.reshaped([ne, h, 1])).reshaped([ne, h * c])
            }, aggregation: SumAggregation(), strategy: .general)
        }, wrt: inputs)
        #expect(attentionMaxError(fused, general) < 1e-5)
        for (i, (a, b)) in zip(fusedGrads, generalGrads).enumerated() {
            #expect(attentionMaxError(a, b) < 1e-5, "gradient of input \(i)")
        }
    }

    @Test("coefficients sum to 1 over each node's incoming edges, per head")
    func coefficientsNormalised() throws {
        let g = try attentionTestGraph()
        let n = g.numNodes, h = 3
        let r = try Propagation.attention(g.incoming.matrix,
                                          logits: .additive(source: Tensor.randn([n, h], seed: 1), target: Tensor.randn([n, h], seed: 2),
                                                            edge: nil, negativeSlope: 0.2),
                                          values: Tensor.randn([n, h * 2], seed: 3), heads: h)
        let sums = try Sparse.segmentReduce(r.coefficients, g.incoming.matrix, reduce: .sum)
        for i in 0..<n {
            for head in 0..<h {
                let expected: Float = g.incoming.degree(i) > 0 ? 1 : 0
                #expect(Swift.abs(sums.data[i * h + head] - expected) < 1e-6)
            }
        }
    }

    @Test("shapes that do not fit the structure are rejected")
    func rejectsBadShapes() throws {
        let g = try attentionTestGraph()
        let a = g.incoming.matrix
        #expect(throws: TensorError.self) {
            try Propagation.attention(a, logits: .perEdge(Tensor.zeros([3, 2])), values: Tensor.zeros([7, 4]), heads: 2)
        }
        #expect(throws: TensorError.self) {
            try Propagation.attention(a, logits: .perEdge(Tensor.zeros([16, 2])), values: Tensor.zeros([7, 5]), heads: 2)
        }
        #expect(throws: TensorError.self) {
            try Propagation.attention(a, logits: .additive(source: Tensor.zeros([6, 2]), target: nil, edge: nil, negativeSlope: 0.2),
                                      values: Tensor.zeros([7, 4]), heads: 2)
        }
        #expect(throws: TensorError.self) {
            try Propagation.attention(a, logits: .dotProduct(query: Tensor.zeros([7, 4]), key: Tensor.zeros([7, 6]), edge: nil, scale: 1),
                                      values: Tensor.zeros([7, 4]), heads: 2)
        }
    }

    @Test("self loops: existing loops removed, one per node appended, features filled by mean / constant / max")
    func selfLoops() throws {
        let g = try Graph(numNodes: 3, edges: [(0, 1), (1, 1), (2, 1), (1, 0)])
        let ef = try Tensor(shape: [4, 1], scalars: [1, 100, 3, 5]).requiringGrad()
        let (m, mf) = try AttentionSelfLoops.apply(g, edgeFeatures: ef, fill: .mean)
        #expect(m.source == [0, 2, 1, 0, 1, 2])
        #expect(m.target == [1, 1, 0, 0, 1, 2])
        #expect(mf?.scalars == [1, 3, 5, 5, 2, 0])  // node 1: mean(1, 3); node 2: no in-edges
        let (_, cf) = try AttentionSelfLoops.apply(g, edgeFeatures: ef, fill: .constant(0.5))
        #expect(cf?.scalars == [1, 3, 5, 0.5, 0.5, 0.5])
        let (_, xf) = try AttentionSelfLoops.apply(g, edgeFeatures: ef, fill: .reduce(.max))
        #expect(xf?.scalars == [1, 3, 5, 5, 3, 0])
        // Gradients reach the original features; the dropped loop gets none.
        try mf?.sum().backward()
        #expect(ef.grad?.scalars == [1.5, 0, 1.5, 2])
    }
}
