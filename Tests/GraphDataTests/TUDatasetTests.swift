import Foundation
import Testing
@testable import GraphData

/// `TUDataset` on the TOY fixture (3 graphs, every optional file) against the tensors
/// `scripts/make_tu_fixtures.py` computed with PyG's `read_tu_data` steps, plus
/// hand-checked values.
@Suite struct TUDatasetTests {
    struct ExpectedGraph: Decodable {
        let numNodes: Int
        let source: [Int32]
        let target: [Int32]
        let x: [Float]
        let xCols: Int
        let edgeAttr: [Float]
        let edgeCols: Int
    }
    struct Expected: Decodable {
        let `default`: [ExpectedGraph]
        let withAttributes: [ExpectedGraph]
        let graphClasses: [Int32]
        let graphTargets: [[Float]]
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Fixtures.url("tu/expected.json")))
    }

    /// A temporary copy of the TOY fixture, with `edit` applied to its files.
    static func toyCopy(_ edit: (URL) throws -> Void = { _ in }) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-tu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let source = Fixtures.url("tu/TOY")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try edit(dir)
        return dir
    }

    static func compare(_ dataset: Dataset, _ expected: [ExpectedGraph]) {
        #expect(dataset.graphs.count == expected.count)
        for (g, e) in zip(dataset.graphs, expected) {
            #expect(g.numNodes == e.numNodes)
            #expect(g.source == e.source)
            #expect(g.target == e.target)
            #expect(g.nodeFeatures == .dense(rows: e.numNodes, cols: e.xCols, values: e.x))
            #expect(g.edgeFeatures == .dense(rows: e.source.count, cols: e.edgeCols, values: e.edgeAttr))
        }
    }

    @Test func defaultKeepsOnlyLabelOneHotsAsPyG() throws {
        let dataset = try TUDataset(name: "TOY").read(rawDirectory: Fixtures.url("tu/TOY"))
        try dataset.validate()
        Self.compare(dataset, try Self.expected().default)
        // By hand: node label columns (1..3) and (0..2) give 3 + 3 one-hot columns.
        #expect(dataset.numNodeFeatures == 6)
        #expect(dataset.graphs[0].nodeFeatures?.row(1) == [0, 1, 0, 0, 0, 1])
        // Self loop 1-1 dropped, duplicate 1->2 merged: graph 0 has 4 edges.
        #expect(dataset.graphs[0].numEdges == 4)
        // Merged edge 0->1 sums the one-hots of edge labels 1 and 0.
        #expect(dataset.graphs[0].edgeFeatures?.row(0) == [1, 1])
    }

    @Test func attributesComeBeforeLabelOneHots() throws {
        let dataset = try TUDataset(name: "TOY", useNodeAttributes: true, useEdgeAttributes: true)
            .read(rawDirectory: Fixtures.url("tu/TOY"))
        Self.compare(dataset, try Self.expected().withAttributes)
        #expect(dataset.graphs[1].nodeFeatures?.row(1) == [-4, 5, 1, 0, 0, 0, 0, 1])
        // Edge 0->1 of graph 0: attributes 0.2 + 0.6 summed.
        #expect(dataset.graphs[0].edgeFeatures?.row(0) == [Float(0.2) + Float(0.6), 1, 1])
    }

    @Test func graphAttributesAreRegressionTargets() throws {
        let dataset = try TUDataset(name: "TOY").read(rawDirectory: Fixtures.url("tu/TOY"))
        #expect(dataset.task == .graphRegression)
        #expect(dataset.numClasses == 2)
        let targets = try Self.expected().graphTargets
        for (g, t) in zip(dataset.graphs, targets) {
            #expect(g.graphLabel == .targets(.dense(rows: 1, cols: 2, values: t)))
        }
    }

    @Test func graphLabelsAreRemappedToSortedClassIds() throws {
        let dir = try Self.toyCopy { try FileManager.default.removeItem(at: $0.appendingPathComponent("TOY_graph_attributes.txt")) }
        defer { try? FileManager.default.removeItem(at: dir) }
        let dataset = try TUDataset(name: "TOY").read(rawDirectory: dir)
        #expect(dataset.task == .graphClassification)
        #expect(dataset.numClasses == 2)
        // Labels 5, -1, 5 -> sorted distinct [-1, 5] -> 1, 0, 1.
        #expect(dataset.graphs.map { $0.graphLabel?.classIds ?? [] } == [[1], [0], [1]])
        #expect(try Self.expected().graphClasses == [1, 0, 1])
    }

    @Test func withoutOptionalFilesThereAreNoFeatures() throws {
        let dir = try Self.toyCopy { dir in
            for part in ["node_labels", "node_attributes", "edge_labels", "edge_attributes", "graph_attributes"] {
                try FileManager.default.removeItem(at: dir.appendingPathComponent("TOY_\(part).txt"))
            }
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let dataset = try TUDataset(name: "TOY").read(rawDirectory: dir)
        #expect(dataset.graphs.allSatisfy { $0.nodeFeatures == nil && $0.edgeFeatures == nil })
        #expect(dataset.graphs.map(\.numNodes) == [3, 2, 4])
        #expect(dataset.totalEdges == 11)  // 13 lines - 1 self loop - 1 duplicate
    }

    @Test func loadUsesRawDirectoryUnderRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-tu-root-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = try Self.toyCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("TOY"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: dir, to: root.appendingPathComponent("TOY/raw"))
        let dataset = try TUDataset(name: "TOY").load(root: DataRoot(root), download: false)
        #expect(dataset.graphs.count == 3)
        #expect(TUDataset(name: "MUTAG").rawFiles.map(\.name) == ["MUTAG_A.txt", "MUTAG_graph_indicator.txt"])
        #expect(TUDataset(name: "MUTAG").archiveURL == "https://www.chrsmrrs.com/graphkerneldatasets/MUTAG.zip")
    }
}
