import Foundation
import Testing
import TestSupport
@testable import GraphData

@Suite struct AmazonCoauthorTests {
    let toyRoot = DataRoot(Fixtures.url("npz/datasets"))

    /// The toy adjacency 0->1, 1->0, 1->2, 2->2, 3->4 without the self loop, undirected
    /// and coalesced; features binarised; labels as stored.
    func checkToy(_ ds: Dataset) throws {
        let g = ds.graph
        #expect(g.numNodes == 5)
        #expect(g.source == [0, 1, 1, 2, 3, 4])
        #expect(g.target == [1, 0, 2, 1, 4, 3])
        #expect(g.nodeLabels == .classes([0, 2, 1, 1, 0]))
        #expect(ds.numClasses == 3)
        let x = try #require(g.nodeFeatures)
        #expect(x.rows == 5 && x.cols == 4)
        #expect(x.denseValues() == [1, 0, 0, 1,
                                    0, 1, 0, 0,
                                    0, 0, 0, 0,
                                    1, 0, 1, 0,
                                    0, 0, 0, 1])
    }

    @Test func csrFeaturesAndLabels() throws {
        let ds = try AmazonCoauthor(name: "Photo").load(root: toyRoot, download: false)
        #expect(ds.name == "AmazonPhoto")
        #expect(ds.graph.nodeFeatures?.isSparse == true)
        try checkToy(ds)
    }

    @Test func denseAttrMatrixAndOneHotLabels() throws {
        let ds = try AmazonCoauthor(name: "coauthor-cs").load(root: toyRoot, download: false)
        #expect(ds.name == "CoauthorCS")
        #expect(ds.graph.nodeFeatures?.isSparse == false)
        try checkToy(ds)
    }

    @Test func duplicateFeatureEntriesAreSummedBeforeBinarising() throws {
        func a(_ v: [Int64]) -> NpyArray { NpyArray(dtype: .int64, shape: [v.count], storage: .int64(v)) }
        let arrays = NpzArrays(file: "t.npz", arrays: [
            "adj_indptr": a([0, 0, 0]), "adj_indices": a([]), "adj_data": a([]), "adj_shape": a([2, 2]),
            // row 0: column 1 twice (-1 + 1 = 0, dropped), column 0 = -2 (negative kept);
            // row 1: column 0 as 0.5 + 0.5.
            "attr_indptr": a([0, 3, 5]), "attr_indices": a([1, 0, 1, 0, 0]),
            "attr_data": NpyArray(dtype: .float32, shape: [5], storage: .float32([-1, -2, 1, 0.5, 0.5])),
            "attr_shape": a([2, 2]), "labels": a([0, 1]),
        ])
        let g = try AmazonCoauthor.parse(arrays)
        #expect(g.nodeFeatures == .sparse(rows: 2, cols: 2, rowPtr: [0, 1, 2], colIdx: [0, 0], values: [-2, 1]))
        #expect(g.numEdges == 0)
    }

    @Test func badIndexNamesFileArrayAndEntry() {
        expectNpzError(["ms_academic_phy.npz", "array 'adj_indices'", "entry 2 is 7", "0..<5"]) {
            _ = try AmazonCoauthor(name: "Physics").load(root: toyRoot, download: false)
        }
    }

    @Test func namesFilesAndErrors() throws {
        #expect(try AmazonCoauthor(name: "AmazonComputers").rawFiles.map(\.url)
            == ["https://github.com/shchur/gnn-benchmark/raw/master/data/npz/amazon_electronics_computers.npz"])
        #expect(try AmazonCoauthor(name: "cs").folder == "CoauthorCS")
        expectNpzError(["unknown Amazon/Coauthor dataset 'Books'"], kind: .usage) { _ = try AmazonCoauthor(name: "Books") }
        let empty = DataRoot(FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-none-\(UUID().uuidString)"))
        expectNpzError(["amazon_electronics_photo.npz", "AmazonPhoto/raw"], kind: .missingInput) {
            _ = try AmazonCoauthor(name: "Photo").load(root: empty, download: false)
        }
    }

    func checkReal(_ name: String, nodes: Int, features: Int, classes: Int, edges: Int) throws {
        let root = DataRoot(try #require(SharedData.root))
        let ds = try AmazonCoauthor(name: name).load(root: root, download: false)
        let g = ds.graph
        #expect(g.numNodes == nodes)
        #expect(ds.numNodeFeatures == features)
        #expect(ds.numClasses == classes)
        #expect(g.numEdges == edges)
        #expect(zip(g.source, g.target).allSatisfy { $0 != $1 })
        var pairs = Set<Int64>()
        for (s, t) in zip(g.source, g.target) { pairs.insert(Int64(s) << 32 | Int64(t)) }
        #expect(pairs.count == edges)
        #expect(zip(g.source, g.target).allSatisfy { pairs.contains(Int64($1) << 32 | Int64($0)) })
        if case .sparse(_, _, _, _, let values)? = g.nodeFeatures {
            #expect(values.allSatisfy { $0 == 1 })
        } else {
            Issue.record("expected sparse features")
        }
    }

    @Test(.enabled(if: SharedData.available)) func realAmazonPhoto() throws {
        try checkReal("Photo", nodes: 7650, features: 745, classes: 8, edges: 238162)
    }

    @Test(.enabled(if: SharedData.available)) func realCoauthorCS() throws {
        try checkReal("CS", nodes: 18333, features: 6805, classes: 15, edges: 163788)
    }
}
