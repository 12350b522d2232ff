import COpenBLAS

/// The OpenBLAS library behind `Kernels.gemm`, loaded at first use.
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

    /// One line for a command-line tool to print on stderr when OpenBLAS could not be
    /// loaded: why (`loadError`, which names the fix) and what it costs; nil when loaded.
    public static var missingWarning: String? { missingWarning(loaded: isAvailable, error: loadError) }

    static func missingWarning(loaded: Bool, error: String) -> String? {
        guard !loaded else { return nil }
        return "warning: \(error.isEmpty ? "OpenBLAS is not loaded" : error). Dense matrix products run on "
            + "SwiftGNN's portable kernel instead, several times slower."
    }

    /// OpenBLAS worker threads. SwiftGNN keeps this at 1 by default (its own kernels own
    /// the cores); raise it for large stand-alone GEMMs.
    public static func setThreads(_ n: Int) { swiftgnn_blas_set_threads(Int32(n)) }

    /// OpenBLAS's `cblas_sgemm` itself, row-major, with no SwiftGNN dispatch (for
    /// benchmarks and comparisons; use `Kernels.gemm`). Returns false, doing nothing,
    /// when OpenBLAS is not loaded. Arguments as in `Kernels.gemm`; requires k >= 1.
    @discardableResult
    public static func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                             alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) -> Bool {
        guard isAvailable else { return false }
        swiftgnn_sgemm(transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                       a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        return true
    }
}

