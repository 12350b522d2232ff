import Testing
import TensorCore

/// variance / std / norm. Reference values from PyTorch 2.x via
/// scripts/reductions_reference.py (printed to 7 significant digits).
@Suite struct ReductionStatisticsTests {
    typealias F = ReductionFixture

    @Test func varianceAndStdMatchTorch() throws {
        let x = F.x()
        // torch: X.var(1, correction=c), X.std(0, correction=c), X.var(correction=c), X.std(correction=c)
        #expect(F.close(try x.variance(axis: 1, correction: 0).scalars, [1.285, 1.296875, 1.535]))
        #expect(F.close(try x.variance(axis: 1).scalars, [1.713333, 1.729167, 2.046667]))
        #expect(F.close(try x.std(axis: 0, correction: 0).scalars, [0.7760298, 0.8653837, 1.122497, 1.717233]))
        #expect(F.close(try x.std(axis: -2).scalars, [0.9504385, 1.059874, 1.374773, 2.103172]))
        #expect(F.close(x.variance(correction: 0).scalars, [1.500764]))
        #expect(F.close(x.variance().scalars, [1.637197]))
        #expect(F.close(x.std(correction: 0).scalars, [1.225057]))
        #expect(F.close(x.std().scalars, [1.27953]))
        #expect(x.std().shape == [])
        #expect(try x.variance(axis: 0, keepDims: true).shape == [1, 4])
        #expect(try x.std(axis: 1, correction: 0, keepDims: true).shape == [3, 1])
    }

    @Test func varianceIsShiftInvariantAndAccurate() throws {
        // Two passes: a large common offset does not swamp the spread.
        let x = Tensor([10_000.5, 10_001.5, 10_002.5, 10_003.5])
        #expect(F.close(x.variance().scalars, [5.0 / 3.0], tol: 1e-6))
    }

    @Test func degenerateCorrections() throws {
        // torch: tensor([1, 2]).var(correction=2) = inf, var(correction=-1) = 0.1667,
        // tensor([1.]).var() = nan
        let x = Tensor([1, 2])
        #expect(x.variance(correction: 2).scalars == [.infinity])
        #expect(x.variance(correction: 3).scalars == [.infinity])
        #expect(F.close(x.variance(correction: -1).scalars, [0.1666667]))
        #expect(Tensor([1]).variance().scalars[0].isNaN)
        #expect(throws: TensorError.self) { try x.variance(axis: 1) }
        #expect(throws: TensorError.self) { try x.std(axis: -2) }
    }

    @Test func stdGradientMatchesTorchAndIsZeroAtZeroSpread() throws {
        let x = F.x(requiresGrad: true)
        try x.std(axis: 1).backward(F.g0)
        // torch: grad of X.std(1) with upstream G[:, 0]
        #expect(F.close(try #require(x.grad).scalars,
                        [0.007639751, -0.122236, 0.122236, -0.007639747, -0.18378, 0.1711055, 0.3738973,
                         -0.3612228, -0.04892992, 0.1630997, 0.1957197, -0.3098895], tol: 1e-4))
        // torch: tensor([2., 2, 2]).std() backward -> [0, 0, 0]
        let c = Tensor([2, 2, 2], requiresGrad: true)
        try c.std().backward()
        #expect(c.grad?.scalars == [0, 0, 0])
    }

    @Test func normsMatchTorch() throws {
        let x = F.x()
        // torch: torch.linalg.vector_norm(X, ord=p) and (..., dim=1)
        let cases: [(Float, Float, [Float])] = [
            (1, 12.9, [4, 4.5, 4.4]),
            (2, 4.421538, [2.404163, 2.754996, 2.485961]),
            (3, 3.251353, [2.145782, 2.431021, 2.163303]),
            (0.5, 136.1777, [14.17137, 14.90633, 16.35524]),
            (.infinity, 2.2, [2, 2.2, 2]),
            (-.infinity, 0.1, [0.3, 0.1, 0.4]),
            (0, 12, [4, 4, 4]),
        ]
        for (p, whole, rows) in cases {
            #expect(F.close(x.norm(p: p).scalars, [whole]), "p = \(p)")
            #expect(F.close(try x.norm(p: p, axis: 1).scalars, rows), "p = \(p)")
        }
        #expect(try x.norm(axis: -1, keepDims: true).shape == [3, 1])
        #expect(x.norm().shape == [])
    }

    @Test func normGradientsMatchTorch() throws {
        let x = F.x(requiresGrad: true)
        try x.norm(p: 3, axis: 1).backward(F.g0)
        // torch: grad of vector_norm(X, ord=3, dim=1) with upstream G[:, 0]
        #expect(F.close(try #require(x.grad).scalars,
                        [0.01628883, -0.09382366, 0.2606213, 0.005863979, -0.3807195, -0.001692087, 0.08291224,
                         -0.81897, -0.02393224, 0.1211569, 0.1809875, -0.5983058], tol: 1e-4))
        let y = F.x(requiresGrad: true)
        try y.norm(p: 0.5).backward()
        // torch: grad of vector_norm(X, ord=0.5)
        #expect(F.close(try #require(y.grad).scalars,
                        [16.50319, -10.65277, 8.251597, 21.30553, 9.528124, 36.90227, -13.94775, 7.867589,
                         -18.45113, 12.30076, 11.12645, -8.251597], tol: 1e-4))
    }

    @Test func normSubgradientsAtKinks() throws {
        // torch: zeros(3).norm() / .norm(p=3) / .norm(p=1) backward -> zeros
        for p: Float in [1, 2, 3] {
            let z = Tensor.zeros([3], requiresGrad: true)
            try z.norm(p: p).backward()
            #expect(z.grad?.scalars == [0, 0, 0], "p = \(p)")
        }
        // torch: X = [[1, -3, 3, 2], [5, 5, 0, 5]]; vector_norm(X, inf, dim=1).sum() backward
        // -> [[0, -0.5, 0.5, 0], [1/3, 1/3, 0, 1/3]]
        let x = try Tensor(shape: [2, 4], scalars: [1, -3, 3, 2, 5, 5, 0, 5], requiresGrad: true)
        try x.norm(p: .infinity, axis: 1).sum().backward()
        #expect(F.close(try #require(x.grad).scalars, [0, -0.5, 0.5, 0, 1.0 / 3, 1.0 / 3, 0, 1.0 / 3]))
        let w = Tensor([0.5, -2, 1], requiresGrad: true)
        try w.norm(p: 0).backward()
        #expect(w.grad?.scalars == [0, 0, 0])
    }

    @Test func emptyNorms() throws {
        // torch: vector_norm of an empty tensor is 0 for p = 0, 1, 2 and raises for ±inf
        // and negative p.
        let empty = Tensor.zeros([2, 0])
        #expect(empty.norm().scalars == [0])
        #expect(try empty.norm(p: 1, axis: 1).scalars == [0, 0])
        #expect(empty.norm(p: .infinity).scalars[0].isNaN)
        #expect(throws: TensorError.self) { try empty.norm(p: .infinity, axis: 1) }
        #expect(throws: TensorError.self) { try empty.norm(p: -1, axis: 1) }
        #expect(throws: TensorError.self) { try F.x().norm(axis: 2) }
    }
}
