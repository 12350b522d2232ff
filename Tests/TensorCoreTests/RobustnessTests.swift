import Testing
import TensorCore

/// Ops on random shapes, zero-size axes included, either return a result of the
/// documented shape or throw `TensorError`: never a crash. The shapes are drawn so that
/// roughly half the calls are valid.
@Suite final class RobustnessTests {
    var succeeded = 0, threw = 0

    func randomShape(_ rng: inout RandomGenerator) -> [Int] {
        (0..<rng.nextInt(below: 4)).map { _ in rng.nextInt(below: 4) }
    }

    func tensor(_ shape: [Int], _ rng: inout RandomGenerator) -> Tensor {
        Tensor.uniform(shape, low: -1, high: 1, using: &rng)
    }

    /// Runs `body`; a thrown error must be a `TensorError`.
    func attempt(_ what: String, _ body: () throws -> Void) {
        do {
            try body()
            succeeded += 1
        } catch is TensorError {
            threw += 1
        } catch { Issue.record("\(what): unexpected error \(error)") }
    }

    @Test func binaryOpsMatmulAndReductionsOnRandomShapes() {
        var rng = RandomGenerator(seed: 99)
        for _ in 0..<400 {
            let a = tensor(randomShape(&rng), &rng), b = tensor(randomShape(&rng), &rng)
            attempt("add \(a.shape) \(b.shape)") {
                let c = try a + b
                #expect(c.shape == (try Shape.broadcast(a.shape, b.shape, op: "t")))
            }
            attempt("mul \(a.shape) \(b.shape)") { _ = try a * b }
            attempt("matmul \(a.shape) \(b.shape)") { _ = try a.matmul(b) }
            attempt("where \(a.shape) \(b.shape)") { _ = try Tensor.where(a.gt(0), a, b) }
            attempt("concat \(a.shape) \(b.shape)") { _ = try Tensor.concat([a, b], axis: 0) }
            let axis = rng.nextInt(below: 5) - 2
            attempt("sum \(a.shape) axis \(axis)") { _ = try a.sum(axis: axis) }
            attempt("mean \(a.shape) axis \(axis)") { _ = try a.mean(axis: axis, keepDims: true) }
            attempt("max \(a.shape) axis \(axis)") { _ = try a.max(axis: axis) }
            attempt("softmax \(a.shape) axis \(axis)") { _ = try a.softmax(axis: axis) }
            attempt("logSoftmax \(a.shape) axis \(axis)") { _ = try a.logSoftmax(axis: axis) }
            attempt("variance \(a.shape) axis \(axis)") { _ = try a.variance(axis: axis) }
            attempt("transpose \(a.shape)") { _ = try a.transposed() }
            attempt("reshape \(a.shape)") { _ = try a.reshaped([-1]) }
            attempt("slice \(a.shape)") { _ = try a.slice(axis: 0, range: 0..<1) }
            attempt("split \(a.shape)") { _ = try a.chunked(2, axis: axis) }
            let index = Int32Tensor((0..<rng.nextInt(below: 4)).map { _ in Int32(rng.nextInt(below: 4)) - 1 })
            attempt("indexSelect \(a.shape) \(index.scalars)") { _ = try a.indexSelect(axis: 0, index) }
            attempt("scatter \(a.shape) \(index.scalars)") {
                _ = try Tensor.scatter(a, index: index, dimSize: 3, reduce: .max)
            }
            attempt("oneHot \(index.scalars)") { _ = try Tensor.oneHot(index, classes: 3) }
            _ = a.sum()
            _ = a.relu().exp()
        }
        // Both outcomes are exercised often (the sweep is not all-valid or all-invalid).
        #expect(succeeded > 1000 && threw > 1000, "succeeded \(succeeded), threw \(threw)")
    }

    @Test func backwardThroughEmptyTensorsIsFine() throws {
        let x = Tensor.zeros([0, 3]).requiringGrad()
        let w = Tensor.ones([3, 2]).requiringGrad()
        let y = try x.matmul(w).relu().sum()
        try y.backward()
        #expect(x.grad?.shape == [0, 3])
        #expect(w.grad?.scalars == [0, 0, 0, 0, 0, 0])
    }
}