extension Kernels {
    /// Row-major `C = alpha * op(A) * op(B) + beta * C`; op(A) is M x K, op(B) is K x N.
    /// `lda`, `ldb`, `ldc` are row strides of the stored matrices. With `beta == 0`, C is
    /// only written (NaNs in it do not propagate), as in BLAS.
    ///
    /// Narrow outputs (n <= 64; n <= 16 with `transA`) run on `skinnyGemm` where it measured faster than
    /// OpenBLAS (`prefersSkinnyGemm`); everything else on OpenBLAS, or on a portable
    /// kernel when OpenBLAS is not installed.
    public static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0 && n > 0 else { return }
        if k == 0 {
            scale(c, rows: m, cols: n, ld: ldc, by: beta)
            return
        }
        if prefersSkinnyGemm(transA: transA, m: m, n: n, k: k) {
            skinnyGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                       b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        } else if BLAS.isAvailable {
            blasGemmSplit(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                          a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        } else {
            portableGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                         a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    /// Vector width (bits) this module's Swift code was compiled for: 128 in a default
    /// build, 256/512 with `-Xswiftc -target-cpu <cpu>` for an AVX2/AVX-512 CPU.
    /// Multiply-adds below which a GEMM runs as one single-threaded BLAS call.
    static let gemmParallelMinimumWork = 1 << 22

    /// OpenBLAS on our own threads: C is cut into blocks of whole rows (or of whole
    /// columns when it has few rows) and each chunk of `Parallel.forEach` makes one
    /// single-threaded BLAS call on its block.
    ///
    /// Why not OpenBLAS's own threads: after a threaded call its workers spin and take the
    /// cores our sparse and elementwise kernels need next (DESIGN.md). Splitting here runs
    /// both on one pool. Measured at 1024³: ~100 GFLOP/s on one thread, ~2x on two. Each
    /// element of C comes from exactly one call with the same k order, so results do not
    /// depend on the split.
    static func blasGemmSplit(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                              a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                              beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let threads = Parallel.threadCount
        let work = m * n * k
        let block = 64
        guard threads > 1, work >= gemmParallelMinimumWork, max(m, n) >= 2 * block else {
            _ = BLAS.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                           b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let splitRows = m >= n || m >= threads * block
        let extent = splitRows ? m : n
        let blocks = (extent + block - 1) / block
        Parallel.forEach(count: blocks, grain: 1) { range in
            let lo = range.lowerBound * block, hi = min(extent, range.upperBound * block)
            if splitRows {
                // Rows lo..<hi of op(A) and of C.
                let aBlock = transA ? a + lo : a + lo * lda
                _ = BLAS.sgemm(transA: transA, transB: transB, m: hi - lo, n: n, k: k, alpha: alpha,
                               a: aBlock, lda: lda, b: b, ldb: ldb, beta: beta, c: c + lo * ldc, ldc: ldc)
            } else {
                // Columns lo..<hi of op(B) and of C.
                let bBlock = transB ? b + lo * ldb : b + lo
                _ = BLAS.sgemm(transA: transA, transB: transB, m: m, n: hi - lo, k: k, alpha: alpha,
                               a: a, lda: lda, b: bBlock, ldb: ldb, beta: beta, c: c + lo, ldc: ldc)
            }
        }
    }

    public static let compiledVectorBits = Int(swiftgnn_compiled_vector_bits())

    /// Whether `gemm` runs this shape on `skinnyGemm` instead of OpenBLAS.
    ///
    /// Measured on this project's 2-core AMD EPYC machines (release build, `-target-cpu
    /// native`, 512-bit SIMD; OpenBLAS 0.3.21 SkylakeX kernels; both single-threaded;
    /// `swiftgnn bench ops --group gemm-skinny`, 2026-11-24): the SIMD kernel is faster
    /// for the shapes with n <= 64 output columns tried, A not transposed —
    /// `[2708x1433]x[1433x16]` 1.69 ms vs 3.00 ms, `[31744x32]x[32x32]ᵀ` (Alon & Yahav's
    /// tree model) 0.62 vs 0.88 ms, `[4096x64]x[64x64]` (GIN on ENZYMES) 0.29 vs 0.37 ms,
    /// `[2708x1433]x[1433x64]` 5.2–5.5 vs 6.1 ms (4.6 before it summed in OpenBLAS's
    /// chunks), `[169343x256]x[256x40]` 59 vs 61 ms — but for a tiny `[2708x16]x[16x7]`
    /// (17 vs 14 µs). With `transA` it handles n <= 16 and wins
    /// with many output rows (`[2708x1433]ᵀx[2708x16]` 1.26 vs 3.36 ms) but not with few
    /// (`[2708x16]ᵀx[2708x7]`: 25 µs vs 9 µs; parity at m = 128), hence `m >= 256` there.
    /// With `transA` and 17–64 columns (the weight gradient of a narrow layer, summed in
    /// OpenBLAS's own chunks of k, so with the same result) it wins at every size tried —
    /// `[31744x32]ᵀx[31744x32]` 0.61 vs 1.37 ms, `[4096x64]ᵀx[4096x64]` 308 vs 399 µs,
    /// `[512x64]ᵀx[512x64]` 38 vs 44 µs, `[2708x1433]ᵀx[2708x64]` 5.5 vs 7.4 ms,
    /// `[169343x128]ᵀx[169343x40]` 31 vs 33 ms (the machine's other jobs paused).
    /// It also uses all `Parallel.threadCount` cores where BLAS runs on one. Compiled for
    /// 128-bit SIMD only (a default build) it is 2-3x slower and loses to OpenBLAS, so it
    /// is used then only when OpenBLAS is missing. The packed copy of B (up to 256 bytes
    /// per row of op(B)) bounds k: at most 2048 for n > 16 with A not transposed (the
    /// widest measured was 1433; the `transA` kernel packs 64 rows at a time instead).
    public static func prefersSkinnyGemm(transA: Bool, m: Int, n: Int, k: Int) -> Bool {
        guard n <= skinnyGemmMaxColumns && k <= 1 << 20 else { return false }
        // Wide panels of B stay in L2 (at most 512 KB packed); larger k was not measured.
        if n > 16 && k > 2048 && !transA && BLAS.isAvailable { return false }
        if !BLAS.isAvailable { return true }          // beats the portable kernel at any width
        if compiledVectorBits < 256 { return false }  // 128-bit code loses to OpenBLAS
        return transA && n <= 16 ? m >= 256 : true
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
