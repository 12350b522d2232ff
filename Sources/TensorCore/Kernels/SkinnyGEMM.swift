extension Kernels {
    /// Widest `n` (output columns) the skinny kernels handle: up to four `SIMD16<Float>`
    /// per output row, with or without `transA`.
    public static let skinnyGemmMaxColumns = 64

    /// Row-major `C = alpha * op(A) * op(B) + beta * C` for few output columns
    /// (`1 <= n <= 64`): op(A) is M x K, op(B) is K x N, C is
    /// M x N; `lda`, `ldb`, `ldc` are the row strides of the stored matrices, as in
    /// `Kernels.gemm`.
    ///
    /// The products of a GNN layer with a narrow weight: the forward `[nodes, features] x
    /// [features, 16…64]`, the input gradient `[nodes, 16…64] x [16…64, features]ᵀ` and
    /// the weight gradient `[nodes, features]ᵀ x [nodes, 16…64]`.
    /// `alpha * op(B)` is packed once into K rows of 8 lanes (n <= 8, A not transposed),
    /// 16 lanes, or 2 or 4 panels of 16 lanes (n <= 32, n <= 64), zero-padded; then
    /// output row i is `Σ_p op(A)[i, p] * Bpacked[p]`:
    /// - A not transposed: four rows of A at a time in registers, so each packed row
    ///   loaded feeds four products (4 × panels accumulators; the wide kernels use fused
    ///   multiply-adds, in OpenBLAS's chunks of k, `blasSumChunks`);
    /// - `transA` (A stored K x M), n <= 16: four rows of the stored A at a time, read
    ///   contiguously, added into one accumulator vector per output row;
    /// - `transA`, 17 <= n <= 64: `skinnyGemmTransAWide`, in OpenBLAS's chunks of k.
    /// Each output row is written once at the end (`beta == 0` never reads C).
    ///
    /// Output rows are split across `Parallel.threadCount` threads, each written by one
    /// chunk, so the result does not depend on timing. `Kernels.gemm` calls this for the
    /// shapes where it measured faster than OpenBLAS (see `prefersSkinnyGemm`).
    public static func skinnyGemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                                  alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                                  b: UnsafePointer<Float>, ldb: Int,
                                  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        precondition(n >= 1 && n <= skinnyGemmMaxColumns, "skinnyGemm: n = \(n) is outside 1...\(skinnyGemmMaxColumns)")
        guard m > 0 else { return }
        if k == 0 {
            scale(c, rows: m, cols: n, ld: ldc, by: beta)
            return
        }
        if transA && n > 16 {
            skinnyGemmTransAWide(transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                                 b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        // About 64k multiply-adds of one vector per chunk before a second thread pays off.
        let grain = max(4, (1 << 16) / k)
        if n <= 8 && !transA {
            let packed = packSkinnyB(width: 8, transB: transB, n: n, k: k, alpha: alpha, b: b, ldb: ldb)
            defer { packed.deallocate() }
            let bp = UnsafePointer(packed.bindMemory(to: SIMD8<Float>.self, capacity: k))
            Parallel.forEach(count: m, grain: 2 * grain) { rows in
                skinnyRowsNN8(rows, n: n, k: k, a: a, lda: lda, b: bp, beta: beta, c: c, ldc: ldc)
            }
            return
        }
        if n > 16 {
            let panels = n <= 32 ? 2 : 4
            let packed = packSkinnyB(width: 16 * panels, transB: transB, n: n, k: k, alpha: alpha, b: b, ldb: ldb)
            defer { packed.deallocate() }
            let bp = UnsafePointer(packed.bindMemory(to: SIMD16<Float>.self, capacity: k * panels))
            let chunks = blasSumChunks(m: m, n: n, k: k)
            Parallel.forEach(count: m, grain: max(4, grain / panels)) { rows in
                if panels == 2 {
                    skinnyRowsNN32(rows, n: n, chunks: chunks, a: a, lda: lda, b: bp, beta: beta, c: c, ldc: ldc)
                } else {
                    skinnyRowsNN64(rows, n: n, chunks: chunks, a: a, lda: lda, b: bp, beta: beta, c: c, ldc: ldc)
                }
            }
            return
        }
        let packed = packSkinnyB(width: 16, transB: transB, n: n, k: k, alpha: alpha, b: b, ldb: ldb)
        defer { packed.deallocate() }
        let bp = UnsafePointer(packed.bindMemory(to: SIMD16<Float>.self, capacity: k))
        if transA {
            Parallel.forEach(count: m, grain: grain) { rows in
                skinnyRowsTN16(rows, n: n, k: k, a: a, lda: lda, b: bp, beta: beta, c: c, ldc: ldc)
            }
        } else {
            Parallel.forEach(count: m, grain: grain) { rows in
                skinnyRowsNN16(rows, n: n, k: k, a: a, lda: lda, b: bp, beta: beta, c: c, ldc: ldc)
            }
        }
    }

    /// `alpha * op(B)` as K rows of `width` floats (n of them, the rest zero), in memory
    /// aligned for `width`-lane vectors. The caller binds it to its vector type and
    /// deallocates it.
    static func packSkinnyB(width: Int, transB: Bool, n: Int, k: Int, alpha: Float,
                            b: UnsafePointer<Float>, ldb: Int) -> UnsafeMutableRawPointer {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: k * width * 4, alignment: width * 4)
        let f = raw.bindMemory(to: Float.self, capacity: k * width)
        fillPackedB(f, width: width, rows: 0..<k, transB: transB, n: n, alpha: alpha, b: b, ldb: ldb)
        return raw
    }

    /// Writes rows `rows` of `alpha * op(B)` (op(B) K x N) to `f` as `rows.count` rows of
    /// `width` floats, n of them and the rest zero.
    static func fillPackedB(_ f: UnsafeMutablePointer<Float>, width: Int, rows: Range<Int>, transB: Bool,
                            n: Int, alpha: Float, b: UnsafePointer<Float>, ldb: Int) {
        let count = rows.count, first = rows.lowerBound
        if n < width { f.update(repeating: 0, count: count * width) }
        if transB {
            for j in 0..<n {
                let column = b + j * ldb + first
                for p in 0..<count { f[p * width + j] = alpha * column[p] }
            }
        } else {
            for p in 0..<count {
                let row = b + (first + p) * ldb, dst = f + p * width
                for j in 0..<n { dst[j] = alpha * row[j] }
            }
        }
    }

    /// Output rows `rows` of `A · Bpacked`, A not transposed, 16 lanes.
    ///
    /// The row kernels are `@inline(never)`: inlined into `skinnyGemm`'s single-thread
    /// path, Swift 6.3 split their `SIMD16` accumulators into 128-bit pieces spilled to the
    /// stack (the [31744x32]x[32x32] product ran at 20 GFLOP/s there, 108 on its own).
    @inline(never)
    static func skinnyRowsNN16(_ rows: Range<Int>, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                               b: UnsafePointer<SIMD16<Float>>, beta: Float,
                               c: UnsafeMutablePointer<Float>, ldc: Int) {
        let end = rows.upperBound
        var i = rows.lowerBound
        while i + 4 <= end {
            let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
            var c0 = SIMD16<Float>(repeating: 0), c1 = c0, c2 = c0, c3 = c0
            for p in 0..<k {
                let bv = b[p]
                c0 = c0 + SIMD16<Float>(repeating: a0[p]) * bv
                c1 = c1 + SIMD16<Float>(repeating: a1[p]) * bv
                c2 = c2 + SIMD16<Float>(repeating: a2[p]) * bv
                c3 = c3 + SIMD16<Float>(repeating: a3[p]) * bv
            }
            storeRow16(c0, row: i, end: end, n: n, beta: beta, c: c, ldc: ldc)
            storeRow16(c1, row: i + 1, end: end, n: n, beta: beta, c: c, ldc: ldc)
            storeRow16(c2, row: i + 2, end: end, n: n, beta: beta, c: c, ldc: ldc)
            storeRow16(c3, row: i + 3, end: end, n: n, beta: beta, c: c, ldc: ldc)
            i += 4
        }
        while i < end {
            let a0 = a + i * lda
            var c0 = SIMD16<Float>(repeating: 0)
            for p in 0..<k { c0 = c0 + SIMD16<Float>(repeating: a0[p]) * b[p] }
            storeRow16(c0, row: i, end: end, n: n, beta: beta, c: c, ldc: ldc)
            i += 1
        }
    }

    /// Output rows `rows` of `A · Bpacked`, A not transposed, 17 <= n <= 32: B packed as K
    /// rows of two 16-lane panels; four rows of A at a time (8 accumulators). The sum over
    /// k runs in `chunks` (`blasSumChunks`), each a chain of fused multiply-adds from zero
    /// added to C in order, as OpenBLAS sums it.
    @inline(never)
    static func skinnyRowsNN32(_ rows: Range<Int>, n: Int, chunks: [Range<Int>], a: UnsafePointer<Float>, lda: Int,
                               b: UnsafePointer<SIMD16<Float>>, beta: Float,
                               c: UnsafeMutablePointer<Float>, ldc: Int) {
        let end = rows.upperBound
        var i = rows.lowerBound
        while i + 4 <= end {
            let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
            for (index, chunk) in chunks.enumerated() {
                var c00 = SIMD16<Float>(repeating: 0), c01 = c00, c10 = c00, c11 = c00
                var c20 = c00, c21 = c00, c30 = c00, c31 = c00
                for p in chunk {
                    let b0 = b[2 * p], b1 = b[2 * p + 1]
                    let x0 = SIMD16<Float>(repeating: a0[p]), x1 = SIMD16<Float>(repeating: a1[p])
                    let x2 = SIMD16<Float>(repeating: a2[p]), x3 = SIMD16<Float>(repeating: a3[p])
                    c00.addProduct(x0, b0); c01.addProduct(x0, b1)
                    c10.addProduct(x1, b0); c11.addProduct(x1, b1)
                    c20.addProduct(x2, b0); c21.addProduct(x2, b1)
                    c30.addProduct(x3, b0); c31.addProduct(x3, b1)
                }
                let chunkBeta: Float = index == 0 ? beta : 1
                storePanels(c00, c01, row: i, n: n, beta: chunkBeta, c: c, ldc: ldc)
                storePanels(c10, c11, row: i + 1, n: n, beta: chunkBeta, c: c, ldc: ldc)
                storePanels(c20, c21, row: i + 2, n: n, beta: chunkBeta, c: c, ldc: ldc)
                storePanels(c30, c31, row: i + 3, n: n, beta: chunkBeta, c: c, ldc: ldc)
            }
            i += 4
        }
        while i < end {
            let a0 = a + i * lda
            for (index, chunk) in chunks.enumerated() {
                var c00 = SIMD16<Float>(repeating: 0), c01 = c00
                for p in chunk {
                    let x0 = SIMD16<Float>(repeating: a0[p])
                    c00.addProduct(x0, b[2 * p]); c01.addProduct(x0, b[2 * p + 1])
                }
                storePanels(c00, c01, row: i, n: n, beta: index == 0 ? beta : 1, c: c, ldc: ldc)
            }
            i += 1
        }
    }

    /// Output rows `rows` of `A · Bpacked`, A not transposed, 33 <= n <= 64: B packed as K
    /// rows of four 16-lane panels; four rows of A at a time (16 accumulators), k in
    /// `chunks` as in `skinnyRowsNN32`. Written out beside `skinnyRowsNN32` rather than
    /// shared with it: the accumulators must be separate local variables for the compiler
    /// to keep them in registers.
    @inline(never)
    static func skinnyRowsNN64(_ rows: Range<Int>, n: Int, chunks: [Range<Int>], a: UnsafePointer<Float>, lda: Int,
                               b: UnsafePointer<SIMD16<Float>>, beta: Float,
                               c: UnsafeMutablePointer<Float>, ldc: Int) {
        let end = rows.upperBound
        var i = rows.lowerBound
        while i + 4 <= end {
            let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
            for (index, chunk) in chunks.enumerated() {
                var c00 = SIMD16<Float>(repeating: 0), c01 = c00, c02 = c00, c03 = c00
                var c10 = c00, c11 = c00, c12 = c00, c13 = c00
                var c20 = c00, c21 = c00, c22 = c00, c23 = c00
                var c30 = c00, c31 = c00, c32 = c00, c33 = c00
                for p in chunk {
                    let bp = b + 4 * p
                    let b0 = bp[0], b1 = bp[1], b2 = bp[2], b3 = bp[3]
                    let x0 = SIMD16<Float>(repeating: a0[p])
                    c00.addProduct(x0, b0); c01.addProduct(x0, b1); c02.addProduct(x0, b2); c03.addProduct(x0, b3)
                    let x1 = SIMD16<Float>(repeating: a1[p])
                    c10.addProduct(x1, b0); c11.addProduct(x1, b1); c12.addProduct(x1, b2); c13.addProduct(x1, b3)
                    let x2 = SIMD16<Float>(repeating: a2[p])
                    c20.addProduct(x2, b0); c21.addProduct(x2, b1); c22.addProduct(x2, b2); c23.addProduct(x2, b3)
                    let x3 = SIMD16<Float>(repeating: a3[p])
                    c30.addProduct(x3, b0); c31.addProduct(x3, b1); c32.addProduct(x3, b2); c33.addProduct(x3, b3)
                }
                let chunkBeta: Float = index == 0 ? beta : 1
                storePanels(c00, c01, c02, c03, row: i, n: n, beta: chunkBeta, c: c, ldc: ldc)
                storePanels(c10, c11, c12, c13, row: i + 1, n: n, beta: chunkBeta, c: c, ldc: ldc)
                storePanels(c20, c21, c22, c23, row: i + 2, n: n, beta: chunkBeta, c: c, ldc: ldc)
                storePanels(c30, c31, c32, c33, row: i + 3, n: n, beta: chunkBeta, c: c, ldc: ldc)
            }
            i += 4
        }
        while i < end {
            let a0 = a + i * lda
            for (index, chunk) in chunks.enumerated() {
                var c00 = SIMD16<Float>(repeating: 0), c01 = c00, c02 = c00, c03 = c00
                for p in chunk {
                    let bp = b + 4 * p
                    let x0 = SIMD16<Float>(repeating: a0[p])
                    c00.addProduct(x0, bp[0]); c01.addProduct(x0, bp[1]); c02.addProduct(x0, bp[2]); c03.addProduct(x0, bp[3])
                }
                storePanels(c00, c01, c02, c03, row: i, n: n, beta: index == 0 ? beta : 1, c: c, ldc: ldc)
            }
            i += 1
        }
    }

    /// Writes one output row from its 16-lane panels: `C[row, 0..<n] = panels + beta * C`
    /// (C read only when beta != 0); lanes at or past `n` are dropped.
    @inline(__always)
    static func storePanels(_ p0: SIMD16<Float>, _ p1: SIMD16<Float>, _ p2: SIMD16<Float> = .zero,
                            _ p3: SIMD16<Float> = .zero, row: Int, n: Int, beta: Float,
                            c: UnsafeMutablePointer<Float>, ldc: Int) {
        let crow = c + row * ldc
        storePanel(p0, at: crow, width: Swift.min(16, n), beta: beta)
        storePanel(p1, at: crow + 16, width: Swift.min(16, n - 16), beta: beta)
        if n > 32 {
            storePanel(p2, at: crow + 32, width: Swift.min(16, n - 32), beta: beta)
            if n > 48 { storePanel(p3, at: crow + 48, width: n - 48, beta: beta) }
        }
    }

    /// `out[0..<width] = panel[0..<width] + beta * out` (out read only when beta != 0).
    @inline(__always)
    static func storePanel(_ panel: SIMD16<Float>, at out: UnsafeMutablePointer<Float>, width: Int, beta: Float) {
        if beta == 0 && width == 16 {
            UnsafeMutableRawPointer(out).storeBytes(of: panel, as: SIMD16<Float>.self)
        } else if beta == 0 {
            for l in 0..<width { out[l] = panel[l] }
        } else {
            for l in 0..<width { out[l] = panel[l] + beta * out[l] }
        }
    }

    /// Output rows `rows` of `A · Bpacked`, A not transposed, 8 lanes (n <= 8).
    @inline(never)
    static func skinnyRowsNN8(_ rows: Range<Int>, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                              b: UnsafePointer<SIMD8<Float>>, beta: Float,
                              c: UnsafeMutablePointer<Float>, ldc: Int) {
        let end = rows.upperBound
        var i = rows.lowerBound
        while i + 4 <= end {
            let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
            var c0 = SIMD8<Float>(repeating: 0), c1 = c0, c2 = c0, c3 = c0
            for p in 0..<k {
                let bv = b[p]
                c0 = c0 + SIMD8<Float>(repeating: a0[p]) * bv
                c1 = c1 + SIMD8<Float>(repeating: a1[p]) * bv
                c2 = c2 + SIMD8<Float>(repeating: a2[p]) * bv
                c3 = c3 + SIMD8<Float>(repeating: a3[p]) * bv
            }
            storeRow8(c0, row: i, end: end, n: n, beta: beta, c: c, ldc: ldc)
            storeRow8(c1, row: i + 1, end: end, n: n, beta: beta, c: c, ldc: ldc)
            storeRow8(c2, row: i + 2, end: end, n: n, beta: beta, c: c, ldc: ldc)
            storeRow8(c3, row: i + 3, end: end, n: n, beta: beta, c: c, ldc: ldc)
            i += 4
        }
        while i < end {
            let a0 = a + i * lda
            var c0 = SIMD8<Float>(repeating: 0)
            for p in 0..<k { c0 = c0 + SIMD8<Float>(repeating: a0[p]) * b[p] }
            storeRow8(c0, row: i, end: end, n: n, beta: beta, c: c, ldc: ldc)
            i += 1
        }
    }

    /// Output rows `rows` of `Aᵀ · Bpacked` (A stored K x M, so row i of C is column i of
    /// A). Walks A four rows at a time, contiguously over this chunk's columns, adding
    /// `A[p, i] * Bpacked[p]` for the four p into a per-chunk accumulator row per i: every
    /// load of A is sequential, and each accumulator is read and written once per four
    /// rows of A.
    @inline(never)
    static func skinnyRowsTN16(_ rows: Range<Int>, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                               b: UnsafePointer<SIMD16<Float>>, beta: Float,
                               c: UnsafeMutablePointer<Float>, ldc: Int) {
        let lo = rows.lowerBound, end = rows.upperBound, count = rows.count
        let acc = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: count)
        defer { acc.deallocate() }
        acc.initialize(repeating: SIMD16<Float>(repeating: 0), count: count)
        var p = 0
        while p + 4 <= k {
            let b0 = b[p], b1 = b[p + 1], b2 = b[p + 2], b3 = b[p + 3]
            let a0 = a + p * lda + lo, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
            for i in 0..<count {
                acc[i] = acc[i] + SIMD16<Float>(repeating: a0[i]) * b0 + SIMD16<Float>(repeating: a1[i]) * b1
                    + SIMD16<Float>(repeating: a2[i]) * b2 + SIMD16<Float>(repeating: a3[i]) * b3
            }
            p += 4
        }
        while p < k {
            let b0 = b[p]
            let a0 = a + p * lda + lo
            for i in 0..<count { acc[i] = acc[i] + SIMD16<Float>(repeating: a0[i]) * b0 }
            p += 1
        }
        for i in rows { storeRow16(acc[i - lo], row: i, end: end, n: n, beta: beta, c: c, ldc: ldc) }
    }

    /// Writes `C[row, 0..<n] = acc[0..<n] + beta * C[row, 0..<n]` (C read only when
    /// beta != 0). With dense rows (`ldc == n`), beta == 0, and all 16 lanes landing
    /// inside rows `row..<end` of this chunk, it writes the whole vector: the lanes past
    /// `n` spill into the next rows, which this chunk writes afterwards in order.
    @inline(__always)
    static func storeRow16(_ acc: SIMD16<Float>, row: Int, end: Int, n: Int, beta: Float,
                           c: UnsafeMutablePointer<Float>, ldc: Int) {
        let crow = c + row * ldc
        if beta == 0 && (n == 16 || (ldc == n && row * n + 16 <= end * n)) {
            UnsafeMutableRawPointer(crow).storeBytes(of: acc, as: SIMD16<Float>.self)
        } else if beta == 0 {
            for j in 0..<n { crow[j] = acc[j] }
        } else {
            for j in 0..<n { crow[j] = acc[j] + beta * crow[j] }
        }
    }

    /// `storeRow16` for 8 lanes.
    @inline(__always)
    static func storeRow8(_ acc: SIMD8<Float>, row: Int, end: Int, n: Int, beta: Float,
                          c: UnsafeMutablePointer<Float>, ldc: Int) {
        let crow = c + row * ldc
        if beta == 0 && (n == 8 || (ldc == n && row * n + 8 <= end * n)) {
            UnsafeMutableRawPointer(crow).storeBytes(of: acc, as: SIMD8<Float>.self)
        } else if beta == 0 {
            for j in 0..<n { crow[j] = acc[j] }
        } else {
            for j in 0..<n { crow[j] = acc[j] + beta * crow[j] }
        }
    }
}
