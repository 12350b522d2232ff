import Foundation
import Testing
import TestSupport
@testable import GraphData

@Suite struct WebKBTests {
    let toyRoot = DataRoot(Fixtures.url("npz/datasets"))

    @Test func toyGraphPlacedByIdCoalescedDirected() throws {
        let ds = try WebKB(name: "cornell").load(root: toyRoot, download: false)
        let g = ds.graph
        #expect(ds.name == "Cornell")
        #expect(g.numNodes == 5)
        // Lines 0->1, 1->0, 3->2, 0->1 (duplicate), 4->4, 2->3: sorted, duplicate dropped,
        // self loop kept, no reverse edges added.
        #expect(g.source == [0, 1, 2, 3, 4])
        #expect(g.target == [1, 0, 3, 2, 4])
        #expect(g.nodeFeatures == .dense(rows: 5, cols: 3, values: [1, 0, 0,  0, 1, 0,  0, 0, 1,  0, 1, 1,  1, 1, 0]))
        #expect(g.nodeLabels == .classes([0, 2, 1, 3, 4]))
        #expect(ds.numClasses == 5)
        #expect(g.splits.count == 10)
        for (k, s) in g.splits.enumerated() {
            #expect(s.trainIndices == [Int32(k % 5)])
            #expect(s.validationIndices == [Int32((k + 1) % 5)])
            #expect(s.testIndices == [Int32((k + 2) % 5), Int32((k + 3) % 5)].sorted())
        }
    }

    @Test func raggedFeaturesNameFileAndLine() {
        expectNpzError(["out1_node_feature_label.txt", "line 3", "2 features, expected 3"]) {
            _ = try WebKB(name: "Texas").load(root: toyRoot, download: false)
        }
    }

    @Test func edgeToMissingNodeNamesFileAndLine() {
        expectNpzError(["out1_graph_edges.txt", "line 3", "1 -> 5", "0..<2"]) {
            _ = try WikipediaNetwork(name: "squirrel").load(root: toyRoot, download: false)
        }
    }

    @Test func badNodeLines() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-geom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out1_node_feature_label.txt")
        let cases: [(String, [String])] = [
            ("h\n0\t1,0\t0\n0\t0,1\t1\n", ["line 3", "node id 0 appears twice"]),
            ("h\n0\t1,0\t0\n2\t0,1\t1\n", ["line 3", "node id '2'", "0..<2"]),
            ("h\n0\t1,x\t0\n", ["line 2", "feature 1 'x' is not a number"]),
            ("h\n0\t1,0\t-1\n", ["line 2", "label '-1'"]),
            ("h\n0\t1,0\n", ["line 2", "2 tab-separated fields, expected 3"]),
        ]
        for (text, fragments) in cases {
            try Data(text.utf8).write(to: url)
            expectNpzError(["out1_node_feature_label.txt"] + fragments) { _ = try GeomGCNReader.readNodes(url) }
        }
    }

    @Test func filesAndUrls() throws {
        let w = try WebKB(name: "Wisconsin")
        #expect(w.rawFiles.count == 12)
        #expect(w.rawFiles[0].url == "https://raw.githubusercontent.com/graphdml-uiuc-jlu/geom-gcn/master/new_data/wisconsin/out1_node_feature_label.txt")
        #expect(w.rawFiles[2].name == "wisconsin_split_0.6_0.2_0.npz")
        #expect(w.rawFiles[2].url == "https://raw.githubusercontent.com/graphdml-uiuc-jlu/geom-gcn/master/splits/wisconsin_split_0.6_0.2_0.npz")
        #expect(w.rawFiles.allSatisfy { $0.sha256 != nil })
        expectNpzError(["unknown WebKB dataset 'Actor'"], kind: .usage) { _ = try WebKB(name: "Actor") }
        expectNpzError(["unknown WikipediaNetwork dataset 'crocodile'"], kind: .usage) { _ = try WikipediaNetwork(name: "crocodile") }
    }

    /// Edge counts and split-0 sizes computed independently (Python) on the published files.
    @Test(.enabled(if: SharedData.available), arguments: [
        ("Cornell", 183, 298, [87, 59, 37]),
        ("Texas", 183, 325, [87, 59, 37]),
        ("Wisconsin", 251, 515, [120, 80, 51]),
    ])
    func realWebKB(_ name: String, nodes: Int, edges: Int, split0: [Int]) throws {
        let root = DataRoot(try #require(SharedData.root))
        let ds = try WebKB(name: name).load(root: root, download: false)
        #expect(ds.graph.numNodes == nodes)
        #expect(ds.numNodeFeatures == 1703)
        #expect(ds.numClasses == 5)
        #expect(ds.graph.numEdges == edges)
        #expect(ds.graph.splits.count == 10)
        let c = ds.graph.splits[0].counts
        #expect([c.train, c.validation, c.test] == split0)
        if name == "Wisconsin" {
            let y = try #require(ds.graph.nodeLabels?.classIds)
            #expect([0, 1, 2, 3, 4].map { k in y.filter { $0 == k }.count } == [10, 70, 118, 32, 21])
            #expect(ds.graph.nodeFeatures?.denseValues().reduce(0, +) == 24057)
        }
    }

    /// The shared Chameleon copy has edges and splits but no feature file (optional for
    /// the Wikipedia graphs): it loads offline with its topology and ten splits only.
    @Test(.enabled(if: SharedData.available)) func realChameleonWithoutFeaturesLoadsTopology() throws {
        let root = DataRoot(try #require(SharedData.root))
        let ds = try WikipediaNetwork(name: "Chameleon").load(root: root, download: false)
        #expect(ds.graph.numNodes == 2277 && ds.graph.numEdges == 36101 && ds.graph.splits.count == 10)
        #expect(ds.graph.nodeFeatures == nil && ds.graph.nodeLabels == nil && ds.numClasses == 0)
        // A required file still gives the data root's missing-file error.
        let empty = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-none-\(UUID().uuidString)"))
        expectNpzError(["Chameleon", "out1_graph_edges.txt", "downloading was turned off"], kind: .missingInput) {
            _ = try WikipediaNetwork(name: "Chameleon").load(root: empty, download: false)
        }
        // Its edges and splits alone are readable: 2277 nodes by the split masks.
        let dir = root.rawDirectory(for: "Chameleon")
        let split = try GeomGCNReader.readSplit(dir.appendingPathComponent("chameleon_split_0.6_0.2_0.npz"), numNodes: 2277)
        #expect(split.counts == (1092, 729, 456))
        let edges = try GeomGCNReader.readEdges(dir.appendingPathComponent("out1_graph_edges.txt"), numNodes: 2277)
        #expect(edges.0.count == 36101)
    }
}
