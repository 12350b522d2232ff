import TensorCore

extension Metrics {
    /// Hits@K as OGB's link-prediction evaluator (`ogbl-collab`, `-ddi`, `-ppa`): the
    /// fraction of positive edges whose score is strictly greater than the K-th highest
    /// score among the negative edges, which are shared by every positive:
    /// `Hits@K = (1/|P|) * sum_{p in P} [s_p > sort_desc(s_neg)[K-1]]`.
    ///
    /// A tie with the K-th negative is a miss. With fewer than `K` negatives the result is
    /// 1, as OGB defines it.
    ///
    /// - Throws: `.invalidInput` for `k < 1` or a NaN score; `.undefined` with no positive.
    public static func hitsAtK(positive: [Float], negative: [Float], k: Int) throws -> Double {
        guard k >= 1 else { throw TrainingError(.invalidInput, "hitsAtK", "K must be at least 1, got \(k)") }
        try checkNoNaN("hitsAtK", "positive", positive)
        try checkNoNaN("hitsAtK", "negative", negative)
        guard !positive.isEmpty else { throw TrainingError(.undefined, "hitsAtK", "no positive edges to score") }
        guard negative.count >= k else { return 1 }
        let kth = negative.sorted(by: >)[k - 1]
        let hits = positive.reduce(0) { $0 + ($1 > kth ? 1 : 0) }
        return Double(hits) / Double(positive.count)
    }

    /// The rank of each positive among its own negatives, as OGB's MRR evaluator
    /// (`ogbl-citation2`, `-wikikg2`): with `o` = the number of negatives scoring strictly
    /// higher (optimistic) and `q` = the number scoring at least as high (pessimistic),
    /// `rank = (o + q) / 2 + 1`, so ties cost half a place each.
    ///
    /// - Parameters:
    ///   - positive: `[P]` scores.
    ///   - negatives: `[P, M]` row-major; row `i` holds the negatives of positive `i`.
    /// - Throws: `.invalidInput` unless `negatives.count == P * negativesPerPositive`,
    ///   or on a NaN score.
    public static func linkRanks(positive: [Float], negatives: [Float], negativesPerPositive m: Int) throws -> [Double] {
        let expected = positive.count.multipliedReportingOverflow(by: m)
        guard m >= 0, !expected.overflow, negatives.count == expected.partialValue else {
            throw TrainingError(.invalidInput, "linkRanks",
                                "negatives has \(negatives.count) scores; expected \(positive.count) rows of \(m)")
        }
        try checkNoNaN("linkRanks", "positive", positive)
        try checkNoNaN("linkRanks", "negatives", negatives)
        var ranks = [Double](repeating: 1, count: positive.count)
        for i in positive.indices {
            var higher = 0, atLeast = 0
            for j in 0..<m {
                let s = negatives[i * m + j]
                if s > positive[i] { higher += 1 }
                if s >= positive[i] { atLeast += 1 }
            }
            ranks[i] = Double(higher + atLeast) / 2 + 1
        }
        return ranks
    }

    /// Mean reciprocal rank as OGB: `MRR = (1/P) * sum_i 1 / rank_i` with `rank_i` from
    /// `linkRanks` (ties between a positive and its negatives averaged).
    ///
    /// - Throws: as `linkRanks`; `.undefined` with no positive.
    public static func meanReciprocalRank(positive: [Float], negatives: [Float], negativesPerPositive m: Int) throws -> Double {
        let ranks = try linkRanks(positive: positive, negatives: negatives, negativesPerPositive: m)
        guard !ranks.isEmpty else { throw TrainingError(.undefined, "meanReciprocalRank", "no positive edges to score") }
        return ranks.reduce(0) { $0 + 1 / $1 } / Double(ranks.count)
    }

    /// The fraction of ranks `<= k`: OGB's `hits@K_list` mean in its MRR evaluator
    /// (ranks from `linkRanks`).
    public static func hitsAtRank(_ ranks: [Double], k: Int) throws -> Double {
        guard k >= 1 else { throw TrainingError(.invalidInput, "hitsAtRank", "K must be at least 1, got \(k)") }
        guard !ranks.isEmpty else { throw TrainingError(.undefined, "hitsAtRank", "no ranks to score") }
        return Double(ranks.reduce(0) { $0 + ($1 <= Double(k) ? 1 : 0) }) / Double(ranks.count)
    }
}
