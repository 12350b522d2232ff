import Foundation
import Testing
@testable import GraphData

@Suite struct BatchTests {
    /// A small graph with every per-node, per-edge and per-graph field set.
    static func sample(_ n: Int, edges: [(Int, Int)], label: Int32, shift: Float) throws -> Graph {
        var g = try Graph(numNodes: n, edges: edges)
        g.nodeFeatures = try .dense(n, 2, (0..<(2 * n)).map { Float($0) + shift })
        g.edgeFeatures = try .dense(edges.count, 1, edges.indices.map { Float($0) * 0.5 + shift })
        g.edgeWeight = edges.indices.map { Float($0) + 10 * shift }
        g.nodeLabels = .classes((0..<n).map { Int32($0 % 2) })
        g.graphLabel = .classes([label])
        g.graphFeatures = [shift, -shift]
        return g
    }

    static func three() throws -> [Graph] {
        [try sample(3, edges: [(0, 1), (1, 2), (2, 0)], label: 1, shift: 0),
         try sample(2, edges: [(1, 0)], label: 0, shift: 100),
         try sample(4, edges: [(0, 3), (3, 0), (2, 1), (1, 1)], label: 2, shift: 200)]
    }

    static func same(_ a: Graph, _ b: Graph) -> Bool {
        a.numNodes == b.numNodes && a.source == b.source && a.target == b.target
            && a.nodeFeatures == b.nodeFeatures && a.edgeFeatures == b.edgeFeatures
            && a.edgeWeight == b.edgeWeight && a.nodeLabels == b.nodeLabels
            && a.graphLabel == b.graphLabel && a.graphFeatures == b.graphFeatures
            && a.splits == b.splits && a.originalNodeIds == b.originalNodeIds
    }

    @Test func disjointUnionOffsetsEdgesAndStacksData() throws {
        let graphs = try Self.three()
        let b = try GraphBatch(graphs)
        #expect(b.numGraphs == 3)
        #expect(b.ptr == [0, 3, 5, 9])
        #expect(b.edgePtr == [0, 3, 4, 8])
        #expect(b.batch == [0, 0, 0, 1, 1, 2, 2, 2, 2])
        #expect(b.graph.numNodes == 9)
        #expect(b.graph.source == [0, 1, 2, 4, 5, 8, 7, 6])
        #expect(b.graph.target == [1, 2, 0, 3, 8, 5, 6, 6])
        #expect(b.graph.nodeFeatures?.row(3) == [100, 101])
        #expect(b.graph.edgeFeatures?.rows == 8)
        #expect(b.graph.edgeWeight?[3] == 1000)
        #expect(b.graphLabels == .classes([1, 0, 2]))
        #expect(b.graphFeatures == .dense(rows: 3, cols: 2, values: [0, -0, 100, -100, 200, -200]))
        #expect(b.graph.graphLabel == nil)
        try b.graph.validate()
    }

