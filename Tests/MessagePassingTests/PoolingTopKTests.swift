import Foundation
import Testing
import MessagePassing
import TensorCore

@Suite("Pooling: TopKPooling")
struct PoolingTopKTests {
    @Test("matches PyG: kept nodes, edges, batch, scores, output and gradients",
          arguments: ["topk_half", "topk_int2", "topk_0.3"])
    func golden(name: String) throws {
        let golden = try PoolGolden.load()
        let c = try golden.case(name)
        let pool = TopKPooling(inChannels: 3, ratio: try #require(c.ratio))
        #expect(pool.namedParameters().map(\.name) == ["select.weight"])
        try c.load(into: pool)
        let inputs = try c.inputTensors()
        let batch = try golden.graphBatch()
        #expect(batch.graph.source == golden.edge_index[0] && batch.graph.target == golden.edge_index[1])
        let out = try pool(try #require(inputs["x"]), batch: batch)
        #expect(out.perm == c.perm)
        #expect(out.batch == c.new_batch)
        #expect(out.keptEdges == c.kept_edges)
        let edges = try #require(c.edge_index)
        #expect(out.source == edges[0] && out.target == edges[1])
        let score = try #require(c.score)
        #expect(out.score.shape == score.shape)
        for (a, b) in zip(out.score.scalars, score.values) { #expect(abs(a - Float(b)) < 1e-5) }
        #expect(out.segments.numGraphs == 3 && out.segments.numNodes == out.perm.count)
        try c.check(out.x, inputs: inputs, module: pool)
    }

    @Test("k per graph: ceil(ratio · n) below 1, min(Int(ratio), n) from 1")
    func keepRule() {
        let half = SelectTopK(inChannels: 1, ratio: 0.5)
        #expect([0, 1, 2, 3, 5].map(half.keep) == [0, 1, 1, 2, 3])
        let three = SelectTopK(inChannels: 1, ratio: 3)
        #expect([0, 1, 2, 3, 5].map(three.keep) == [0, 1, 2, 3, 3])
        let one = SelectTopK(inChannels: 1, ratio: 1)
        #expect([0, 4].map(one.keep) == [0, 1])
    }

    @Test("unsorted batch and an empty graph: selection is graph by graph, best first")
    func unsortedBatch() throws {
        let pool = TopKPooling(inChannels: 1, ratio: 0.5)
        pool.select.weight = try Tensor(shape: [1, 1], scalars: [1], requiresGrad: true)
        let x = try Tensor(shape: [5, 1], scalars: [0.1, 0.9, -0.3, 0.5, 0.2])
        // Graph 0 = nodes 1, 3; graph 1 = nodes 0, 2, 4 (batch unsorted); graph 2 empty.
        let segments = try NodeSegments(batch: [1, 0, 1, 0, 1], numNodes: 5, size: 3)
        let out = try pool(x, source: [0, 4, 1, 3, 2], target: [4, 0, 3, 1, 0], segments)
        #expect(out.perm == [1, 4, 0])
        #expect(out.batch == [0, 1, 1])
        // Edge 0 -> 4 and 4 -> 0 survive (both kept), 1 -> 3 does not (3 dropped).
        #expect(out.keptEdges == [0, 1])
        #expect(out.source == [2, 1] && out.target == [1, 2])
        #expect(abs(out.x.scalars[0] - 0.9 * Float(tanh(0.9))) < 1e-6)
        #expect(out.segments.counts == [1, 2, 0])
    }

    @Test("gradcheck through x and select.weight")
    func gradcheckTopK() throws {
        var rng = RandomGenerator(seed: 12)
        let pool = TopKPooling(inChannels: 3, ratio: 0.6, multiplier: 1.5, using: &rng)
        let x = Tensor.uniform([7, 3], low: -1, high: 1, using: &rng).requiringGrad()
        let segments = try NodeSegments(ptr: [0, 4, 5, 7])
        let r = try gradcheck({ _ in try pool(x, source: [0, 1, 5], target: [1, 2, 6], segments).x },
                              inputs: [x, pool.select.weight], eps: 1e-3)
        #expect(r.passed, "\(r)")
    }

    @Test("bad edges and shapes are rejected")
    func badInput() throws {
        let pool = TopKPooling(inChannels: 2)
        let x = Tensor.zeros([3, 2])
        #expect(throws: TensorError.self) { try pool(x, source: [0, 3], target: [1, 0], batch: nil) }
        #expect(throws: TensorError.self) { try pool(x, source: [0, -1], target: [1, 0], batch: nil) }
        #expect(throws: TensorError.self) { try pool(x, source: [0], target: [1, 0], batch: nil) }
        #expect(throws: TensorError.self) { try pool(Tensor.zeros([3, 4]), source: [], target: [], batch: nil) }
        #expect(throws: TensorError.self) { try pool(x, source: [], target: [], batch: [0, 1]) }
    }
}
