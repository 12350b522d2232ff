import Testing
@testable import GraphData

@Suite struct GraphTests {
    @Test func incomingGroupsEdgesByTarget() throws {
        let g = try Graph(numNodes: 3, source: [0, 1, 1, 2], target: [1, 0, 2, 1])
        let inc = g.incoming
        #expect(inc.matrix.rowPtr == [0, 1, 3, 4])
        #expect(inc.matrix.colIdx == [1, 0, 2, 1])
        #expect(inc.edgeOrder == [1, 0, 3, 2])
        #expect(g.outgoing.neighbors(1) == [0, 2])
    }

    @Test func rejectsOutOfRangeEndpoints() {
        #expect(throws: DataError.self) { try Graph(numNodes: 2, source: [0, 2], target: [1, 0]) }
        #expect(throws: DataError.self) { try Graph(numNodes: 2, source: [0], target: [1, 0]) }
    }

    @Test func validateCatchesSizeMismatches() throws {
        var g = try Graph(numNodes: 2, source: [0], target: [1])
        g.nodeFeatures = try .dense(3, 1, [1, 2, 3])
        #expect(throws: DataError.self) { try g.validate() }
        g.nodeFeatures = try .dense(2, 1, [1, 2])
        g.edgeWeight = [1, 2]
        #expect(throws: DataError.self) { try g.validate() }
    }

    @Test func sparseFeaturesDensifyAndSelectRows() throws {
        let m = FeatureMatrix.sparse(rows: 2, cols: 3, rowPtr: [0, 1, 3], colIdx: [2, 0, 1], values: [5, 6, 7])
        try m.validate("x")
        #expect(m.denseValues() == [0, 0, 5, 6, 7, 0])
        #expect(m.selectingRows([1]).denseValues() == [6, 7, 0])
        let stacked = try FeatureMatrix.vstack([m, m])
        #expect(stacked.isSparse && stacked.rows == 4 && stacked.row(3) == [6, 7, 0])
    }
}
