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

#endif
