import Testing
import MessagePassing

/// A small graph: 7 nodes, a self loop (3 -> 3), node 6 isolated, a repeated edge.
func smallGraph() throws -> Graph {
    try Graph(numNodes: 7, edges: [(0, 1), (1, 0), (1, 2), (2, 1), (2, 0), (3, 3), (4, 0), (0, 4),
                                   (4, 5), (5, 4), (1, 4), (3, 2), (5, 1), (2, 5), (2, 5), (0, 3)])
}

func gradients(_ f: () throws -> Tensor, wrt inputs: [Tensor], seed: UInt64 = 3) throws -> (Tensor, [Tensor]) {
    for t in inputs { t.grad = nil }
    let out = try f()
    var rng = RandomGenerator(seed: seed)
    let r = Tensor.uniform(out.shape, low: -1, high: 1, using: &rng)
    try out.backward(r)
    let grads = inputs.map { $0.grad ?? Tensor.zeros($0.shape) }
    for t in inputs { t.grad = nil }
    return (out, grads)
}

/// The fusable message/aggregation pairs, as a Sendable test argument (`Message` holds a
/// closure and is not Sendable, so the case names it instead).
enum MPFusableCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sourceSum, sourceMean, weightedSum, weightedMean
    var message: Message { self == .sourceSum || self == .sourceMean ? .source : .weightedSource }
    var aggregation: any Aggregation {
        self == .sourceSum || self == .weightedSum ? SumAggregation() : MeanAggregation()
    }
    var isWeighted: Bool { self == .weightedSum || self == .weightedMean }
    var testDescription: String { rawValue }
}

@Suite("Propagation")
struct PropagationTests {
    @Test("the mechanism fuses copy/weighted messages with sum and mean, and only those")
    func plans() throws {
        #expect(Propagation.plan(message: .source, aggregation: SumAggregation()) == .fusedSpMM)
        #expect(Propagation.plan(message: .weightedSource, aggregation: MeanAggregation()) == .fusedSpMM)
        #expect(Propagation.plan(message: .source, aggregation: MaxAggregation()) == .general)
        #expect(try Propagation.plan(message: .source, aggregation: SoftmaxAggregation()) == .general)
        #expect(Propagation.plan(message: .custom { try $0.source() }, aggregation: SumAggregation()) == .general)
        #expect(Propagation.plan(message: .source, aggregation: SumAggregation(), strategy: .general) == .general)
    }

    @Test("fused path equals the general path: values and gradients (x and edge weights)",
          arguments: MPFusableCase.allCases, [true, false])
    func fusedEqualsGeneral(_ c: MPFusableCase, withWeights: Bool) throws {
        let g = try smallGraph()
        let x = Tensor.randn([7, 5], seed: 11).requiringGrad()
        var rng = RandomGenerator(seed: 5)
        let w = Tensor.uniform([g.numEdges], low: 0.2, high: 2, using: &rng).requiringGrad()
        let weight = withWeights ? w : nil
        func run(_ s: Propagation.Strategy) throws -> (Tensor, [Tensor]) {
            try gradients({
                try Propagation.propagate(g, x: x, edgeWeight: weight, message: c.message,
                                          aggregation: c.aggregation, strategy: s)
            }, wrt: [x, w])
        }
        #expect(Propagation.plan(message: c.message, aggregation: c.aggregation) == .fusedSpMM)
        let (fused, fusedGrads) = try run(.automatic)
        let (general, generalGrads) = try run(.general)
        #expect(fused.allClose(general, rtol: 1e-5, atol: 1e-6))
        for (a, b) in zip(fusedGrads, generalGrads) { #expect(a.allClose(b, rtol: 1e-5, atol: 1e-6)) }
        // Not vacuous: node 6 has no in-edges (row 0, no gradient), every other node has some.
        #expect((0..<5).allSatisfy { fused[6, $0] == 0 })
        #expect((0..<6).allSatisfy { i in (0..<5).contains { fused[i, $0] != 0 } })
        // Weights reach the gradient only when the message uses them.
        if c.isWeighted && withWeights { #expect(fusedGrads[1].scalars.contains { $0 != 0 }) }
        else { #expect(fusedGrads[1].scalars.allSatisfy { $0 == 0 }) }
    }

    @Test("fused sum/mean match a hand-computed aggregation (duplicate edge counted twice, self loop)")
    func handComputed() throws {
        let g = try smallGraph()
        let x = Tensor.randn([7, 3], seed: 2)
        var rng = RandomGenerator(seed: 9)
        let w = Tensor.uniform([g.numEdges], low: 0.2, high: 2, using: &rng)
        for c in MPFusableCase.allCases {
            let out = try Propagation.propagate(g, x: x, edgeWeight: w, message: c.message, aggregation: c.aggregation)
            for i in 0..<7 {
                let edges = (0..<g.numEdges).filter { g.target[$0] == Int32(i) }
                for f in 0..<3 {
                    var s: Float = 0
                    for e in edges { s += (c.isWeighted ? w[e] : 1) * x[Int(g.source[e]), f] }
                    if c.aggregation.linearReduction == .mean, !edges.isEmpty { s /= Float(edges.count) }
                    #expect(abs(out[i, f] - s) <= 1e-5 * (1 + abs(s)), "\(c) node \(i) feature \(f)")
                }
            }
        }
    }

    @Test("a custom message runs per edge in CSR order: x_i - x_j summed equals deg·x_i - Σ x_j")
    func customMessage() throws {
        let g = try smallGraph()
        let x = Tensor.randn([7, 4], seed: 4)
        let out = try Propagation.propagate(g, x: x, message: .custom { try $0.target() - $0.source() },
                                            aggregation: SumAggregation())
        let sumSources = try Propagation.propagate(g, x: x, message: .source, aggregation: SumAggregation())
        let degree = try Tensor((0..<7).map { Float(g.incoming.degree($0)) }).reshaped([7, 1])
        let expected = try x * degree - sumSources
        #expect(out.allClose(expected, rtol: 1e-5, atol: 1e-5))
    }

    @Test("shape errors: features, edge weights, edge features, message rows")
    func shapeErrors() throws {
        let g = try smallGraph()
        let x = Tensor.randn([7, 3], seed: 1)
        #expect(throws: TensorError.self) {
            try Propagation.propagate(g, x: Tensor.randn([6, 3], seed: 1), message: .source, aggregation: SumAggregation())
        }
        #expect(throws: TensorError.self) {
            try Propagation.propagate(g, x: Tensor.randn([7 * 3], seed: 1), message: .source, aggregation: SumAggregation())
        }
        #expect(throws: TensorError.self) {
            try Propagation.propagate(g, x: x, edgeWeight: Tensor.ones([g.numEdges - 1]), message: .weightedSource,
                                      aggregation: SumAggregation())
        }
        #expect(throws: TensorError.self) {
            try Propagation.propagate(g, x: x, edgeFeatures: Tensor.ones([g.numEdges + 1, 2]), message: .source,
                                      aggregation: MaxAggregation())
        }
        #expect(throws: TensorError.self) {
            try Propagation.propagate(g, x: x, targetFeatures: Tensor.ones([5, 3]), message: .source,
                                      aggregation: SumAggregation())
        }
        #expect(throws: TensorError.self) {
            try Propagation.propagate(g, x: x, message: .custom { _ in Tensor.ones([3, 3]) }, aggregation: SumAggregation())
        }
    }
}
