import Testing
@testable import GraphData

/// `[[source, target], ...]` of a graph, for exact comparisons.
func edgePairs(_ g: Graph) -> [[Int32]] { zip(g.source, g.target).map { [$0, $1] } }

@Suite struct TransformEdgeTests {
    @Test func coalesceSortsBySourceThenTargetAndSumsDuplicates() throws {
        var g = try Graph(numNodes: 3, edges: [(1, 0), (0, 2), (1, 0), (0, 1)])
        g.edgeWeight = [1, 2, 3, 4]
        g.edgeFeatures = try .dense(4, 2, [1, 10, 2, 20, 3, 30, 4, 40])
        #expect(!g.isCoalesced)
        let c = try g.coalesced()
        #expect(edgePairs(c) == [[0, 1], [0, 2], [1, 0]])
        #expect(c.edgeWeight == [4, 2, 4])
        #expect(c.edgeFeatures?.denseValues() == [4, 40, 2, 20, 4, 40])
        #expect(c.isCoalesced)
        let mean = try g.coalesced(reduce: .mean)
        #expect(mean.edgeWeight == [4, 2, 2])
        #expect(mean.edgeFeatures?.denseValues() == [4, 40, 2, 20, 2, 20])
        #expect(try g.coalesced(reduce: .max).edgeWeight == [4, 2, 3])
        #expect(try g.coalesced(reduce: .min).edgeWeight == [4, 2, 1])
    }

    @Test func coalesceKeepsSparseEdgeFeaturesSparse() throws {
        var g = try Graph(numNodes: 2, edges: [(0, 1), (0, 1)])
        g.edgeFeatures = .sparse(rows: 2, cols: 3, rowPtr: [0, 1, 2], colIdx: [0, 2], values: [1, 5])
        let c = try g.coalesced()
        #expect(c.edgeFeatures?.isSparse == true)
        #expect(c.edgeFeatures?.denseValues() == [1, 0, 5])
        try c.validate()
    }

    @Test func selfLoopsAddRemoveAndRemaining() throws {
        var g = try Graph(numNodes: 3, edges: [(0, 1), (1, 1)])
        g.edgeWeight = [2, 5]
        #expect(g.selfLoopCount == 1 && g.hasSelfLoops)

        let added = try g.addingSelfLoops()
        #expect(edgePairs(added) == [[0, 1], [1, 1], [0, 0], [1, 1], [2, 2]])
        #expect(added.edgeWeight == [2, 5, 1, 1, 1])
        #expect(try g.addingSelfLoops(fill: .value(0.5)).edgeWeight == [2, 5, 0.5, 0.5, 0.5])
        // Loop weight = sum of the node's incoming weights (PyG fill_value="add").
        #expect(try g.addingSelfLoops(fill: .incoming(.sum)).edgeWeight == [2, 5, 0, 7, 0])
        #expect(try g.addingSelfLoops(fill: .incoming(.mean)).edgeWeight == [2, 5, 0, 3.5, 0])

        let removed = try g.removingSelfLoops()
        #expect(edgePairs(removed) == [[0, 1]] && removed.edgeWeight == [2])

        let remaining = try g.addingRemainingSelfLoops()
        #expect(edgePairs(remaining) == [[0, 1], [0, 0], [1, 1], [2, 2]])
        #expect(remaining.edgeWeight == [2, 1, 5, 1])   // node 1 keeps its loop's weight
    }

    @Test func selfLoopsCarryEdgeFeatures() throws {
        var g = try Graph(numNodes: 2, edges: [(0, 1), (1, 1)])
        g.edgeFeatures = try .dense(2, 2, [1, 2, 3, 4])
        let added = try g.addingSelfLoops(fill: .value(7))
        #expect(added.edgeFeatures?.denseValues() == [1, 2, 3, 4, 7, 7, 7, 7])
        let remaining = try g.addingRemainingSelfLoops(fill: .value(0))
        #expect(remaining.edgeFeatures?.denseValues() == [1, 2, 0, 0, 3, 4])
        try added.validate()
        try remaining.validate()
    }

    @Test func toUndirectedSumsBothDirections() throws {
        var g = try Graph(numNodes: 3, edges: [(0, 1), (1, 0), (1, 2), (2, 2)])
        g.edgeWeight = [1, 2, 5, 3]
        #expect(!g.isUndirected)
        let u = try g.toUndirected()
        #expect(edgePairs(u) == [[0, 1], [1, 0], [1, 2], [2, 1], [2, 2]])
        #expect(u.edgeWeight == [3, 3, 5, 5, 6])
        #expect(u.isUndirected)
        #expect(try g.toUndirected(reduce: .max).edgeWeight == [2, 2, 5, 5, 3])
    }

    @Test func isUndirectedComparesWeights() throws {
        var g = try Graph(numNodes: 2, edges: [(0, 1), (1, 0)])
        #expect(g.isUndirected)
        g.edgeWeight = [1, 2]
        #expect(!g.isUndirected)
        g.edgeWeight = [2, 2]
        #expect(g.isUndirected)
        #expect(try Graph(numNodes: 3, edges: [(0, 1), (1, 2), (2, 1)]).isUndirected == false)
        #expect(try Graph(numNodes: 3, source: [], target: []).isUndirected)
    }

    @Test func mismatchedEdgeDataThrowsBadData() throws {
        var g = try Graph(numNodes: 3, edges: [(0, 1), (1, 2)])
        g.edgeWeight = [1]
        let ops: [() throws -> Graph] = [
            { try g.coalesced() }, { try g.toUndirected() }, { try g.addingSelfLoops() },
            { try g.addingRemainingSelfLoops() }, { try g.removingSelfLoops() },
            { try g.subgraph(nodes: [0, 1]) }, { try g.kHopSubgraph(seeds: [0], hops: 1).graph },
        ]
        for op in ops {
            #expect { try op() } throws: { e in
                guard let e = e as? DataError else { return false }
                return e.kind == .badData && e.message.contains("1 edge weights for 2 edges")
            }
        }
        #expect(!g.isUndirected)
        g.edgeWeight = nil
        g.edgeFeatures = .dense(rows: 5, cols: 1, values: [1, 2, 3, 4, 5])
        #expect { try g.coalesced() } throws: { ($0 as? DataError)?.kind == .badData }
    }

    @Test func degreesAndIsolatedNodes() throws {
        let g = try Graph(numNodes: 5, edges: [(0, 1), (0, 2), (1, 2), (2, 2), (4, 4)])
        #expect(g.inDegree() == [0, 1, 3, 0, 1])
        #expect(g.outDegree() == [2, 1, 1, 0, 1])
        // Node 3 has no edge, node 4 only a self loop: both isolated, as PyG counts.
        #expect(g.isolatedNodeCount == 2)
    }
}
