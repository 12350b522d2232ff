import Foundation

/// Graph regression with mini-batches (ZINC, QM9): a `GINClassifier` whose heads predict
/// the `T` targets of each graph, trained with the L1 loss (the mean absolute error the
/// ZINC benchmark reports) by Adam with the learning rate halved every 50 epochs; after
/// every epoch the validation and test MAE; the reported scores are those of the epoch
/// with the lowest validation MAE (the first on ties), whose weights are restored.
///
/// Split: the dataset's published one (`graphSplit`) when it has one, else a seeded
/// random 80 / 10 / 10 split of the graphs. Graphs without node features get the
/// one-hot in-degree, as in graph classification.
public struct GraphRegression {
    public let graphs: [Graph]
    /// `[G][T]` targets.
    public let targets: [[Float]]
    public let numTargets: Int
    public let numFeatures: Int
    public let publishedSplit: GraphSplit?

    /// - Throws: `.invalidInput` unless every graph has a row of real-valued targets.
    public init(dataset: Dataset) throws {
        var targets: [[Float]] = []
        for (k, g) in dataset.graphs.enumerated() {
            guard case .targets(let m)? = g.graphLabel, m.rows == 1, m.cols > 0 else {
                throw TrainingError(.invalidInput, "graph regression", "graph \(k) of \(dataset.name) has no regression targets")
            }
            targets.append(m.row(0))
        }
        guard let width = targets.first?.count, targets.allSatisfy({ $0.count == width }) else {
            throw TrainingError(.invalidInput, "graph regression", "\(dataset.name) needs the same number of targets for every graph")
        }
        let graphs = try GraphClassification.modelInputs(dataset.graphs)
        self.graphs = graphs
        self.targets = targets
        numTargets = width
        numFeatures = graphs[0].nodeFeatures!.cols
        publishedSplit = dataset.graphSplit
    }

    /// The published split, or a random 80 / 10 / 10 one drawn from `seed`.
    public func split(seed: UInt64) -> GraphSplit {
        if let publishedSplit { return publishedSplit }
        var rng = RandomGenerator(seed: seed)
        let order = rng.permutation(graphs.count)
        let nVal = graphs.count / 10, nTest = graphs.count / 10
        return GraphSplit(train: Array(order[(nVal + nTest)...]), validation: Array(order[..<nVal]),
                          test: Array(order[nVal..<(nVal + nTest)]))
    }

    /// One run: train, select on validation MAE, report train / validation / test MAE.
    public func run(_ h: Hyperparameters, seed: UInt64,
                    onEpoch: (EpochRecord) throws -> Void = { _ in }) throws -> (run: SeedRun, parameters: Int) {
        let parts = split(seed: seed)
        guard !parts.train.isEmpty, !parts.validation.isEmpty, !parts.test.isEmpty else {
            throw TrainingError(.invalidInput, "graph regression", "the split needs training, validation and test graphs")
        }
        Random.seed(seed)
        let model = try GINClassifier(inChannels: numFeatures, hidden: h.hidden, classes: numTargets, layers: h.layers,
                                      dropout: h.dropout, seed: seed)
        let optimizer = try Adam(model.parameters(), lr: h.learningRate, weightDecay: h.weightDecay)
        let schedule = try StepLR(optimizer, stepSize: 50, gamma: 0.5)
        let stopper = EarlyStopping(patience: h.patience, mode: .min)
        let trainEval = try batches(parts.train, 256), valBatches = try batches(parts.validation, 256)
        let testBatches = try batches(parts.test, 256)
        var rng = RandomGenerator(seed: seed)
        var times: [Double] = [], losses: [Double] = []
        var epoch = 0
        while epoch < h.epochs && !stopper.shouldStop {
            epoch += 1
            model.train()
            let order = rng.permutation(parts.train.count).map { parts.train[$0] }
            let start = DispatchTime.now().uptimeNanoseconds
            var lossSum = 0.0
            for (batch, y) in try batches(order, h.batchSize) {
                optimizer.zeroGrad()
                let loss = try Loss.l1(try model(batch.x, batch.graph, batch.segments), y)
                try loss.backward()
                optimizer.step()
                lossSum += Double(try loss.item()) * Double(batch.indices.count)
            }
            schedule.step()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            losses.append(lossSum / Double(parts.train.count))
            let val = try mae(model, valBatches), test = try mae(model, testBatches)
            stopper.step(val, epoch: epoch, model: model)
            try onEpoch(EpochRecord(seed: Int(seed), fold: nil, epoch: epoch, loss: losses.last!, train: nil, val: val,
                                    test: test, timeMs: times.last!))
        }
        try stopper.restoreBest(into: model)
        let run = SeedRun(seed: seed, bestEpoch: stopper.bestEpoch ?? epoch, epochsRun: epoch,
                          train: try mae(model, trainEval), validation: try mae(model, valBatches),
                          test: try mae(model, testBatches), epochTimesMs: times, losses: losses)
        return (run, model.parameterCount)
    }

    private func batches(_ indices: [Int], _ size: Int) throws -> [(batch: GraphMiniBatch, y: Tensor)] {
        try GraphMiniBatch.batches(of: graphs, indices, size: size).map { b in
            (b, try Tensor(shape: [b.indices.count, numTargets], scalars: b.indices.flatMap { targets[$0] }))
        }
    }

    /// Mean absolute error over every target of the batches' graphs, in evaluation mode.
    private func mae(_ model: GINClassifier, _ batches: [(batch: GraphMiniBatch, y: Tensor)]) throws -> Double {
        model.eval()
        var predicted: [Float] = [], target: [Float] = []
        for (b, y) in batches {
            predicted += try withNoGrad { try model(b.x, b.graph, b.segments) }.scalars
            target += y.scalars
        }
        return try Metrics.meanAbsoluteError(predicted: predicted, target: target)
    }
}
