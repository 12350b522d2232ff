import Foundation
import Testing
@testable import Training

/// The complete graph on `n` nodes (both directions, no self loops).
func completeGraph(_ n: Int) throws -> Graph {
    var edges: [(Int, Int)] = []
    for u in 0..<n { for v in 0..<n where u != v { edges.append((u, v)) } }
    return try Graph(numNodes: n, edges: edges)
}

/// Models given one graph per layer: layer l runs on graph l, exactly as composing the
/// layers by hand; bad per-layer inputs throw; GCN's cached normalisation follows the graph.
@Suite struct LayerwiseModelTests {
    let x = Tensor.randn([6, 5], seed: 11)

    /// Ring of 6 nodes (the input) and the complete graph K6 (the rewired last layer).
    func graphs() throws -> (Graph, Graph) { (try Graph.ring(6), try completeGraph(6)) }

    @Test("a 2-layer model on [input, complete] equals the layers composed by hand (GCN, SAGE, GAT, GIN)")
    func twoLayersByHand() throws {
        let (ring, complete) = try graphs()
        let h = Hyperparameters(hidden: 4, layers: 2, heads: 2, dropout: 0.5, inputDropout: 0.5)
        for kind in ModelKind.allCases {
            let net = try kind.nodeNetwork(inChannels: 5, outChannels: 3, h, fixedGraph: true, seed: 3)
            net.eval()
            let out = try net(x, layerGraphs: [ring, complete])
            let first = try net.convs[0].forward(x, ring)
            let hidden = net.activation(first)
            let expected = try net.convs[1].forward(hidden, complete)
            #expect(out.allClose(expected, rtol: 0, atol: 0), "\(kind)")
            // The last layer's graph matters: the ring alone gives another output.
            let single = try net(x, ring)
            #expect(!single.allClose(out, rtol: 1e-4, atol: 1e-4), "\(kind)")
            // Per-layer graphs that are all the input graph give the single-graph output, bit for bit.
            #expect(try net(x, layerGraphs: [ring, ring]).allClose(single, rtol: 0, atol: 0), "\(kind)")
        }
    }

    @Test("sparse features with per-layer graphs equal the dense path")
    func sparseInput() throws {
        let (ring, complete) = try graphs()
        let net = try ModelKind.gcn.nodeNetwork(inChannels: 5, outChannels: 3, Hyperparameters(hidden: 4, layers: 2),
                                                seed: 1)
        net.eval()
        let sparse = try FeatureMatrix.dense(6, 5, x.scalars).sparseFeatures()
        #expect(net.readsSparseInput)
        let a = try net(sparse, layerGraphs: [ring, complete]), b = try net(x, layerGraphs: [ring, complete])
        #expect(a.allClose(b, rtol: 1e-5, atol: 1e-6))
    }

