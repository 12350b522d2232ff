import Testing
import NeuralNet

private final class Inner: Module {
    var isTraining = true
    var weight = Tensor.zeros([2, 3])
    var bias: Tensor? = Tensor.zeros([2])
    @Buffer var runningMean = Tensor.zeros([2])
}

private final class Outer: Module {
    var isTraining = true
    var layers: [Inner] = [Inner(), Inner()]
    var head = Inner()
    var scale = Tensor.ones([1])
}

@Test func discoversParametersBuffersAndSubmodulesWithPyTorchNames() {
    let m = Outer()
    #expect(m.namedParameters().map(\.name) == [
        "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
        "head.weight", "head.bias", "scale",
    ])
    #expect(m.namedBuffers().map(\.name) == ["layers.0.running_mean", "layers.1.running_mean", "head.running_mean"])
    #expect(m.stateDict().keys.count == 10)
    m.eval()
    #expect(m.layers.allSatisfy { !$0.isTraining } && !m.head.isTraining)
}

@Test func loadStateDictReportsEveryMismatch() {
    let m = Outer()
    var dict = m.stateDict()
    dict["head.weight"] = Tensor.zeros([3, 3])
    dict["scale"] = nil
    dict["extra"] = Tensor.zeros([1])
    #expect(throws: StateDictError.self) { try m.loadStateDict(dict) }
    do { try m.loadStateDict(dict) } catch let e as StateDictError {
        #expect(e.problems.count == 3)
    } catch { Issue.record("unexpected \(error)") }
}
