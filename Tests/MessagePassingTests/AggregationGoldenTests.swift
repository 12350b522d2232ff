import Testing
import MessagePassing

/// The aggregations against `torch_geometric.nn.aggr` on random messages `[20, 5]` with
/// an unsorted index into 7 rows, two of them empty (outputs and gradients of the
/// messages and of the learnable temperature).
@Suite("AggregationGolden")
struct AggregationGoldenTests {
    static func make(_ f: MPFixture) throws -> any Aggregation {
        switch f.string("aggr") {
        case "sum": return SumAggregation()
        case "mean": return MeanAggregation()
        case "max": return MaxAggregation()
        case "min": return MinAggregation()
        case "std": return StdAggregation()
        case "var": return VarAggregation()
        case "softmax":
            return try SoftmaxAggregation(t: f.float("t", 1), learn: f.bool("learn", false), channels: f.int("channels", 1))
        case "multi": return try MultiAggregation([MeanAggregation(), MaxAggregation(), StdAggregation()])
        default: throw TensorError("test", "unknown aggregation in \(f.name)")
        }
    }

    @Test("aggregation matches PyG", arguments: ["aggr_sum", "aggr_mean", "aggr_max", "aggr_min", "aggr_softmax",
                                                 "aggr_softmax_t", "aggr_softmax_learn", "aggr_softmax_learn1",
                                                 "aggr_std", "aggr_var", "aggr_multi"])
    func golden(_ name: String) throws {
        let f = try MPFixture(name)
        let a = try Self.make(f)
        try a.loadStateDict(f.stateDict)
        let x = try f.tensor("x").copy().requiringGrad()
        let idx = try f.tensor("index")
        let index = Int32Tensor((0..<idx.count).map { Int32(idx.data[$0]) })
        let out = try a(x, index: index, dimSize: 7)
        let (ratio, err) = MPFixture.excess(out, try f.tensor("out"))
        #expect(out.shape == (try f.tensor("out")).shape)
        #expect(ratio <= 1, "\(name) output: \(err)")
        try out.backward(try f.tensor("R"))
        let (gRatio, gErr) = MPFixture.excess(try #require(x.grad), try f.tensor("grad.x"))
        #expect(gRatio <= 1, "\(name) grad x: \(gErr)")
        var worst = Swift.max(err, gErr)
        for (pName, p) in a.namedParameters() {
            let (r, e) = MPFixture.excess(try #require(p.grad), try f.tensor("grad.param." + pName))
            #expect(r <= 1, "\(name) grad \(pName): \(e)")
            worst = Swift.max(worst, e)
        }
        #expect(a.namedParameters().count == f.tensors.keys.filter { $0.hasPrefix("grad.param.") }.count)
        MPFixture.record(name, worst)
        // Rows 3 and 6 receive no message: 0, as PyG.
        #expect((0..<out.shape[1]).allSatisfy { out[3, $0] == 0 && out[6, $0] == 0 })
    }

    @Test("errors: message rows, temperature channels, empty multi-aggregation")
    func errors() throws {
        let csr = try CSRMatrix(rows: 2, cols: 3, rowPtr: [0, 2, 3], colIdx: [0, 1, 2])
        #expect(throws: TensorError.self) { try SumAggregation().aggregate(Tensor.ones([4, 2]), csr) }
        #expect(throws: TensorError.self) { try MaxAggregation().aggregate(Tensor.ones([3]), csr) }
        #expect(throws: TensorError.self) { try SoftmaxAggregation(learn: true, channels: 3).aggregate(Tensor.ones([3, 2]), csr) }
        #expect(throws: TensorError.self) { try SoftmaxAggregation(channels: 2) }
        #expect(throws: TensorError.self) { try MultiAggregation([]) }
        #expect(throws: TensorError.self) { try MeanAggregation()(Tensor.ones([3, 2]), index: Int32Tensor([0, 1]), dimSize: 2) }
        #expect(throws: (any Error).self) { try MeanAggregation()(Tensor.ones([2, 2]), index: Int32Tensor([0, 5]), dimSize: 2) }
    }
}
