import Foundation
import Testing
import TestSupport
@testable import GraphData

@Suite struct HeterophilousTests {
    let toyRoot = DataRoot(Fixtures.url("npz/datasets"))

    @Test func toyGraphUndirectedWithTenSplits() throws {
        let ds = try Heterophilous(name: "Minesweeper").load(root: toyRoot, download: false)
        let g = ds.graph
        #expect(ds.name == "minesweeper")
        #expect(g.numNodes == 4)
        #expect(g.source == [0, 1, 1, 2, 2, 3])
        #expect(g.target == [1, 0, 2, 1, 3, 2])
        #expect(g.nodeFeatures == .dense(rows: 4, cols: 2, values: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]))
        #expect(g.nodeLabels == .classes([1, 0, 1, 0]))
        #expect(ds.numClasses == 2)
        #expect(g.splits.count == 10)
        for (s, split) in g.splits.enumerated() {
            #expect(split.trainIndices == [Int32(s % 4)])
            #expect(split.validationIndices == [Int32((s + 1) % 4)])
            #expect(split.testIndices == [Int32((s + 2) % 4), Int32((s + 3) % 4)].sorted())
        }
    }

    @Test func wrongMaskShapeNamesFileAndArray() {
        expectNpzError(["tolokers.npz", "array 'train_masks'", "[10, 3]", "expected [splits, 4]"]) {
            _ = try Heterophilous(name: "tolokers").load(root: toyRoot, download: false)
        }
    }

    @Test func edgeOutOfRangeAndEdgeShape() throws {
        func a(_ shape: [Int], _ v: [Int64]) -> NpyArray { NpyArray(dtype: .int64, shape: shape, storage: .int64(v)) }
        func masks(_ n: Int) -> NpyArray { NpyArray(dtype: .bool, shape: [1, n], storage: .bool(Array(repeating: true, count: n))) }
        var arrays: [String: NpyArray] = [
            "node_features": NpyArray(dtype: .float32, shape: [2, 1], storage: .float32([1, 2])),
            "node_labels": a([2], [0, 1]), "edges": a([1, 2], [0, 2]),
            "train_masks": masks(2), "val_masks": masks(2), "test_masks": masks(2),
        ]
        expectNpzError(["h.npz", "array 'edges'", "row 0 is (0, 2)", "0..<2"]) {
            _ = try Heterophilous.parse(NpzArrays(file: "h.npz", arrays: arrays))
        }
        arrays["edges"] = a([1, 3], [0, 1, 1])
        expectNpzError(["array 'edges'", "expected [E, 2]"]) {
            _ = try Heterophilous.parse(NpzArrays(file: "h.npz", arrays: arrays))
        }
        arrays["edges"] = a([1, 2], [1, 1])
        let g = try Heterophilous.parse(NpzArrays(file: "h.npz", arrays: arrays))
        #expect(g.source == [1] && g.target == [1])  // to_undirected keeps self loops
        #expect(g.splits.count == 1)
    }

    @Test func namesAndFiles() throws {
        let r = try Heterophilous(name: "Roman-empire")
        #expect(r.name == "roman-empire")
        #expect(r.folder == "heterophilous")
        #expect(r.rawFiles.map(\.name) == ["roman_empire.npz"])
        #expect(r.rawFiles.first?.url == "https://raw.githubusercontent.com/yandex-research/heterophilous-graphs/main/data/roman_empire.npz")
        #expect(try Heterophilous(name: "minesweeper").rawFiles.first?.sha256 != nil)
        expectNpzError(["unknown heterophilous dataset 'cora'"], kind: .usage) { _ = try Heterophilous(name: "cora") }
    }

    /// Undirected edge counts and split-0 sizes computed independently with numpy on
    /// the published files.
    @Test(.enabled(if: SharedData.available), arguments: [
        ("minesweeper", 10000, 7, 2, 78804, [5000, 2500, 2500]),
        ("tolokers", 11758, 10, 2, 1038000, [5879, 2939, 2940]),
        ("chameleon_filtered", 890, 2325, 5, 17708, [409, 287, 194]),  // masks stored in Fortran order
        ("wisconsin", 251, 1703, 5, 900, [120, 80, 51]),
    ])
    func realFiles(_ name: String, nodes: Int, features: Int, classes: Int, edges: Int, split0: [Int]) throws {
        let root = DataRoot(try #require(SharedData.root))
        let ds = try Heterophilous(name: name).load(root: root, download: false)
        #expect(ds.graph.numNodes == nodes)
        #expect(ds.numNodeFeatures == features)
        #expect(ds.numClasses == classes)
        #expect(ds.graph.numEdges == edges)
        #expect(ds.graph.splits.count == 10)
        let c = ds.graph.splits[0].counts
        #expect([c.train, c.validation, c.test] == split0)
        let direct = try readNpz(root.rawDirectory(for: "heterophilous").appendingPathComponent("\(name).npz"),
                                 members: ["train_masks"])
        let first = try #require(direct["train_masks"]).bools()
        #expect(ds.graph.splits[3].train == Array(first[3 * nodes..<4 * nodes]))
    }
}
