import TensorCore

extension Metrics {
    /// Classification accuracy: `(1/|S|) * sum_{i in S} [pred_i == y_i]`, where `S` is the
    /// set of positions the mask keeps (all positions without a mask).
    ///
    /// Matches `sklearn.metrics.accuracy_score(y_true[mask], y_pred[mask])` and PyG's
    /// `int((pred[mask] == y[mask]).sum()) / int(mask.sum())`.
    ///
    /// - Throws: `.invalidInput` on length mismatch; `.undefined` when no position is kept.
    public static func accuracy(predicted: [Int32], target: [Int32], mask: [Bool]? = nil) throws -> Double {
        try checkSameCount("accuracy", "predicted", predicted.count, "target", target.count)
        let kept = try selectedIndices("accuracy", count: target.count, mask: mask)
        guard !kept.isEmpty else {
            throw TrainingError(.undefined, "accuracy", "no positions to score (empty input or empty mask)")
        }
        var correct = 0
        for i in kept where predicted[i] == target[i] { correct += 1 }
        return Double(correct) / Double(kept.count)
    }

    /// Accuracy of the row-wise argmax of `[N, C]` logits (see `argmax(logits:)`).
    public static func accuracy(logits: Tensor, target: [Int32], mask: [Bool]? = nil) throws -> Double {
        try accuracy(predicted: argmax(logits: logits), target: target, mask: mask)
    }
}
