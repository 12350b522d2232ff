import Foundation
import Testing
@testable import GraphData

@Suite struct TransformFeatureTests {
    func withFeatures(_ x: FeatureMatrix) throws -> Graph {
        var g = try Graph(numNodes: x.rows, source: [], target: [])
        g.nodeFeatures = x
        return g
    }

    @Test func normalizeFeaturesAsPyG() throws {
        let g = try withFeatures(.dense(3, 2, [1, 3, 0, 0, 0.25, 0.5]))
        // Row sums 4, 0, 0.75: divided by max(sum, 1).
        #expect(try g.normalizingFeatures().nodeFeatures?.denseValues() == [0.25, 0.75, 0, 0, 0.25, 0.5])
        // Negative entries: shift by the global minimum (-1) first.
        let n = try withFeatures(.dense(2, 2, [-1, 1, 0, 2])).normalizingFeatures()
        #expect(n.nodeFeatures?.denseValues() == [0, 1, 0.25, 0.75])
    }

    @Test func normalizeSparseStaysSparse() throws {
        let x = FeatureMatrix.sparse(rows: 2, cols: 3, rowPtr: [0, 2, 3], colIdx: [0, 2, 1], values: [1, 3, 2])
        let n = try withFeatures(x).normalizingFeatures().nodeFeatures
        #expect(n?.isSparse == true)
        #expect(n?.denseValues() == [0.25, 0, 0.75, 0, 1, 0])
        let neg = FeatureMatrix.sparse(rows: 1, cols: 2, rowPtr: [0, 1], colIdx: [0], values: [-2])
        #expect(try withFeatures(neg).normalizingFeatures().nodeFeatures == .dense(rows: 1, cols: 2, values: [0, 1]))
    }

    @Test func standardizePerColumn() throws {
        let s = try withFeatures(.dense(2, 2, [1, 10, 3, 10])).standardizingFeatures()
        #expect(s.nodeFeatures?.denseValues() == [-1, 0, 1, 0])
        let none = try Graph(numNodes: 2, source: [], target: [])
        #expect(try none.standardizingFeatures().nodeFeatures == nil)
    }

    @Test func malformedFeaturesThrowInsteadOfCrashing() throws {
        var g = try Graph(numNodes: 2, source: [0], target: [1])
        g.nodeFeatures = .dense(rows: 2, cols: 3, values: [1, 2])
        #expect { try g.normalizingFeatures() } throws: { ($0 as? DataError)?.kind == .badData }
        #expect { try g.standardizingFeatures() } throws: { ($0 as? DataError)?.kind == .badData }
        g.nodeFeatures = .sparse(rows: 2, cols: 2, rowPtr: [0, 5, 1], colIdx: [0], values: [1])
        #expect { try g.normalizingFeatures() } throws: { ($0 as? DataError)?.kind == .badData }
        g.nodeFeatures = nil
        g.nodeLabels = .classes([0, -1])
        #expect { try g.homophily(.edgeInsensitive) } throws: { ($0 as? DataError)?.kind == .badData }
    }

    @Test func homophilyMatchesPyGDocExample() throws {
        var g = try Graph(numNodes: 5, source: [0, 1, 2, 3], target: [1, 2, 0, 4])
        g.nodeLabels = .classes([0, 0, 0, 0, 1])
        #expect(try g.homophily(.edge) == 0.75)
        #expect(abs(try g.homophily(.node) - 0.6) < 1e-12)
        #expect(abs(try g.homophily(.edgeInsensitive) - 0.2) < 1e-12)
    }

    @Test func homophilyErrors() throws {
        var g = try Graph(numNodes: 2, source: [], target: [])
        #expect { try g.homophily() } throws: { ($0 as? DataError)?.kind == .usage }
        g.nodeLabels = .classes([0, 0])
        #expect { try g.homophily(.edge) } throws: { ($0 as? DataError)?.kind == .usage }
        #expect(try g.homophily(.node) == 0)
        #expect { try g.homophily(.edgeInsensitive) } throws: { ($0 as? DataError)?.kind == .usage }
    }

    @Test func statisticsOfASmallGraph() throws {
        var g = try Graph(numNodes: 5, edges: [(0, 1), (1, 0), (1, 2), (2, 1), (2, 2), (2, 1)])
        g.nodeLabels = .classes([0, 0, 1, 1, 1])
        let s = GraphStatistics(g)
        #expect(s.numNodes == 5 && s.numEdges == 6)
        #expect(s.inDegree == CountStatistics([1, 3, 2, 0, 0]))
        #expect(s.inDegree.min == 0 && s.inDegree.max == 3 && s.inDegree.mean == 1.2 && s.inDegree.median == 1)
        #expect(s.selfLoops == 1 && s.duplicateEdges == 1 && s.isolatedNodes == 2)
        #expect(s.isUndirected)   // duplicates merged first, as PyG's is_undirected
        #expect(s.components == 3 && s.largestComponentNodes == 3)
        #expect(s.numClasses == 2 && s.edgeHomophily == 0.5)
        #expect(CountStatistics([4, 1, 3, 2]).median == 2.5)
        let json = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode(GraphStatistics.self, from: json) == s)
        #expect(s.lines.first == "nodes: 5")
    }
}
