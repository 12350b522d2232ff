import Testing
import MessagePassing

/// Every case of `ConvGradchecks` (layers, aggregations, propagation) passes the
/// finite-difference gradient check.
@Suite("ConvGradcheck")
struct ConvGradcheckTests {
    @Test("gradcheck", arguments: ConvGradchecks.cases.map(\.op))
    func check(_ op: String) throws {
        let entry = try #require(ConvGradchecks.cases.first { $0.op == op })
        let result = try entry.run()
        #expect(result.passed, "\(op): \(result)")
        #expect(result.elementsChecked == entry.shapes.reduce(0) { $0 + $1.reduce(1, *) })
    }

    @Test("case names are unique and every layer and aggregation is covered")
    func coverage() {
        let names = ConvGradchecks.cases.map(\.op)
        #expect(Set(names).count == names.count)
        for layer in ["GCNConv", "SAGEConv", "GINConv", "GINEConv", "GraphConv", "SGConv", "APPNP", "ChebConv", "TAGConv",
                      "SumAggregation", "MeanAggregation", "MaxAggregation", "MinAggregation", "SoftmaxAggregation",
                      "VarAggregation", "StdAggregation", "MultiAggregation"] {
            #expect(names.contains { $0.hasPrefix(layer) }, "\(layer) has no gradcheck")
        }
    }
}
