import Foundation
import Testing
@testable import GraphData

@Suite struct KarateClubTests {
    @Test func matchesPyGKarateClub() throws {
        let g = try KarateClub.graph()
        #expect(g.numNodes == 34 && g.numEdges == 156)
        #expect(g.isUndirected && g.isCoalesced && !g.hasSelfLoops)
        #expect(g.nodeFeatures == .dense(rows: 34, cols: 34, values: (0..<34 * 34).map { $0 % 35 == 0 ? 1 : 0 }))
        #expect(g.nodeLabels?.numClasses == 4)
        #expect(g.splits.count == 1 && g.splits[0].trainIndices == [0, 4, 8, 24])
        #expect(g.splits[0].validationIndices.isEmpty && g.splits[0].testIndices.isEmpty)
        let deg = g.inDegree()
        #expect(deg[0] == 16 && deg[33] == 17 && deg.min() == 1)
        #expect(g.outgoing.neighbors(9) == [2, 33])
        try g.validate()
    }

    @Test func statisticsMatchNetworkx() throws {
        let s = GraphStatistics(try KarateClub.graph())
        #expect(s.inDegree.max == 17 && s.inDegree.median == 3)
        #expect(abs(s.inDegree.mean - 4.588235294117647) < 1e-12)
        #expect(s.components == 1 && s.isolatedNodes == 0 && s.selfLoops == 0)
        // Computed with networkx and PyG's formulas from the same labels.
        #expect(abs((s.edgeHomophily ?? 0) - 118.0 / 156.0) < 1e-12)
        #expect(abs((s.nodeHomophily ?? 0) - 0.8020520953479431) < 1e-9)
        #expect(abs((s.edgeInsensitiveHomophily ?? 0) - 0.6170592251237412) < 1e-9)
    }

    @Test func loadsFromCatalogWithoutFiles() throws {
        let root = DataRoot(FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftgnn-karate-\(UUID().uuidString)"))
        let entry = try #require(DatasetCatalog.embeddedEntries.first { $0.name == "KarateClub" })
        #expect(entry.embedded && entry.isPresent(in: root))
        let ds = try entry.source.load(root: root, download: false)
        #expect(ds.name == "KarateClub" && ds.numClasses == 4 && ds.task == .nodeClassification)
        #expect(ds.totalNodes == 34 && ds.totalEdges == 156 && ds.numNodeFeatures == 34)
        #expect(!FileManager.default.fileExists(atPath: root.directory.path))
    }
}