    @Test func unbatchInvertsBatch() throws {
        var graphs = try Self.three()
        for k in graphs.indices {
            graphs[k].splits = [try NodeSplit(numNodes: graphs[k].numNodes, train: [0], validation: [], test: [1])]
            graphs[k].originalNodeIds = (0..<graphs[k].numNodes).map { Int32($0 * 7 + k) }
        }
        let back = try GraphBatch(graphs).unbatch()
        #expect(back.count == 3)
        for (a, b) in zip(graphs, back) { #expect(Self.same(a, b)) }
        // Targets and sparse features round-trip too.
        var t = try Graph(numNodes: 2, edges: [(0, 1)])
        t.graphLabel = .targets(.dense(rows: 1, cols: 3, values: [1, 2, 3]))
        t.nodeFeatures = .sparse(rows: 2, cols: 4, rowPtr: [0, 1, 1], colIdx: [2], values: [5])
        var u = try Graph(numNodes: 1, edges: [])
        u.graphLabel = .targets(.dense(rows: 1, cols: 3, values: [4, 5, 6]))
        u.nodeFeatures = .sparse(rows: 1, cols: 4, rowPtr: [0, 2], colIdx: [0, 3], values: [1, 2])
        let tb = try GraphBatch([t, u])
        #expect(tb.graphLabels == .targets(.dense(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6])))
        #expect(tb.graph.nodeFeatures?.isSparse == true)
        let tu = tb.unbatch()
        #expect(Self.same(tu[0], t) && Self.same(tu[1], u))
    }

    @Test func emptyGraphsAndEmptyBatch() throws {
        let empty = try Graph(numNodes: 0, edges: [])
        let b = try GraphBatch([empty, try Graph(numNodes: 2, edges: [(0, 1)]), empty])
        #expect(b.ptr == [0, 0, 2, 2])
        #expect(b.batch == [1, 1])
        #expect(b.unbatch().map(\.numNodes) == [0, 2, 0])
        let none = try GraphBatch([])
        #expect(none.numGraphs == 0 && none.graph.numNodes == 0 && none.unbatch().isEmpty)
    }

    @Test func incompatibleGraphsThrow() throws {
        var a = try Graph(numNodes: 1, edges: [])
        a.nodeFeatures = try .dense(1, 2, [1, 2])
        var b = try Graph(numNodes: 1, edges: [])
        b.nodeFeatures = try .dense(1, 3, [1, 2, 3])
        #expect(throws: DataError.self) { try GraphBatch([a, b]) }
        b.nodeFeatures = nil
        #expect(throws: DataError.self) { try GraphBatch([a, b]) }
        var c = a
        c.graphLabel = .classes([0])
        #expect(throws: DataError.self) { try GraphBatch([a, c]) }
        #expect(throws: DataError.self) { try GraphLoader([a, b], batchSize: 1) }
        #expect(throws: DataError.self) { try GraphLoader([a], batchSize: 0) }
    }

    @Test func loaderCoversEveryGraphOncePerEpoch() throws {
        let graphs = try (0..<10).map { try Self.sample(1 + $0 % 3, edges: [(0, 0)], label: Int32($0), shift: Float($0)) }
        let plain = try GraphLoader(graphs, batchSize: 4)
        #expect(plain.count == 3)
        let sizes = Array(plain).map(\.numGraphs)
        #expect(sizes == [4, 4, 2])
        #expect(Array(plain).flatMap { $0.graphLabels?.classIds ?? [] } == (0..<10).map { Int32($0) })

        let dropped = try GraphLoader(graphs, batchSize: 4, dropLast: true)
        #expect(Array(dropped).map(\.numGraphs) == [4, 4])

        let shuffled = try GraphLoader(graphs, batchSize: 3, shuffle: true, seed: 7)
        let epoch0 = Array(shuffled).flatMap { $0.graphLabels?.classIds ?? [] }
        let epoch1 = Array(shuffled).flatMap { $0.graphLabels?.classIds ?? [] }
        #expect(epoch0.sorted() == (0..<10).map { Int32($0) })
        #expect(epoch1.sorted() == (0..<10).map { Int32($0) })
        #expect(epoch0 != epoch1)
        #expect(epoch0 != (0..<10).map { Int32($0) })
        // Same seed, new loader: same sequence of epochs; batches(epoch:) agrees.
        let again = try GraphLoader(graphs, batchSize: 3, shuffle: true, seed: 7)
        #expect(Array(again).flatMap { $0.graphLabels?.classIds ?? [] } == epoch0)
        #expect(Array(IteratorSequence(again.batches(epoch: 1))).flatMap { $0.graphLabels?.classIds ?? [] } == epoch1)
        let other = try GraphLoader(graphs, batchSize: 3, shuffle: true, seed: 8)
        #expect(Array(other).flatMap { $0.graphLabels?.classIds ?? [] } != epoch0)
    }

    @Test func loaderOverDatasetIndices() throws {
        let dataset = try TUDataset(name: "TOY").read(rawDirectory: Fixtures.url("tu/TOY"))
        let loader = try GraphLoader(dataset, indices: [2, 0], batchSize: 8)
        let batches = Array(loader)
        #expect(batches.count == 1)
        #expect(batches[0].ptr == [0, 4, 7])
        #expect(throws: DataError.self) { try GraphLoader(dataset, indices: [3], batchSize: 1) }
    }
}
