import Testing
@testable import TensorCore

/// The head-interleaved dot products (`Kernels.headDots`) and the kernels built on them
/// give exactly `Kernels.dot` per head: the multi-head SDDMM, `headDot`, and the
/// 8-channel `spmmHeads` pass against its one-head form.
@Suite struct HeadDotsKernelTests {
    /// Random rows `[rows, H·C]` with some exact zeros and negative zeros mixed in, so
    /// signed-zero sums are exercised too.
    static func rows(_ rows: Int, _ width: Int, seed: UInt64) -> [Float] {
        var rng = RandomGenerator(seed: seed)
        return Tensor.uniform([rows, width], low: -2, high: 2, using: &rng).scalars.enumerated().map { i, v in
            i % 11 == 3 ? 0 : (i % 13 == 5 ? -0.0 : v)
        }
    }

    @Test(arguments: [2, 3, 8, 9, 17])
    func headDotsEqualOneDotPerHead(heads: Int) throws {
        for c in 1..<16 {
            let x = Self.rows(3, heads * c, seed: UInt64(heads * 100 + c))
            let y = Self.rows(3, heads * c, seed: UInt64(heads * 100 + c + 50))
            let xt = x.withUnsafeBufferPointer { Kernels.interleavedHeadRows($0.baseAddress!, rows: 3, heads: heads, channels: c) }
            let yt = y.withUnsafeBufferPointer { Kernels.interleavedHeadRows($0.baseAddress!, rows: 3, heads: heads, channels: c) }
            defer { xt.deallocate(); yt.deallocate() }
            let width = c * Kernels.paddedHeads(heads)
            var got = [Float](repeating: .nan, count: heads)
            for r in 0..<3 {
                got.withUnsafeMutableBufferPointer {
                    Kernels.headDots(xt + r * width, yt + r * width, heads: heads, channels: c, out: $0.baseAddress!)
                }
                for h in 0..<heads {
                    let want = x.withUnsafeBufferPointer { xp in
                        y.withUnsafeBufferPointer { yp in
                            Kernels.dot(xp.baseAddress! + r * heads * c + h * c, yp.baseAddress! + r * heads * c + h * c, c)
                        }
                    }
                    #expect(got[h].bitPattern == want.bitPattern, "H \(heads) C \(c) row \(r) head \(h)")
                }
            }
        }
    }

    static func graph() throws -> CSRMatrix {
        let rows: [Int32] = [0, 0, 1, 2, 2, 2, 2, 4, 5, 5, 6, 6, 6]
        let cols: [Int32] = [1, 3, 0, 5, 2, 2, 4, 0, 1, 3, 5, 4, 0]
        return try CSRMatrix.fromCOO(rows: 7, cols: 6, row: Int32Tensor(rows), col: Int32Tensor(cols)).matrix
    }

    @Test(arguments: [(heads: 8, c: 8), (heads: 11, c: 8), (heads: 3, c: 5), (heads: 2, c: 12), (heads: 3, c: 21)])
    func sddmmHeadsEqualsOneDotPerEntryAndHead(heads: Int, c: Int) throws {
        let a = try Self.graph()
        let x = Self.rows(7, heads * c, seed: 1), y = Self.rows(6, heads * c, seed: 2)
        var out = [Float](repeating: .nan, count: a.nnz * heads)
        let rowOf = a.rowIndices
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                out.withUnsafeMutableBufferPointer {
                    Kernels.sddmmHeads(a, x: xp.baseAddress!, y: yp.baseAddress!, heads: heads, channels: c, out: $0.baseAddress!)
                }
                for k in 0..<a.nnz {
                    for h in 0..<heads {
                        let xr = xp.baseAddress! + Int(rowOf[k]) * heads * c + h * c
                        let yr = yp.baseAddress! + Int(a.colIdx[k]) * heads * c + h * c
                        #expect(out[k * heads + h].bitPattern == Kernels.dot(xr, yr, c).bitPattern)
                    }
                }
            }
        }
    }

    @Test(arguments: [(heads: 8, c: 8), (heads: 5, c: 3), (heads: 1, c: 7)])
    func headDotEqualsOneDotPerHead(heads: Int, c: Int) throws {
        let x = try Tensor(shape: [9, heads * c], scalars: Self.rows(9, heads * c, seed: 3))
        let a = try Tensor(shape: [heads, c], scalars: Self.rows(1, heads * c, seed: 4))
        let out = try x.headDot(a).scalars
        for i in 0..<9 {
            for h in 0..<heads {
                let want = Kernels.dot(x.data + i * heads * c + h * c, a.data + h * c, c)
                #expect(out[i * heads + h].bitPattern == want.bitPattern)
            }
        }
    }
}
