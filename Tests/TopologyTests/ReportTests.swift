import Foundation
import GraphData
import Testing
import TestSupport
@testable import Topology

@Suite("Report: swiftgnn analyze")
struct ReportTests {
    /// Every small fixture graph: the report's values equal networkx's (LCC measures,
    /// curvature over the LCC's links, homophily on the stored edges).
    @Test func smallGraphsMatchNetworkx() throws {
        for f in try MeasuresFixture.load().graphs {
            let a = try TopologyReport.analyze(try f.graph())
            let r = a.report
            #expect(r.nodes == Double(f.numNodes), "\(f.name)")
            #expect(r.edges == Double(f.links.count), "\(f.name)")
            #expect(r.components == Double(f.components), "\(f.name)")
            #expect(r.lccNodes == Double(f.lccNodes.count), "\(f.name)")
            #expect(r.lccDiameter == Double(f.lccDiameter), "\(f.name)")
            if let gap = f.lccSpectralGap {
                #expect(close(r.lccSpectralGap ?? .nan, gap, 1e-8), "\(f.name)")
            }
            #expect(close(r.lccTotalEffectiveResistance ?? .nan, f.lccTotalEffectiveResistance, 1e-8), "\(f.name)")
            #expect(r.lccResistanceMethod == "pseudo_inverse" && r.lccResistanceProbes == nil)
            let inLCC = Set(f.lccNodes)
            let lccLinks = f.links.indices.filter { inLCC.contains(f.links[$0][0]) }
            let bfc = lccLinks.map { f.bfcDefinition[$0] }
            let orc = lccLinks.map { f.orc[$0] }
            #expect(a.bfc.count == bfc.count && a.orc.count == orc.count, "\(f.name)")
            #expect(close(r.bfcMean ?? .nan, bfc.reduce(0, +) / Double(bfc.count), 1e-9), "\(f.name)")
            #expect(close(r.bfcMin ?? .nan, bfc.min() ?? .nan, 1e-9), "\(f.name)")
            #expect(close(r.orcMean ?? .nan, orc.reduce(0, +) / Double(orc.count), 1e-9), "\(f.name)")
            if let h = f.homophilyEdge {
                #expect(close(r.edgeHomophily ?? .nan, h, 1e-6), "\(f.name)")
                #expect(close(r.nodeHomophily ?? .nan, f.homophilyNode ?? .nan, 1e-6), "\(f.name)")
            } else {
                #expect(r.edgeHomophily == nil)
            }
        }
    }

    /// Hutchinson's estimate on the 400-node Watts–Strogatz fixture is within 4 standard
    /// errors of networkx's exact total, with a standard error below 2%.
    @Test func hutchinsonEstimateMatchesExactTotal() throws {
        let large = try MeasuresFixture.load().large
        let g = try large.measureGraph()
        let e = try g.estimatedTotalResistance(probes: 64, seed: 3)
        let exact = large.totalEffectiveResistance
        #expect(e.probes == 64 && e.method == .hutchinsonConjugateGradient)
        #expect(e.standardError > 0 && e.standardError < 0.02 * exact)
        #expect(abs(e.total - exact) <= 4 * e.standardError, "estimate \(e.total) ± \(e.standardError), exact \(exact)")
        // The report switches to it above the dense limit and says so.
        var options = TopologyReportOptions()
        options.denseResistanceLimit = 100
        options.resistanceProbes = 64
        options.seed = 3
        options.ollivierRicci = false
        let r = try TopologyReport.analyze(g.graph(), options: options).report
        #expect(r.lccResistanceMethod == "hutchinson_conjugate_gradient")
        #expect(r.lccResistanceProbes == 64)
        #expect(r.lccTotalEffectiveResistance == e.total && r.lccTotalEffectiveResistanceStandardError == e.standardError)
        #expect(r.lccMaxLinkResistance == nil && r.orcMean == nil)
    }

