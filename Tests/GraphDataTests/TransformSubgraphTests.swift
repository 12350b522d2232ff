import Testing
@testable import GraphData

@Suite struct TransformSubgraphTests {
    func fiveNodes() throws -> Graph {
        var g = try Graph(numNodes: 5, edges: [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (2, 0)])
        g.edgeWeight = [1, 2, 3, 4, 5, 6]
        g.nodeFeatures = try .dense(5, 1, [0, 1, 2, 3, 4])
        g.nodeLabels = .classes([0, 1, 0, 1, 0])
        g.splits = [try NodeSplit(numNodes: 5, train: [0, 3], validation: [2], test: [4])]
        return g
    }

    @Test func subgraphRelabelsInGivenOrder() throws {
        let s = try fiveNodes().subgraph(nodes: [2, 0, 3])
        #expect(s.numNodes == 3)
        #expect(edgePairs(s) == [[0, 2], [0, 1]])
        #expect(s.edgeWeight == [3, 6])
        #expect(s.nodeFeatures?.denseValues() == [2, 0, 3])
        #expect(s.nodeLabels == .classes([0, 0, 1]))
        #expect(s.splits[0].train == [false, true, true])
        #expect(s.splits[0].validation == [true, false, false])
        #expect(s.originalNodeIds == [2, 0, 3])
        try s.validate()
        // Cutting again composes the original ids.
        #expect(try s.subgraph(nodes: [2, 1]).originalNodeIds == [3, 0])
    }

    @Test func subgraphWithoutRelabelAndFromMask() throws {
        let g = try fiveNodes()
        let kept = try g.subgraph(nodes: [2, 0, 3], relabel: false)
        #expect(kept.numNodes == 5 && edgePairs(kept) == [[2, 3], [2, 0]] && kept.edgeWeight == [3, 6])
        #expect(kept.originalNodeIds == nil)
        let m = try g.subgraph(mask: [true, false, true, true, false])
        #expect(edgePairs(m) == [[1, 2], [1, 0]])
        #expect(m.originalNodeIds == [0, 2, 3])
    }

    @Test func subgraphRejectsBadNodes() throws {
        let g = try fiveNodes()
        for nodes in [[5], [-1], [1, 1]] {
            #expect { try g.subgraph(nodes: nodes) } throws: { ($0 as? DataError)?.kind == .usage }
        }
        #expect { try g.subgraph(mask: [true]) } throws: { ($0 as? DataError)?.kind == .usage }
    }

    @Test func kHopMatchesPyGExample() throws {
        // PyG's k_hop_subgraph docstring example: node 6, 2 hops.
        let g = try Graph(numNodes: 7, source: [0, 1, 2, 3, 4, 5], target: [2, 2, 4, 4, 6, 6])
        let k = try g.kHopSubgraph(seeds: [6], hops: 2)
        #expect(k.subset == [2, 3, 4, 5, 6])
        #expect(edgePairs(k.graph) == [[0, 2], [1, 2], [2, 4], [3, 4]])
        #expect(k.mapping == [4])
        #expect(k.edgeMask == [false, false, true, true, true, true])
    }

    @Test func kHopFlowsAndZeroHops() throws {
        let g = try Graph(numNodes: 6, edges: [(0, 1), (1, 2), (2, 3), (4, 3), (5, 0)])
        let one = try g.kHopSubgraph(seeds: [3], hops: 1)
        #expect(one.subset == [2, 3, 4])
        let two = try g.kHopSubgraph(seeds: [3], hops: 2)
        #expect(two.subset == [1, 2, 3, 4])
        #expect(edgePairs(two.graph) == [[0, 1], [1, 2], [3, 2]])
        #expect(two.mapping == [2])
        let forward = try g.kHopSubgraph(seeds: [0], hops: 2, flow: .targetToSource)
        #expect(forward.subset == [0, 1, 2])
        #expect(edgePairs(forward.graph) == [[0, 1], [1, 2]])
        let zero = try g.kHopSubgraph(seeds: [3, 1, 3], hops: 0)
        #expect(zero.subset == [1, 3] && zero.mapping == [1, 0, 1] && zero.graph.numEdges == 0)
        #expect { try g.kHopSubgraph(seeds: [6], hops: 1) } throws: { ($0 as? DataError)?.kind == .usage }
        #expect { try g.kHopSubgraph(seeds: [0], hops: -1) } throws: { ($0 as? DataError)?.kind == .usage }
        #expect { try g.kHopSubgraph(seeds: [], hops: 1) } throws: { ($0 as? DataError)?.kind == .usage }
    }

    @Test func weakComponentsAndLargest() throws {
        let g = try Graph(numNodes: 7, edges: [(0, 1), (2, 1), (3, 4), (6, 6)])
        let cc = g.connectedComponents()
        #expect(cc.count == 4)
        #expect(cc.labels == [0, 0, 0, 1, 1, 2, 3])
        #expect(cc.sizes == [3, 2, 1, 1])
        let largest = try g.largestConnectedComponent()
        #expect(largest.numNodes == 3 && edgePairs(largest) == [[0, 1], [2, 1]])
        #expect(largest.originalNodeIds == [0, 1, 2])
        let two = try g.largestConnectedComponent(components: 2)
        #expect(two.originalNodeIds == [0, 1, 2, 3, 4] && edgePairs(two) == [[0, 1], [2, 1], [3, 4]])
        // No more components than asked: unchanged, as PyG.
        let same = try g.largestConnectedComponent(components: 4)
        #expect(same.numNodes == 7 && same.originalNodeIds == nil)
        #expect { try g.largestConnectedComponent(components: 0) } throws: { ($0 as? DataError)?.kind == .usage }
    }

    @Test func largestComponentTieGoesToSmallerIds() throws {
        let g = try Graph(numNodes: 4, edges: [(2, 3), (0, 1)])
        #expect(try g.largestConnectedComponent().originalNodeIds == [0, 1])
    }
}
