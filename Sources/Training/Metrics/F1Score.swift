import TensorCore

extension Metrics {
    /// How `f1Score` combines the classes.
    public enum F1Average: String, Sendable, CaseIterable {
        /// Pools the counts: `2 * sum TP / (2 * sum TP + sum FP + sum FN)`. Over every
        /// class of a single-label task this equals accuracy.
        case micro
        /// Unweighted mean of the per-class F1.
        case macro
    }

    /// Per-class F1 of single-label predictions: `F1_c = 2 TP_c / (2 TP_c + FP_c + FN_c)`,
    /// which is the harmonic mean of precision and recall, and 0 where that is 0/0
    /// (scikit-learn's `zero_division` default resolves to 0).
    ///
    /// - Parameter labels: the classes to score, in that order. `nil` means scikit-learn's
    ///   default, the sorted union of the classes present in `target` and `predicted`
    ///   (after masking), so a class absent from both is not scored at all.
    /// - Returns: `(labels, f1)` with one F1 per label.
    public static func perClassF1(
        predicted: [Int32], target: [Int32], labels: [Int32]? = nil, mask: [Bool]? = nil
    ) throws -> (labels: [Int32], f1: [Double]) {
        let counts = try confusionCounts("perClassF1", predicted: predicted, target: target, labels: labels, mask: mask)
        let f1 = counts.labels.indices.map { i -> Double in
            let denominator = 2 * counts.tp[i] + counts.fp[i] + counts.fn[i]
            return denominator == 0 ? 0 : Double(2 * counts.tp[i]) / Double(denominator)
        }
        return (counts.labels, f1)
    }

    /// Micro- or macro-averaged F1 of single-label predictions, as
    /// `sklearn.metrics.f1_score(y_true, y_pred, average=..., labels=labels)` with the
    /// default `zero_division` (ill-defined terms count as 0).
    ///
    /// - micro: `2 * sum_c TP_c / (2 * sum_c TP_c + sum_c FP_c + sum_c FN_c)` over the labels.
    /// - macro: `(1/L) * sum_c F1_c` over the `L` labels (see `perClassF1`).
    ///
    /// - Throws: `.invalidInput` on length mismatch or a negative class id; `.undefined`
    ///   when nothing is left to score (empty input, empty mask, empty `labels`).
    public static func f1Score(
        predicted: [Int32], target: [Int32], average: F1Average,
        labels: [Int32]? = nil, mask: [Bool]? = nil
    ) throws -> Double {
        let counts = try confusionCounts("f1Score", predicted: predicted, target: target, labels: labels, mask: mask)
        switch average {
        case .micro:
            let tp = counts.tp.reduce(0, +), fp = counts.fp.reduce(0, +), fn = counts.fn.reduce(0, +)
            let denominator = 2 * tp + fp + fn
            return denominator == 0 ? 0 : Double(2 * tp) / Double(denominator)
        case .macro:
            var sum = 0.0
            for i in counts.labels.indices {
                let denominator = 2 * counts.tp[i] + counts.fp[i] + counts.fn[i]
                if denominator > 0 { sum += Double(2 * counts.tp[i]) / Double(denominator) }
            }
            return sum / Double(counts.labels.count)
        }
    }

    /// F1 of the row-wise argmax of `[N, C]` logits.
    public static func f1Score(
        logits: Tensor, target: [Int32], average: F1Average, labels: [Int32]? = nil, mask: [Bool]? = nil
    ) throws -> Double {
        try f1Score(predicted: argmax(logits: logits), target: target, average: average, labels: labels, mask: mask)
    }

    /// True positives, false positives and false negatives per label.
    private static func confusionCounts(
        _ source: String, predicted: [Int32], target: [Int32], labels: [Int32]?, mask: [Bool]?
    ) throws -> (labels: [Int32], tp: [Int], fp: [Int], fn: [Int]) {
        try checkSameCount(source, "predicted", predicted.count, "target", target.count)
        let kept = try selectedIndices(source, count: target.count, mask: mask)
        for i in kept where predicted[i] < 0 || target[i] < 0 {
            throw TrainingError(.invalidInput, source,
                                "negative class id at position \(i) (predicted \(predicted[i]), target \(target[i]))")
        }
        let scored: [Int32]
        if let labels {
            guard Set(labels).count == labels.count else {
                throw TrainingError(.invalidInput, source, "labels contains duplicates")
            }
            scored = labels
        } else {
            var present = Set<Int32>()
            for i in kept { present.insert(target[i]); present.insert(predicted[i]) }
            scored = present.sorted()
        }
        guard !kept.isEmpty, !scored.isEmpty else {
            throw TrainingError(.undefined, source, "no positions or no labels to score (empty input, mask or labels)")
        }
        var slot: [Int32: Int] = [:]
        for (i, label) in scored.enumerated() { slot[label] = i }
        var tp = [Int](repeating: 0, count: scored.count)
        var fp = tp, fn = tp
        for i in kept {
            let p = predicted[i], t = target[i]
            if p == t {
                if let s = slot[t] { tp[s] += 1 }
            } else {
                if let s = slot[p] { fp[s] += 1 }
                if let s = slot[t] { fn[s] += 1 }
            }
        }
        return (scored, tp, fp, fn)
    }
}
