import Foundation
import Testing
import TestSupport
@testable import GraphData

@Suite struct EXPDatasetTests {
    static let two = """
    2
    3 1
    0 2 1 2
    1 1 0
    1 1 0
    2 0

    1 1 1
    0 1 0

    """

    func parse(_ text: String) throws -> [Graph] {
        try EXPDataset.parse(Array(text.utf8), file: "GRAPHSAT.txt")
    }

    @Test func parsesGraphsFeaturesAndLabels() throws {
        let graphs = try parse(Self.two)
        #expect(graphs.count == 2)
        #expect(graphs[0].numNodes == 3)
        #expect(graphs[0].source == [0, 0, 1, 2])
        #expect(graphs[0].target == [1, 2, 0, 0])
        #expect(graphs[0].nodeFeatures == .dense(rows: 3, cols: 2, values: [1, 0, 0, 1, 0, 1]))
        #expect(graphs[0].graphLabel == .classes([1]))
        // Graph 1: node 0 lists 1 but node 1 lists 0 too; merged into one pair.
        #expect(graphs[1].source == [0, 1] && graphs[1].target == [1, 0])
        #expect(graphs[1].graphLabel == .classes([0]))
        #expect(graphs[1].nodeFeatures?.row(0) == [0, 1])
    }

    func expectError(_ text: String, at location: String, _ contains: String) {
        do {
            _ = try parse(text)
            Issue.record("expected an error for \(text)")
        } catch let error as DataError {
            #expect(error.file == "GRAPHSAT.txt")
            #expect(error.location == location, "\(error)")
            #expect(error.message.contains(contains), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func malformedInputThrows() {
        expectError("", at: "line 1", "empty file")
        expectError("3\n1 0\n0 0\n", at: "line 4", "file ends after 1 graphs, expected 3")
        expectError("1\n3 0\n0 0\n", at: "line 4", "file ends at node 1 of graph 0")
        expectError("1\n2 0\n0 1 5\n0 0\n", at: "line 3", "neighbour 5 is out of range 0..<2")
        expectError("1\n2 0\n0 2 1\n0 0\n", at: "line 3", "degree 2 but 1 neighbours")
        expectError("1\n1 0\n2 0\n", at: "line 3", "label 0 or 1")
        expectError("1\n1 x\n0 0\n", at: "line 2", "'x' is not an integer")
        expectError("1\n1 0\n0 0\n7 7\n", at: "line 4", "unexpected data")
        expectError("1\n99999999 0\n", at: "line 2", "cannot fit")
    }

    @Test(.enabled(if: SharedData.available)) func realEXP() throws {
        let root = try #require(SharedData.root)
        let d = try EXPDataset().load(root: DataRoot(root), download: false)
        #expect(d.graphs.count == 1200)
        #expect(d.numClasses == 2)
        #expect(d.numNodeFeatures == 2)
        #expect(d.totalNodes == 58442)
        #expect(d.totalEdges == 145060)
        let ones = d.graphs.filter { $0.graphLabel == .classes([1]) }.count
        #expect(ones == 600)
    }
}
