import Testing
import MessagePassing

/// Sparse node features through the layers whose first step is linear: the same outputs
/// and parameter gradients as the dense features.
@Suite("SparseInput")
struct SparseInputTests {
    /// `[n, f]` features with about 10% non-zeros (some rows empty), dense and sparse.
    static func features(n: Int, f: Int, seed: UInt64) throws -> (dense: Tensor, sparse: SparseFeatures) {
        var rng = RandomGenerator(seed: seed)
        let values = (0..<(n * f)).map { _ in rng.nextInt(below: 10) == 0 ? Float(rng.nextInt(below: 7) + 1) / 4 : 0 }
        let dense = try Tensor(shape: [n, f], scalars: values)
        return (dense, try SparseFeatures(dense: dense))
    }

    /// Runs `forward` on both inputs, backpropagates the same upstream gradient, and
    /// checks outputs and every parameter gradient agree.
    func expectSameAsDense(_ layer: some Module, dense: () throws -> Tensor, sparse: () throws -> Tensor) throws {
        let a = try dense()
        var rng = RandomGenerator(seed: 77)
        let upstream = Tensor.uniform(a.shape, low: -1, high: 1, using: &rng)
        try a.backward(upstream)
        let denseGrads = layer.parameters().map { $0.grad?.scalars ?? [] }
        for p in layer.parameters() { p.grad = nil }
        let b = try sparse()
        #expect(b.shape == a.shape)
        #expect(b.allClose(a, rtol: 1e-5, atol: 1e-5))
        try b.backward(upstream)
        for (p, g) in zip(layer.parameters(), denseGrads) {
            let s = p.grad?.scalars ?? []
            #expect(s.count == g.count && zip(s, g).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
        }
    }

    @Test("GCNConv, GATConv and SAGEConv read sparse features exactly as dense ones")
    func layersAgree() throws {
        let g = try AttentionDropoutTests.randomGraph(n: 60, degree: 4, seed: 2)
        let (xd, xs) = try Self.features(n: 60, f: 30, seed: 3)
        #expect(xs.nnz > 0 && xs.density < 0.2)
        var rng = RandomGenerator(seed: 5)
        let gcn = GCNConv(inChannels: 30, outChannels: 8, using: &rng)
        try expectSameAsDense(gcn, dense: { try gcn(xd, g) }, sparse: { try gcn(xs, g) })
        let gat = try GATConv(inChannels: 30, outChannels: 4, heads: 3, residual: true, using: &rng)
        try expectSameAsDense(gat, dense: { try gat(xd, g) }, sparse: { try gat(xs, g) })
        for aggregation in [MeanAggregation(), SumAggregation()] as [any Aggregation] {
            let sage = SAGEConv(inChannels: 30, outChannels: 8, aggregation: aggregation, normalize: true, using: &rng)
            try expectSameAsDense(sage, dense: { try sage(xd, g) }, sparse: { try sage(xs, g) })
        }
    }

    @Test("layers that cannot project first refuse sparse input with a clear error")
    func refusals() throws {
        let g = try AttentionDropoutTests.randomGraph(n: 10, degree: 2, seed: 1)
        let (_, xs) = try Self.features(n: 10, f: 6, seed: 1)
        var rng = RandomGenerator(seed: 1)
        let sageMax = SAGEConv(inChannels: 6, outChannels: 2, aggregation: MaxAggregation(), using: &rng)
        #expect { try sageMax(xs, g) } throws: { "\($0)".contains("mean or sum") }
        let gcn = GCNConv(inChannels: 5, outChannels: 2, using: &rng)
        #expect { try gcn(xs, g) } throws: { "\($0)".contains("6 columns") }
        let (_, wrongRows) = try Self.features(n: 9, f: 6, seed: 1)
        let gat = try GATConv(inChannels: 6, outChannels: 2, using: &rng)
        #expect { try gat(wrongRows, g) } throws: { "\($0)".contains("9 rows") }
    }
}
