import Foundation
import TensorCore

/// Fused normalisation kernels: LayerNorm over the last `cols` values of each row, and
/// BatchNorm over the batch (and length) axes of `[N, C, L]` data, per channel.
extension FusedKernels {
    // MARK: LayerNorm

    /// LayerNorm forward over `rows` rows of `cols` values:
    /// `y = (x − μ) · rstd · w + b` with `μ`, `σ²` the mean and biased variance of the
    /// row and `rstd = 1/√(σ² + eps)`. Writes `mean[rows]` and `rstd[rows]` for backward.
    /// `weight`/`bias` (`cols` values) may be nil (1 and 0).
    ///
    /// Parallel over rows; each row is read three times (sum, squared deviations, output).
    public static func layerNormForward(x: UnsafePointer<Float>, weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?,
                                        y: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>,
                                        rstd: UnsafeMutablePointer<Float>, rows: Int, cols: Int, eps: Float) {
        guard rows > 0 else { return }
        let n = Float(cols)
        Parallel.forEach(count: rows, grain: max(1, Kernels.elementwiseGrain / max(cols, 1))) { r in
            for i in r {
                let row = x + i * cols, out = y + i * cols
                let mu = rowSum(row, cols) / n
                let rs = 1 / (rowSquaredDeviations(row, cols, mean: mu) / n + eps).squareRoot()
                mean[i] = mu
                rstd[i] = rs
                switch (weight, bias) {
                case let (w?, b?): for j in 0..<cols { out[j] = (row[j] - mu) * rs * w[j] + b[j] }
                case let (w?, nil): for j in 0..<cols { out[j] = (row[j] - mu) * rs * w[j] }
                case let (nil, b?): for j in 0..<cols { out[j] = (row[j] - mu) * rs + b[j] }
                case (nil, nil): for j in 0..<cols { out[j] = (row[j] - mu) * rs }
                }
            }
        }
    }

    /// LayerNorm backward. With `x̂ = (x − μ)·rstd` and `ĝ = dy · w`:
    /// `dx = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ · x̂))` per row (parallel over rows);
    /// `dw = Σ_rows dy · x̂`, `db = Σ_rows dy` (parallel over column blocks, rows in order).
    /// Any of `dx`, `dw`, `db` may be nil to skip it.
    public static func layerNormBackward(dy: UnsafePointer<Float>, x: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
                                         mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                         dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>?,
                                         db: UnsafeMutablePointer<Float>?, rows: Int, cols: Int) {
        if let dx, rows > 0 {
            let n = Float(cols)
            Parallel.forEach(count: rows, grain: max(1, Kernels.elementwiseGrain / max(cols, 1))) { r in
                for i in r {
                    let g = dy + i * cols, row = x + i * cols, out = dx + i * cols
                    let mu = mean[i], rs = rstd[i]
                    // Σ ĝ and Σ ĝ·x̂ in 8-wide accumulators (scalar chains are latency-bound).
                    let (sumG, sumGX) = layerNormRowSums(g, row, weight, cols, mean: mu, rstd: rs)
                    let a = sumG / n, b = sumGX / n
                    if let w = weight {
                        for j in 0..<cols { out[j] = rs * (g[j] * w[j] - a - (row[j] - mu) * rs * b) }
                    } else {
                        for j in 0..<cols { out[j] = rs * (g[j] - a - (row[j] - mu) * rs * b) }
                    }
                }
            }
        }
        guard dw != nil || db != nil, cols > 0 else { return }
        Parallel.forEach(count: cols, grain: max(1, Kernels.elementwiseGrain / max(rows, 1))) { r in
            let lo = r.lowerBound, len = r.count
            if let dw { (dw + lo).initialize(repeating: 0, count: len) }
            if let db { (db + lo).initialize(repeating: 0, count: len) }
            for i in 0..<rows {
                let g = dy + i * cols + lo, row = x + i * cols + lo
                let mu = mean[i], rs = rstd[i]
                if let dw {
                    let w = dw + lo
                    for j in 0..<len { w[j] = w[j] + g[j] * ((row[j] - mu) * rs) }
                }
                if let db {
                    let b = db + lo
                    for j in 0..<len { b[j] = b[j] + g[j] }
                }
            }
        }
    }

