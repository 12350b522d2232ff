import Testing
import TensorCore
import Foundation

/// Values and gradients of the elementwise ops against PyTorch, broadcasting, errors.
///
/// Golden numbers come from PyTorch 2.x (float32, CPU) via .venv-fixtures/bin/python (make fixtures), e.g.
/// ```python
/// x = torch.tensor([-2.5, -1.0, -0.3, 0.0, 0.4, 1.0, 3.0], requires_grad=True)
/// y = F.gelu(x); g, = torch.autograd.grad(y.sum(), x)
/// print([float(v) for v in y.detach()], [float(v) for v in g])
/// ```
/// i.e. each `g` below is d(sum y)/dx, so it is the derivative at each point.
@Suite struct ElementwiseTests {
    static let xs: [Float] = [-2.5, -1.0, -0.3, 0.0, 0.4, 1.0, 3.0]
    static let positives: [Float] = [0.5, 1.0, 2.0, 4.0]

    /// Forward values and d(sum f(x))/dx of a unary op on `input`.
    private func valueAndGrad(_ input: [Float], _ f: (Tensor) throws -> Tensor) throws -> ([Float], [Float]) {
        let x = Tensor(input, requiresGrad: true)
        let y = try f(x)
        try y.backward(Tensor.ones(y.shape))
        return (y.scalars, try #require(x.grad).scalars)
    }

    /// Elementwise closeness with a relative tolerance; NaN matches NaN, inf matches inf.
    private func close(_ a: [Float], _ b: [Float], tol: Float = 1e-5) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            if x.isNaN || y.isNaN { if !(x.isNaN && y.isNaN) { return false } else { continue } }
            if x.isInfinite || y.isInfinite { if x != y { return false } else { continue } }
            if Swift.abs(x - y) > tol * max(1, Swift.abs(y)) { return false }
        }
        return true
    }

    private func expectOp(_ name: String, _ input: [Float], _ f: (Tensor) throws -> Tensor,
                          value: [Float], grad: [Float], tol: Float = 1e-5,
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (y, g) = try valueAndGrad(input, f)
        #expect(close(y, value, tol: tol), "\(name) values \(y) vs torch \(value)", sourceLocation: sourceLocation)
        #expect(close(g, grad, tol: tol), "\(name) grads \(g) vs torch \(grad)", sourceLocation: sourceLocation)
    }

    // MARK: Unary math

    @Test func unaryMathMatchesTorch() throws {
        let x = Self.xs, p = Self.positives
        try expectOp("exp", x, { $0.exp() },
                     value: [0.082084998, 0.36787945, 0.7408182, 1.0, 1.4918247, 2.7182817, 20.085537],
                     grad: [0.082084998, 0.36787945, 0.7408182, 1.0, 1.4918247, 2.7182817, 20.085537])
        try expectOp("log1p", x, { $0.log1p() },
                     value: [.nan, -.infinity, -0.35667497, 0.0, 0.33647224, 0.69314718, 1.3862944],
                     grad: [-0.66666669, .infinity, 1.4285715, 1.0, 0.71428573, 0.5, 0.25])
        try expectOp("abs", x, { $0.abs() },
                     value: [2.5, 1.0, 0.3, 0.0, 0.4, 1.0, 3.0],
                     grad: [-1, -1, -1, 0, 1, 1, 1])
        try expectOp("square", x, { $0.square() },
                     value: [6.25, 1, 0.09, 0, 0.16, 1, 9],
                     grad: [-5, -2, -0.6, 0, 0.8, 2, 6])
        try expectOp("pow 3", x, { $0.pow(3) },
                     value: [-15.625, -1.0, -0.027000003, 0.0, 0.064000003, 1.0, 27.0],
                     grad: [18.75, 3.0, 0.27000001, 0.0, 0.48000002, 3.0, 27.0])
        try expectOp("log", p, { $0.log() },
                     value: [-0.69314718, 0.0, 0.69314718, 1.3862944], grad: [2.0, 1.0, 0.5, 0.25])
        try expectOp("sqrt", p, { $0.sqrt() },
                     value: [0.70710677, 1.0, 1.4142135, 2.0], grad: [0.70710677, 0.5, 0.35355338, 0.25])
        try expectOp("rsqrt", p, { $0.rsqrt() },
                     value: [1.4142135, 1.0, 0.70710677, 0.5], grad: [-1.4142134, -0.5, -0.17677668, -0.0625])
        try expectOp("pow 2.5", p, { $0.pow(2.5) },
                     value: [0.17677669, 1.0, 5.6568542, 32.0], grad: [0.88388348, 2.5, 7.0710678, 20.0])
        try expectOp("pow -1.5", p, { $0.pow(-1.5) },
                     value: [2.8284271, 1.0, 0.35355338, 0.125], grad: [-8.485281, -1.5, -0.26516503, -0.046875])
    }

    @Test func powShortcutsAgreeWithTheGeneralFormula() throws {
        let p = Self.positives
        for e: Float in [0, 1, 2, 3, -2, 0.5, -0.5, -1] {
            let (y, g) = try valueAndGrad(p) { $0.pow(e) }
            let expectY = p.map { powf($0, e) }
            let expectG = p.map { e == 0 ? 0 : e * powf($0, e - 1) }
            #expect(close(y, expectY), "pow \(e): \(y) vs \(expectY)")
            #expect(close(g, expectG), "pow \(e) grad: \(g) vs \(expectG)")
        }
    }

    @Test func powZeroHasZeroGradientEvenAtZero() throws {
        // torch: x.pow(0.0) at x = 0 has gradient 0 (not 0 · 0⁻¹ = NaN); abs'(0) = 0.
        let (y, g) = try valueAndGrad([0, 2]) { $0.pow(0) }
        #expect(y == [1, 1])
        #expect(g == [0, 0])
    }

    @Test func powWithTensorExponentBroadcastsAndMatchesTorch() throws {
        // torch: b.pow(e) with b [2, 3], e [3]; grads of y.sum(). The exponent's gradient
        // at a zero base with e >= 0 is 0, not 0 · log 0.
        let b = try Tensor(shape: [2, 3], scalars: [0, 2, 3, 0.5, 0, 1.5], requiresGrad: true)
        let e = Tensor([2, 0, -1], requiresGrad: true)
        let y = try b.pow(e)
        #expect(y.shape == [2, 3])
        #expect(close(y.scalars, [0.0, 1.0, 0.33333334, 0.25, 1.0, 0.66666669]))
        try y.backward(Tensor.ones(y.shape))
        #expect(close(try #require(b.grad).scalars, [0.0, 0.0, -0.11111111, 1.0, 0.0, -0.44444445]))
        #expect(close(try #require(e.grad).scalars, [-0.1732868, 0.69314718, 0.63651419]))
        #expect(e.grad?.shape == [3])

        #expect(throws: TensorError.self) { try b.pow(Tensor([1, 2])) }
    }

    // MARK: Activations

    @Test func activationsMatchTorch() throws {
        let x = Self.xs
        try expectOp("relu", x, { $0.relu() },
                     value: [0, 0, 0, 0, 0.4, 1, 3], grad: [0, 0, 0, 0, 1, 1, 1])
        try expectOp("leakyRelu", x, { $0.leakyRelu(negativeSlope: 0.2) },
                     value: [-0.5, -0.2, -0.06, 0.0, 0.4, 1.0, 3.0],
                     grad: [0.2, 0.2, 0.2, 0.2, 1, 1, 1])
        try expectOp("leakyRelu default", x, { $0.leakyRelu() },
                     value: [-0.025, -0.01, -0.003, 0.0, 0.4, 1.0, 3.0],
                     grad: [0.01, 0.01, 0.01, 0.01, 1, 1, 1])
        try expectOp("elu 0.5", x, { $0.elu(alpha: 0.5) },
                     value: [-0.45895749, -0.31606027, -0.1295909, 0.0, 0.4, 1.0, 3.0],
                     grad: [0.0410425, 0.18393973, 0.3704091, 0.5, 1.0, 1.0, 1.0])
        try expectOp("gelu", x, { $0.gelu() },
                     value: [-0.015524179, -0.15865526, -0.11462658, 0.0, 0.26216871, 0.84134471, 2.9959497],
                     grad: [-0.037611067, -0.083315432, 0.26767227, 0.5, 0.80272973, 1.0833154, 1.0119456])
        try expectOp("gelu tanh", x, { $0.gelu(approximate: true) },
                     value: [-0.015084296, -0.15880799, -0.11462908, 0.0, 0.26216117, 0.84119201, 2.9963627],
                     grad: [-0.037951652, -0.082964092, 0.26770455, 0.5, 0.8026588, 1.0829641, 1.0115843])
        try expectOp("silu", x, { $0.silu() },
                     value: [-0.18964545, -0.26894143, -0.12766725, 0.0, 0.23947507, 0.7310586, 2.8577225],
                     grad: [-0.099401109, 0.072329484, 0.35222, 0.5, 0.69479197, 0.92767054, 1.0881041])
        try expectOp("sigmoid", x, { $0.sigmoid() },
                     value: [0.075858176, 0.26894143, 0.42555749, 0.5, 0.59868765, 0.7310586, 0.95257413],
                     grad: [0.070103712, 0.19661194, 0.24445832, 0.25, 0.24026075, 0.19661193, 0.045176655])
        try expectOp("tanh", x, { $0.tanh() },
                     value: [-0.98661429, -0.76159418, -0.29131263, 0.0, 0.37994897, 0.76159418, 0.99505478],
                     grad: [0.026592249, 0.4199743, 0.91513693, 1.0, 0.8556388, 0.4199743, 0.0098659815])
        try expectOp("softplus", x, { $0.softplus() },
                     value: [0.078889735, 0.31326169, 0.55435526, 0.69314718, 0.91301525, 1.3132616, 3.0485873],
                     grad: [0.075858176, 0.26894143, 0.42555746, 0.5, 0.59868771, 0.7310586, 0.95257413])
        // beta 2, threshold 1: linear (value x, gradient 1) where 2x > 1.
        try expectOp("softplus beta 2 threshold 1", x, { $0.softplus(beta: 2, threshold: 1) },
                     value: [0.0033576742, 0.063464001, 0.21874397, 0.34657359, 0.58555031, 1.0, 3.0],
                     grad: [0.006692851, 0.11920292, 0.35434368, 0.5, 0.68997449, 1.0, 1.0])
    }

    @Test func clampPassesGradientOnTheClosedRange() throws {
        // torch: x.clamp(-1, 0.4); the gradient is 1 at both boundaries (x = -1 and 0.4).
        try expectOp("clamp", Self.xs, { $0.clamp(min: -1, max: 0.4) },
                     value: [-1, -1, -0.3, 0, 0.4, 0.4, 0.4], grad: [0, 1, 1, 1, 1, 0, 0])
        try expectOp("clamp min", Self.xs, { $0.clamp(min: 0) },
                     value: [0, 0, 0, 0, 0.4, 1, 3], grad: [0, 0, 0, 1, 1, 1, 1])
        try expectOp("clamp max", Self.xs, { $0.clamp(max: -0.3) },
                     value: [-2.5, -1, -0.3, -0.3, -0.3, -0.3, -0.3], grad: [1, 1, 1, 0, 0, 0, 0])
        // torch: min > max sets everything to max; NaN stays NaN.
        #expect(Tensor([0, 3]).clamp(min: 2, max: 1).scalars == [1, 1])
        let nan = Tensor([.nan, 5]).clamp(min: 0, max: 1).scalars
        #expect(nan[0].isNaN && nan[1] == 1)
        let x = Tensor([1, 2])
        #expect(x.clamp() === x)
    }

    @Test func nanPropagatesThroughRelu() {
        let y = Tensor([.nan, -1, 2]).relu().scalars
        #expect(y[0].isNaN && y[1] == 0 && y[2] == 2)
    }

    // MARK: Maximum and minimum

    @Test func maximumAndMinimumSplitGradientsOnTiesLikeTorch() throws {
        // torch: y = torch.maximum(a, c); grads of (y * [1, 2, 3]).sum() (broadcast over rows).
        let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 0, 5, -1], requiresGrad: true)
        let c = Tensor([2, 2, 1], requiresGrad: true)
        let w = Tensor([1, 2, 3])
        let mx = try Tensor.maximum(a, c)
        #expect(mx.scalars == [2, 2, 3, 2, 5, 1])
        try (mx * w).backward(Tensor.ones([2, 3]))
        #expect(a.grad?.scalars == [0, 1, 3, 0, 2, 0])
        #expect(c.grad?.scalars == [2, 1, 3])

        a.zeroGrad(); c.zeroGrad()
        let mn = try Tensor.minimum(a, c)
        #expect(mn.scalars == [1, 2, 1, 0, 2, -1])
        try (mn * w).backward(Tensor.ones([2, 3]))
        #expect(a.grad?.scalars == [1, 1, 0, 1, 0, 3])
        #expect(c.grad?.scalars == [0, 3, 3])
    }

    @Test func maximumPropagatesNaNAndRejectsBadShapes() throws {
        let y = try Tensor.maximum(Tensor([.nan, 1]), Tensor([0, .nan])).scalars
        #expect(y[0].isNaN && y[1].isNaN)
        let z = try Tensor.minimum(Tensor([.nan, 1]), Tensor([0, .nan])).scalars
        #expect(z[0].isNaN && z[1].isNaN)
        #expect(throws: TensorError.self) { try Tensor.maximum(Tensor([1, 2]), Tensor([1, 2, 3])) }
        #expect(throws: TensorError.self) { try Tensor.minimum(Tensor.zeros([2, 3]), Tensor.zeros([3, 2])) }
    }

    // MARK: Comparisons

    @Test func comparisonsReturnZeroOneMasksAndBroadcast() throws {
        let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6], requiresGrad: true)
        let b = Tensor([2, 2, 7])
        #expect(try a.eq(b).scalars == [0, 1, 0, 0, 0, 0])
        #expect(try a.ne(b).scalars == [1, 0, 1, 1, 1, 1])
        #expect(try a.lt(b).scalars == [1, 0, 1, 0, 0, 1])
        #expect(try a.le(b).scalars == [1, 1, 1, 0, 0, 1])
        #expect(try a.gt(b).scalars == [0, 0, 0, 1, 1, 0])
        #expect(try a.ge(b).scalars == [0, 1, 0, 1, 1, 0])
        #expect(try a.gt(b).shape == [2, 3])
        // Column broadcast: [2, 1] against [3] gives [2, 3].
        let col = try Tensor(shape: [2, 1], scalars: [2, 5])
        #expect(try col.lt(Tensor([1, 3, 5])).scalars == [0, 1, 1, 0, 0, 0])
        // Scalar forms.
        #expect(a.eq(3).scalars == [0, 0, 1, 0, 0, 0])
        #expect(a.ne(3).scalars == [1, 1, 0, 1, 1, 1])
        #expect(a.lt(3).scalars == [1, 1, 0, 0, 0, 0])
        #expect(a.le(3).scalars == [1, 1, 1, 0, 0, 0])
        #expect(a.gt(3).scalars == [0, 0, 0, 1, 1, 1])
        #expect(a.ge(3).scalars == [0, 0, 1, 1, 1, 1])
        // Masks have no history even when the input requires grad.
        #expect(!a.gt(0).requiresGrad)
        #expect(try !a.gt(b).requiresGrad)
    }

    @Test func comparisonsFollowIEEEForNaNAndRejectBadShapes() throws {
        let x = Tensor([.nan, 1])
        #expect(x.eq(.nan).scalars == [0, 0])
        #expect(x.ne(.nan).scalars == [1, 1])
        #expect(x.ge(1).scalars == [0, 1])
        #expect(try x.lt(Tensor([2, 2])).scalars == [0, 1])
        let bad = Tensor([1, 2, 3])
        #expect(throws: TensorError.self) { try x.eq(bad) }
        #expect(throws: TensorError.self) { try x.ne(bad) }
        #expect(throws: TensorError.self) { try x.lt(bad) }
        #expect(throws: TensorError.self) { try x.le(bad) }
        #expect(throws: TensorError.self) { try x.gt(bad) }
        #expect(throws: TensorError.self) { try x.ge(bad) }
    }

    // MARK: where and maskedFill

    @Test func whereSelectsWithBroadcastingAndReducesGradients() throws {
        // condition [2, 1], a [3], b scalar: output [2, 3]. Any non-zero (negative, NaN)
        // selects a.
        let condition = try Tensor(shape: [2, 1], scalars: [-1, 0])
        let a = Tensor([1, 2, 3], requiresGrad: true)
        let b = Tensor(scalar: 10, requiresGrad: true)
        let y = try Tensor.where(condition, a, b)
        #expect(y.shape == [2, 3])
        #expect(y.scalars == [1, 2, 3, 10, 10, 10])
        try y.backward(try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(a.grad?.scalars == [1, 2, 3])
        #expect(a.grad?.shape == [3])
        #expect(b.grad?.scalars == [15])
        #expect(b.grad?.shape == [])

        let nanCondition = Tensor([.nan, 0])
        #expect(try Tensor.where(nanCondition, Tensor([1, 1]), Tensor([2, 2])).scalars == [1, 2])
        // Masks from comparisons plug in directly: relu via where.
        let x = Tensor([-1, 2, -3, 4])
        #expect(try Tensor.where(x.gt(0), x, Tensor.zeros([1])).scalars == x.relu().scalars)

        #expect(throws: TensorError.self) { try Tensor.where(Tensor([1, 0]), Tensor([1, 2, 3]), Tensor([1])) }
        #expect(throws: TensorError.self) { try Tensor.where(Tensor([1, 0, 1]), Tensor.zeros([2, 3]), Tensor.zeros([2, 1, 2])) }
    }

    @Test func maskedFillBroadcastsTheMaskAndZeroesFilledGradients() throws {
        let x = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6], requiresGrad: true)
        let y = try x.maskedFill(Tensor([0, 1, 0]), -1)
        #expect(y.shape == [2, 3])
        #expect(y.scalars == [1, -1, 3, 4, -1, 6])
        try y.backward(try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(x.grad?.scalars == [1, 0, 3, 4, 0, 6])

        let rows = try x.maskedFill(Tensor(shape: [2, 1], scalars: [1, 0]), .infinity)
        #expect(rows.scalars == [.infinity, .infinity, .infinity, 4, 5, 6])
        // The mask must broadcast to x's shape, not beyond it.
        #expect(throws: TensorError.self) { try x.maskedFill(Tensor.zeros([2, 2, 3]), 0) }
        #expect(throws: TensorError.self) { try x.maskedFill(Tensor.zeros([2]), 0) }
    }

    // MARK: Parallel path

    @Test func largeTensorsTakeTheParallelPathWithTheSameResults() throws {
        // 70,000 elements is above the parallel grain (32,768): chunks run on worker
        // threads (when more than one is configured) and must compute the same values.
        var rng = RandomGenerator(seed: 21)
        let x = Tensor.uniform([70, 1000], low: -4, high: 4, using: &rng)
        let relu = x.relu(), elu = x.elu(alpha: 0.5), sig = x.sigmoid(), clamp = x.clamp(min: -1, max: 2)
        let mask = x.gt(1), picked = try Tensor.where(mask, x, Tensor([-7]))
        for i in stride(from: 0, to: x.count, by: 7) {
            let v = x.data[i]
            #expect(relu.data[i] == max(v, 0))
            #expect(elu.data[i] == (v > 0 ? v : 0.5 * Kernels.fastExpm1(v)))
            #expect(sig.data[i] == 1 / (1 + Kernels.fastExp(-v)))
            #expect(clamp.data[i] == min(max(v, -1), 2))
            #expect(mask.data[i] == (v > 1 ? 1 : 0))
            #expect(picked.data[i] == (v > 1 ? v : -7))
        }
    }

    // MARK: Autograd bookkeeping

    @Test func opsThatSaveTheirOutputDoNotRetainIt() throws {
        // exp, sqrt, sigmoid and tanh keep their output's values for backward; the output
        // tensor itself must be freed when the caller drops it (no reference cycle).
        let x = Tensor([0.5, 1.5], requiresGrad: true)
        for op in [{ (t: Tensor) in t.exp() }, { $0.sqrt() }, { $0.sigmoid() }, { $0.tanh() }, { $0.rsqrt() }] {
            weak var weakY: Tensor?
            do {
                let y = op(x)
                weakY = y
                #expect(y.requiresGrad)
            }
            #expect(weakY == nil)
        }
    }

    @Test func noGradModeRecordsNothing() throws {
        let x = Tensor([0.5, 1.5], requiresGrad: true)
        let y = withNoGrad { x.exp().relu().gelu() }
        #expect(!y.requiresGrad && y.isLeaf)
    }
}
