import Testing
import MessagePassing
import TensorCore

@Suite("Zoo: gradchecks")
struct ZooGradcheckTests {
    @Test("every ZooGradchecks case passes", arguments: ZooGradchecks.cases.map(\.op))
    func gradcheckCase(_ op: String) throws {
        let c = try #require(ZooGradchecks.cases.first { $0.op == op })
        let r = try c.run()
        #expect(r.passed, "\(op): \(r)")
        #expect(r.elementsChecked > 0)
    }

    @Test("one case per layer, pooling operator and norm")
    func coverage() {
        let ops = Set(ZooGradchecks.cases.map(\.op))
        #expect(ops.count == ZooGradchecks.cases.count, "case names are unique")
        for name in ["globalAddPool", "Set2Set", "TopKPooling", "GraphNorm", "GraphLayerNorm graph", "GraphBatchNorm train",
                     "VirtualNode add and update (train)", "GCN2Conv shared", "GatedGraphConv", "NNConv", "EdgeConv max",
                     "PNAConv towers, edges"] {
            #expect(ops.contains(name), "\(name)")
        }
    }
}