    @Test("per-layer graphs of the wrong count or node count throw")
    func badLayerGraphs() throws {
        let (ring, complete) = try graphs()
        let net = try ModelKind.sage.nodeNetwork(inChannels: 5, outChannels: 3, Hyperparameters(hidden: 4, layers: 2),
                                                 seed: 1)
        #expect { try net(x, layerGraphs: [ring]) } throws: { "\($0)".contains("1 layer graphs for 2 layers") }
        #expect { try net(x, layerGraphs: [ring, complete, ring]) } throws: { "\($0)".contains("3 layer graphs") }
        #expect { try net(x, layerGraphs: [ring, try completeGraph(7)]) } throws: {
            "\($0)".contains("layer 1's graph has 7 nodes")
        }
        let gin = try GINClassifier(inChannels: 5, hidden: 4, classes: 2, layers: 3, seed: 1)
        let segments = try NodeSegments(ptr: [0, 6])
        #expect { try gin(x, layerGraphs: [ring], segments) } throws: { "\($0)".contains("1 layer graphs for 2 layers") }
        #expect { try gin(x, layerGraphs: [ring, try Graph.ring(5)], segments) } throws: {
            "\($0)".contains("layer 1's graph has 5 nodes")
        }
        #expect(throws: TrainingError.self) {
            try NodeClassification(graph: try noisyBlockGraph(seed: 1), normalizeFeatures: false, layerGraphs: [ring])
        }
    }

    @Test("GINClassifier: GIN layer l on layer graph l, composed by hand")
    func ginClassifierByHand() throws {
        let (ring, complete) = try graphs()
        let gin = try GINClassifier(inChannels: 5, hidden: 4, classes: 2, layers: 3, dropout: 0.5, seed: 2)
        gin.eval()
        let segments = try NodeSegments(ptr: [0, 2, 6])
        let out = try gin(x, layerGraphs: [ring, complete], segments)
        var h = x
        var score = try gin.heads[0](globalAddPool(h, segments))
        for (l, g) in [ring, complete].enumerated() {
            h = try gin.norms[l](gin.convs[l](h, g)).relu()
            score = try score + gin.heads[l + 1](globalAddPool(h, segments))
        }
        #expect(out.allClose(score, rtol: 0, atol: 0))
        #expect(!out.allClose(try gin(x, ring, segments), rtol: 1e-4, atol: 1e-4))
        #expect(try gin(x, layerGraphs: [ring, ring], segments).allClose(try gin(x, ring, segments), rtol: 0, atol: 0))
    }

    @Test("GCNConv with cached: true normalises each graph it is given, never graph 0's for graph 1")
    func gcnCachePerGraph() throws {
        let (ring, complete) = try graphs()
        var rng = RandomGenerator(seed: 5)
        let cached = GCNConv(inChannels: 5, outChannels: 3, cached: true, using: &rng)
        let fresh = GCNConv(inChannels: 5, outChannels: 3, cached: false)
        try fresh.loadStateDict(cached.stateDict())
        let onRing = try cached(x, ring)
        #expect(onRing.allClose(try fresh(x, ring), rtol: 0, atol: 0))
        let onComplete = try cached(x, complete)
        #expect(onComplete.allClose(try fresh(x, complete), rtol: 0, atol: 0))
        #expect(!onComplete.allClose(onRing, rtol: 1e-3, atol: 1e-3))
        // A copy of the ring (same storage) and a rebuilt ring (equal edges) hit the cache
        // or recompute to the same values.
        let copy = ring
        #expect(try cached(x, copy).allClose(onRing, rtol: 0, atol: 0))
        #expect(try cached(x, try Graph.ring(6)).allClose(onRing, rtol: 0, atol: 0))
        // The cache still ignores new edge weights on the same graph (PyG's cached=True).
        let weighted = try cached(x, ring, edgeWeight: Tensor([Float](repeating: 3, count: ring.numEdges)))
        #expect(weighted.allClose(onRing, rtol: 0, atol: 0))
    }
}

/// The tasks with a per-layer-graph provider.
@Suite struct LayerwiseTaskTests {
    @Test("node experiment: identity layer graphs repeat the plain run bit for bit; rewired ones change it")
    func nodeExperiment() throws {
        let g = try noisyBlockGraph(seed: 9)
        let h = Hyperparameters(hidden: 8, layers: 2, learningRate: 0.01, epochs: 5, normalizeFeatures: false)
        func losses(_ provider: LayerGraphProvider?, _ model: ModelKind = .gcn) throws -> [Double] {
            var out: [Double] = []
            _ = try NodeExperiment(datasetName: "sbm", graph: g, model: model, hyperparameters: h, seeds: 1,
                                   layerGraphs: provider).run(onEpoch: { out.append($0.loss) })
            return out
        }
        let same = LayerGraphProvider(name: "same") { graph, _, layers in Array(repeating: graph, count: layers) }
        // Last layer on the graph with every edge reversed in order (same links, other order)
        // would normalise alike; use the graph plus a ring over all nodes instead.
        let extra = LayerGraphProvider(name: "ring-last") { graph, _, layers in
            let ring = try Graph.ring(graph.numNodes)
            let plus = try graph.withEdges(source: graph.source + ring.source, target: graph.target + ring.target)
            return Array(repeating: graph, count: layers - 1) + [plus]
        }
        for model in [ModelKind.gcn, .gin] {
            let plain = try losses(nil, model)
            #expect(try losses(same, model) == plain, "\(model)")
            let rewired = try losses(extra, model)
            #expect(rewired.count == 5 && rewired.allSatisfy(\.isFinite) && rewired != plain, "\(model)")
        }
        let short = LayerGraphProvider(name: "short") { graph, _, _ in [graph] }
        #expect { try losses(short) } throws: { "\($0)".contains("built 1 graphs for 2 layers") }
    }

