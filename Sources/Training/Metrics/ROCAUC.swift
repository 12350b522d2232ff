import TensorCore

extension Metrics {
    /// Binary ROC-AUC, as `sklearn.metrics.roc_auc_score(y_true, y_score)`.
    ///
    /// Computed as the Mann-Whitney statistic with average ranks for ties, which equals
    /// the trapezoidal area under scikit-learn's ROC curve:
    /// `AUC = (sum_{i: y_i = 1} rank_i - P (P + 1) / 2) / (P * N)`, where `rank_i` is the
    /// 1-based rank of `score_i` in ascending order (tied scores share their mean rank),
    /// `P` the number of positives and `N` of negatives.
    ///
    /// - Parameters:
    ///   - yTrue: 0 or 1 per item.
    ///   - yScore: a score per item, larger meaning more likely positive (probabilities,
    ///     logits or any monotone transform).
    /// - Throws: `.invalidInput` on length mismatch, a target other than 0/1 or a NaN
    ///   score; `.undefined` when `yTrue` holds only one class or is empty
    ///   (scikit-learn warns and returns NaN there).
    public static func rocAUC(yTrue: [Float], yScore: [Float]) throws -> Double {
        try checkSameCount("rocAUC", "y_true", yTrue.count, "y_score", yScore.count)
        try checkNoNaN("rocAUC", "y_score", yScore)
        let positive = try binaryTargets("rocAUC", yTrue, allowNaN: false).map { $0 == true }
        return try binaryROCAUC(positive: positive, scores: yScore)
    }

    /// Binary ROC-AUC with integer class labels (0 = negative, 1 = positive), the form
    /// the trainers use with `[Int32]` targets: the same value as
    /// `roc_auc_score(labels, scores)`.
    ///
    /// - Throws: `.invalidInput` on length mismatch, a label other than 0/1 or a NaN
    ///   score; `.undefined` when `labels` holds only one class or is empty.
    public static func rocAUC(scores: [Float], labels: [Int32]) throws -> Double {
        try checkSameCount("rocAUC", "scores", scores.count, "labels", labels.count)
        try checkNoNaN("rocAUC", "scores", scores)
        var positive = [Bool](repeating: false, count: labels.count)
        for (i, y) in labels.enumerated() {
            guard y == 0 || y == 1 else {
                throw TrainingError(.invalidInput, "rocAUC", "labels[\(i)] is \(y); binary labels must be 0 or 1")
            }
            positive[i] = y == 1
        }
        return try binaryROCAUC(positive: positive, scores: scores)
    }

    /// Binary ROC-AUC with `Bool` targets.
    public static func rocAUC(yTrue: [Bool], yScore: [Float]) throws -> Double {
        try checkSameCount("rocAUC", "y_true", yTrue.count, "y_score", yScore.count)
        try checkNoNaN("rocAUC", "y_score", yScore)
        return try binaryROCAUC(positive: yTrue, scores: yScore)
    }

    /// Multi-label ROC-AUC as OGB's graph-property evaluator (`ogbg-molhiv`, `-molpcba`
    /// `rocauc`): the unweighted mean over the columns of `[N, T]` targets that hold both
    /// a 1 and a 0 of the column's binary ROC-AUC over its labelled rows (NaN = unlabelled).
    ///
    /// - Parameters: `yTrue` and `yScore` row-major `[N, columns]`.
    /// - Throws: `.undefined` when no column holds both classes (OGB raises there).
    public static func multiLabelROCAUC(yTrue: [Float], yScore: [Float], columns: Int) throws -> Double {
        let usable = try usableColumns("multiLabelROCAUC", yTrue: yTrue, yScore: yScore, columns: columns)
        guard !usable.isEmpty else {
            throw TrainingError(.undefined, "multiLabelROCAUC", "no column holds both a positive and a negative label")
        }
        var sum = 0.0
        for column in usable { sum += try binaryROCAUC(positive: column.positive, scores: column.scores) }
        return sum / Double(usable.count)
    }

    /// Multi-label ROC-AUC of two `[N, T]` tensors (see the array form).
    public static func multiLabelROCAUC(yTrue: Tensor, yScore: Tensor) throws -> Double {
        let (columns, t, s) = try matrixPair("multiLabelROCAUC", yTrue, yScore)
        return try multiLabelROCAUC(yTrue: t, yScore: s, columns: columns)
    }

    static func binaryROCAUC(positive: [Bool], scores: [Float]) throws -> Double {
        let p = positive.reduce(0) { $0 + ($1 ? 1 : 0) }
        let n = positive.count - p
        guard p > 0, n > 0 else {
            throw TrainingError(.undefined, "rocAUC",
                                positive.isEmpty ? "no items to score"
                                : "y_true holds only one class (all \(p > 0 ? 1 : 0)); ROC-AUC needs both")
        }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positiveRankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
            // Ranks start+1 ... end share their mean.
            let meanRank = Double(start + 1 + end) / 2
            for k in start..<end where positive[order[k]] { positiveRankSum += meanRank }
            start = end
        }
        let pd = Double(p), nd = Double(n)
        return (positiveRankSum - pd * (pd + 1) / 2) / (pd * nd)
    }
}
