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

@Suite("Propagation")
struct PropagationTests {
    @Test("the mechanism fuses copy/weighted messages with sum and mean, and only those")
    func plans() throws {
        #expect(Propagation.plan(message: .source, aggregation: SumAggregation()) == .fusedSpMM)
        #expect(Propagation.plan(message: .weightedSource, aggregation: MeanAggregation()) == .fusedSpMM)
        #expect(Propagation.plan(message: .source, aggregation: MaxAggregation()) == .general)
        #expect(Propagation.plan(message: .custom { try $0.source() }, aggregation: SumAggregation()) == .general)
        #expect(Propagation.plan(message: .source, aggregation: SumAggregation(), strategy: .general) == .general)
    }

    @Test("fused path equals the general path: values and gradients", arguments: [
        (Message.source, SegmentReduction.sum), (.source, .mean), (.weightedSource, .sum), (.weightedSource, .mean),
    ])
    func fusedEqualsGeneral(message: Message, reduction: SegmentReduction) throws {
        let g = try smallGraph()
        let x = Tensor.randn([7, 5], seed: 11).requiringGrad()
        let w = (Tensor.uniform([g.numEdges], low: 0.2, high: 2)).requiringGrad()
        let aggregation: any Aggregation = reduction == .sum ? SumAggregation() : MeanAggregation()
        func run(_ s: Propagation.Strategy) throws -> (Tensor, [Tensor]) {
            try gradients({
                try Propagation.propagate(g, x: x, edgeWeight: w, message: message, aggregation: aggregation, strategy: s)
            }, wrt: [x, w])
        }
        let (fused, fusedGrads) = try run(.automatic)
        let (general, generalGrads) = try run(.general)
        #expect(fused.allClose(general, rtol: 1e-5, atol: 1e-6))
        for (a, b) in zip(fusedGrads, generalGrads) { #expect(a.allClose(b, rtol: 1e-5, atol: 1e-6)) }
        // Not vacuous: node 6 has no in-edges, every other node has some.
        #expect(fused[6, 0] == 0 && fused.scalars.contains { $0 != 0 })
        if case .source = message { #expect(fusedGrads[1].scalars.allSatisfy { $0 == 0 }) }
        else { #expect(fusedGrads[1].scalars.contains { $0 != 0 }) }
    }
}
