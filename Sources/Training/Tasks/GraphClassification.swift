import Foundation

/// Graph classification with k-fold cross-validation, the protocol of Xu et al. (2019):
/// stratified folds; for each fold a fresh `GINClassifier` trains on the other folds with
/// mini-batches (shuffled every epoch), Adam and the learning rate halved every 50
/// epochs, and after every epoch its accuracy on the held-out fold is measured. The
/// reported epoch is the one whose accuracy, averaged over the folds, is the best (the
/// first on ties), and each fold's score is its held-out accuracy at that epoch.
///
/// As the paper notes, this selects the epoch on the held-out folds themselves: there is
/// no separate validation set, so `validation` equals `test` in the runs it returns.
///
/// Node features: the dataset's; graphs without any get the one-hot in-degree (capped
/// at the largest degree of the dataset), as Xu et al. do for the social datasets.
///
/// Layer-wise rewiring: with `layerGraphs`, GIN layer l of every model runs on layer l's
/// graph, built once per cross-validation for the whole dataset (`CollectionLayerGraphs`:
/// the provider sees the union of all graphs, L = `layers` − 1 GIN layers) and batched
/// with the graphs.
public struct GraphClassification {
    public let graphs: [Graph]
    public let labels: [Int32]
    public let numClasses: Int
    public let numFeatures: Int
    /// Builds each GIN layer's graph (nil: every layer on the input graphs).
    public var layerGraphs: LayerGraphProvider?

    /// - Throws: `.invalidInput` unless every graph has one class label.
    public init(dataset: Dataset, layerGraphs: LayerGraphProvider? = nil) throws {
        self.layerGraphs = layerGraphs
        let labels = try GraphClassLabels.of(dataset)
        let graphs = try Self.modelInputs(dataset.graphs)
        self.graphs = graphs
        self.labels = labels
        numClasses = Int(labels.max()!) + 1
        numFeatures = graphs[0].nodeFeatures!.cols
    }

    /// The graphs as graph-level models read them: labels removed (they travel
    /// separately), node features replaced by the one-hot in-degree when any graph lacks them.
    static func modelInputs(_ graphs: [Graph]) throws -> [Graph] {
        let unlabelled = GraphClassLabels.unlabelled(graphs)
        guard unlabelled.contains(where: { $0.nodeFeatures == nil || $0.nodeFeatures!.cols == 0 }) else { return unlabelled }
        return try oneHotDegree(unlabelled)
    }

    /// Replaces node features by the one-hot in-degree `[n, maxDegree + 1]`.
    static func oneHotDegree(_ graphs: [Graph]) throws -> [Graph] {
        let degrees = graphs.map { $0.inDegree() }
        let width = (degrees.flatMap { $0 }.max() ?? 0) + 1
        return try zip(graphs, degrees).map { g, d in
            var g = g
            var values = [Float](repeating: 0, count: g.numNodes * width)
            for (i, k) in d.enumerated() { values[i * width + k] = 1 }
            g.nodeFeatures = try .dense(g.numNodes, width, values)
            return g
        }
    }

