import Foundation

/// Full-batch link prediction, the protocol of PyG's `examples/link_pred.py` (a graph
/// auto-encoder with a dot-product decoder, Kipf & Welling 2016):
///
/// - split: `RandomLinkSplit(num_val=0.05, num_test=0.1, is_undirected=True,
///   add_negative_train_samples=False)` (`split(seed:)`): 85% of the links pass messages
///   and are the training positives; validation and test hold out 5% and 10% with as
///   many negatives, sampled once.
/// - every epoch: encode `z = encoder(x, train graph)` `[N, D]`; draw fresh negatives,
///   as many as the training positives, from the pairs that are not training edges
///   (`negative_sampling(train edge_index)`); score each pair `(u, v)` with
///   `z_u · z_v = sum_d z[u, d] * z[v, d]` (`decode`); binary cross-entropy with logits
///   over positives (label 1) then negatives (label 0), mean; one Adam step per
///   parameter group.
/// - evaluation: validation pairs scored on the validation part's graph, test pairs on
///   the test part's graph (train + validation edges), in evaluation mode without
///   gradient; ROC-AUC of `sigmoid(score)` against the labels (the sigmoid as PyG, so
///   float saturation ties are the same).
/// - model selection: the epoch with the best validation ROC-AUC (the first on ties;
///   early stopping with `patience` when set), whose weights are restored at the end.
///
/// Epoch times (`SeedRun.epochTimesMs`) cover the training step only: negative
/// sampling, forward, backward and the optimizer step (PyG's `train()`), not evaluation.
///
/// Reported train score: ROC-AUC, in evaluation mode with the restored weights, of the
/// training positives against the negatives drawn at the best epoch (the same pairs that
/// epoch's loss saw). The per-epoch `train` of `EpochRecord` is the ROC-AUC of that
/// epoch's training logits (before its optimizer step), which costs nothing extra.
///
/// - `x`: node features `[N, F]` (row-normalised when asked); embeddings `[N, D]`,
///   `D = embeddingChannels` (64) for the published GCN.
public struct LinkPrediction {
    /// The embedding size of PyG's `link_pred.py` encoder (`GCNConv(128, 64)`): the
    /// encoder's output channels.
    public static let embeddingChannels = 64
    /// Validation share of the links in the published split.
    public static let validationFraction = 0.05
    /// Test share of the links in the published split.
    public static let testFraction = 0.1

    /// The graph with its (normalised) features.
    public let graph: Graph
    /// `[N, F]` node features.
    public let features: Tensor

    /// - Throws: `.invalidInput` when the graph has no node features (or an empty feature
    ///   matrix) or no edges.
    public init(graph: Graph, normalizeFeatures: Bool) throws {
        guard let x = graph.nodeFeatures, x.rows == graph.numNodes, x.cols > 0 else {
            throw TrainingError(.invalidInput, "link prediction",
                                "the graph has no node features (an [N, F] matrix with N = \(graph.numNodes) rows and F > 0 is needed)")
        }
        guard graph.numEdges > 0 else {
            throw TrainingError(.invalidInput, "link prediction", "the graph has no edges to split")
        }
        let g = normalizeFeatures ? try graph.normalizingFeatures() : graph
        self.graph = g
        features = (g.nodeFeatures ?? x).tensor()
    }

    /// The published split of run seed `seed`: 5% validation and 10% test links, each link
    /// once (undirected), message passing in both directions, no training negatives.
    public func split(seed: UInt64) throws -> LinkSplit {
        try graph.randomLinkSplit(numVal: .fraction(Self.validationFraction), numTest: .fraction(Self.testFraction),
                                  isUndirected: true, addNegativeTrainSamples: false, seed: seed)
    }

