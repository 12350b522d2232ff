import TensorCore

extension Loss {
    /// Cross-entropy of class logits against class indices,
    /// `torch.nn.functional.cross_entropy` (log-softmax and NLL fused).
    ///
    /// For row i with target `t` (C classes, class weights `w`, 1 when nil, smoothing ε):
    /// `loss_i = (1 − ε)·w_t·(−log p_{i,t}) + (ε/C)·Σ_c w_c·(−log p_{i,c})`, `p = softmax(x_i)`;
    /// rows whose target equals `ignoreIndex` contribute 0. `.mean` divides the sum by
    /// `Σ_i w_{t_i}` over the non-ignored rows (their count without weights), for both
    /// terms — exactly torch's normalisation, including its label smoothing with class
    /// weights. All rows ignored gives NaN under `.mean`, as torch.
    ///
    /// - Parameters:
    ///   - logits: `[N, C]` unnormalised scores.
    ///   - target: `[N]` class indices in `0..<C`, or `ignoreIndex`.
    ///   - weight: `[C]` class weights (constants, no gradient), or nil.
    ///   - labelSmoothing: ε in `[0, 1]`.
    /// - Returns: `[N]` for `.none`, else a scalar.
    ///
    /// Backward (one pass): `dx_i = k_i·(softmax(x_i)·S_i − q_i)` with
    /// `q_ic = (1 − ε)·w_t·[c = t] + (ε/C)·w_c`, `S_i = Σ_c q_ic` (so `softmax − onehot`
    /// in the plain case) and `k_i` the reduction's coefficient.
    /// - Throws: `TensorError("crossEntropy", ...)` for mismatched shapes, a target out of
    ///   range (and not ignored), or ε outside `[0, 1]`.
    public static func crossEntropy(_ logits: Tensor, _ target: Int32Tensor, weight: Tensor? = nil,
                                    ignoreIndex: Int32 = -100, labelSmoothing: Float = 0,
                                    reduction: Reduction = .mean) throws -> Tensor {
        let op = "crossEntropy"
        let (rows, classes) = try checkClassArguments(logits, target, weight: weight, ignoreIndex: ignoreIndex, op: op)
        guard labelSmoothing >= 0 && labelSmoothing <= 1 else {
            throw TensorError(op, "labelSmoothing must be in [0, 1], got \(labelSmoothing)")
        }
        let lse = Tensor(uninitializedShape: [rows])
        let perRow = Tensor(uninitializedShape: [rows])
        let rowWeight = Tensor(uninitializedShape: [rows])
        target.withUnsafeBufferPointer { tp in
            guard let tp = tp.baseAddress else { return }  // no rows
            FusedKernels.crossEntropyForward(logits: logits.data, target: tp, weight: weight.map { UnsafePointer($0.data) },
                                             rows: rows, classes: classes, ignoreIndex: ignoreIndex,
                                             labelSmoothing: labelSmoothing, lse: lse.data, loss: perRow.data,
                                             rowWeight: rowWeight.data)
        }
        let (out, divisor) = reduceRows(perRow, rowWeight, reduction)
        return out.recorded(op, inputs: [logits]) { g in
            let dx = Tensor(uninitializedShape: logits.shape)
            let (rowScale, scale) = rowCoefficients(g, reduction, divisor)
            target.withUnsafeBufferPointer { tp in
                guard let tp = tp.baseAddress else { return }  // no rows
                FusedKernels.crossEntropyBackward(logits: logits.data, target: tp,
                                                  weight: weight.map { UnsafePointer($0.data) }, lse: lse.data,
                                                  rowScale: rowScale, scale: scale, rows: rows, classes: classes,
                                                  ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing, dx: dx.data)
            }
            return [dx]
        }
    }

