extension Kernels {
    /// Side of the square tiles of the blocked transpose: 32 floats are two cache lines,
    /// so a tile's 32 source and 32 destination lines stay in L1.
    static let transposeTile = 32

    /// Copies the elements of a strided view into another strided view:
    /// `dst[Σ iₐ·dstStrides[a]] = src[Σ iₐ·srcStrides[a]]` for every multi-index `i` of `shape`.
    ///
    /// The layout kernel behind permute, expand, slice, concat and stack. Strides are in
    /// elements and may be 0 (broadcast). The destination strides must not map two indices
    /// to the same element (each destination element is written once, by one chunk).
    ///
    /// Axes of size 1 are dropped and adjacent axes that are contiguous in both views are
    /// merged first, so common cases reduce to few, long runs:
    /// - last axis contiguous on both sides: `memcpy` of each run (long runs are split
    ///   across threads);
    /// - last axis broadcast (source stride 0): each run is a fill;
    /// - an inner source axis contiguous but not the last (a transpose): 32×32 tiles,
    ///   so reads and writes both stay in cache;
    /// - otherwise (stepped slices): one strided loop per run.
    ///
    /// - Complexity: O(count) element moves, plus O(rank) index arithmetic per run.
    public static func stridedCopy(shape: [Int], from src: UnsafePointer<Float>, strides srcStrides: [Int],
                                   to dst: UnsafeMutablePointer<Float>, strides dstStrides: [Int]) {
        precondition(shape.count == srcStrides.count && shape.count == dstStrides.count,
                     "stridedCopy: shape \(shape), strides \(srcStrides) and \(dstStrides) differ in rank")
        let total = Shape.count(shape)
        guard total > 0 else { return }

        // Simplify: drop size-1 axes, merge neighbours contiguous in both views.
        var sizes: [Int] = [], ss: [Int] = [], ds: [Int] = []
        for a in 0..<shape.count where shape[a] != 1 {
            if let last = sizes.indices.last,
               ss[last] == shape[a] * srcStrides[a], ds[last] == shape[a] * dstStrides[a] {
                sizes[last] *= shape[a]
                ss[last] = srcStrides[a]
                ds[last] = dstStrides[a]
            } else {
                sizes.append(shape[a]); ss.append(srcStrides[a]); ds.append(dstStrides[a])
            }
        }
        guard let last = sizes.indices.last else {
            dst[0] = src[0]
            return
        }
        let inner = sizes[last], innerS = ss[last], innerD = ds[last]
        let rows = total / inner
        let outerSizes = Array(sizes[..<last]), outerS = Array(ss[..<last]), outerD = Array(ds[..<last])

        if innerD == 1 && (innerS == 1 || innerS == 0) {
            // Runs are copies or fills; split long runs so a few big rows still use every thread.
            let pieces = rows >= Parallel.threadCount ? 1
                : max(1, min(Parallel.threadCount, inner / elementwiseGrain))
            let pieceLength = (inner + pieces - 1) / pieces
            let units = rows * pieces
            Parallel.forEach(count: units, grain: max(1, elementwiseGrain / pieceLength)) { r in
                for unit in r {
                    let row = unit / pieces
                    let lo = (unit - row * pieces) * pieceLength
                    let n = min(pieceLength, inner - lo)
                    guard n > 0 else { continue }
                    let (so, d) = offsets(row, sizes: outerSizes, srcStrides: outerS, dstStrides: outerD)
                    if innerS == 1 {
                        (dst + d + lo).update(from: src + so + lo, count: n)
                    } else {
                        (dst + d + lo).update(repeating: src[so], count: n)
                    }
                }
            }
            return
        }

        if innerD == 1, innerS != 0, let k = ss[..<last].firstIndex(of: 1) {
            // Transpose: axis k reads contiguously, the last axis writes contiguously.
            let rowsK = sizes[k], dk = ds[k]
            var bSizes = outerSizes, bS = outerS, bD = outerD
            bSizes.remove(at: k); bS.remove(at: k); bD.remove(at: k)
            let batchSizes = bSizes, batchS = bS, batchD = bD
            let tile = transposeTile
            let blocks = (rowsK + tile - 1) / tile
            let units = Shape.count(batchSizes) * blocks
            Parallel.forEach(count: units, grain: max(1, elementwiseGrain / (tile * inner))) { r in
                for unit in r {
                    let batch = unit / blocks
                    let i0 = (unit - batch * blocks) * tile
                    let i1 = min(i0 + tile, rowsK)
                    let (so, d) = offsets(batch, sizes: batchSizes, srcStrides: batchS, dstStrides: batchD)
                    var j0 = 0
                    while j0 < inner {
                        let j1 = min(j0 + tile, inner)
                        for i in i0..<i1 {
                            let s = src + so + i
                            let o = dst + d + i * dk
                            for j in j0..<j1 { o[j] = s[j * innerS] }
                        }
                        j0 = j1
                    }
                }
            }
            return
        }

        // Strided runs (stepped slices, scatters into a stepped slice).
        Parallel.forEach(count: rows, grain: max(1, elementwiseGrain / inner)) { r in
            for row in r {
                let (so, d) = offsets(row, sizes: outerSizes, srcStrides: outerS, dstStrides: outerD)
                let s = src + so, o = dst + d
                for j in 0..<inner { o[j * innerD] = s[j * innerS] }
            }
        }
    }

    /// Source and destination offsets of the `index`-th multi-index (row-major) of `sizes`.
    @inline(__always)
    private static func offsets(_ index: Int, sizes: [Int], srcStrides: [Int], dstStrides: [Int]) -> (Int, Int) {
        var rem = index, s = 0, d = 0
        var axis = sizes.count - 1
        while axis >= 0 {
            let n = sizes[axis]
            let q = rem / n
            let c = rem - q * n
            s += c * srcStrides[axis]
            d += c * dstStrides[axis]
            rem = q
            axis -= 1
        }
        return (s, d)
    }
}
