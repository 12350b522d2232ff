extension Bench {
    /// Which implementation a GEMM row times.
    public enum GEMMPath: String, Sendable {
        /// `Kernels.gemm`, which picks BLAS or a SwiftGNN kernel by shape.
        case dispatch = "Kernels.gemm"
        /// OpenBLAS `cblas_sgemm` directly.
        case blas = "OpenBLAS"
        /// `Kernels.skinnyGemm` (n <= 64; n <= 16 with transA).
        case skinny = "SIMD skinny"
    }

    /// Square single-precision GEMM through `Kernels.gemm`: OpenBLAS single-threaded per
    /// call, large products split into row blocks across SwiftGNN's threads.
    static var gemmSquare: BenchGroup {
        BenchGroup(name: "gemm", title: "GEMM, square (C = A x B) via Kernels.gemm: OpenBLAS on \(Parallel.threadCount) SwiftGNN threads") { options in
            BLAS.setThreads(1)
            return [128, 512, 1024, 2048].map { s in
                gemm(group: "gemm", name: "\(s)x\(s)x\(s)", m: s, n: s, k: s, options: options)
            }
        }
    }

    /// The products a GNN actually runs: few output columns (hidden sizes 16–64, 7 classes),
    /// many rows (nodes), with the transposed forms its backward pass uses. Narrow
    /// shapes are timed through both OpenBLAS (1 thread) and the SIMD kernel (SwiftGNN
    /// threads) so the dispatch in `Kernels.gemm` can be checked.
    static var gemmSkinny: BenchGroup {
        BenchGroup(name: "gemm-skinny", title: "GEMM, GNN shapes [M x K] x [K x N]") { options in
            BLAS.setThreads(1)
            let g = "gemm-skinny"
            let threads = "\(Parallel.threadCount) thr"
            var rows: [BenchResult] = []
            // (name, transA, transB, m, k, n): forward products, then the backward ones.
            let shapes = [("Cora X·W1 [2708x1433]x[1433x16]", false, false, 2708, 1433, 16),
                          ("Cora H·W2 [2708x16]x[16x7]", false, false, 2708, 16, 7),
                          ("arxiv H·W2 [169343x16]x[16x7]", false, false, 169_343, 16, 7),
                          ("matrix-vector [4096x4096]x[4096]", false, false, 4096, 4096, 1),
                          ("Cora Xᵀ·dY1 [2708x1433]ᵀx[2708x16]", true, false, 1433, 2708, 16),
                          ("Cora Hᵀ·dY2 [2708x16]ᵀx[2708x7]", true, false, 16, 2708, 7),
                          ("Cora dY2·W2ᵀ [2708x7]x[16x7]ᵀ", false, true, 2708, 7, 16),
                          ("arxiv Hᵀ·dY [169343x128]ᵀx[169343x16]", true, false, 128, 169_343, 16),
                          ("tree H·Wᵀ [31744x32]x[32x32]ᵀ", false, true, 31_744, 32, 32),
                          ("tree dY·W [31744x32]x[32x32]", false, false, 31_744, 32, 32),
                          ("ENZYMES H·Wᵀ [4096x64]x[64x64]ᵀ", false, true, 4096, 64, 64),
                          ("ENZYMES dY·W [4096x64]x[64x64]", false, false, 4096, 64, 64),
                          ("ENZYMES X·Wᵀ [4096x3]x[64x3]ᵀ", false, true, 4096, 3, 64),
                          ("Cora X·W1 [2708x1433]x[1433x64]", false, false, 2708, 1433, 64),
                          ("arxiv H·W [169343x128]x[128x64]", false, false, 169_343, 128, 64),
                          ("arxiv H·W [169343x256]x[256x40]", false, false, 169_343, 256, 40),
                          ("tree Hᵀ·dY [31744x32]ᵀx[31744x32]", true, false, 32, 31_744, 32),
                          ("ENZYMES Hᵀ·dY [4096x64]ᵀx[4096x64]", true, false, 64, 4096, 64),
                          ("ENZYMES Hᵀ·dY [512x64]ᵀx[512x64]", true, false, 64, 512, 64),
                          ("Cora Xᵀ·dY1 [2708x1433]ᵀx[2708x64]", true, false, 1433, 2708, 64),
                          ("arxiv Hᵀ·dY [169343x128]ᵀx[169343x40]", true, false, 128, 169_343, 40)]
            for (name, transA, transB, m, k, n) in shapes {
                rows.append(gemm(group: g, name: name + ", OpenBLAS 1 thr", path: .blas, transA: transA,
                                 transB: transB, m: m, n: n, k: k, options: options))
                rows.append(gemm(group: g, name: name + ", SIMD " + threads, path: .skinny, transA: transA,
                                 transB: transB, m: m, n: n, k: k, options: options))
            }
            rows.append(gemm(group: g, name: "Cora dY·W1ᵀ [2708x16]x[16x1433]", transB: true,
                             m: 2708, n: 1433, k: 16, options: options))
            rows.append(gemm(group: g, name: "arxiv X·W [169343x128]x[128x256]",
                             m: 169_343, n: 256, k: 128, options: options))
            return rows
        }
    }

    /// OpenBLAS with two worker threads on the large square products (then back to one).
    static var gemmThreads: BenchGroup {
        BenchGroup(name: "gemm-blas-threads", title: "GEMM, square, OpenBLAS 2 threads") { options in
            BLAS.setThreads(2)
            defer { BLAS.setThreads(1) }
            return [1024, 2048].map { s in
                gemm(group: "gemm-blas-threads", name: "\(s)x\(s)x\(s), 2 BLAS threads",
                     m: s, n: s, k: s, options: options)
            }
        }
    }

    /// Times `C = op(A) · op(B)` for op(A) M x K and op(B) K x N through `path`; reports
    /// GFLOP/s = 2MNK / t. The skinny path requires `n <= 64`.
    public static func gemm(group: String, name: String, path: GEMMPath = .dispatch,
                            transA: Bool = false, transB: Bool = false,
                            m: Int, n: Int, k: Int, options: BenchOptions) -> BenchResult {
        precondition(path != .skinny || n <= Kernels.skinnyGemmMaxColumns)
        var rng = RandomGenerator(seed: 42)
        let a = Tensor.uniform(transA ? [k, m] : [m, k], low: -1, high: 1, using: &rng)
        let b = Tensor.uniform(transB ? [n, k] : [k, n], low: -1, high: 1, using: &rng)
        let c = Tensor.zeros([m, n])
        let pa = UnsafePointer(a.data), pb = UnsafePointer(b.data), pc = c.data
        let lda = transA ? m : k, ldb = transB ? k : n
        return result(group: group, name: name, work: 2 * Double(m) * Double(n) * Double(k) * 1e-9,
                      unit: "GFLOP/s", options: options) {
            switch path {
            case .dispatch:
                Kernels.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: pa, lda: lda,
                             b: pb, ldb: ldb, c: pc, ldc: n)
            case .blas:
                if !BLAS.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, a: pa, lda: lda,
                               b: pb, ldb: ldb, c: pc, ldc: n) {
                    Kernels.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: pa, lda: lda,
                                 b: pb, ldb: ldb, c: pc, ldc: n)
                }
            case .skinny:
                Kernels.skinnyGemm(transA: transA, transB: transB, m: m, n: n, k: k, a: pa, lda: lda, b: pb, ldb: ldb, c: pc, ldc: n)
            }
        }
    }
}
