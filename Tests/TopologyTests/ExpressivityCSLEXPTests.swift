import Foundation
import Testing
import GraphData
import TestSupport
@testable import Topology

@Suite struct ExpressivityCSLEXPTests {
    @Test func cslGraphsAreFourRegularWithTheirSkips() throws {
        for r in CSLGraphs.skipLengths {
            let g = try CSLGraphs.graph(nodes: 41, skip: r)
            #expect(g.numNodes == 41 && g.numEdges == 164)
            #expect((0..<41).allSatisfy { g.incoming.degree($0) == 4 })
            let n0 = Set(g.incoming.neighbors(0).map(Int.init))
            #expect(n0 == [1, 40, r, 41 - r])
            #expect(g.isUndirected && g.isCoalesced)
        }
        #expect(throws: DataError.self) { try CSLGraphs.graph(nodes: 41, skip: 1) }
        #expect(throws: DataError.self) { try CSLGraphs.graph(nodes: 10, skip: 5) }
        #expect(throws: DataError.self) { try CSLGraphs.graph(nodes: 4, skip: 2) }
    }

    @Test func cslDatasetShape() throws {
        let d = try CSLGraphs.dataset(seed: 3)
        #expect(d.graphs.count == 150 && d.numClasses == 10)
        #expect(d.graphs.allSatisfy { $0.numNodes == 41 && $0.numEdges == 164 })
        for k in 0..<10 {
            #expect(d.graphs[15 * k..<15 * (k + 1)].allSatisfy { $0.graphLabel == .classes([Int32(k)]) })
        }
        // Permuted copies differ as edge lists but keep the structure (neighbour sets
        // of node p(0) are the images of node 0's).
        #expect(d.graphs[0].source != d.graphs[1].source || d.graphs[0].target != d.graphs[1].target)
        let same = try CSLGraphs.dataset(seed: 3)
        #expect(same.graphs.map(\.target) == d.graphs.map(\.target))
        let canonical = try CSLGraphs.dataset(copies: 2, keepCanonical: true)
        #expect(canonical.graphs[0].target == (try CSLGraphs.graph(nodes: 41, skip: 2)).target)
        #expect(throws: DataError.self) { try CSLGraphs.dataset(skips: [2, 2]) }
        #expect(throws: DataError.self) { try CSLGraphs.dataset(copies: 0) }
        #expect(throws: DataError.self) { try CSLGraphs.relabel(try Graph.ring(3), [0, 0, 1]) }
    }

    @Test func wlDistinguishesNoPairOfCSLClasses() throws {
        let d = try CSLGraphs.dataset(copies: 1, seed: 1)
        var tested = 0
        for i in 0..<10 {
            for j in (i + 1)..<10 {
                let r = try WeisfeilerLehman.test(d.graphs[i], d.graphs[j])
                #expect(!r.distinguishable, "classes \(i), \(j)")
                #expect(r.colorClasses == 1 && r.rounds == 1)
                tested += 1
            }
        }
        #expect(tested == 45)
        // The same graphs with one node marked are told apart (the marking breaks the
        // symmetry that makes CSL hard): the test can answer yes.
        var a = d.graphs[0], b = d.graphs[1]
        a.nodeLabels = .classes((0..<41).map { $0 == 0 ? 1 : 0 })
        b.nodeLabels = .classes((0..<41).map { $0 == 0 ? 1 : 0 })
        #expect(try WeisfeilerLehman.test(a, b, initial: .nodeLabels).distinguishable)
        let features = try WLSubtreeFeatures(graphs: d.graphs, iterations: 3)
        #expect(Set(features.indices).count == 1 && Set(features.counts).count == 1)  // one vector for all
    }

    @Test(.enabled(if: SharedData.available)) func expPairsAreWLIndistinguishable() throws {
        guard let root = SharedData.root else { return }
        let exp = try EXPDataset().load(root: DataRoot(root), download: false)
        #expect(exp.graphs.count == 1200)
        let report = try EXPPairs.test(exp, initial: .nodeFeatures)
        #expect(report.pairs == 600)
        #expect(report.labelsDiffer == 600)
        #expect(report.distinguished == 0, "\(report.distinguishedPairs.prefix(10))")
        let plain = try EXPPairs.test(exp, initial: .uniform)
        #expect(plain.distinguished == 0)
        print("EXP: \(report.pairs) pairs, 1-WL distinguished \(report.distinguished) with node features, \(plain.distinguished) without; max rounds \(report.maxRounds)")
    }

    @Test func expPairsRejectBadDatasets() throws {
        var g = try Graph.ring(3)
        g.graphLabel = .classes([0])
        let odd = Dataset(name: "EXP", task: .graphClassification, graphs: [g], numClasses: 1)
        #expect(throws: DataError.self) { try EXPPairs.pairs(odd) }
        let uneven = Dataset(name: "EXP", task: .graphClassification, graphs: [g, try Graph.ring(4)], numClasses: 1)
        do {
            _ = try EXPPairs.pairs(uneven)
            Issue.record("expected an error")
        } catch let e as DataError {
            #expect(e.location == "pair 0")
        }
    }
}
