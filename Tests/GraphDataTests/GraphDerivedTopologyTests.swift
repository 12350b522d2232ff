import Testing
@testable import GraphData

@Suite struct GraphDerivedTopologyTests {
    @Test func derivedTopologyIsBuiltOnceAndCarriesTheCallersNodeData() throws {
        var g = try Graph(numNodes: 3, source: [0, 1, 1], target: [1, 1, 2])
        g.edgeWeight = [1, 2, 3]
        var builds = 0
        let make: (Graph) throws -> Graph = { graph in
            builds += 1
            return try graph.withEdges(source: [0, 2], target: [2, 0])
        }
        let first = try g.derivedTopology("test", make)
        var copy = g
        copy.nodeFeatures = try .dense(3, 1, [7, 8, 9])
        let second = try copy.derivedTopology("test", make)
        #expect(builds == 1)
        #expect(second.source == [0, 2] && second.target == [2, 0])
        #expect(second.edgeWeight == nil)
        #expect(first.nodeFeatures == nil)
        #expect(second.nodeFeatures == copy.nodeFeatures)
        // Another key is another derivation; a new graph value has its own cache.
        _ = try g.derivedTopology("other", make)
        #expect(builds == 2)
        let fresh = try Graph(numNodes: 3, source: [0, 1, 1], target: [1, 1, 2])
        _ = try fresh.derivedTopology("test", make)
        #expect(builds == 3)
    }

    @Test func withTopologyRejectsAnotherNodeCount() throws {
        let g = try Graph(numNodes: 3, source: [0], target: [1])
        let other = try Graph(numNodes: 4, source: [0], target: [3])
        #expect(throws: DataError.self) { try g.withTopology(of: other) }
    }
}
