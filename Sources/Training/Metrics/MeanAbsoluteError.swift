import TensorCore

extension Metrics {
    /// Mean absolute error, `(1/|S|) * sum_{i in S} |pred_i - y_i|` over the positions the
    /// mask keeps, as `sklearn.metrics.mean_absolute_error` (flattened, uniform average)
    /// and the ZINC / Peptides-struct evaluations. A NaN input makes the result NaN.
    ///
    /// - Throws: `.invalidInput` on length mismatch; `.undefined` when nothing is kept.
    public static func meanAbsoluteError(predicted: [Float], target: [Float], mask: [Bool]? = nil) throws -> Double {
        try checkSameCount("meanAbsoluteError", "predicted", predicted.count, "target", target.count)
        let kept = try selectedIndices("meanAbsoluteError", count: target.count, mask: mask)
        guard !kept.isEmpty else {
            throw TrainingError(.undefined, "meanAbsoluteError", "no positions to score (empty input or empty mask)")
        }
        var sum = 0.0
        for i in kept { sum += abs(Double(predicted[i]) - Double(target[i])) }
        return sum / Double(kept.count)
    }

    /// Mean absolute error of two tensors of the same shape, over all elements.
    public static func meanAbsoluteError(predicted: Tensor, target: Tensor) throws -> Double {
        guard predicted.shape == target.shape else {
            throw TrainingError(.invalidInput, "meanAbsoluteError",
                                "predicted has shape \(predicted.shape) but target has \(target.shape)")
        }
        return try meanAbsoluteError(predicted: predicted.scalars, target: target.scalars)
    }
}
