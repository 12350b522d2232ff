import GraphData
import Testing
import TensorCore
import Training
@testable import Topology

/// `LayerwiseRewiring` (what `train --rewire expander|fa|laser` parses into) and the
/// schedules it hands to the models and tasks.
@Suite struct LayerwiseTrainingTests {
    @Test("names, aliases and options: what applies to which method")
    func parsing() throws {
        #expect(LayerwiseRewiring.names == ["expander", "fa", "laser"])
        #expect(try LayerwiseRewiring(name: "expander") == .expander(startWithInput: true, shuffle: true))
        #expect(try LayerwiseRewiring(name: "EGP", startWithInput: false, shuffle: false)
                == .expander(startWithInput: false, shuffle: false))
        #expect(try LayerwiseRewiring(name: "fully-adjacent") == .fullyAdjacent)
        #expect(try LayerwiseRewiring(name: "FA").name == "fa")
        #expect(try LayerwiseRewiring(name: "laser") == .laser(LASER()))
        #expect(try LayerwiseRewiring(name: "laser", rho: 0.25, maxDistance: 3) == .laser(LASER(rho: 0.25, maxDistance: 3)))
        #expect(LayerwiseRewiring.isLayerwise("Laser") && !LayerwiseRewiring.isLayerwise("sdrf"))
        func usage(_ make: () throws -> LayerwiseRewiring, _ text: String) {
            #expect { try make() } throws: { ($0 as? DataError)?.exitCode == 64 && "\($0)".contains(text) }
        }
        usage({ try LayerwiseRewiring(name: "sdrf") }, "unknown method 'sdrf', expected one of expander, fa, laser")
        usage({ try LayerwiseRewiring(name: "expander", rho: 0.3) }, "--rho applies to --rewire laser, not expander")
        usage({ try LayerwiseRewiring(name: "fa", maxDistance: 3) }, "--max-distance applies to --rewire laser, not fa")
        usage({ try LayerwiseRewiring(name: "laser", shuffle: false) }, "--no-shuffle applies to --rewire expander, not laser")
        usage({ try LayerwiseRewiring(name: "fa", startWithInput: true) }, "--start-with-input applies to --rewire expander")
        usage({ try LayerwiseRewiring(name: "laser", rho: 1.5) }, "rho 1.5 is outside [0, 1]")
        usage({ try LayerwiseRewiring(name: "laser", maxDistance: 1) }, "max distance 1 must be at least 2")
    }

    @Test("fa refuses graphs above the node cap, naming the graph of a union")
    func fullyAdjacentCap() throws {
        let cap = LayerwiseRewiring.fullyAdjacentMaxNodes
        let big = try Graph(numNodes: cap + 1, source: [], target: [])
        #expect { try LayerwiseRewiring.fullyAdjacent.schedule(big, numLayers: 2) } throws: {
            ($0 as? DataError)?.exitCode == 64 && "\($0)".contains("the graph has \(cap + 1) nodes")
        }
        let union = try Graph(numNodes: cap + 4, source: [], target: [])
        #expect { try LayerwiseRewiring.fullyAdjacent.schedule(union, ptr: [0, 3, Int32(cap + 4)], numLayers: 2) } throws: {
            "\($0)".contains("graph 1 has \(cap + 1) nodes")
        }
        // At the cap itself: accepted (checked on a union of small graphs, the cap is per graph).
        let ok = try LayerwiseRewiring.fullyAdjacent.schedule(try Graph(numNodes: 6, source: [], target: []),
                                                             ptr: [0, 3, 6], numLayers: 2)
        #expect(ok.layers == [0, 1] && ok.graphs[1].numEdges == 12)
        #expect(throws: DataError.self) {
            try LayerwiseRewiring.fullyAdjacent.schedule(union, ptr: [0, 5], numLayers: 2)
        }
    }

    @Test("the provider returns one graph per layer, as the schedule, shared values for shared layers")
    func provider() throws {
        let g = try Graph.ring(12)
        for method in [LayerwiseRewiring.expander(startWithInput: false, shuffle: true), .fullyAdjacent, .laser(LASER())] {
            let schedule = try method.schedule(g, numLayers: 4, seed: 3)
            let graphs = try method.provider(seed: 3).layerGraphs(for: g, numLayers: 4)
            #expect(graphs.count == 4)
            for l in 0..<4 {
                let want = try schedule.graph(forLayer: l)
                #expect(graphs[l].source == want.source && graphs[l].target == want.target, "\(method.name) layer \(l)")
            }
        }
        let e = try LayerwiseRewiring.expander(startWithInput: true, shuffle: true).provider().layerGraphs(for: g, numLayers: 3)
        #expect(e[0].source == g.source && e[2].source == g.source && e[1].source != g.source)
        #expect(try LayerwiseRewiring.laser(LASER()).schedule(g, numLayers: 3).layerSummary.hasPrefix("layers on graphs [0, 1, 2]"))
    }

    /// Two graphs with random features, batched.
    func twoGraphs() throws -> (graphs: [Graph], batch: GraphBatch, x: Tensor) {
        var a = try Graph.ring(7), b = try Graph.path(5)
        a.nodeFeatures = try .dense(7, 3, Tensor.randn([7, 3], seed: 1).scalars)
        b.nodeFeatures = try .dense(5, 3, Tensor.randn([5, 3], seed: 2).scalars)
        let batch = try GraphBatch([a, b])
        return ([a, b], batch, batch.graph.nodeFeatures!.tensor())
    }

    @Test("GINClassifier with an expander / fa schedule over a batch of 2 graphs scores each graph as alone")
    func ginOverBatch() throws {
        let (graphs, batch, x) = try twoGraphs()
        let gin = try GINClassifier(inChannels: 3, hidden: 8, classes: 2, layers: 4, dropout: 0, seed: 6)
        gin.eval()   // batch norm on running statistics: rows do not mix
        let segments = try NodeSegments(ptr: batch.ptr)
        for method in [LayerwiseRewiring.expander(startWithInput: true, shuffle: true), .fullyAdjacent] {
            let schedule = try method.schedule(batch.graph, ptr: batch.ptr, numLayers: 3, seed: 10)
            let out = try gin(x, layerGraphs: schedule.layerGraphs, segments)
            #expect(out.shape == [2, 2])
            #expect(!out.allClose(try gin(x, batch.graph, segments), rtol: 1e-4, atol: 1e-4), "\(method.name)")
            for (k, g) in graphs.enumerated() {
                // Graph k of a union is seeded seed + k: alone it needs seed 10 + k.
                let own = try method.schedule(g, numLayers: 3, seed: 10 + UInt64(k))
                let alone = try gin(g.nodeFeatures!.tensor(), layerGraphs: own.layerGraphs, try NodeSegments(ptr: [0, Int32(g.numNodes)]))
                let row = Array(out.scalars[(2 * k)..<(2 * k + 2)])
                #expect(Tensor(row).allClose(Tensor(alone.scalars), rtol: 1e-5, atol: 1e-5), "\(method.name) graph \(k)")
            }
        }
    }

    @Test("a collection's expander graphs, batched in any order, are each graph's own (seed + dataset index)")
    func collectionExpander() throws {
        let graphs = [try Graph.ring(7), try Graph.path(5), try Graph.ring(9)]
        let method = LayerwiseRewiring.expander(startWithInput: true, shuffle: true)
        let layered = try CollectionLayerGraphs(graphs: graphs, provider: method.provider(seed: 20), numLayers: 3)
        let input = try GraphBatch([graphs[2], graphs[0]]).graph
        let out = try layered.batch([2, 0], input: input)
        #expect(out.count == 3 && out[0].source == input.source && out[2].source == input.source)
        let want = try GraphBatch([try method.schedule(graphs[2], numLayers: 3, seed: 22).graphs[1],
                                   try method.schedule(graphs[0], numLayers: 3, seed: 20).graphs[1]]).graph
        func edges(_ g: Graph) -> Set<[Int32]> { Set(zip(g.source, g.target).map { [$0, $1] }) }
        #expect(out[1].numEdges == want.numEdges && edges(out[1]) == edges(want) && out[1].numNodes == 16)
    }
}