    /// `(Σ_j ĝ_j, Σ_j ĝ_j · x̂_j)` of one row, `ĝ = dy · w` (w = 1 when nil) and
    /// `x̂ = (x − μ) · rstd`: 8 lanes, then the scalar tail.
    @inline(__always)
    static func layerNormRowSums(_ g: UnsafePointer<Float>, _ row: UnsafePointer<Float>, _ weight: UnsafePointer<Float>?,
                                 _ cols: Int, mean mu: Float, rstd rs: Float) -> (Float, Float) {
        var accG = SIMD8<Float>(), accGX = SIMD8<Float>()
        let m = SIMD8<Float>(repeating: mu), r = SIMD8<Float>(repeating: rs)
        var j = 0
        while j + 8 <= cols {
            var gh = UnsafeRawPointer(g + j).loadUnaligned(as: SIMD8<Float>.self)
            if let w = weight { gh = gh * UnsafeRawPointer(w + j).loadUnaligned(as: SIMD8<Float>.self) }
            let xh = (UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self) - m) * r
            accG = accG + gh
            accGX = accGX + gh * xh
            j += 8
        }
        var sumG = accG.sum(), sumGX = accGX.sum()
        while j < cols {
            let gh = weight.map { g[j] * $0[j] } ?? g[j]
            sumG += gh
            sumGX += gh * (row[j] - mu) * rs
            j += 1
        }
        return (sumG, sumGX)
    }

    // MARK: BatchNorm

    /// Per-channel mean and biased variance of `x` laid out `[batch, channels, length]`
    /// (length 1 for `[N, C]` input), over `batch · length` values each. Two passes
    /// (mean, then squared deviations); parallel over channel blocks, batch in order.
    public static func batchNormStatistics(x: UnsafePointer<Float>, mean: UnsafeMutablePointer<Float>,
                                           variance: UnsafeMutablePointer<Float>, batch: Int, channels: Int, length: Int) {
        guard channels > 0 else { return }
        let count = Float(batch * length)
        let cl = channels * length
        Parallel.forEach(count: channels, grain: max(1, Kernels.elementwiseGrain / max(batch * length, 1))) { r in
            let lo = r.lowerBound, hi = r.upperBound
            for c in lo..<hi { mean[c] = 0; variance[c] = 0 }
            for b in 0..<batch {
                let base = x + b * cl
                if length == 1 {
                    for c in lo..<hi { mean[c] += base[c] }
                } else {
                    for c in lo..<hi { mean[c] += rowSum(base + c * length, length) }
                }
            }
            for c in lo..<hi { mean[c] /= count }
            for b in 0..<batch {
                let base = x + b * cl
                if length == 1 {
                    for c in lo..<hi { let d = base[c] - mean[c]; variance[c] += d * d }
                } else {
                    for c in lo..<hi { variance[c] += rowSquaredDeviations(base + c * length, length, mean: mean[c]) }
                }
            }
            for c in lo..<hi { variance[c] /= count }
        }
    }

    /// `y = (x − mean_c) · rstd_c · w_c + b_c` over `[batch, channels, length]`, computed as
    /// PyTorch's CPU kernel does: `y = x · α_c + β_c` with `α_c = rstd_c·w_c` and
    /// `β_c = b_c − mean_c·α_c` (`channelAffine`). `weight`/`bias` may be nil (1 and 0).
    public static func batchNormApply(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>,
                                      mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                      weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?,
                                      batch: Int, channels: Int, length: Int) {
        guard batch > 0, channels > 0, length > 0 else { return }
        let alpha = UnsafeMutablePointer<Float>.allocate(capacity: channels)
        let beta = UnsafeMutablePointer<Float>.allocate(capacity: channels)
        defer { alpha.deallocate(); beta.deallocate() }
        for c in 0..<channels {
            alpha[c] = rstd[c] * (weight?[c] ?? 1)
            beta[c] = (bias?[c] ?? 0) - mean[c] * alpha[c]
        }
        channelAffine(x: x, scale: alpha, shift: beta, z: nil, zScale: nil, out: y,
                      batch: batch, channels: channels, length: length)
    }

    /// `out[b, c, l] = x[b, c, l] · s_c + t_c`, plus `z[b, c, l] · r_c` when `z` and `r`
    /// are given, over `[batch, channels, length]`: the one loop behind BatchNorm's output
    /// and input gradient. `[N, C]` data (length 1) runs along the rows with the channels
    /// innermost and contiguous (no index arithmetic per value, SIMD over channels); longer
    /// lengths run along each (batch, channel) row. Parallel over rows.
    static func channelAffine(x: UnsafePointer<Float>, scale s: UnsafePointer<Float>, shift t: UnsafePointer<Float>,
                              z: UnsafePointer<Float>?, zScale r: UnsafePointer<Float>?,
                              out: UnsafeMutablePointer<Float>, batch: Int, channels: Int, length: Int) {
        if length == 1 {
            Parallel.forEach(count: batch, grain: max(1, Kernels.elementwiseGrain / channels)) { rows in
                for i in rows {
                    let src = x + i * channels, dst = out + i * channels
                    if let z, let r {
                        let other = z + i * channels
                        for c in 0..<channels { dst[c] = src[c] * s[c] + other[c] * r[c] + t[c] }
                    } else {
                        for c in 0..<channels { dst[c] = src[c] * s[c] + t[c] }
                    }
                }
            }
            return
        }
        Parallel.forEach(count: batch * channels, grain: max(1, Kernels.elementwiseGrain / length)) { rows in
            for row in rows {
                let c = row % channels
                let sc = s[c], tc = t[c]
                let src = x + row * length, dst = out + row * length
                if let z, let r {
                    let other = z + row * length, rc = r[c]
                    for l in 0..<length { dst[l] = src[l] * sc + other[l] * rc + tc }
                } else {
                    for l in 0..<length { dst[l] = src[l] * sc + tc }
                }
            }
        }
    }

    /// BatchNorm backward over `[batch, channels, length]`, with `x̂ = (x − mean_c)·rstd_c`,
    /// `n = batch · length`, and per channel `Σdy`, `Σdy·x̂` (parallel over channel
    /// blocks, batch in order):
    /// - training (batch statistics): `dx = w_c·rstd_c·(dy − Σdy/n − x̂·Σdy·x̂/n)`;
    /// - evaluation (running statistics, constants): `dx = w_c·rstd_c·dy`;
    /// - `dw_c = Σdy·x̂`, `db_c = Σdy`.
    /// Any of `dx`, `dw`, `db` may be nil to skip it.
    public static func batchNormBackward(dy: UnsafePointer<Float>, x: UnsafePointer<Float>,
                                         mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
                                         dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>?,
                                         db: UnsafeMutablePointer<Float>?, batch: Int, channels: Int, length: Int,
                                         training: Bool) {
        guard channels > 0 else { return }
        let cl = channels * length
        let sumDy = UnsafeMutablePointer<Float>.allocate(capacity: channels)
        let sumDyX = UnsafeMutablePointer<Float>.allocate(capacity: channels)
        defer { sumDy.deallocate(); sumDyX.deallocate() }
        let needSums = training && dx != nil || dw != nil || db != nil
        if needSums {
            Parallel.forEach(count: channels, grain: max(1, Kernels.elementwiseGrain / max(batch * length, 1))) { r in
                let lo = r.lowerBound, hi = r.upperBound
                for c in lo..<hi { sumDy[c] = 0; sumDyX[c] = 0 }
                if length == 1 {  // [N, C]: rows in order, channels contiguous; Σdy·(x − mean) · rstd
                    for b in 0..<batch {
                        let g = dy + b * channels, src = x + b * channels
                        for c in lo..<hi {
                            sumDy[c] = sumDy[c] + g[c]
                            sumDyX[c] = sumDyX[c] + g[c] * (src[c] - mean[c])
                        }
                    }
                    for c in lo..<hi { sumDyX[c] *= rstd[c] }
                    return
                }
                for b in 0..<batch {
                    for c in lo..<hi {
                        let g = dy + b * cl + c * length, src = x + b * cl + c * length
                        let mu = mean[c], rs = rstd[c]
                        var s: Float = 0, sx: Float = 0
                        for l in 0..<length {
                            s += g[l]
                            sx += g[l] * ((src[l] - mu) * rs)
                        }
                        sumDy[c] += s
                        sumDyX[c] += sx
                    }
                }
            }
            if let dw { dw.update(from: sumDyX, count: channels) }
            if let db { db.update(from: sumDy, count: channels) }
        }
        guard let dx else { return }
        guard batch > 0, length > 0 else { return }
        // dx = dy · k1_c + x · k2_c + k3_c: training k1 = w·rstd, k2 = −k1·rstd·Σdy·x̂/n,
        // k3 = −k1·Σdy/n − k2·mean; evaluation k1 = w·rstd, k2 = k3 = 0.
        let n = Float(batch * length)
        let k = UnsafeMutablePointer<Float>.allocate(capacity: 3 * channels)
        defer { k.deallocate() }
        let k1 = k, k2 = k + channels, k3 = k + 2 * channels
        for c in 0..<channels {
            k1[c] = rstd[c] * (weight?[c] ?? 1)
            k2[c] = training ? -k1[c] * rstd[c] * sumDyX[c] / n : 0
            k3[c] = training ? -k1[c] * sumDy[c] / n - k2[c] * mean[c] : 0
        }
        channelAffine(x: x, scale: k2, shift: k3, z: dy, zScale: k1, out: dx,
                      batch: batch, channels: channels, length: length)
    }
}
