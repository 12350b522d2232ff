// Why OpenBLAS is opened with dlopen instead of being linked:
//
// Debian's OpenBLAS 0.3.21 is a DYNAMIC_ARCH build that picks its CPU kernels in a
// library constructor, and it misdetects AVX-512 machines (e.g. Zen 4) as Haswell,
// which halves sgemm throughput. The choice can be overridden only through the
// environment variable OPENBLAS_CORETYPE, read once when the library loads, i.e.
// before main() of any program that links it. Loading it ourselves at first use lets
// us set that variable first (when the user has not), for the CLI, the tests and any
// program that embeds SwiftGNN alike. We also default OPENBLAS_NUM_THREADS to 1 so
// its idle worker threads never spin against our own parallel kernels.
#include "swiftgnn_blas.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CblasRowMajor = 101, CblasNoTrans = 111, CblasTrans = 112 };

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int,
                         const float *, int, float, float *, int);
typedef void (*set_threads_fn)(int);
typedef char *(*corename_fn)(void);

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static sgemm_fn cblas_sgemm_ptr;
static set_threads_fn set_threads_ptr;
static corename_fn corename_ptr;
static char load_error[512];

static int cpu_supports_skylakex_kernels(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
#else
    return 0;
#endif
}

static void load_library(void) {
    if (getenv("OPENBLAS_CORETYPE") == NULL && cpu_supports_skylakex_kernels()) {
        setenv("OPENBLAS_CORETYPE", "SkylakeX", 0);
    }
    if (getenv("OPENBLAS_NUM_THREADS") == NULL) {
        setenv("OPENBLAS_NUM_THREADS", "1", 0);
    }
    const char *override = getenv("SWIFTGNN_BLAS_LIBRARY");
    const char *candidates[] = {override, "libopenblas.so.0", "libopenblas.so",
                                "libopenblas.dylib", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib"};
    void *handle = NULL;
    for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]) && handle == NULL; i++) {
        if (candidates[i] != NULL) handle = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        snprintf(load_error, sizeof(load_error),
                 "OpenBLAS not found (tried $SWIFTGNN_BLAS_LIBRARY, libopenblas.so.0, "
                 "libopenblas.so): install libopenblas-dev (Debian/Ubuntu) or openblas (Homebrew)");
        return;
    }
    cblas_sgemm_ptr = (sgemm_fn)dlsym(handle, "cblas_sgemm");
    set_threads_ptr = (set_threads_fn)dlsym(handle, "openblas_set_num_threads");
    corename_ptr = (corename_fn)dlsym(handle, "openblas_get_corename");
    if (cblas_sgemm_ptr == NULL) {
        snprintf(load_error, sizeof(load_error), "the loaded BLAS library has no cblas_sgemm");
    }
}

int swiftgnn_blas_load(void) {
    pthread_once(&load_once, load_library);
    return cblas_sgemm_ptr != NULL;
}

const char *swiftgnn_blas_error(void) { return load_error; }

const char *swiftgnn_blas_corename(void) {
    if (!swiftgnn_blas_load() || corename_ptr == NULL) return "none";
    return corename_ptr();
}

void swiftgnn_blas_set_threads(int n) {
    if (swiftgnn_blas_load() && set_threads_ptr != NULL) set_threads_ptr(n);
}

void swiftgnn_sgemm(int transA, int transB, int M, int N, int K, float alpha,
                    const float *A, int lda, const float *B, int ldb,
                    float beta, float *C, int ldc) {
    cblas_sgemm_ptr(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                    transB ? CblasTrans : CblasNoTrans, M, N, K, alpha, A, lda, B, ldb,
                    beta, C, ldc);
}
