import TensorCore

extension FusedKernels {
    /// `y = x · Wᵀ + b` for `x` `[rows, inFeatures]`, `W` `[outFeatures, inFeatures]`,
    /// `b` `[outFeatures]` (optional), into `y` `[rows, outFeatures]`.
    ///
    /// One GEMM with a transposed B operand: with a bias, each row of `y` is first set to
    /// `b` and the GEMM accumulates into it (`beta = 1`), so the bias costs no extra pass
    /// over the output after the product.
    public static func linearForward(x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                                     y: UnsafeMutablePointer<Float>, rows: Int, inFeatures: Int, outFeatures: Int) {
        guard rows > 0 && outFeatures > 0 else { return }
        if let bias {
            Parallel.forEach(count: rows, grain: max(1, Kernels.elementwiseGrain / outFeatures)) { r in
                for i in r { (y + i * outFeatures).update(from: bias, count: outFeatures) }
            }
        }
        Kernels.gemm(transB: true, m: rows, n: outFeatures, k: inFeatures, a: x, lda: inFeatures,
                     b: weight, ldb: inFeatures, beta: bias == nil ? 0 : 1, c: y, ldc: outFeatures)
    }

    /// `dX = dY · W` (`[rows, inFeatures]`).
    public static func linearInputGradient(dy: UnsafePointer<Float>, weight: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                                           rows: Int, inFeatures: Int, outFeatures: Int) {
        Kernels.gemm(m: rows, n: inFeatures, k: outFeatures, a: dy, lda: outFeatures,
                     b: weight, ldb: inFeatures, c: dx, ldc: inFeatures)
    }

    /// `dW = dYᵀ · X` (`[outFeatures, inFeatures]`), a GEMM with transposed A.
    public static func linearWeightGradient(dy: UnsafePointer<Float>, x: UnsafePointer<Float>, dw: UnsafeMutablePointer<Float>,
                                            rows: Int, inFeatures: Int, outFeatures: Int) {
        Kernels.gemm(transA: true, m: outFeatures, n: inFeatures, k: rows, a: dy, lda: outFeatures,
                     b: x, ldb: inFeatures, c: dw, ldc: inFeatures)
    }
}
