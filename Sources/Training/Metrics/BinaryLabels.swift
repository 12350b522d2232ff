import TensorCore

extension Metrics {
    /// Checks binary targets are 0 or 1 (NaN allowed only where `allowNaN`, meaning
    /// "unlabelled" as in the OGB evaluators) and returns them as positives flags.
    static func binaryTargets(_ source: String, _ yTrue: [Float], allowNaN: Bool) throws -> [Bool?] {
        var out = [Bool?](repeating: nil, count: yTrue.count)
        for (i, y) in yTrue.enumerated() {
            if y == 1 { out[i] = true } else if y == 0 { out[i] = false } else if y.isNaN && allowNaN { out[i] = nil } else {
                throw TrainingError(.invalidInput, source, "y_true[\(i)] is \(y); binary targets must be 0 or 1"
                                    + (allowNaN ? " (NaN = unlabelled)" : ""))
            }
        }
        return out
    }

    /// Splits a multi-label `[N, T]` problem into its columns: for each column the labelled
    /// rows' targets and scores. Columns follow the OGB / LRGB evaluators: a column counts
    /// only when it holds at least one 1 and at least one 0; NaN targets are unlabelled.
    static func usableColumns(
        _ source: String, yTrue: [Float], yScore: [Float], columns: Int
    ) throws -> [(positive: [Bool], scores: [Float])] {
        try checkSameCount(source, "y_true", yTrue.count, "y_score", yScore.count)
        guard columns > 0, yTrue.count % columns == 0 else {
            throw TrainingError(.invalidInput, source, "\(yTrue.count) values do not form rows of \(columns) columns")
        }
        let targets = try binaryTargets(source, yTrue, allowNaN: true)
        let rows = yTrue.count / columns
        var out: [(positive: [Bool], scores: [Float])] = []
        for c in 0..<columns {
            var positive: [Bool] = [], scores: [Float] = []
            for r in 0..<rows {
                guard let t = targets[r * columns + c] else { continue }
                let s = yScore[r * columns + c]
                if s.isNaN { throw TrainingError(.invalidInput, source, "y_score[\(r), \(c)] is NaN") }
                positive.append(t)
                scores.append(s)
            }
            if positive.contains(true) && positive.contains(false) { out.append((positive, scores)) }
        }
        return out
    }

    /// `[N, T]` tensor contents, after checking both tensors have that same shape.
    static func matrixPair(_ source: String, _ yTrue: Tensor, _ yScore: Tensor) throws -> (columns: Int, [Float], [Float]) {
        guard yTrue.rank == 2, yTrue.shape == yScore.shape else {
            throw TrainingError(.invalidInput, source,
                                "y_true and y_score must both have shape [N, T], got \(yTrue.shape) and \(yScore.shape)")
        }
        return (yTrue.shape[1], yTrue.scalars, yScore.scalars)
    }
}
