import Foundation

/// Rescales the gradients of `parameters` so their total norm is at most `maxNorm`, like
/// `torch.nn.utils.clip_grad_norm_`, and returns the total norm before clipping.
///
/// The total norm is the `normType`-norm of the per-tensor norms (as if all gradients
/// were one vector): `(Σ_t ‖g_t‖_p^p)^(1/p)`, the largest `|g|` for `.infinity`, the
/// smallest for `-.infinity`, the count of non-zeros for 0. Every gradient is then
/// multiplied by `min(maxNorm / (total + 1e-6), 1)` (the 1e-6 keeps the scale finite for
/// a zero norm and makes the clipped norm land just under `maxNorm`). Parameters whose
/// `grad` is nil are ignored; with none, the result is 0. A NaN or infinite norm is
/// returned as is and propagates into the gradients, as in PyTorch with
/// `error_if_nonfinite=False`.
///
/// Per-tensor sums accumulate in Double; the per-tensor norms and the scale are Float32
/// as in PyTorch.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Float, normType: Float = 2) -> Float {
    let grads = parameters.compactMap(\.grad)
    guard !grads.isEmpty else { return 0 }
    var norms = [Float]()
    norms.reserveCapacity(grads.count)
    for g in grads { norms.append(vectorNorm(g.data, count: g.count, normType)) }
    let total = norms.withUnsafeMutableBufferPointer { vectorNorm($0.baseAddress!, count: $0.count, normType) }
    // PyTorch: clamp(max_norm / (total + 1e-6), max=1), where `scalar / tensor` is
    // `tensor.reciprocal() * scalar`.
    let coef = (1 / (total + Float(1e-6))) * maxNorm
    let scale = coef.isNaN ? coef : min(coef, 1)
    for g in grads {
        let p = g.data
        Parallel.forEach(count: g.count, grain: Kernels.elementwiseGrain) { r in
            for i in r { p[i] = p[i] * scale }
        }
    }
    return total
}

/// Clamps every gradient element of `parameters` into `[-clipValue, clipValue]` in place,
/// like `torch.nn.utils.clip_grad_value_`. Parameters whose `grad` is nil are ignored;
/// NaN gradient values stay NaN (as `torch.clamp`).
public func clipGradValue(_ parameters: [Tensor], _ clipValue: Float) {
    let lo = -clipValue, hi = clipValue
    for g in parameters.compactMap(\.grad) {
        let p = g.data
        Parallel.forEach(count: g.count, grain: Kernels.elementwiseGrain) { r in
            for i in r {
                let x = p[i]
                // clamp_min then clamp_max, keeping NaN.
                let y = x < lo ? lo : x
                p[i] = y > hi ? hi : y
            }
        }
    }
}

/// `torch.linalg.vector_norm(x, p)` of `count` floats: p = ±inf, 0, or any other p.
func vectorNorm(_ x: UnsafeMutablePointer<Float>, count: Int, _ p: Float) -> Float {
    if p == .infinity || p == -.infinity {
        guard count > 0 else { return p > 0 ? 0 : .infinity }
        var best = abs(x[0])
        for i in 0..<count {
            let a = abs(x[i])
            if a.isNaN { return .nan }
            best = p > 0 ? max(best, a) : min(best, a)
        }
        return best
    }
    if p == 0 {
        var nonZero = 0
        for i in 0..<count where x[i] != 0 { nonZero += 1 }
        return Float(nonZero)
    }
    if p == 2 {
        return Float(chunkedSum(count) { r in
            var acc: Double = 0
            for i in r {
                let v = Double(x[i])
                acc = acc + v * v
            }
            return acc
        }.squareRoot())
    }
    if p == 1 {
        return Float(chunkedSum(count) { r in
            var acc: Double = 0
            for i in r { acc = acc + Double(abs(x[i])) }
            return acc
        })
    }
    let pd = Double(p)
    let sum = chunkedSum(count) { r in
        var acc: Double = 0
        for i in r { acc = acc + pow(Double(abs(x[i])), pd) }
        return acc
    }
    return Float(pow(sum, 1 / pd))
}

/// Sum of `partial` over fixed chunks of `0..<count`, computed in parallel and added in
/// chunk order. The chunks depend only on `count`, so the result does not depend on
/// the thread count.
private func chunkedSum(_ count: Int, _ partial: (Range<Int>) -> Double) -> Double {
    let chunks = max(1, min(64, count / Kernels.elementwiseGrain))
    if chunks == 1 { return partial(0..<count) }
    var sums = [Double](repeating: 0, count: chunks)
    sums.withUnsafeMutableBufferPointer { out in
        let o = out.baseAddress!
        Parallel.forEach(count: chunks, grain: 1) { r in
            for c in r { o[c] = partial((count * c / chunks)..<(count * (c + 1) / chunks)) }
        }
    }
    return sums.reduce(0, +)
}
