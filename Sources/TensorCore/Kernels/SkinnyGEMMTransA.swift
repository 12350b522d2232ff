extension Kernels {
    /// Rows of op(B) packed per block by the wide `transA` kernels: 64 rows of up to four
    /// 16-lane panels is 16 KB, which stays in L1 while every tile of output rows reads it.
    static let transAWideBlock = 64

    /// `C = alpha * Aᵀ * op(B) + beta * C` for 17 <= n <= 64 output columns, A stored K x M
    /// (row stride `lda`), op(B) K x N, C M x N: the weight gradient `Xᵀ · dY` of a layer
    /// of 17…64 outputs, with K the rows of the batch (tens of thousands of nodes).
    ///
    /// Output row i is `Σ_p A[p, i] * op(B)[p, :]`, summed in the chunks of k that
    /// `blasSumChunks` gives: within a chunk one chain of fused multiply-adds from zero,
    /// the chunks added to C in order, so with `alpha == 1` the result is OpenBLAS's to the
    /// bit on the machines it was measured on. Within a chunk, blocks of
    /// `transAWideBlock` rows of op(B) are packed (times alpha) into 2 or 4 panels of 16
    /// lanes (or read in place when op(B) is a dense, aligned `[K, 32]` or `[K, 64]` with
    /// alpha 1, as a layer's output gradient is), and every tile of eight or four output
    /// rows runs over the block with its 16 accumulators in registers, parked in a
    /// per-thread buffer between blocks (a store and a load: the chain is unchanged). So A and B are each read once per chunk,
    /// whatever k is, and no copy of B larger than a block is made.
    ///
    /// Output rows are split across `Parallel.threadCount` threads; each output row is
    /// computed by one thread in the same order, so the result does not depend on timing.
    static func skinnyGemmTransAWide(transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                     beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        precondition(n > 16 && n <= 64, "skinnyGemmTransAWide: n = \(n) is outside 17...64")
        let panels = n <= 32 ? 2 : 4
        let chunks = blasSumChunks(m: m, n: n, k: k)
        // Rows of B that already are whole 64-byte-aligned panels are read in place.
        let inPlace = !transB && alpha == 1 && n == 16 * panels && ldb == n && Int(bitPattern: b) % 64 == 0
        // About 256k multiply-adds of one vector per chunk of rows before a second thread
        // pays off (measured: [512x64]ᵀx[512x64], 131k, ran 42 µs on one thread, 89 on two).
        let grain = max(4, (1 << 18) / (k * panels))
        Parallel.forEach(count: m, grain: grain) { rows in
            let acc = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: rows.count * panels)
            let packed = inPlace
                ? nil : UnsafeMutableRawPointer.allocate(byteCount: transAWideBlock * panels * 64, alignment: 64)
            defer { acc.deallocate(); packed?.deallocate() }
            for (index, chunk) in chunks.enumerated() {
                acc.initialize(repeating: .zero, count: rows.count * panels)
                var start = chunk.lowerBound
                while start < chunk.upperBound {
                    let block = start..<Swift.min(start + transAWideBlock, chunk.upperBound)
                    let tiles = { (bp: UnsafePointer<SIMD16<Float>>) in
                        if panels == 2 {
                            skinnyTilesTN32(rows, block: block, a: a, lda: lda, b: bp, acc: acc)
                        } else {
                            skinnyTilesTN64(rows, block: block, a: a, lda: lda, b: bp, acc: acc)
                        }
                    }
                    if let packed {
                        fillPackedB(packed.bindMemory(to: Float.self, capacity: block.count * panels * 16),
                                    width: 16 * panels, rows: block, transB: transB, n: n, alpha: alpha, b: b, ldb: ldb)
                        tiles(UnsafePointer(packed.bindMemory(to: SIMD16<Float>.self, capacity: block.count * panels)))
                    } else {
                        (b + block.lowerBound * ldb).withMemoryRebound(to: SIMD16<Float>.self,
                                                                      capacity: block.count * panels, tiles)
                    }
                    start = block.upperBound
                }
                // The first chunk applies beta; later ones add to what is there (beta 1 is exact).
                let chunkBeta: Float = index == 0 ? beta : 1
                for i in rows {
                    let t = acc + (i - rows.lowerBound) * panels
                    if panels == 2 {
                        storePanels(t[0], t[1], row: i, n: n, beta: chunkBeta, c: c, ldc: ldc)
                    } else {
                        storePanels(t[0], t[1], t[2], t[3], row: i, n: n, beta: chunkBeta, c: c, ldc: ldc)
                    }
                }
            }
        }
    }

    /// How OpenBLAS's SGEMM splits the sum over k (version 0.3.21 with its SkylakeX
    /// kernels, one thread, as `BLAS` loads it on this project's machines): one chain when
    /// `m * n * k <= 100³` (its small-matrix kernels), else chunks of 448, the last two
    /// evened out to a multiple of 16 when fewer than 896 remain; each chunk is a chain of
    /// fused multiply-adds from zero, added to C in order. Found by comparing its results
    /// bit for bit with sums in candidate chunkings in a small C program (m x n from
    /// 17 x 64 to 4096 x 64, k from 16 to 31 744; its Haswell kernels chunk by 320
    /// instead). `Aᵀ·B` follows this exactly; so does `A·B` above 100³, while its
    /// small-matrix kernel (at or below 100³) sums some outputs in another order, which
    /// a single chain matches only for most of them. `GEMMTests` checks the exact cases
    /// whenever the SkylakeX core is loaded. Under other cores or versions the kernels
    /// stay deterministic and agree with OpenBLAS to rounding only.
    static func blasSumChunks(m: Int, n: Int, k: Int) -> [Range<Int>] {
        if Double(m) * Double(n) * Double(k) <= 1e6 { return [0..<k] }
        let q = 448, unroll = 16
        var chunks: [Range<Int>] = []
        var start = 0
        while start < k {
            var count = k - start
            if count >= 2 * q {
                count = q
            } else if count > q {
                count = (count / 2 + unroll - 1) / unroll * unroll
            }
            chunks.append(start..<start + count)
            start += count
        }
        return chunks
    }

    /// Tiles of eight output rows of `Aᵀ · Bpacked` over the rows `block` of A, 17 <= n <= 32
    /// (B packed as two 16-lane panels per row, from the block's first row): each tile's
    /// 16 accumulators are loaded from `acc` (two per output row, rows from
    /// `rows.lowerBound`), updated with one fused multiply-add per row of the block, and
    /// stored back; leftover rows go one at a time.
    @inline(never)
    static func skinnyTilesTN32(_ rows: Range<Int>, block: Range<Int>, a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<SIMD16<Float>>, acc: UnsafeMutablePointer<SIMD16<Float>>) {
        let lo = rows.lowerBound, end = rows.upperBound, count = block.count
        var i = lo
        while i + 8 <= end {
            let t = acc + 2 * (i - lo)
            var c00 = t[0], c01 = t[1], c10 = t[2], c11 = t[3], c20 = t[4], c21 = t[5], c30 = t[6], c31 = t[7]
            var c40 = t[8], c41 = t[9], c50 = t[10], c51 = t[11], c60 = t[12], c61 = t[13], c70 = t[14], c71 = t[15]
            var ap = a + block.lowerBound * lda + i
            for q in 0..<count {
                let b0 = b[2 * q], b1 = b[2 * q + 1]
                let x0 = SIMD16<Float>(repeating: ap[0]), x1 = SIMD16<Float>(repeating: ap[1])
                c00.addProduct(x0, b0); c01.addProduct(x0, b1); c10.addProduct(x1, b0); c11.addProduct(x1, b1)
                let x2 = SIMD16<Float>(repeating: ap[2]), x3 = SIMD16<Float>(repeating: ap[3])
                c20.addProduct(x2, b0); c21.addProduct(x2, b1); c30.addProduct(x3, b0); c31.addProduct(x3, b1)
                let x4 = SIMD16<Float>(repeating: ap[4]), x5 = SIMD16<Float>(repeating: ap[5])
                c40.addProduct(x4, b0); c41.addProduct(x4, b1); c50.addProduct(x5, b0); c51.addProduct(x5, b1)
                let x6 = SIMD16<Float>(repeating: ap[6]), x7 = SIMD16<Float>(repeating: ap[7])
                c60.addProduct(x6, b0); c61.addProduct(x6, b1); c70.addProduct(x7, b0); c71.addProduct(x7, b1)
                ap += lda
            }
            t[0] = c00; t[1] = c01; t[2] = c10; t[3] = c11; t[4] = c20; t[5] = c21; t[6] = c30; t[7] = c31
            t[8] = c40; t[9] = c41; t[10] = c50; t[11] = c51; t[12] = c60; t[13] = c61; t[14] = c70; t[15] = c71
            i += 8
        }
        while i < end {
            let t = acc + 2 * (i - lo)
            var c00 = t[0], c01 = t[1]
            var ap = a + block.lowerBound * lda + i
            for q in 0..<count {
                let x0 = SIMD16<Float>(repeating: ap[0])
                c00.addProduct(x0, b[2 * q]); c01.addProduct(x0, b[2 * q + 1])
                ap += lda
            }
            t[0] = c00; t[1] = c01
            i += 1
        }
    }

    /// `skinnyTilesTN32` for 33 <= n <= 64: four panels, tiles of four rows (16
    /// accumulators). Written out separately for the same reason as `skinnyRowsNN64`: the
    /// accumulators must be separate local variables for the compiler to keep them in
    /// registers.
    @inline(never)
    static func skinnyTilesTN64(_ rows: Range<Int>, block: Range<Int>, a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<SIMD16<Float>>, acc: UnsafeMutablePointer<SIMD16<Float>>) {
        let lo = rows.lowerBound, end = rows.upperBound, count = block.count
        var i = lo
        while i + 4 <= end {
            let t = acc + 4 * (i - lo)
            var c00 = t[0], c01 = t[1], c02 = t[2], c03 = t[3]
            var c10 = t[4], c11 = t[5], c12 = t[6], c13 = t[7]
            var c20 = t[8], c21 = t[9], c22 = t[10], c23 = t[11]
            var c30 = t[12], c31 = t[13], c32 = t[14], c33 = t[15]
            var ap = a + block.lowerBound * lda + i
            for q in 0..<count {
                let bp = b + 4 * q
                let b0 = bp[0], b1 = bp[1], b2 = bp[2], b3 = bp[3]
                let x0 = SIMD16<Float>(repeating: ap[0])
                c00.addProduct(x0, b0); c01.addProduct(x0, b1); c02.addProduct(x0, b2); c03.addProduct(x0, b3)
                let x1 = SIMD16<Float>(repeating: ap[1])
                c10.addProduct(x1, b0); c11.addProduct(x1, b1); c12.addProduct(x1, b2); c13.addProduct(x1, b3)
                let x2 = SIMD16<Float>(repeating: ap[2])
                c20.addProduct(x2, b0); c21.addProduct(x2, b1); c22.addProduct(x2, b2); c23.addProduct(x2, b3)
                let x3 = SIMD16<Float>(repeating: ap[3])
                c30.addProduct(x3, b0); c31.addProduct(x3, b1); c32.addProduct(x3, b2); c33.addProduct(x3, b3)
                ap += lda
            }
            t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03
            t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13
            t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23
            t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33
            i += 4
        }
        while i < end {
            let t = acc + 4 * (i - lo)
            var c00 = t[0], c01 = t[1], c02 = t[2], c03 = t[3]
            var ap = a + block.lowerBound * lda + i
            for q in 0..<count {
                let bp = b + 4 * q
                let x0 = SIMD16<Float>(repeating: ap[0])
                c00.addProduct(x0, bp[0]); c01.addProduct(x0, bp[1]); c02.addProduct(x0, bp[2]); c03.addProduct(x0, bp[3])
                ap += lda
            }
            t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03
            i += 1
        }
    }
}
