import Foundation
import Testing
@testable import Training

/// The hold-out protocol's graph-level model against PyG 2.8.1 (FoSR's `GNN`: GCNConv or
/// RGCNConv layers, ReLU between, global mean pool), in evaluation mode on a batch of two
/// graphs with an added edge of relation 1: output and every parameter's gradient.
/// Fixtures from scripts/make_holdout_fixtures.py.
@Suite struct GraphHoldoutGoldenTests {
    struct Fixture: Decodable {
        var x: [[Float]]
        var source: [Int32]
        var target: [Int32]
        var edge_type: [Int32]
        var ptr: [Int32]
        var state: [String: Nested]
        var shapes: [String: [Int]]
        var out: [[Float]]
        var R: [[Float]]
        var grads: [String: Nested]
    }

    /// A nested JSON array of numbers, flattened in row-major order.
    struct Nested: Decodable {
        var values: [Float]
        init(from decoder: any Decoder) throws {
            if let v = try? decoder.singleValueContainer().decode(Float.self) { values = [v]; return }
            var c = try decoder.unkeyedContainer()
            var out: [Float] = []
            while !c.isAtEnd { out += try c.decode(Nested.self).values }
            values = out
        }
    }

    func load(_ name: String) throws -> Fixture {
        guard let url = Bundle.module.url(forResource: "Fixtures/holdout/\(name)", withExtension: "json") else {
            throw FixtureMissing(name: name)
        }
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test("PooledGNN forward and gradients match PyG", arguments: ["gcn", "rgcn"])
    func matchesPyG(_ name: String) throws {
        let f = try load(name)
        let relational = name == "rgcn"
        let h = Hyperparameters(hidden: 5, layers: 3, dropout: 0.5, inputDropout: 0, learningRate: 1e-3, weightDecay: 0)
        let model = try ModelKind.gcn.graphNetwork(inChannels: 3, classes: 2, h, relations: relational ? 2 : 0, seed: 9)
        var pairs: [(String, Tensor)] = []
        for (key, value) in f.state {
            pairs.append((key, try Tensor(shape: try #require(f.shapes[String(key.dropFirst(5))]), scalars: value.values)))
        }
        try model.loadStateDict(StateDict(pairs))
        let graph = try Graph(numNodes: 7, source: f.source, target: f.target)
        let x = try Tensor(shape: [7, 3], scalars: f.x.flatMap { $0 })
        let segments = try NodeSegments(ptr: f.ptr)
        model.eval()
        let out = try model(x, graph, segments, edgeTypes: relational ? f.edge_type : nil)
        let expected = f.out.flatMap { $0 }
        #expect(out.shape == [2, 2])
        for (a, b) in zip(out.scalars, expected) { #expect(abs(a - b) <= 1e-5 + 1e-4 * abs(b), "\(a) vs \(b)") }
        try (out * Tensor(shape: [2, 2], scalars: f.R.flatMap { $0 })).sum().backward()
        let named = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.tensor) })
        #expect(Set(named.keys) == Set(f.grads.keys))
        for (key, g) in f.grads {
            let grad = try #require(named[key]?.grad).scalars
            #expect(grad.count == g.values.count)
            for (a, b) in zip(grad, g.values) { #expect(abs(a - b) <= 1e-5 + 1e-4 * abs(b), "\(key): \(a) vs \(b)") }
        }
    }
}
