import Foundation
import TensorCore

/// Fused loss kernels: log-softmax + NLL in one pass per row, and the elementwise forms
/// used by the regression and binary losses.
extension FusedKernels {
    /// Cross-entropy forward over `rows` rows of `classes` logits, parallel over rows.
    ///
    /// Per row i with target t (ignored when `t == ignoreIndex`): `lse = log Σ_c e^{x_c}`
    /// (max-shifted), `logp_c = x_c − lse`, and with ε the label smoothing and `w` the
    /// class weights (1 when nil):
    /// `loss_i = (1 − ε)·w_t·(−logp_t) + (ε/C)·Σ_c w_c·(−logp_c)`, `rowWeight_i = w_t`;
    /// both 0 for an ignored row. Writes `lse`, `loss`, `rowWeight` (`rows` values each).
    /// Targets must already be validated (in range or ignored).
    public static func crossEntropyForward(logits: UnsafePointer<Float>, target: UnsafePointer<Int32>,
                                           weight: UnsafePointer<Float>?, rows: Int, classes: Int,
                                           ignoreIndex: Int32, labelSmoothing: Float,
                                           lse: UnsafeMutablePointer<Float>, loss: UnsafeMutablePointer<Float>,
                                           rowWeight: UnsafeMutablePointer<Float>) {
        let eps = labelSmoothing, smoothScale = labelSmoothing / Float(classes)
        Parallel.forEach(count: rows, grain: max(1, Kernels.elementwiseGrain / max(classes, 1) / 4)) { r in
            for i in r {
                let row = logits + i * classes
                var m = -Float.infinity
                for c in 0..<classes { m = max(m, row[c]) }
                var s: Float = 0
                for c in 0..<classes { s += exp(row[c] - m) }
                let l = m + log(s)
                lse[i] = l
                let t = target[i]
                if t == ignoreIndex {
                    loss[i] = 0
                    rowWeight[i] = 0
                    continue
                }
                let tc = Int(t)
                let wt = weight?[tc] ?? 1
                var li = (1 - eps) * wt * (l - row[tc])
                if eps > 0 {
                    var smooth: Float = 0
                    if let w = weight {
                        for c in 0..<classes { smooth += w[c] * (l - row[c]) }
                    } else {
                        for c in 0..<classes { smooth += l - row[c] }
                    }
                    li += smoothScale * smooth
                }
                loss[i] = li
                rowWeight[i] = wt
            }
        }
    }

    /// Cross-entropy backward: `dx_ic = k_i·(p_ic·S_i − q_ic)` where `p = softmax(x)`
    /// (from the saved `lse`), `q_ic = (1 − ε)·w_t·[c = t] + (ε/C)·w_c` is the target
    /// distribution scaled by the class weights, `S_i = Σ_c q_ic`, and the row
    /// coefficient `k_i = scale · rowScale[i]` (`rowScale` nil means 1). Ignored rows get
    /// 0. Without weights and smoothing this is `k_i·(p − onehot(t))`.
    public static func crossEntropyBackward(logits: UnsafePointer<Float>, target: UnsafePointer<Int32>,
                                            weight: UnsafePointer<Float>?, lse: UnsafePointer<Float>,
                                            rowScale: UnsafePointer<Float>?, scale: Float,
                                            rows: Int, classes: Int, ignoreIndex: Int32, labelSmoothing: Float,
                                            dx: UnsafeMutablePointer<Float>) {
        let eps = labelSmoothing, smoothScale = labelSmoothing / Float(classes)
        var weightSum: Float = Float(classes)
        if let w = weight {
            weightSum = 0
            for c in 0..<classes { weightSum += w[c] }
        }
        let totalWeight = weightSum
        Parallel.forEach(count: rows, grain: max(1, Kernels.elementwiseGrain / max(classes, 1) / 4)) { r in
            for i in r {
                let row = logits + i * classes, out = dx + i * classes
                let t = target[i]
                if t == ignoreIndex {
                    out.initialize(repeating: 0, count: classes)
                    continue
                }
                let tc = Int(t)
                let k = scale * (rowScale?[i] ?? 1)
                let wt = weight?[tc] ?? 1
                let l = lse[i]
                let sum = (1 - eps) * wt + smoothScale * totalWeight
                let kSum = k * sum
                if eps > 0 {
                    if let w = weight {
                        for c in 0..<classes { out[c] = kSum * exp(row[c] - l) - k * smoothScale * w[c] }
                    } else {
                        let kq = k * smoothScale
                        for c in 0..<classes { out[c] = kSum * exp(row[c] - l) - kq }
                    }
                } else {
                    for c in 0..<classes { out[c] = kSum * exp(row[c] - l) }
                }
                out[tc] -= k * (1 - eps) * wt
            }
        }
    }

