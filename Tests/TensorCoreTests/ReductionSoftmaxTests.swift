import Testing
import TensorCore

/// softmax / logSoftmax / logsumexp. Reference values from PyTorch 2.x via
/// scripts/reductions_reference.py (printed to 7 significant digits).
@Suite struct ReductionSoftmaxTests {
    typealias F = ReductionFixture

    @Test func softmaxMatchesTorch() throws {
        let x = F.x()
        // torch: X.softmax(-1), X.softmax(0)
        #expect(F.close(try x.softmax().scalars,
                        [0.1542471, 0.02817841, 0.6912876, 0.1262868, 0.2966344, 0.07314914, 0.03286803, 0.5973484,
                         0.1069189, 0.3923172, 0.4791774, 0.02158656]))
        #expect(F.close(try x.softmax(axis: 0).scalars,
                        [0.242433, 0.07790913, 0.6785296, 0.1284331, 0.6590012, 0.2858717, 0.04560092, 0.8586904,
                         0.0985659, 0.6362191, 0.2758695, 0.01287656]))
        #expect(try x.softmax(axis: 1).scalars == x.softmax(axis: -1).scalars)
    }

    @Test func logSoftmaxAndLogsumexpMatchTorch() throws {
        let x = F.x()
        // torch: X.log_softmax(-1), X.log_softmax(0), X.logsumexp(1), X.logsumexp(0)
        #expect(F.close(try x.logSoftmax().scalars,
                        [-1.869199, -3.569199, -0.3691993, -2.069199, -1.215255, -2.615255, -3.415255, -0.5152547,
                         -2.235684, -0.9356846, -0.7356845, -3.835684]))
        #expect(F.close(try x.logSoftmax(axis: 0).scalars,
                        [-1.41703, -2.552212, -0.3878272, -2.052347, -0.4170299, -1.252212, -3.087827, -0.1523469,
                         -2.31703, -0.4522122, -1.287827, -4.352347]))
        #expect(F.close(try x.logsumexp(axis: 1).scalars, [2.369199, 2.715255, 1.835685]))
        #expect(F.close(try x.logsumexp(axis: 0).scalars, [1.91703, 1.352212, 2.387827, 2.352347]))
        #expect(try x.logsumexp(axis: -1, keepDims: true).shape == [3, 1])
    }

    @Test func largeInputsStayFinite() throws {
        // torch: tensor([1000., 1001.]).softmax(0) = [0.2689414, 0.7310586], log_softmax = [-1.313262, -0.3132617]
        let x = Tensor([1000, 1001])
        #expect(F.close(try x.softmax(axis: 0).scalars, [0.2689414, 0.7310586]))
        #expect(F.close(try x.logSoftmax().scalars, [-1.313262, -0.3132617]))
        #expect(F.close(try x.logsumexp(axis: 0).scalars, [1001.313262]))
        let small = Tensor([-1000, -1001])
        #expect(F.close(try small.softmax().scalars, [0.7310586, 0.2689414]))
        #expect(try small.logsumexp(axis: 0).scalars.allSatisfy(\.isFinite))
    }

    @Test func infiniteInputs() throws {
        // torch: logsumexp([inf, 1]) = inf, logsumexp([-inf, -inf]) = -inf, logsumexp(empty(2, 0), 1) = [-inf, -inf]
        #expect(try Tensor([.infinity, 1]).logsumexp(axis: 0).scalars == [.infinity])
        #expect(try Tensor([-.infinity, -.infinity]).logsumexp(axis: 0).scalars == [-.infinity])
        #expect(try Tensor.zeros([2, 0]).logsumexp(axis: 1).scalars == [-.infinity, -.infinity])
        // A -inf logit gets probability 0 (masking).
        #expect(F.close(try Tensor([0, -.infinity, 0]).softmax().scalars, [0.5, 0, 0.5]))
    }

    @Test func gradientsMatchTorch() throws {
        let x = F.x(requiresGrad: true)
        try x.softmax().backward(F.g)
        // torch: grad of X.softmax(-1) with upstream G
        #expect(F.close(try #require(x.grad).scalars,
                        [-0.0692153, -0.03518722, 0.1736999, -0.06929738, -0.1877329, 0.05611443, 0.03178745,
                         0.09983101, 0.0759392, 0.04325311, -0.1388415, 0.01964917], tol: 1e-4))
        let y = F.x(requiresGrad: true)
        try y.logSoftmax(axis: 0).backward(F.g)
        // torch: grad of X.log_softmax(0) with upstream G
        #expect(F.close(try #require(y.grad).scalars,
                        [0.3, -0.5, 0.1179116, 0.0844102, -1, 0.4, 0.5407188, -0.9728214, 0.7, 0.09999999,
                         -0.6586304, 0.8884111], tol: 1e-4))
        let z = F.x(requiresGrad: true)
        try z.logsumexp(axis: 1).backward(F.g0)
        // torch: grad of X.logsumexp(1) with upstream G[:, 0]
        #expect(F.close(try #require(z.grad).scalars,
                        [0.04627414, 0.008453523, 0.2073863, 0.03788606, -0.2966344, -0.07314914, -0.03286803,
                         -0.5973484, 0.07484323, 0.2746221, 0.3354242, 0.01511059], tol: 1e-4))
    }

    @Test func rowsSumToOneOnLongAxes() throws {
        // 40_000 positions span several fixed blocks of the sum.
        let x = Tensor.randn([2, 40_000], seed: 3)
        let y = try x.softmax()
        let s = try y.sum(axis: 1)
        #expect(F.close(s.scalars, [1, 1], tol: 1e-5))
        let l = try x.logSoftmax()
        #expect(F.close(try l.logsumexp(axis: -1).scalars, [0, 0], tol: 1e-5))
    }

    @Test func scalarEmptyAndBadAxes() throws {
        // torch: tensor(3.).softmax(0) = 1
        #expect(try Tensor(scalar: 3).softmax(axis: 0).scalars == [1])
        #expect(try Tensor(scalar: 3).logSoftmax().scalars == [0])
        #expect(try Tensor.zeros([0, 3]).softmax().shape == [0, 3])
        let x = F.x()
        #expect(throws: TensorError.self) { try x.softmax(axis: 2) }
        #expect(throws: TensorError.self) { try x.logSoftmax(axis: -3) }
        #expect(throws: TensorError.self) { try x.logsumexp(axis: 2) }
    }
}
