import TensorCore

/// Shared inputs and comparisons for the Reduction*Tests suites.
enum ReductionFixture {
    /// The `X` of scripts/reductions_reference.py, shape [3, 4].
    static func x(requiresGrad: Bool = false) -> Tensor {
        try! Tensor(shape: [3, 4], scalars: [0.5, -1.2, 2.0, 0.3, 1.5, 0.1, -0.7, 2.2, -0.4, 0.9, 1.1, -2.0],
                    requiresGrad: requiresGrad)
    }

    /// The upstream gradient `G` of the script, shape [3, 4].
    static var g: Tensor { try! Tensor(shape: [3, 4], scalars: [0.3, -0.5, 1.0, 0.2, -1.0, 0.4, 0.6, -0.2, 0.7, 0.1, -0.3, 0.9]) }

    /// The script's first column of `G`, `G[:, 0]`, shape [3].
    static var g0: Tensor { Tensor([0.3, -1.0, 0.7]) }

    /// `Y = arange(24).reshape(2, 3, 4) * 0.25 - 2` of the script.
    static func y() -> Tensor {
        try! Tensor(shape: [2, 3, 4], scalars: (0..<24).map { Float($0) * 0.25 - 2 })
    }

    /// Elementwise |a − b| ≤ tol · max(1, |b|), NaN matching NaN, same length.
    static func close(_ a: [Float], _ b: [Float], tol: Float = 1e-5) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            (x.isNaN && y.isNaN) || x == y || abs(x - y) <= tol * Swift.max(1, abs(y))
        }
    }
}