    /// Ollivier–Ricci curvature is skipped, with the reason, above the work limit.
    @Test func ollivierRicciWorkLimit() throws {
        let karate = try MeasuresFixture.load().graphs[0].graph()
        var options = TopologyReportOptions()
        options.ollivierRicciWorkLimit = 1000
        let a = try TopologyReport.analyze(karate, options: options)
        #expect(a.orc.isEmpty && a.report.orcMean == nil && a.report.orcSkipped?.contains("over the limit") == true)
        #expect(a.report.bfcMean != nil)
        let full = try TopologyReport.analyze(karate)
        #expect(full.report.orcSkipped == nil && full.report.orcMean != nil)
    }

    @Test func hutchinsonRejectsBadInput() throws {
        let two = try MeasureGraph(numNodes: 4, links: [(0, 1), (2, 3)])
        #expect(throws: DataError.self) { try two.estimatedTotalResistance() }
        let path = try MeasureGraph(numNodes: 3, links: [(0, 1), (1, 2)])
        #expect(throws: DataError.self) { try path.estimatedTotalResistance(probes: 1) }
        #expect(throws: DataError.self) { try MeasureGraph(numNodes: 1, links: []).estimatedTotalResistance() }
        // Path on 3 nodes: total R = 1 + 1 + 2; every probe of a path of 3 is exact
        // up to the probe's own spread, so just check it is finite and positive.
        let e = try path.estimatedTotalResistance(probes: 200, seed: 1)
        #expect(abs(e.total - 4) <= 4 * e.standardError + 1e-9)
    }

