extension Tensor {
    /// Per-head dot products, the attention logits of multi-head layers (GAT's
    /// `(x · a).sum(-1)` over `[N, H, C]`):
    ///
    ///     out[n, h] = Σ_c x[n, h·C + c] · a[h, c]
    ///
    /// One pass over `x` instead of a broadcast product `[N, H, C]` and a reduction.
    ///
    /// - Parameters: `self` `[N, H·C]`; `a` `[H, C]` or `[1, H, C]`.
    /// - Returns: `[N, H]`.
    ///
    /// Heads shorter than 16 channels are summed eight at a time (`Kernels.headDots`), with
    /// the same bits as one `Kernels.dot` per head.
    ///
    /// Backward: `dx[n, h·C + c] = g[n, h] · a[h, c]`; `da[h, c] = Σ_n g[n, h] · x[n, h·C + c]`
    /// (summed in increasing `n`, one head per thread: deterministic).
    public func headDot(_ a: Tensor) throws -> Tensor {
        let op = "headDot"
        let hc = a.shape.suffix(2)
        guard (a.rank == 2 || (a.rank == 3 && a.shape[0] == 1)), let heads = hc.first, let c = hc.last,
              rank == 2, shape[1] == heads * c, heads > 0, c > 0 else {
            throw TensorError(op, "shapes \(shape) and \(a.shape), expected [N, H·C] and [H, C] (or [1, H, C])")
        }
        let n = shape[0]
        let out = Tensor(uninitializedShape: [n, heads])
        let x = self, px = data, pa = a.data, po = out.data
        if Kernels.usesInterleavedHeadDots(heads: heads, channels: c) {
            // Short heads: `a` and each row of x head-interleaved, eight heads per SIMD op.
            let at = Kernels.interleavedHeadRows(pa, rows: 1, heads: heads, channels: c)
            defer { at.deallocate() }
            let width = c * Kernels.paddedHeads(heads)
            Parallel.forEach(count: n, grain: Swift.max(1, Kernels.elementwiseGrain / (heads * c))) { rows in
                let row = UnsafeMutablePointer<Float>.allocate(capacity: width)
                defer { row.deallocate() }
                for i in rows {
                    Kernels.interleaveHeads(px + i * heads * c, rows: 0..<1, heads: heads, channels: c, out: row)
                    Kernels.headDots(row, at, heads: heads, channels: c, out: po + i * heads)
                }
            }
        } else {
            Parallel.forEach(count: n, grain: Swift.max(1, Kernels.elementwiseGrain / (heads * c))) { rows in
                for i in rows {
                    for h in 0..<heads { po[i * heads + h] = Kernels.dot(px + i * heads * c + h * c, pa + h * c, c) }
                }
            }
        }
        return out.recorded(op, inputs: [x, a]) { g in
            let pg = g.data
            var gx: Tensor? = nil, ga: Tensor? = nil
            if x.requiresGrad {
                let dx = Tensor(uninitializedShape: x.shape)
                let pd = dx.data
                Parallel.forEach(count: n, grain: Swift.max(1, Kernels.elementwiseGrain / (heads * c))) { rows in
                    for i in rows {
                        for h in 0..<heads {
                            Kernels.scaleRow(pd + i * heads * c + h * c, pa + h * c, pg[i * heads + h], c)
                        }
                    }
                }
                gx = dx
            }
            if a.requiresGrad {
                let da = Tensor.zeros(a.shape)
                let pd = da.data
                Parallel.forEach(count: heads, grain: 1) { hs in
                    for h in hs {
                        for i in 0..<n {
                            let w = pg[i * heads + h], xr = px + i * heads * c + h * c, dr = pd + h * c
                            for k in 0..<c { dr[k] = dr[k] + w * xr[k] }
                        }
                    }
                }
                ga = da
            }
            return [gx, ga]
        }
    }
}
