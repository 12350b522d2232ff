import Testing
import MessagePassing

@Suite("AttentionDropout")
struct AttentionDropoutTests {
    /// A random graph with `n` nodes and about `n · degree` edges.
    static func randomGraph(n: Int, degree: Int, seed: UInt64) throws -> Graph {
        var rng = RandomGenerator(seed: seed)
        var src: [Int32] = [], dst: [Int32] = []
        for i in 0..<n {
            for _ in 0..<degree {
                src.append(Int32(rng.nextInt(below: n)))
                dst.append(Int32(i))
            }
        }
        return try Graph(numNodes: n, source: src, target: dst)
    }

    static func gat(dropout: Float, seed: UInt64?) throws -> GATConv {
        var rng = RandomGenerator(seed: 9)
        return try GATConv(inChannels: 4, outChannels: 3, heads: 2, dropout: dropout, dropoutSeed: seed, using: &rng)
    }

    @Test("seeded attention dropout is deterministic; eval mode is unaffected by it")
    func deterministicAndEval() throws {
        let g = try Self.randomGraph(n: 200, degree: 5, seed: 1)
        let x = Tensor.randn([200, 4], seed: 2)
        let a = try Self.gat(dropout: 0.4, seed: 77), b = try Self.gat(dropout: 0.4, seed: 77)
        let plain = try Self.gat(dropout: 0, seed: nil)
        let ya = try a(x, g), yb = try b(x, g)
        #expect(ya.scalars == yb.scalars)
        #expect(try a(x, g).scalars != ya.scalars)  // the generator advances between calls
        let reference = try plain(x, g)
        #expect(attentionMaxError(ya, reference) > 1e-3)  // dropout changed the training output
        a.eval()
        #expect(try a(x, g).scalars == reference.scalars)
        let other = try Self.gat(dropout: 0.4, seed: 78)
        #expect(try other(x, g).scalars != yb.scalars)
    }

    @Test("the expected fraction of coefficients is dropped and the rest are scaled by 1 / (1 − p)",
          arguments: [Float(0.2), 0.6])
    func fraction(p: Float) throws {
        let g = try Self.randomGraph(n: 400, degree: 10, seed: 3)
        let x = Tensor.randn([400, 4], seed: 4)
        let layer = try Self.gat(dropout: p, seed: 5)
        let train = try layer.withAttentionWeights(x, g).weights
        layer.eval()
        let eval = try layer.withAttentionWeights(x, g).weights
        #expect(train.shape == eval.shape)
        var dropped = 0
        var worst: Float = 0
        for i in 0..<train.count {
            if train.data[i] == 0 { dropped += 1; continue }
            worst = Swift.max(worst, Swift.abs(train.data[i] - eval.data[i] / (1 - p)))
        }
        let fraction = Float(dropped) / Float(train.count)
        // 2 heads x 4400 coefficients: the standard error of the fraction is below 0.008.
        #expect(Swift.abs(fraction - p) < 0.03, "dropped \(fraction), expected \(p)")
        #expect(worst < 1e-5)
    }

    @Test("TransformerConv returns the coefficients before dropout, as PyG")
    func transformerWeightsBeforeDropout() throws {
        let g = try Self.randomGraph(n: 50, degree: 4, seed: 6)
        let x = Tensor.randn([50, 4], seed: 7)
        var rng = RandomGenerator(seed: 8)
        let layer = try TransformerConv(inChannels: 4, outChannels: 2, heads: 2, dropout: 0.5, dropoutSeed: 1, using: &rng)
        let train = try layer.withAttentionWeights(x, g)
        layer.eval()
        let eval = try layer.withAttentionWeights(x, g)
        #expect(attentionMaxError(train.weights, eval.weights) < 1e-6)
        #expect(attentionMaxError(train.output, eval.output) > 1e-3)
    }
}
