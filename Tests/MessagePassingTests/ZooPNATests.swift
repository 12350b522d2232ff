import Foundation
import Testing
import MessagePassing
import NeuralNet
import TensorCore

@Suite("Zoo: PNAConv")
struct ZooPNATests {
    static func aggregators() -> [any Aggregation] {
        [MeanAggregation(), MinAggregation(), MaxAggregation(), StdAggregation()]
    }

    @Test("matches PyG: towers with edge features (identity, amplification, attenuation)")
    func towersEdges() throws {
        let golden = try ZooGolden.load()
        let c = try golden.case("pna_towers_edges")
        let deg = try c.ints("deg")
        #expect(deg == PNAConv.degreeHistogram([try golden.graph()]))
        let conv = try PNAConv(inChannels: 4, outChannels: 6, aggregators: Self.aggregators(),
                               scalers: [.identity, .amplification, .attenuation], deg: deg, edgeDim: 2, towers: 2)
        try c.load(into: conv)
        conv.eval()
        let inputs = try c.inputTensors()
        try c.check(conv(c.input("x", inputs), golden.graph(), edgeFeatures: inputs["edge_attr"]), inputs: inputs, module: conv)
    }

    @Test("matches PyG: divided input, two pre and post layers, all five scalers")
    func divideDeep() throws {
        let golden = try ZooGolden.load()
        let c = try golden.case("pna_divide_deep")
        let conv = try PNAConv(inChannels: 4, outChannels: 6, aggregators: Self.aggregators(),
                               scalers: [.identity, .amplification, .attenuation, .linear, .inverseLinear],
                               deg: c.ints("deg"), towers: 2, preLayers: 2, postLayers: 2, divideInput: true)
        try c.load(into: conv)
        conv.eval()
        let inputs = try c.inputTensors()
        try c.check(conv(c.input("x", inputs), golden.graph()), inputs: inputs, module: conv)
    }

    @Test("degree averages follow the histogram; trainNorm makes them parameters")
    func averages() throws {
        let a = try DegreeScalerAggregation(aggregation: SumAggregation(), scalers: [.identity], degreeHistogram: [1, 2, 1])
        #expect(abs(a.initialAvgDegLin - 1) < 1e-6)
        #expect(abs(a.initialAvgDegLog - Float((2 * log(2.0) + log(3.0)) / 4)) < 1e-6)
        #expect(a.namedParameters().isEmpty && Set(a.stateDict().keys) == ["avg_deg_lin", "avg_deg_log"])
        let t = try DegreeScalerAggregation(aggregation: SumAggregation(), scalers: [.linear], degreeHistogram: [0, 3], trainNorm: true)
        #expect(t.namedParameters().map(\.name) == ["avg_deg_lin", "avg_deg_log"])
    }

    @Test("bad arguments are rejected")
    func bad() throws {
        #expect(throws: TensorError.self) {
            try PNAConv(inChannels: 4, outChannels: 5, aggregators: Self.aggregators(), scalers: [.identity], deg: [1], towers: 2)
        }
        #expect(throws: TensorError.self) {
            try DegreeScalerAggregation(aggregation: SumAggregation(), scalers: [.identity], degreeHistogram: [0, 0])
        }
        let conv = try PNAConv(inChannels: 2, outChannels: 2, aggregators: Self.aggregators(), scalers: [.identity], deg: [1, 1], edgeDim: 1)
        let g = try Graph(numNodes: 2, source: [0], target: [1])
        #expect(throws: TensorError.self) { try conv(Tensor.zeros([2, 2]), g) }
    }
}
