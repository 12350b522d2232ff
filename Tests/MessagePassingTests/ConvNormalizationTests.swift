import Testing
@testable import MessagePassing

/// GCN's normalisation and ChebConv's scaled Laplacian, checked entry by entry.
@Suite("ConvNormalization")
struct ConvNormalizationTests {
    @Test("GCN normalisation: loops replaced, one per node; missing weights behave as ones (also with improved)")
    func gcnLoops() throws {
        let g = try smallGraph()
        for improved in [false, true] {
            let none = try GCNNormalization(g, edgeWeight: nil, improved: improved)
            let ones = try GCNNormalization(g, edgeWeight: Tensor.ones([g.numEdges]), improved: improved)
            #expect(none.graph.numEdges == g.numEdges - 1 + 7)
            #expect(none.graph.source == ones.graph.source && none.graph.target == ones.graph.target)
            #expect(none.weight.allClose(ones.weight, rtol: 0, atol: 0))
            // The appended loops are in node order, after the 15 non-loop edges.
            #expect(Array(none.graph.source.suffix(7)) == (0..<7).map { Int32($0) })
            #expect(Array(none.graph.target.suffix(7)) == (0..<7).map { Int32($0) })
            // Hand-computed: d_i = in-degree (non-loop edges) + loop weight; node 3's
            // existing loop keeps weight 1, other loops weigh 1 or 2.
            let fill: Float = improved ? 2 : 1
            var degree = [Float](repeating: 0, count: 7)
            for e in 0..<g.numEdges where g.source[e] != g.target[e] { degree[Int(g.target[e])] += 1 }
            for i in 0..<7 { degree[i] += i == 3 ? 1 : fill }
            for e in 0..<none.graph.numEdges {
                let s = Int(none.graph.source[e]), t = Int(none.graph.target[e])
                let raw: Float = s == t ? (s == 3 ? 1 : fill) : 1
                let expected = raw / (degree[s] * degree[t]).squareRoot()
                #expect(abs(none.weight[e] - expected) < 1e-6, "edge \(s)->\(t)")
            }
        }
        #expect(throws: TensorError.self) { try GCNNormalization(g, edgeWeight: Tensor.ones([3])) }
    }

    @Test("GCN normalisation of the topology: equal to the direct one, computed once per topology and loop rule")
    func gcnTopologyCache() throws {
        var g = try smallGraph()
        g.nodeFeatures = .dense(rows: 7, cols: 2, values: (0..<14).map(Float.init))
        for (improved, loops) in [(false, true), (true, true), (false, false)] {
            let direct = try GCNNormalization(g, edgeWeight: nil, improved: improved, addSelfLoops: loops)
            let first = try GCNNormalization.of(g, edgeWeight: nil, improved: improved, addSelfLoops: loops)
            #expect(first.graph.source == direct.graph.source && first.graph.target == direct.graph.target)
            #expect(first.weight.allClose(direct.weight, rtol: 0, atol: 0))
            #expect(first.graph.nodeFeatures == g.nodeFeatures)
            // A copy of the graph value shares the cache: the second call returns the
            // stored edge arrays themselves, not a recomputation.
            let copy = g
            let again = try GCNNormalization.of(copy, edgeWeight: nil, improved: improved, addSelfLoops: loops)
            let sameStorage = first.graph.source.withUnsafeBufferPointer { a in
                again.graph.source.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
            }
            #expect(sameStorage)
        }
        // Given weights are not cached: the normalisation follows them.
        let halves = try GCNNormalization.of(g, edgeWeight: Tensor.full([g.numEdges], 0.5))
        let ones = try GCNNormalization.of(g, edgeWeight: nil)
        #expect(!halves.weight.allClose(ones.weight, rtol: 1e-3, atol: 1e-3))
    }

    @Test("GCNConv.prepare caches on the graph the normalisation its forward then reads, output unchanged")
    func gcnPrepare() throws {
        let g = try smallGraph()
        let x = try Tensor(shape: [7, 2], scalars: (0..<14).map { Float($0) / 7 })
        let conv = GCNConv(inChannels: 2, outChannels: 3)
        let unprepared = try conv(x, try smallGraph())
        try conv.prepare(g)
        // Cached: asking for it again does not rebuild it, and it equals the direct one.
        let key = GCNNormalization.topologyKey(improved: false, addSelfLoops: true)
        var rebuilt = false
        let cached = try g.derivedWeightedTopology(key) { h in rebuilt = true; return h }
        let direct = try GCNNormalization(g, edgeWeight: nil)
        #expect(!rebuilt)
        #expect(cached.source == direct.graph.source && cached.target == direct.graph.target)
        #expect(cached.edgeWeight == direct.weight.scalars)
        #expect(try conv(x, g).allClose(unprepared, rtol: 0, atol: 0))
        // With `cached`, the layer keeps its own normalisation: prepare leaves the graph alone.
        let fresh = try smallGraph()
        try GCNConv(inChannels: 2, outChannels: 3, cached: true).prepare(fresh)
        _ = try fresh.derivedWeightedTopology(key) { h in rebuilt = true; return h }
        #expect(rebuilt)
    }

    @Test("GCN normalisation without loops: isolated and source-only nodes get weight 0, not NaN")
    func gcnNoLoops() throws {
        // Node 2 has no in-edges: d_2 = 0, its out-edge 2 -> 0 weighs 0.
        let g = try Graph(numNodes: 3, edges: [(0, 1), (1, 0), (2, 0)])
        let n = try GCNNormalization(g, edgeWeight: nil, addSelfLoops: false)
        #expect(n.graph.numEdges == 3)
        #expect(abs(n.weight[0] - 1 / Float(2).squareRoot()) < 1e-6)
        #expect(n.weight[2] == 0)
        #expect(n.weight.scalars.allSatisfy { $0.isFinite })
    }

    @Test("ChebConv sym Laplacian scaled with lambda 2: -D^-1/2 A D^-1/2 off the diagonal, 0 on it")
    func chebScaled() throws {
        let g = try Graph(numNodes: 3, edges: [(0, 1), (1, 0), (1, 2), (2, 1), (2, 2)])
        let (lg, w) = try ChebConv.scaledLaplacian(g, edgeWeight: nil, normalization: .sym, lambdaMax: 2)
        #expect(lg.numEdges == 4 + 3)
        // Out-degrees without the loop: 1, 2, 1.
        let d: [Float] = [1, 2, 1]
        for e in 0..<lg.numEdges {
            let s = Int(lg.source[e]), t = Int(lg.target[e])
            let expected: Float = s == t ? 0 : -1 / (d[s] * d[t]).squareRoot()
            #expect(abs(w[e] - expected) < 1e-6, "edge \(s)->\(t)")
        }
        // Default lambda_max = 2·max(L) = 2 for this Laplacian: the same weights.
        let (_, w2) = try ChebConv.scaledLaplacian(g, edgeWeight: nil, normalization: .sym)
        #expect(w2.allClose(w, rtol: 1e-6, atol: 1e-6))
    }
}