    /// A collection of graphs: per-graph means, `graphs` counts them, histograms pool all
    /// LCC links; a graph without nodes is a clear error naming it.
    @Test func collectionIsMeanOverGraphs() throws {
        let fixture = try MeasuresFixture.load().graphs
        let a = try fixture[0].graph(), b = try fixture[2].graph()
        let dataset = Dataset(name: "pair", task: .graphClassification, graphs: [a, b], numClasses: 2)
        let analysis = try DatasetAnalysis(dataset)
        let ra = try TopologyReport.analyze(a), rb = try TopologyReport.analyze(b)
        let r = analysis.report
        #expect(r.graphs == 2 && r.aggregate == "mean over graphs" && r.dataset == "pair")
        #expect(r.nodes == (ra.report.nodes + rb.report.nodes) / 2)
        #expect(close(r.bfcMean ?? .nan, ((ra.report.bfcMean ?? 0) + (rb.report.bfcMean ?? 0)) / 2))
        #expect(r.curvatureHistogram?.balancedForman.counts.reduce(0, +) == ra.bfc.count + rb.bfc.count)
        let json = try JSONSerialization.jsonObject(with: analysis.json()) as? [String: Any]
        #expect(json?["graphs"] as? Int == 2)
        for key in ["nodes", "edges", "components", "lcc_nodes", "lcc_diameter", "lcc_spectral_gap",
                    "lcc_total_effective_resistance", "bfc_mean", "bfc_min", "lcc_resistance_method"] {
            #expect(json?[key] != nil, "\(key)")
        }

        // Without class labels the homophily keys are there, as null.
        var unlabelled = a
        unlabelled.nodeLabels = nil
        let plain = try JSONSerialization.jsonObject(with: DatasetAnalysis(Dataset(name: "u", task: .graphClassification, graphs: [unlabelled], numClasses: 2)).json()) as? [String: Any]
        #expect(plain?["edge_homophily"] is NSNull && plain?["node_homophily"] is NSNull && plain?["nodes"] as? Int == 34)

        let empty = Dataset(name: "withEmpty", task: .graphClassification, graphs: [a, try Graph(numNodes: 0, edges: [])], numClasses: 2)
        #expect {
            try DatasetAnalysis(empty)
        } throws: { error in
            let e = error as? DataError
            return e?.kind == .usage && "\(error)".contains("graph 1")
        }
        let none = Dataset(name: "none", task: .graphClassification, graphs: [], numClasses: 2)
        #expect(throws: DataError.self) { try DatasetAnalysis(none) }
    }

    @Test func histogramBins() throws {
        let h = try Histogram([-2, -1.95, 0, 0.05, 1, 7, .nan], bins: 30, lower: -2, upper: 1)
        #expect(h.edges.count == 31 && h.counts.count == 30)
        #expect(h.counts[0] == 2 && h.counts[20] == 2 && h.counts[29] == 1)
        #expect(h.counts.reduce(0, +) == 5)
        #expect(throws: DataError.self) { try Histogram([], bins: 0, lower: 0, upper: 1) }
        #expect(throws: DataError.self) { try Histogram([], bins: 3, lower: 1, upper: 1) }
    }

    /// `write(to:)` puts four complete files in place; an --out that is a file is an
    /// error and leaves nothing behind.
    @Test func writesReportFilesAtomically() throws {
        let g = try MeasuresFixture.load().graphs[0].graph()
        let analysis = try DatasetAnalysis(Dataset(name: "karate", task: .nodeClassification, graphs: [g], numClasses: 2))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try analysis.write(to: dir.appendingPathComponent("out"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted()
        #expect(names == ["curvature.svg", "report.html", "report.json", "report.txt"])
        let html = try String(contentsOf: dir.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("spectral gap") && html.contains("</html>"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/report.json"))) as? [String: Any]
        #expect(json?["nodes"] as? Int == 34 && json?["edges"] as? Int == 78)

        let file = dir.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        #expect(throws: DataError.self) { try analysis.write(to: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "x")
    }

    /// Cora (shared data): the report equals networkx / scipy / POT / PyG's values
    /// (Tests/TopologyTests/Fixtures/measures/cora_reference.json, written by
    /// scripts/topology/make_measure_fixtures.py).
    @Test(.enabled(if: SharedData.available)) func coraMatchesNetworkx() throws {
        let root = try #require(SharedData.root)
        let dataset = try DatasetCatalog.load("Cora", root: DataRoot(root), download: false)
        let ref = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url("measures/cora_reference.json"))) as? [String: Any] ?? [:]
        func value(_ key: String) -> Double { (ref[key] as? NSNumber)?.doubleValue ?? .nan }
        let r = try DatasetAnalysis(dataset).report
        #expect(r.nodes == value("nodes") && r.edges == value("edges") && r.components == value("components"))
        #expect(r.lccNodes == value("lcc_nodes") && r.lccEdges == value("lcc_edges") && r.lccDiameter == value("lcc_diameter"))
        #expect(close(r.lccSpectralGap ?? .nan, value("lcc_spectral_gap"), 1e-7))
        #expect(close(r.lccTotalEffectiveResistance ?? .nan, value("lcc_total_effective_resistance"), 1e-8))
        #expect(r.lccResistanceMethod == "pseudo_inverse")
        #expect(close(r.bfcMean ?? .nan, value("bfc_mean"), 1e-9) && close(r.bfcMin ?? .nan, value("bfc_min"), 1e-9))
        #expect(close(r.orcMean ?? .nan, value("orc_mean"), 1e-9) && close(r.orcMin ?? .nan, value("orc_min"), 1e-9))
        #expect(close(r.edgeHomophily ?? .nan, value("edge_homophily"), 1e-6))
        #expect(close(r.nodeHomophily ?? .nan, value("node_homophily"), 1e-6))
        #expect(close(r.classInsensitiveHomophily ?? .nan, value("edge_insensitive_homophily"), 1e-6))
    }

    /// Cora's LCC by Hutchinson's estimator: within 4 standard errors of the exact total;
    /// three exact pair resistances by conjugate gradients.
    @Test(.enabled(if: SharedData.available)) func coraResistanceBySolves() throws {
        let root = try #require(SharedData.root)
        let graph = try DatasetCatalog.load("Cora", root: DataRoot(root), download: false).graph
        let lcc = MeasureGraph(graph).largestComponent().graph
        let ref = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url("measures/cora_reference.json"))) as? [String: Any] ?? [:]
        let exact = (ref["lcc_total_effective_resistance"] as? NSNumber)?.doubleValue ?? .nan
        let e = try lcc.estimatedTotalResistance(probes: 32, seed: 0)
        #expect(abs(e.total - exact) <= 4 * e.standardError && e.standardError < 0.03 * exact,
                "estimate \(e.total) ± \(e.standardError), exact \(exact)")
        for pair in ref["lcc_resistance_pairs"] as? [[NSNumber]] ?? [] {
            let r = try lcc.effectiveResistance(pair[0].intValue, pair[1].intValue)
            #expect(close(r.value, pair[2].doubleValue, 1e-7))
        }
    }
}