    /// The cross-validation of one seed: `folds` runs, all reported at the epoch with the
    /// best mean held-out accuracy. Fold f's model and batches draw from `seed`, `f`.
    public func crossValidate(_ h: Hyperparameters, folds: Int, seed: UInt64,
                              onEpoch: (EpochRecord) throws -> Void = { _ in }) throws -> (runs: [SeedRun], parameters: Int) {
        let split = try StratifiedKFold(labels: labels, folds: folds, seed: seed)
        let layered = try layerGraphs.map { provider -> CollectionLayerGraphs in
            guard h.layers >= 2 else {
                throw TrainingError(.invalidInput, "GINClassifier", "layers is \(h.layers), expected >= 2 (the input layer counts)")
            }
            return try CollectionLayerGraphs(graphs: graphs, provider: provider, numLayers: h.layers - 1)
        }
        var curves: [[Double]] = [], trainCurves: [[Double]] = [], times: [[Double]] = [], losses: [[Double]] = []
        var parameters = 0
        for (f, fold) in split.folds.enumerated() {
            let foldSeed = seed &* 1_000_003 &+ UInt64(f)
            Random.seed(foldSeed)
            let model = try GINClassifier(inChannels: numFeatures, hidden: h.hidden, classes: numClasses, layers: h.layers,
                                          dropout: h.dropout, seed: foldSeed)
            parameters = model.parameterCount
            let optimizer = try Adam(model.parameters(), lr: h.learningRate, weightDecay: h.weightDecay)
            let schedule = try StepLR(optimizer, stepSize: 50, gamma: 0.5)
            let testBatches = try batches(fold.test, size: 256, layered)
            var rng = RandomGenerator(seed: foldSeed)
            var curve: [Double] = [], trainCurve: [Double] = [], foldTimes: [Double] = [], foldLosses: [Double] = []
            for epoch in 1...h.epochs {
                model.train()
                let order = rng.permutation(fold.train.count).map { fold.train[$0] }
                let start = DispatchTime.now().uptimeNanoseconds
                var lossSum = 0.0, correct = 0
                let batches = GraphClassLabels.prefetchedBatches(of: graphs, labels: labels, order, size: h.batchSize,
                                                                 layered: layered) {
                    try model.prepare($0.batch.graph, layerGraphs: $0.layers)
                }
                while let (batch, y, layers) = try batches.next() {
                    optimizer.zeroGrad()
                    let logits = try Self.forward(model, batch, layers)
                    let loss = try Loss.crossEntropy(logits, y)
                    try loss.backward()
                    optimizer.step()
                    lossSum += Double(try loss.item()) * Double(y.count)
                    correct += zip(try Metrics.argmax(logits: logits), y.scalars).filter { $0 == $1 }.count
                }
                schedule.step()
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                let test = try accuracy(model, testBatches)
                let train = Double(correct) / Double(fold.train.count)
                curve.append(test)
                trainCurve.append(train)
                foldTimes.append(ms)
                foldLosses.append(lossSum / Double(fold.train.count))
                try onEpoch(EpochRecord(seed: Int(seed), fold: f, epoch: epoch, loss: foldLosses.last!, train: train,
                                        val: nil, test: test, timeMs: ms))
            }
            curves.append(curve)
            trainCurves.append(trainCurve)
            times.append(foldTimes)
            losses.append(foldLosses)
        }
        // Xu et al.: the epoch with the best accuracy averaged over the folds.
        let mean = (0..<h.epochs).map { e in curves.reduce(0) { $0 + $1[e] } / Double(curves.count) }
        let best = mean.indices.max { mean[$0] < mean[$1] || (mean[$0] == mean[$1] && $0 > $1) }!
        let runs = curves.indices.map { f in
            SeedRun(seed: seed, fold: f, bestEpoch: best + 1, epochsRun: h.epochs, train: trainCurves[f][best],
                    validation: curves[f][best], test: curves[f][best], epochTimesMs: times[f], losses: losses[f])
        }
        return (runs, parameters)
    }

    /// Graphs `indices` in mini-batches of `size` with their class labels and, given
    /// `layered`, each batch's layer graphs.
    func batches(_ indices: [Int], size: Int, _ layered: CollectionLayerGraphs? = nil) throws -> [GraphClassLabels.LabelledBatch] {
        try GraphClassLabels.batches(of: graphs, labels: labels, indices, size: size, layered: layered)
    }

    /// The model on one batch: on its graph, or layer l on `layers[l]`.
    private static func forward(_ model: GINClassifier, _ b: GraphMiniBatch, _ layers: [Graph]?) throws -> Tensor {
        guard let layers else { return try model(b.x, b.graph, b.segments) }
        return try model(b.x, layerGraphs: layers, b.segments)
    }

    private func accuracy(_ model: GINClassifier, _ batches: [(batch: GraphMiniBatch, y: Int32Tensor, layers: [Graph]?)]) throws -> Double {
        model.eval()
        return try GraphClassLabels.accuracy(withNoGrad { try batches.map { (try Self.forward(model, $0.batch, $0.layers), $0.y) } })
    }
}
