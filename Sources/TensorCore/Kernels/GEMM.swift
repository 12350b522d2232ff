import COpenBLAS

/// Dense matrix products: OpenBLAS when it loads, else a portable blocked kernel.
public enum BLAS {
    /// True when OpenBLAS was found and loaded (on first call).
    public static var isAvailable: Bool { swiftgnn_blas_load() != 0 }

    /// The CPU kernel set OpenBLAS chose ("SkylakeX", "Haswell", ...), or "none".
    public static var coreName: String { String(cString: swiftgnn_blas_corename()) }

    /// Why OpenBLAS could not be loaded ("" when it was).
    public static var loadError: String {
        _ = isAvailable
        return String(cString: swiftgnn_blas_error())
    }

    /// OpenBLAS worker threads. SwiftGNN keeps this at 1 by default (its own kernels own
    /// the cores); raise it for large stand-alone GEMMs.
    public static func setThreads(_ n: Int) { swiftgnn_blas_set_threads(Int32(n)) }
}

extension Kernels {
    /// Row-major `C = alpha * op(A) * op(B) + beta * C`; op(A) is M x K, op(B) is K x N.
    /// `lda`, `ldb`, `ldc` are row strides of the stored matrices.
    public static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0 && n > 0 else { return }
        if k == 0 {
            scale(c, rows: m, cols: n, ld: ldc, by: beta)
            return
        }
        if BLAS.isAvailable {
            swiftgnn_sgemm(transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                           a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        } else {
            portableGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                         a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    static func scale(_ c: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int, by beta: Float) {
        for i in 0..<rows {
            for j in 0..<cols { c[i * ld + j] = beta == 0 ? 0 : beta * c[i * ld + j] }
        }
    }

    /// Fallback GEMM when no BLAS is installed: row-parallel, i-k-j order so the inner
    /// loop streams rows of B and C. Correct for every transpose; not tuned.
    static func portableGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        Parallel.forEach(count: m, grain: max(1, 65536 / max(n * k, 1))) { rows in
            for i in rows {
                let crow = c + i * ldc
                for j in 0..<n { crow[j] = beta == 0 ? 0 : beta * crow[j] }
                for p in 0..<k {
                    let aip = alpha * (transA ? a[p * lda + i] : a[i * lda + p])
                    if aip == 0 { continue }
                    if transB {
                        for j in 0..<n { crow[j] += aip * b[j * ldb + p] }
                    } else {
                        let brow = b + p * ldb
                        for j in 0..<n { crow[j] += aip * brow[j] }
                    }
                }
            }
        }
    }
}
