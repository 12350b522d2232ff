#ifndef SWIFTGNN_BLAS_H
#define SWIFTGNN_BLAS_H

/// Loads OpenBLAS on first use. Returns 1 when it is available, 0 otherwise
/// (then `swiftgnn_blas_error()` says why and callers use their own kernels).
int swiftgnn_blas_load(void);

/// Text of the last load failure, or "" when the load succeeded.
const char *swiftgnn_blas_error(void);

/// Name of the CPU kernel OpenBLAS picked ("SkylakeX", "Haswell", ...), or "none".
const char *swiftgnn_blas_corename(void);

/// Sets the number of OpenBLAS worker threads (no-op when not loaded).
void swiftgnn_blas_set_threads(int n);

/// Row-major single-precision GEMM: C = alpha * op(A) * op(B) + beta * C,
/// op(X) = X or X^T when the matching trans flag is non-zero.
/// A is M x K after op, B is K x N after op, C is M x N. Requires a successful load.
void swiftgnn_sgemm(int transA, int transB, int M, int N, int K, float alpha,
                    const float *A, int lda, const float *B, int ldb,
                    float beta, float *C, int ldc);

/// Width in bits of the vector registers the *calling Swift module* was compiled for:
/// 512 with AVX-512F, 256 with AVX2, else 128 (SSE2 baseline, NEON).
///
/// The function is `static inline`, so Swift's Clang importer compiles it inside each
/// importing module with that module's target options: `-Xswiftc -target-cpu native`
/// on an AVX-512 machine gives 512, a default `swift build` gives 128. TensorCore uses
/// it to send work to its hand-written SIMD kernels only when they were compiled wide.
static inline int swiftgnn_compiled_vector_bits(void) {
#if defined(__AVX512F__)
    return 512;
#elif defined(__AVX2__)
    return 256;
#else
    return 128;
#endif
}

#endif
