import Foundation
import GraphData
import Testing
import TestSupport
@testable import Topology

/// Rewiring on the shared reference datasets (skipped when ../shared/data is absent).
@Suite("Rewiring on real data")
struct RewiringRealDataTests {
    static func load(_ name: String) throws -> Dataset {
        guard let root = SharedData.root else { throw DataError(.missingInput, "no shared data") }
        return try DatasetCatalog.load(name, root: DataRoot(root), download: false)
    }

    @Test(.enabled(if: SharedData.available))
    func everyMethodKeepsTheInvariantsOnMUTAG() throws {
        let mutag = try Self.load("MUTAG")
        let graphs = Array(mutag.graphs.prefix(40))
        for method in allMethods {
            for (k, g) in graphs.enumerated() {
                let r = try Rewiring(method, seed: UInt64(k)).apply(to: g)
                checkInvariants(g, r)
                #expect(r.graph.graphLabel == g.graphLabel)
                #expect(r.graph.nodeFeatures?.rows == r.graph.numNodes)
            }
        }
    }

    @Test(.enabled(if: SharedData.available))
    func mutagMeasuresMatchNetworkx() throws {
        // networkx on PyG's TUDataset MUTAG, largest components: mean λ₂ 0.0746884161661,
        // mean total effective resistance 423.418169082372.
        let mutag = try Self.load("MUTAG")
        let mean = RewiringMeasures.mean(try mutag.graphs.map { try RewiringMeasures($0) })
        #expect(mean.graphs == 188)
        #expect(abs((mean.spectralGap ?? 0) - 0.07468841616611112) < 1e-9)
        #expect(abs((mean.totalEffectiveResistance ?? 0) - 423.41816908237206) < 1e-6)
    }

    @Test(.enabled(if: SharedData.available))
    func sdrfOnCornellRaisesTheSpectralGap() throws {
        let cornell = try Self.load("Cornell").graph
        let r = try Rewiring(.sdrf(SDRF(iterations: 20)), seed: 0).apply(to: cornell)
        checkInvariants(cornell, r)
        #expect(r.report.edgesAdded > 0)
        #expect(r.graph.splits.count == cornell.splits.count && r.graph.nodeLabels == cornell.nodeLabels)
        let before = try RewiringMeasures(cornell), after = try RewiringMeasures(r.graph)
        #expect((after.bfcMin ?? -9) >= (before.bfcMin ?? 9))
    }
}
