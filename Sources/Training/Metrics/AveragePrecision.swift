import TensorCore

extension Metrics {
    /// Binary average precision, as `sklearn.metrics.average_precision_score`: the
    /// step-wise (not interpolated) area under the precision-recall curve,
    /// `AP = sum_k (R_k - R_{k-1}) * P_k`, over the distinct score thresholds taken in
    /// decreasing order (tied scores enter together), with `R_0 = 0`,
    /// `P_k = TP_k / (TP_k + FP_k)` and `R_k = TP_k / P` at threshold `k`.
    ///
    /// With no positive at all the result is 0, scikit-learn's defined value (it warns).
    ///
    /// - Throws: `.invalidInput` on length mismatch, a target other than 0/1 or a NaN
    ///   score; `.undefined` on empty input.
    public static func averagePrecision(yTrue: [Float], yScore: [Float]) throws -> Double {
        try checkSameCount("averagePrecision", "y_true", yTrue.count, "y_score", yScore.count)
        try checkNoNaN("averagePrecision", "y_score", yScore)
        let positive = try binaryTargets("averagePrecision", yTrue, allowNaN: false).map { $0 == true }
        return try binaryAveragePrecision(positive: positive, scores: yScore)
    }

    /// Binary average precision with integer class labels (0 = negative, 1 = positive),
    /// the same value as `average_precision_score(labels, scores)`.
    ///
    /// - Throws: `.invalidInput` on length mismatch, a label other than 0/1 or a NaN
    ///   score; `.undefined` on empty input.
    public static func averagePrecision(scores: [Float], labels: [Int32]) throws -> Double {
        try checkSameCount("averagePrecision", "scores", scores.count, "labels", labels.count)
        try checkNoNaN("averagePrecision", "scores", scores)
        var positive = [Bool](repeating: false, count: labels.count)
        for (i, y) in labels.enumerated() {
            guard y == 0 || y == 1 else {
                throw TrainingError(.invalidInput, "averagePrecision", "labels[\(i)] is \(y); binary labels must be 0 or 1")
            }
            positive[i] = y == 1
        }
        return try binaryAveragePrecision(positive: positive, scores: scores)
    }

    /// Binary average precision with `Bool` targets.
    public static func averagePrecision(yTrue: [Bool], yScore: [Float]) throws -> Double {
        try checkSameCount("averagePrecision", "y_true", yTrue.count, "y_score", yScore.count)
        try checkNoNaN("averagePrecision", "y_score", yScore)
        return try binaryAveragePrecision(positive: yTrue, scores: yScore)
    }

    /// Multi-label average precision as the OGB (`ogbg-molpcba` `ap`) and LRGB
    /// (Peptides-func `eval_ap`) evaluators: the unweighted mean over the columns of
    /// `[N, T]` targets of the column's binary AP over its labelled rows (NaN =
    /// unlabelled). As in those evaluators' code, a column is skipped unless it holds both
    /// a 1 and a 0 (a column without positives, or without negatives, does not count).
    ///
    /// - Throws: `.undefined` when no column is usable (the evaluators raise there).
    public static func multiLabelAveragePrecision(yTrue: [Float], yScore: [Float], columns: Int) throws -> Double {
        let usable = try usableColumns("multiLabelAveragePrecision", yTrue: yTrue, yScore: yScore, columns: columns)
        guard !usable.isEmpty else {
            throw TrainingError(.undefined, "multiLabelAveragePrecision",
                                "no column holds both a positive and a negative label")
        }
        var sum = 0.0
        for column in usable { sum += try binaryAveragePrecision(positive: column.positive, scores: column.scores) }
        return sum / Double(usable.count)
    }

    /// Multi-label average precision of two `[N, T]` tensors (see the array form).
    public static func multiLabelAveragePrecision(yTrue: Tensor, yScore: Tensor) throws -> Double {
        let (columns, t, s) = try matrixPair("multiLabelAveragePrecision", yTrue, yScore)
        return try multiLabelAveragePrecision(yTrue: t, yScore: s, columns: columns)
    }

    static func binaryAveragePrecision(positive: [Bool], scores: [Float]) throws -> Double {
        guard !positive.isEmpty else {
            throw TrainingError(.undefined, "averagePrecision", "no items to score")
        }
        let totalPositives = positive.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard totalPositives > 0 else { return 0 }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var tp = 0, fp = 0
        var previousRecall = 0.0
        var ap = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end < order.count && scores[order[end]] == scores[order[start]] {
                if positive[order[end]] { tp += 1 } else { fp += 1 }
                end += 1
            }
            let recall = Double(tp) / Double(totalPositives)
            let precision = Double(tp) / Double(tp + fp)
            ap += (recall - previousRecall) * precision
            previousRecall = recall
            start = end
        }
        return ap
    }
}
