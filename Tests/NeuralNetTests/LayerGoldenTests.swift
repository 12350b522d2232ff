import Foundation
import Testing
import NeuralNet

/// Linear, LayerNorm and BatchNorm against PyTorch values (scripts/make_layer_fixtures.py):
/// outputs and the gradients of `Σ y ⊙ grad_out` for every input and parameter.
@Suite struct LayerGoldenTests {
    @Test(arguments: Golden.names(kind: "linear"))
    func linearMatchesTorch(name: String) throws {
        let c = try Golden.load(name)
        let weight = try c.tensor("weight")
        let bias = c.has("bias") ? try c.tensor("bias") : nil
        let layer = try linearLayer(weight: weight, bias: bias)
        let x = try c.tensor("x", requiresGrad: true)
        let y = try layer(x)
        expectClose(y, try c.tensor("y"), "\(name) y")
        try y.backward(try c.tensor("grad_out"))
        expectClose(x.grad, try c.tensor("dx"), "\(name) dx")
        expectClose(layer.weight.grad, try c.tensor("dweight"), "\(name) dweight")
        if c.has("bias") { expectClose(layer.bias?.grad, try c.tensor("dbias"), "\(name) dbias") }
    }

    /// A Linear layer holding the given parameters (loaded through its state dict).
    private func linearLayer(weight: Tensor, bias: Tensor?) throws -> Linear {
        let layer = Linear(inFeatures: weight.shape[1], outFeatures: weight.shape[0], bias: bias != nil)
        var dict = StateDict([("weight", weight)])
        if let bias { dict["bias"] = bias }
        try layer.loadStateDict(dict)
        return layer
    }

    @Test(arguments: Golden.names(kind: "layerNorm"))
    func layerNormMatchesTorch(name: String) throws {
        let c = try Golden.load(name)
        let shape = try #require(c.params["normalized_shape"] as? [Int])
        let affine = try c.bool("affine")
        let layer = LayerNorm(normalizedShape: shape, eps: try c.float("eps"), elementwiseAffine: affine)
        if affine {
            try layer.loadStateDict(StateDict([("weight", try c.tensor("weight")), ("bias", try c.tensor("bias"))]))
        } else {
            #expect(layer.stateDict().count == 0)
        }
        let x = try c.tensor("x", requiresGrad: true)
        let y = try layer(x)
        expectClose(y, try c.tensor("y"), "\(name) y")
        try y.backward(try c.tensor("grad_out"))
        expectClose(x.grad, try c.tensor("dx"), "\(name) dx")
        if affine {
            expectClose(layer.weight?.grad, try c.tensor("dweight"), "\(name) dweight")
            expectClose(layer.bias?.grad, try c.tensor("dbias"), "\(name) dbias")
        }
    }

    /// Training steps (outputs, gradients, running statistics after each step), then an
    /// evaluation step with the running statistics.
    @Test(arguments: Golden.names(kind: "batchNorm"))
    func batchNormMatchesTorch(name: String) throws {
        let c = try Golden.load(name)
        let affine = try c.bool("affine")
        let momentum: Float? = c.params["momentum"] is NSNull ? nil : try c.float("momentum")
        let steps = Int(try c.float("steps"))
        let x0 = try c.tensor("train0_x")
        let layer = BatchNorm(features: x0.shape[1], eps: try c.float("eps"), momentum: momentum, affine: affine)
        if affine {
            var dict = layer.stateDict()
            dict["weight"] = try c.tensor("weight")
            dict["bias"] = try c.tensor("bias")
            try layer.loadStateDict(dict)
        }
        for s in 0..<steps {
            let p = "train\(s)_"
            let x = try c.tensor(p + "x", requiresGrad: true)
            layer.zeroGrad()
            let y = try layer(x)
            expectClose(y, try c.tensor(p + "y"), "\(name) \(p)y")
            try y.backward(try c.tensor(p + "grad_out"))
            expectClose(x.grad, try c.tensor(p + "dx"), "\(name) \(p)dx")
            if affine {
                expectClose(layer.weight?.grad, try c.tensor(p + "dweight"), "\(name) \(p)dweight")
                expectClose(layer.bias?.grad, try c.tensor(p + "dbias"), "\(name) \(p)dbias")
            }
            expectClose(layer.runningMean, try c.tensor(p + "running_mean"), "\(name) \(p)running_mean")
            expectClose(layer.runningVar, try c.tensor(p + "running_var"), "\(name) \(p)running_var")
            expectClose(layer.numBatchesTracked, try c.tensor(p + "num_batches_tracked"), "\(name) \(p)num_batches_tracked")
        }
        layer.eval()
        layer.zeroGrad()
        let before = try #require(layer.runningMean).scalars
        let x = try c.tensor("eval_x", requiresGrad: true)
        let y = try layer(x)
        expectClose(y, try c.tensor("eval_y"), "\(name) eval y")
        try y.backward(try c.tensor("eval_grad_out"))
        expectClose(x.grad, try c.tensor("eval_dx"), "\(name) eval dx")
        if affine {
            expectClose(layer.weight?.grad, try c.tensor("eval_dweight"), "\(name) eval dweight")
            expectClose(layer.bias?.grad, try c.tensor("eval_dbias"), "\(name) eval dbias")
        }
        #expect(layer.runningMean?.scalars == before, "evaluation must not update the running statistics")
        #expect(layer.numBatchesTracked?.scalars == [Float(steps)])
    }
}
