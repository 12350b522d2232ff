import TensorCore

/// One part of a link split: the graph a model passes messages on, and the pairs it is
/// scored on with their labels (PyG's `edge_index`, `edge_label_index`, `edge_label`).
public struct LinkSplitPart: Sendable {
    /// Message-passing edges (with their weights/features) and all node data.
    public var graph: Graph
    /// Pairs to score: the positive edges of this part, then the sampled negatives.
    public var labelPairs: EdgePairs
    /// `[labelPairs.count]`: 1 for a positive pair, 0 for a negative one.
    public var labels: [Float]

    /// Number of positive (label 1) pairs.
    public var positiveCount: Int { labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) } }
}

/// Train / validation / test parts of a random link split.
public struct LinkSplit: Sendable {
    public var train: LinkSplitPart
    public var validation: LinkSplitPart
    public var test: LinkSplitPart
}

extension Graph {
    /// Splits the edges into train / validation / test link-prediction sets, as PyG's
    /// `RandomLinkSplit(num_val, num_test, is_undirected, neg_sampling_ratio,
    /// add_negative_train_samples)` with `split_labels=False` (same defaults: 10%
    /// validation, 20% test, one negative per positive).
    ///
    /// - The edges are shuffled; with `isUndirected` only edges with `source <= target`
    ///   are split (each link once). Fractions are truncated (`int(f * count)`); train
    ///   gets the rest and must not be empty.
    /// - Message passing: train and validation use the train edges, test uses train and
    ///   validation edges; with `isUndirected` each in both directions (edge data
    ///   duplicated).
    /// - Labels: each part's positives are its own edges (one direction), followed by
    ///   `int(positives * negativeRatio)` negatives sampled once for all parts from pairs
    ///   that are not edges of the whole graph (`negativeSampling`); PyG's order of
    ///   the negatives (validation, test, then train) is kept.
    /// Deterministic for a given `seed`. Throws `.usage` for bad sizes.
    public func randomLinkSplit(numVal: SplitSize = .fraction(0.1), numTest: SplitSize = .fraction(0.2),
                                isUndirected: Bool = false, negativeRatio: Double = 1.0,
                                addNegativeTrainSamples: Bool = true, seed: UInt64) throws -> LinkSplit {
        guard negativeRatio >= 0, negativeRatio.isFinite else {
            throw DataError(.usage, "random link split: negative ratio \(negativeRatio), expected a finite value >= 0")
        }
        var rng = RandomGenerator(seed: seed)
        var perm = rng.permutation(numEdges)
        if isUndirected { perm = perm.filter { source[$0] <= target[$0] } }
        let nVal = try numVal.resolve(of: perm.count, "random link split: numVal", rounding: .towardZero)
        let nTest = try numTest.resolve(of: perm.count, "random link split: numTest", rounding: .towardZero)
        let nTrain = perm.count - nVal - nTest
        guard nTrain > 0 else {
            throw DataError(.usage, "random link split: \(nVal) validation + \(nTest) test edges leave no training edges out of \(perm.count)")
        }
        let trainEdges = Array(perm[0..<nTrain])
        let valEdges = Array(perm[nTrain..<nTrain + nVal])
        let testEdges = Array(perm[(nTrain + nVal)...])

        func messageGraph(_ edges: [Int]) throws -> Graph {
            let g = try selectingEdges(edges)
            return isUndirected ? try g.appendingEdges(of: g.reversed()) : g
        }
        let negTrain = addNegativeTrainSamples ? Int(Double(nTrain) * negativeRatio) : 0
        let negVal = Int(Double(nVal) * negativeRatio)
        let negTest = Int(Double(nTest) * negativeRatio)
        let negatives = try negativeSampling(count: negTrain + negVal + negTest, seed: rng.next())

        func part(_ mp: [Int], _ positives: [Int], _ negRange: Range<Int>) throws -> LinkSplitPart {
            let lo = Swift.min(negRange.lowerBound, negatives.count), hi = Swift.min(negRange.upperBound, negatives.count)
            let pairs = EdgePairs(source: positives.map { source[$0] } + negatives.source[lo..<hi],
                                  target: positives.map { target[$0] } + negatives.target[lo..<hi])
            let labels = [Float](repeating: 1, count: positives.count) + [Float](repeating: 0, count: hi - lo)
            return LinkSplitPart(graph: try messageGraph(mp), labelPairs: pairs, labels: labels)
        }
        return LinkSplit(train: try part(trainEdges, trainEdges, (negVal + negTest)..<(negVal + negTest + negTrain)),
                         validation: try part(trainEdges, valEdges, 0..<negVal),
                         test: try part(trainEdges + valEdges, testEdges, negVal..<(negVal + negTest)))
    }
}