    /// The seed of epoch `epoch`'s negative sample in run `seed` (SplitMix-style mixing,
    /// so neighbouring seeds and epochs give unrelated samples).
    public static func negativeSeed(seed: UInt64, epoch: Int) -> UInt64 {
        var g = RandomGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15))
        return g.next()
    }

    /// Dot-product decoder: `out[k] = sum_d z[u_k, d] * z[v_k, d]` for the pairs
    /// `(u_k, v_k)`. Recorded as `indexSelect` of the rows, `mul`, `sum` over axis 1.
    ///
    /// - Parameters: `z` `[N, D]`, `pairs` with node ids below N. - Returns: `[K]` logits.
    public static func decode(_ z: Tensor, _ pairs: EdgePairs) throws -> Tensor {
        let zs = try z.indexSelect(axis: 0, Int32Tensor(pairs.source))
        let zt = try z.indexSelect(axis: 0, Int32Tensor(pairs.target))
        return try (zs * zt).sum(axis: 1)
    }

    /// Trains `model` (an encoder `[N, F]` → `[N, D]`) on `split` and returns the scores
    /// at the best validation epoch, whose weights `model` keeps.
    ///
    /// - Parameters:
    ///   - seed: the run's seed (negative samples of epoch e use `negativeSeed(seed:epoch:)`).
    ///   - onEpoch: called after every epoch with its record.
    /// - Throws: `.invalidInput` when a part of the split has no positive pair or a
    ///   validation / test part lacks negatives.
    public func run(model: some NodeNetwork, split: LinkSplit, hyperparameters h: Hyperparameters, seed: UInt64,
                    onEpoch: (EpochRecord) throws -> Void = { _ in }) throws -> SeedRun {
        try check(split)
        let trainGraph = split.train.graph
        let positives = positivePairs(split.train)
        let optimizers = try model.parameterGroups(weightDecay: h.weightDecay)
            .map { try Adam($0.parameters, lr: h.learningRate, weightDecay: $0.weightDecay) }
        let stopper = EarlyStopping(patience: h.patience, mode: .max)
        var times: [Double] = [], losses: [Double] = []
        var epoch = 0
        while epoch < h.epochs && !stopper.shouldStop {
            epoch += 1
            model.train()
            let start = DispatchTime.now().uptimeNanoseconds
            for o in optimizers { o.zeroGrad() }
            let (pairs, labels) = try trainingPairs(positives, trainGraph, seed: seed, epoch: epoch)
            let z = try model(features, trainGraph)
            let logits = try Self.decode(z, pairs)
            let loss = try Loss.bceWithLogits(logits, Tensor(labels))
            try loss.backward()
            for o in optimizers { o.step() }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            times.append(ms)
            let lossValue = Double(try loss.item())
            losses.append(lossValue)
            let trainAUC = try? Metrics.rocAUC(yTrue: labels, yScore: logits.scalars)
            let scores = try evaluate(model: model, split: split)
            stopper.step(scores.validation, epoch: epoch, model: model)
            try onEpoch(EpochRecord(seed: Int(truncatingIfNeeded: seed), epoch: epoch, loss: lossValue, train: trainAUC,
                                    val: scores.validation, test: scores.test, timeMs: ms))
        }
        try stopper.restoreBest(into: model)
        let bestEpoch = stopper.bestEpoch ?? epoch
        let best = try evaluate(model: model, split: split)
        let (trainPairs, trainLabels) = try trainingPairs(positives, trainGraph, seed: seed, epoch: bestEpoch)
        let train = try score(model: model, graph: trainGraph, pairs: trainPairs, labels: trainLabels)
        return SeedRun(seed: seed, bestEpoch: bestEpoch, epochsRun: epoch, train: train, validation: best.validation,
                       test: best.test, epochTimesMs: times, losses: losses)
    }

    /// ROC-AUC of the validation pairs (on the validation graph) and of the test pairs (on
    /// the test graph), in evaluation mode.
    public func evaluate(model: some NodeNetwork, split: LinkSplit) throws -> (validation: Double, test: Double) {
        (try score(model: model, graph: split.validation.graph, pairs: split.validation.labelPairs,
                   labels: split.validation.labels),
         try score(model: model, graph: split.test.graph, pairs: split.test.labelPairs, labels: split.test.labels))
    }

    /// ROC-AUC of `sigmoid(z_u · z_v)` against `labels`, `z` encoded on `graph` in
    /// evaluation mode without gradient.
    public func score(model: some NodeNetwork, graph: Graph, pairs: EdgePairs, labels: [Float]) throws -> Double {
        model.eval()
        let probabilities = try withNoGrad { try Self.decode(model(features, graph), pairs).sigmoid() }
        return try Metrics.rocAUC(yTrue: labels, yScore: probabilities.scalars)
    }

    /// The positive (label 1) pairs of a part.
    private func positivePairs(_ part: LinkSplitPart) -> EdgePairs {
        var s: [Int32] = [], t: [Int32] = []
        for (k, y) in part.labels.enumerated() where y == 1 {
            s.append(part.labelPairs.source[k])
            t.append(part.labelPairs.target[k])
        }
        return EdgePairs(source: s, target: t)
    }

    /// The positives followed by as many fresh negatives (non-edges of `graph`, seeded by
    /// seed and epoch), with labels 1 then 0.
    private func trainingPairs(_ positives: EdgePairs, _ graph: Graph, seed: UInt64,
                               epoch: Int) throws -> (EdgePairs, [Float]) {
        let negatives = try graph.negativeSampling(count: positives.count,
                                                   seed: Self.negativeSeed(seed: seed, epoch: epoch))
        let pairs = EdgePairs(source: positives.source + negatives.source, target: positives.target + negatives.target)
        let labels = [Float](repeating: 1, count: positives.count) + [Float](repeating: 0, count: negatives.count)
        return (pairs, labels)
    }

    private func check(_ split: LinkSplit) throws {
        for (name, part) in [("train", split.train), ("validation", split.validation), ("test", split.test)] {
            guard part.graph.numNodes == graph.numNodes else {
                throw TrainingError(.invalidInput, "link prediction",
                                    "the \(name) part has \(part.graph.numNodes) nodes, the graph \(graph.numNodes)")
            }
            let p = part.positiveCount
            guard p > 0, name == "train" || p < part.labels.count else {
                throw TrainingError(.invalidInput, "link prediction",
                                    "the \(name) part needs positive\(name == "train" ? "" : " and negative") pairs (has \(p) of \(part.labels.count) positive)")
            }
        }
    }
}