    /// Negative log-likelihood of log-probabilities against class indices,
    /// `torch.nn.functional.nll_loss`: `loss_i = −w_t·logProbs_{i,t}`, 0 for rows whose
    /// target is `ignoreIndex`; `.mean` divides by `Σ_i w_{t_i}` over the non-ignored rows.
    ///
    /// - Parameters:
    ///   - logProbs: `[N, C]` (typically a log-softmax).
    ///   - target: `[N]` class indices in `0..<C`, or `ignoreIndex`.
    ///   - weight: `[C]` class weights (constants), or nil.
    /// - Returns: `[N]` for `.none`, else a scalar.
    ///
    /// Backward: `d logProbs_{i,t} = −k_i·w_t`, zero elsewhere.
    /// - Throws: `TensorError("nll", ...)` for mismatched shapes or a target out of range.
    public static func nll(_ logProbs: Tensor, _ target: Int32Tensor, weight: Tensor? = nil,
                           ignoreIndex: Int32 = -100, reduction: Reduction = .mean) throws -> Tensor {
        let op = "nll"
        let (rows, classes) = try checkClassArguments(logProbs, target, weight: weight, ignoreIndex: ignoreIndex, op: op)
        let perRow = Tensor(uninitializedShape: [rows])
        let rowWeight = Tensor(uninitializedShape: [rows])
        target.withUnsafeBufferPointer { tp in
            guard let tp = tp.baseAddress else { return }  // no rows
            FusedKernels.nllForward(logProbs: logProbs.data, target: tp, weight: weight.map { UnsafePointer($0.data) },
                                    rows: rows, classes: classes, ignoreIndex: ignoreIndex,
                                    loss: perRow.data, rowWeight: rowWeight.data)
        }
        let (out, divisor) = reduceRows(perRow, rowWeight, reduction)
        return out.recorded(op, inputs: [logProbs]) { g in
            let dlp = Tensor(uninitializedShape: logProbs.shape)
            let (rowScale, scale) = rowCoefficients(g, reduction, divisor)
            target.withUnsafeBufferPointer { tp in
                guard let tp = tp.baseAddress else { return }  // no rows
                FusedKernels.nllBackward(target: tp, weight: weight.map { UnsafePointer($0.data) },
                                         rowScale: rowScale, scale: scale, rows: rows, classes: classes,
                                         ignoreIndex: ignoreIndex, dlp: dlp.data)
            }
            return [dlp]
        }
    }

    /// Validates `[N, C]` scores, `[N]` targets (in range or ignored) and `[C]` weights.
    private static func checkClassArguments(_ input: Tensor, _ target: Int32Tensor, weight: Tensor?, ignoreIndex: Int32,
                                            op: String) throws -> (rows: Int, classes: Int) {
        guard input.rank == 2 else {
            throw TensorError(op, "expected input [N, C], got \(input.shape)")
        }
        let rows = input.shape[0], classes = input.shape[1]
        guard target.shape == [rows] else {
            throw TensorError(op, "target \(target.shape) does not match input \(input.shape): expected [\(rows)]")
        }
        if let weight, weight.shape != [classes] {
            throw TensorError(op, "weight must have shape [\(classes)] for input \(input.shape), got \(weight.shape)")
        }
        for (i, t) in target.scalars.enumerated() where t != ignoreIndex && (t < 0 || Int(t) >= classes) {
            throw TensorError(op, "target \(t) at position \(i) is out of range 0..<\(classes) (ignoreIndex is \(ignoreIndex))")
        }
        return (rows, classes)
    }

    /// Reduces per-row losses; the `.mean` divisor is the total weight of the rows.
    private static func reduceRows(_ perRow: Tensor, _ rowWeight: Tensor, _ reduction: Reduction) -> (Tensor, Double) {
        let rows = perRow.count
        switch reduction {
        case .none:
            return (perRow, 1)
        case .sum, .mean:
            let w = rowWeight.data, l = perRow.data
            var divisor = 1.0
            if reduction == .mean {
                divisor = 0
                for i in 0..<rows { divisor += Double(w[i]) }
            }
            return (reduce(count: rows, shape: [], reduction: reduction, divisor: divisor) { l[$0] }, divisor)
        }
    }

    /// Row coefficients of the gradient: per-row incoming values for `.none`, else one
    /// scale (`g` or `g / divisor`).
    private static func rowCoefficients(_ g: Tensor, _ reduction: Reduction, _ divisor: Double) -> (UnsafePointer<Float>?, Float) {
        switch reduction {
        case .none: return (UnsafePointer(g.data), 1)
        case .sum: return (nil, g.data[0])
        case .mean: return (nil, Float(Double(g.data[0]) / divisor))
        }
    }
}
