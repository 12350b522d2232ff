import TensorCore

/// Evaluation metrics matching the references the graph-learning literature reports:
/// scikit-learn (`accuracy_score`, `f1_score`, `roc_auc_score`,
/// `average_precision_score`, `mean_absolute_error`) and the OGB / LRGB evaluators
/// (multi-label ROC-AUC and AP, Hits@K, MRR).
///
/// Every metric accumulates in `Double`, returns a `Double`, and throws
/// `TrainingError` instead of crashing: `.invalidInput` for mismatched lengths, shapes or
/// out-of-range labels, `.undefined` where the reference is undefined (empty input,
/// ROC-AUC of one class, a multi-label metric with no usable column).
public enum Metrics {}

extension Metrics {
    /// Throws unless `a` and `b` have the same length.
    static func checkSameCount(_ source: String, _ aName: String, _ a: Int, _ bName: String, _ b: Int) throws {
        guard a == b else {
            throw TrainingError(.invalidInput, source, "\(aName) has \(a) entries but \(bName) has \(b)")
        }
    }

    /// The positions a mask keeps (all positions without a mask), after checking its length.
    static func selectedIndices(_ source: String, count: Int, mask: [Bool]?) throws -> [Int] {
        guard let mask else { return Array(0..<count) }
        try checkSameCount(source, "mask", mask.count, "the inputs", count)
        return mask.indices.filter { mask[$0] }
    }

    /// Throws if any score is NaN (scikit-learn rejects NaN scores with "Input contains NaN").
    static func checkNoNaN(_ source: String, _ name: String, _ values: [Float]) throws {
        if let bad = values.firstIndex(where: { $0.isNaN }) {
            throw TrainingError(.invalidInput, source, "\(name)[\(bad)] is NaN")
        }
    }

    /// The row-wise argmax of a `[N, C]` logits tensor: the first index holding the row's
    /// maximum, a NaN counting as larger than any number (as `torch.argmax`).
    ///
    /// - Throws: `.invalidInput` unless `logits` is rank 2 with at least one column.
    public static func argmax(logits: Tensor) throws -> [Int32] {
        guard logits.rank == 2, logits.shape[1] > 0 else {
            throw TrainingError(.invalidInput, "argmax", "logits must have shape [N, C] with C > 0, got \(logits.shape)")
        }
        let rows = logits.shape[0], cols = logits.shape[1]
        let values = logits.scalars
        var out = [Int32](repeating: 0, count: rows)
        for r in 0..<rows {
            let base = r * cols
            var best = 0
            var bestValue = values[base]
            if !bestValue.isNaN {
                for c in 1..<cols {
                    let v = values[base + c]
                    if v.isNaN { best = c; break }
                    if v > bestValue { best = c; bestValue = v }
                }
            }
            out[r] = Int32(best)
        }
        return out
    }
}
