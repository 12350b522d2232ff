import Testing
import MessagePassing
import NeuralNet
import TensorCore

/// The fixture's model: `tanh(Linear)` layers with OGB's virtual node in between; returns
/// `[h, v[batch]]` after the last layer.
final class ZooVirtualNodeModel: Module {
    var isTraining = true
    var vn: VirtualNode
    var lins: [Linear]

    init(residual: Bool) throws {
        var rng = RandomGenerator(seed: 1)
        vn = try VirtualNode(dim: 3, numLayers: 3, residual: residual, using: &rng)
        lins = (0..<3).map { _ in Linear(inFeatures: 3, outFeatures: 3, using: &rng) }
    }

    func callAsFunction(_ x: Tensor, _ segments: NodeSegments) throws -> Tensor {
        var v = try vn.initial(numGraphs: segments.numGraphs)
        var h = x
        for (layer, lin) in lins.enumerated() {
            let hIn = try vn.addTo(h, v, segments)
            h = try lin(hIn).tanh()
            if layer < lins.count - 1 { v = try vn.update(layer: layer, hIn, v, segments) }
        }
        return try Tensor.concat([h, segments.broadcast(v)], axis: 1)
    }
}

@Suite("Zoo: VirtualNode")
struct ZooVirtualNodeTests {
    @Test("OGB names, zero initial virtual node")
    func names() throws {
        let vn = try VirtualNode(dim: 2, numLayers: 2)
        #expect(vn.virtualnodeEmbedding.weight.scalars == [0, 0])
        let keys = Set(vn.stateDict().keys)
        #expect(keys.contains("virtualnode_embedding.weight"))
        #expect(keys.contains("mlp_virtualnode_list.0.0.weight") && keys.contains("mlp_virtualnode_list.0.3.bias"))
        #expect(keys.contains("mlp_virtualnode_list.0.4.running_var"))
        #expect(!keys.contains("mlp_virtualnode_list.1.0.weight"))
    }

    @Test("matches the torch reference (OGB GNN_node_Virtualnode)",
          arguments: ["virtual_node_train", "virtual_node_residual_train", "virtual_node_eval"])
    func golden(_ name: String) throws {
        let golden = try ZooGolden.load()
        let c = try golden.case(name)
        guard case .flag(let residual)? = c.config["residual"], case .flag(let train)? = c.config["train"] else {
            Issue.record("config missing"); return
        }
        let model = try ZooVirtualNodeModel(residual: residual)
        try c.load(into: model)
        model.train(train)
        let inputs = try c.inputTensors()
        try c.check(model(c.input("x", inputs), golden.segments()), inputs: inputs, module: model)
        if train { try c.checkRunning(model) }
    }

    @Test("shape errors and a missing update are rejected")
    func bad() throws {
        let vn = try VirtualNode(dim: 2, numLayers: 2)
        let seg = try NodeSegments(batch: [0, 0, 1], numNodes: 3)
        let v = try vn.initial(numGraphs: 2)
        #expect(throws: TensorError.self) { try vn.addTo(Tensor.zeros([3, 3]), v, seg) }
        #expect(throws: TensorError.self) { try vn.update(layer: 1, Tensor.zeros([3, 2]), v, seg) }
        #expect(throws: TensorError.self) { try VirtualNode(dim: 0, numLayers: 2) }
    }
}