    /// NLL forward on log-probabilities `[rows, classes]`: `loss_i = −w_t·lp_{i,t}`,
    /// `rowWeight_i = w_t`, both 0 for an ignored row.
    public static func nllForward(logProbs: UnsafePointer<Float>, target: UnsafePointer<Int32>, weight: UnsafePointer<Float>?,
                                  rows: Int, classes: Int, ignoreIndex: Int32,
                                  loss: UnsafeMutablePointer<Float>, rowWeight: UnsafeMutablePointer<Float>) {
        for i in 0..<rows {
            let t = target[i]
            if t == ignoreIndex {
                loss[i] = 0
                rowWeight[i] = 0
            } else {
                let wt = weight?[Int(t)] ?? 1
                loss[i] = -wt * logProbs[i * classes + Int(t)]
                rowWeight[i] = wt
            }
        }
    }

    /// NLL backward: `d lp_{i,t} = −k_i·w_t` (`k_i = scale · rowScale[i]`), zero elsewhere.
    public static func nllBackward(target: UnsafePointer<Int32>, weight: UnsafePointer<Float>?,
                                   rowScale: UnsafePointer<Float>?, scale: Float,
                                   rows: Int, classes: Int, ignoreIndex: Int32, dlp: UnsafeMutablePointer<Float>) {
        dlp.initialize(repeating: 0, count: rows * classes)
        for i in 0..<rows {
            let t = target[i]
            guard t != ignoreIndex else { continue }
            dlp[i * classes + Int(t)] = -scale * (rowScale?[i] ?? 1) * (weight?[Int(t)] ?? 1)
        }
    }

    // MARK: Binary cross-entropy with logits

    /// `log σ(x) = min(x, 0) − log1p(e^{−|x|})`, stable for every x.
    @inline(__always)
    static func logSigmoid(_ x: Float) -> Float {
        min(x, 0) - log1p(exp(-abs(x)))
    }

    /// `σ(x)` without overflow.
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// `(1 − t)·x − (1 + (pw − 1)·t)·log σ(x)`, the per-element BCE-with-logits loss
    /// (before the element weight), as torch's `binary_cross_entropy_with_logits`.
    @inline(__always)
    static func bceWithLogits(_ x: Float, _ t: Float, posWeight pw: Float) -> Float {
        (1 - t) * x - (1 + (pw - 1) * t) * logSigmoid(x)
    }

    /// ∂/∂x of `bceWithLogits`: `(1 − t) − (1 + (pw − 1)·t)·σ(−x)`; with pw = 1, `σ(x) − t`.
    @inline(__always)
    static func bceWithLogitsGradX(_ x: Float, _ t: Float, posWeight pw: Float) -> Float {
        (1 - t) - (1 + (pw - 1) * t) * sigmoid(-x)
    }

    /// ∂/∂t of `bceWithLogits`: `−x − (pw − 1)·log σ(x)`.
    @inline(__always)
    static func bceWithLogitsGradT(_ x: Float, posWeight pw: Float) -> Float {
        -x - (pw - 1) * logSigmoid(x)
    }
}
