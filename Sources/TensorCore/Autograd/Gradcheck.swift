/// Finite-difference check of an op's recorded backward.
///
/// With a fixed random projection `w` of the output, the analytic gradient of
/// `L = Σ w ⊙ f(x)` (one `backward(w)`) is compared with central differences
/// `(L(x + εe_i) − L(x − εe_i)) / 2ε` for every element of every input with
/// `requiresGrad`. Float32 limits the accuracy of the differences, so the comparison is
/// `|analytic − numeric| ≤ atol + rtol · max(|analytic|, |numeric|)` with defaults
/// suited to single precision; `L` is accumulated in Double.
public struct GradcheckResult: Sendable, CustomStringConvertible {
    public let maxAbsError: Float
    public let maxRelError: Float
    public let elementsChecked: Int
    public let failures: [String]
    public var passed: Bool { failures.isEmpty }

    public var description: String {
        passed ? "ok (\(elementsChecked) elements, max abs err \(maxAbsError))"
               : "FAILED: " + failures.prefix(3).joined(separator: "; ")
    }
}

public func gradcheck(_ f: ([Tensor]) throws -> Tensor, inputs: [Tensor], eps: Float = 1e-2,
                      atol: Float = 1e-2, rtol: Float = 1e-2, seed: UInt64 = 7) throws -> GradcheckResult {
    for x in inputs { x.grad = nil }
    let out = try f(inputs)
    guard out.requiresGrad else {
        throw TensorError("gradcheck", "the function's output does not require grad; mark an input with requiresGrad")
    }
    var rng = RandomGenerator(seed: seed)
    let w = Tensor.uniform(out.shape, low: -1, high: 1, using: &rng)
    try out.backward(w)

    func projected() throws -> Double {
        let y = try withNoGrad { try f(inputs) }
        var acc = 0.0
        for i in 0..<y.count { acc += Double(y.data[i]) * Double(w.data[i]) }
        return acc
    }

    var failures: [String] = []
    var maxAbs: Float = 0, maxRel: Float = 0, checked = 0
    for (index, x) in inputs.enumerated() where x.requiresGrad {
        let analytic = x.grad ?? Tensor.zeros(x.shape)
        for i in 0..<x.count {
            let saved = x.data[i]
            x.data[i] = saved + eps
            let plus = try projected()
            x.data[i] = saved - eps
            let minus = try projected()
            x.data[i] = saved
            let numeric = Float((plus - minus) / Double(2 * eps))
            let a = analytic.data[i]
            let err = abs(a - numeric)
            let scale = max(abs(a), abs(numeric))
            maxAbs = max(maxAbs, err)
            if scale > 0 { maxRel = max(maxRel, err / scale) }
            checked += 1
            if err > atol + rtol * scale || !err.isFinite {
                failures.append("input \(index) element \(i): analytic \(a), numeric \(numeric)")
            }
        }
    }
    for x in inputs { x.grad = nil }
    return GradcheckResult(maxAbsError: maxAbs, maxRelError: maxRel, elementsChecked: checked, failures: failures)
}