    @Test("graph classification: layer graphs built once over the collection, batched per mini-batch")
    func graphClassification() throws {
        let data = try ringsAndTrees()
        let h = Hyperparameters(hidden: 8, layers: 3, dropout: 0, inputDropout: 0, learningRate: 0.01, weightDecay: 0,
                                epochs: 3, batchSize: 8, normalizeFeatures: false)
        var calls = 0
        final class Seen: @unchecked Sendable { var ptr: [Int32]? }
        let seen = Seen()
        let same = LayerGraphProvider(name: "same") { graph, ptr, layers in
            seen.ptr = ptr
            return Array(repeating: graph, count: layers)
        }
        let plain = try GraphClassification(dataset: data).crossValidate(h, folds: 3, seed: 4).runs
        let withSame = try GraphClassification(dataset: data, layerGraphs: same).crossValidate(h, folds: 3, seed: 4) { _ in
            calls += 1
        }.runs
        #expect(withSame.map(\.losses) == plain.map(\.losses) && withSame.map(\.test) == plain.map(\.test))
        #expect(calls == 9 && seen.ptr?.count == data.graphs.count + 1)
        // Complete graphs on each graph's nodes in the last GIN layer: trains, and differs.
        let last = LayerGraphProvider(name: "complete-last") { graph, ptr, layers in
            var edges: [(Int, Int)] = []
            let p = ptr ?? [0, Int32(graph.numNodes)]
            for k in 0..<(p.count - 1) {
                for u in Int(p[k])..<Int(p[k + 1]) { for v in Int(p[k])..<Int(p[k + 1]) where u != v { edges.append((u, v)) } }
            }
            return Array(repeating: graph, count: layers - 1) + [try Graph(numNodes: graph.numNodes, edges: edges)]
        }
        let rewired = try GraphClassification(dataset: data, layerGraphs: last).crossValidate(h, folds: 3, seed: 4).runs
        #expect(rewired.count == 3 && rewired.allSatisfy { $0.losses.allSatisfy(\.isFinite) })
        #expect(rewired.map(\.losses) != plain.map(\.losses))
        // A provider that links two graphs of the collection is refused.
        let crossing = LayerGraphProvider(name: "crossing") { graph, _, layers in
            Array(repeating: try Graph(numNodes: graph.numNodes, edges: [(0, graph.numNodes - 1)]), count: layers)
        }
        #expect { try GraphClassification(dataset: data, layerGraphs: crossing).crossValidate(h, folds: 3, seed: 4) } throws: {
            "\($0)".contains("links graph 0 to graph \(data.graphs.count - 1)")
        }
    }

    @Test("CollectionLayerGraphs: a batch's layer graphs are its graphs' own, offset in batch order")
    func collectionBatching() throws {
        let graphs = [try Graph.ring(3), try Graph.path(2), try Graph.ring(4)]
        // Layer 1: each graph complete on its own nodes; layer 0 the input.
        let provider = LayerGraphProvider(name: "complete") { graph, ptr, _ in
            var edges: [(Int, Int)] = []
            let p = try #require(ptr)
            for k in 0..<(p.count - 1) {
                for u in Int(p[k])..<Int(p[k + 1]) { for v in Int(p[k])..<Int(p[k + 1]) where u != v { edges.append((u, v)) } }
            }
            return [graph, try Graph(numNodes: graph.numNodes, edges: edges)]
        }
        let layered = try CollectionLayerGraphs(graphs: graphs, provider: provider, numLayers: 2)
        #expect(layered.slots.count == 2 && layered.slots[0] == nil)
        let input = try GraphBatch([graphs[2], graphs[0]]).graph
        let out = try layered.batch([2, 0], input: input)
        #expect(out.count == 2 && out[0].source == input.source && out[0].target == input.target)
        // K4 on nodes 0...3, then K3 on nodes 4...6, in the provider's edge order.
        let expected = try GraphBatch([try completeGraph(4), try completeGraph(3)]).graph
        #expect(out[1].numNodes == 7 && out[1].source == expected.source && out[1].target == expected.target)
        #expect(throws: TrainingError.self) { try layered.batch([3], input: input) }
        #expect(throws: TrainingError.self) { try layered.batch([0], input: input) }
    }
}
