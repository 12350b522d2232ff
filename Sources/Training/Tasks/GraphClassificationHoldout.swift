import Foundation

/// Graph classification on random hold-out splits, the protocol of Karhadkar et al.'s FoSR
/// code (`run_graph_classification.py`, `experiments/graph_classification.py`) behind the
/// rewiring tables of Karhadkar et al. (2023) and Black et al. (2023, Table 1). One trial
/// (one seed):
///
/// - split: a random permutation, train = ⌊0.8 n⌋, validation = ⌊0.1 n⌋, test = the
///   rest (torch's `random_split` sizes);
/// - a fresh graph-level model (`ModelKind.graphNetwork`, mean readout), Adam with the
///   given learning rate and weight decay (the FoSR code passes none), mini-batches of
///   `batchSize` shuffled every epoch, cross-entropy;
/// - `ReduceLROnPlateau` with torch's defaults (min, factor 0.1, patience 10, relative
///   threshold 1e-4) stepped once per epoch on the SUM of that epoch's batch losses;
/// - after every epoch, train, validation and test accuracy (evaluation mode);
/// - stopping (`ThresholdStopping`): a validation accuracy above the goal resets the
///   counter and sets goal = accuracy × 1.01; otherwise the counter grows; the trial
///   stops when it exceeds `patience` (100), or after `epochs`.
///
/// **Reported: the accuracies of the last epoch** (the epoch training stopped), as the
/// FoSR code returns them and as the published tables use them; the run's `bestEpoch` is
/// that last epoch. The epoch with the highest validation accuracy (first on ties) and
/// its test accuracy are recorded beside it (`SeedRun.bestValidationEpoch`,
/// `testAtBestValidation`). The tables give the mean over trials and the "plus/minus"
/// `2 · std / √T` (numpy's std, ddof 0): `ExperimentSummary.addPlusMinus()`.
///
/// Node features: the dataset's; when a graph has none, every graph gets `x = ones(n, 1)`
/// (what the FoSR code does for IMDB-BINARY, REDDIT-BINARY and COLLAB). Edge weights
/// (such as DIGL's) are not read by the models, as in the FoSR code.
/// `edgeTypes` (one relation id per edge of each graph, e.g. `RewiringResult.edgeTypes`)
/// feed relational models through the batches. Layer-wise rewiring: given the layer graphs
/// of the collection (`layerGraphs(_:_:)`, built once for all trials), layer l of the
/// model runs on layer l's graph of each batch.
public struct GraphClassificationHoldout {
    public let graphs: [Graph]
    public let labels: [Int32]
    /// `[graph][edge]` relation ids, or nil (every edge relation 0).
    public let edgeTypes: [[Int32]]?
    public let numClasses: Int
    public let numFeatures: Int
    public var trainFraction = 0.8
    public var validationFraction = 0.1
    /// The relative gain a validation accuracy needs over the last best to reset patience.
    public var stoppingThreshold = 1.01

    /// - Throws: `.invalidInput` unless every graph has one class label, or when
    ///   `edgeTypes` does not give one id per edge of every graph.
    public init(dataset: Dataset, edgeTypes: [[Int32]]? = nil) throws {
        let labels = try GraphClassLabels.of(dataset)
        if let edgeTypes {
            guard edgeTypes.count == dataset.graphs.count else {
                throw TrainingError(.invalidInput, "graph classification", "\(edgeTypes.count) edge-type lists for \(dataset.graphs.count) graphs")
            }
            for (k, (g, t)) in zip(dataset.graphs, edgeTypes).enumerated() where t.count != g.numEdges || t.contains(where: { $0 < 0 }) {
                throw TrainingError(.invalidInput, "graph classification", "graph \(k) has \(g.numEdges) edges and \(t.count) edge types (expected one id >= 0 per edge)")
            }
        }
        graphs = try Self.modelInputs(dataset.graphs)
        self.labels = labels
        self.edgeTypes = edgeTypes
        numClasses = Int(labels.max() ?? 0) + 1
        numFeatures = graphs[0].nodeFeatures?.cols ?? 1
    }

    /// Relations a relational model needs: 1 + the largest edge type (at least 2, the FoSR
    /// code's `num_relations`: input edges and added edges).
    public var numRelations: Int { Swift.max(2, Int(edgeTypes?.lazy.compactMap { $0.max() }.max() ?? 0) + 1) }

    /// Labels removed; `x = ones(n, 1)` for every graph when any graph has no features.
    static func modelInputs(_ graphs: [Graph]) throws -> [Graph] {
        let unlabelled = GraphClassLabels.unlabelled(graphs)
        guard unlabelled.contains(where: { $0.nodeFeatures == nil || $0.nodeFeatures?.cols == 0 }) else { return unlabelled }
        return try unlabelled.map { g in
            var g = g
            g.nodeFeatures = try .dense(g.numNodes, 1, [Float](repeating: 1, count: g.numNodes))
            return g
        }
    }

    /// The sizes of torch's `random_split` in the FoSR code: ⌊train · n⌋, ⌊validation · n⌋, the rest.
    public static func splitSizes(_ n: Int, train: Double = 0.8, validation: Double = 0.1) -> (train: Int, validation: Int, test: Int) {
        let a = Swift.max(0, Swift.min(n, Int(train * Double(n))))
        let b = Swift.max(0, Swift.min(n - a, Int(validation * Double(n))))
        return (a, b, n - a - b)
    }

    /// A random split of `0..<n` with `splitSizes`: the first ⌊0.8 n⌋ of a permutation
    /// train, the next ⌊0.1 n⌋ validation, the rest test.
    public static func split(_ n: Int, train: Double = 0.8, validation: Double = 0.1,
                             using rng: inout RandomGenerator) -> (train: [Int], validation: [Int], test: [Int]) {
        let sizes = splitSizes(n, train: train, validation: validation)
        let p = rng.permutation(n)
        return (Array(p[0..<sizes.train]), Array(p[sizes.train..<(sizes.train + sizes.validation)]),
                Array(p[(sizes.train + sizes.validation)...]))
    }

    /// The layer graphs of every graph for a model with `h.layers` graph layers, built by
    /// `provider` once on the whole collection (`CollectionLayerGraphs`), for `trial`.
    public func layerGraphs(_ provider: LayerGraphProvider, _ h: Hyperparameters) throws -> CollectionLayerGraphs {
        try h.validate()
        return try CollectionLayerGraphs(graphs: graphs, provider: provider, numLayers: h.layers)
    }

    /// One trial: its own split, initialisation, batch order and dropout, all from `seed`.
    /// `relations > 0` builds relational layers (R-GCN) fed with `edgeTypes`; `layered`
    /// (from `layerGraphs(_:_:)`) runs layer l on layer l's graphs.
    /// - Throws: `.invalidInput` for relations together with layer graphs, or layer graphs
    ///   built for another number of layers.
    public func trial(_ h: Hyperparameters, model kind: ModelKind, relations: Int = 0, layered: CollectionLayerGraphs? = nil,
                      seed: UInt64, onEpoch: (EpochRecord) throws -> Void = { _ in }) throws -> (run: SeedRun, parameters: Int) {
        try h.validate()
        if let layered {
            guard relations == 0 else {
                throw TrainingError(.invalidInput, "graph classification", "relational layers take one graph with edge types, not layer graphs")
            }
            guard layered.numLayers == h.layers else {
                throw TrainingError(.invalidInput, "graph classification", "layer graphs for \(layered.numLayers) layers, the model has \(h.layers)")
            }
        }
        var rng = RandomGenerator(seed: seed)
        let split = Self.split(graphs.count, train: trainFraction, validation: validationFraction, using: &rng)
        guard !split.train.isEmpty, !split.validation.isEmpty, !split.test.isEmpty else {
            throw TrainingError(.invalidInput, "graph classification", "\(graphs.count) graphs leave an empty train, validation or test set")
        }
        let modelSeed = rng.next()
        Random.seed(modelSeed)
        let model = try kind.graphNetwork(inChannels: numFeatures, classes: numClasses, h, relations: relations, seed: modelSeed)
        let optimizer = try Adam(model.parameters(), lr: h.learningRate, weightDecay: h.weightDecay)
        let scheduler = try ReduceLROnPlateau(optimizer)
        var stopping = try ThresholdStopping(patience: h.patience ?? Int.max - 1, threshold: stoppingThreshold)
        let types = relations > 0 ? edgeTypes ?? graphs.map { [Int32](repeating: 0, count: $0.numEdges) } : nil
        let evalTrain = try batches(split.train, size: h.batchSize, types, layered)
        let evalValidation = try batches(split.validation, size: h.batchSize, types, layered)
        let evalTest = try batches(split.test, size: h.batchSize, types, layered)
        var times: [Double] = [], losses: [Double] = [], tests: [Double] = []
        var last = (train: 0.0, validation: 0.0, test: 0.0)
        for epoch in 1...h.epochs {
            model.train()
            let order = rng.permutation(split.train.count).map { split.train[$0] }
            let start = DispatchTime.now().uptimeNanoseconds
            var total = 0.0
            let batches = GraphClassLabels.prefetchedBatches(of: graphs, labels: labels, order, size: h.batchSize,
                                                             edgeTypes: types, layered: layered) {
                try model.prepare($0.batch.graph, layerGraphs: $0.layers)
            }
            while let batch = try batches.next() {
                optimizer.zeroGrad()
                let loss = try Loss.crossEntropy(Self.forward(model, batch), batch.y)
                try loss.backward()
                optimizer.step()
                total += Double(try loss.item())
            }
            scheduler.step(metric: total)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            last = (try accuracy(model, evalTrain), try accuracy(model, evalValidation), try accuracy(model, evalTest))
            times.append(ms)
            losses.append(total)
            tests.append(last.test)
            try onEpoch(EpochRecord(seed: Int(truncatingIfNeeded: seed), epoch: epoch, loss: total, train: last.train,
                                    val: last.validation, test: last.test, timeMs: ms))
            if stopping.update(last.validation) { break }
        }
        var run = SeedRun(seed: seed, bestEpoch: stopping.epochs, epochsRun: stopping.epochs, train: last.train,
                          validation: last.validation, test: last.test, epochTimesMs: times, losses: losses)
        run.bestValidationEpoch = stopping.bestEpoch
        run.testAtBestValidation = tests[stopping.bestEpoch - 1]
        return (run, model.parameterCount)
    }

    typealias LabelledBatch = GraphClassLabels.LabelledBatch

    /// Graphs `indices` in mini-batches of `size` with their class labels (and edge types,
    /// and layer graphs).
    func batches(_ indices: [Int], size: Int, _ types: [[Int32]]?, _ layered: CollectionLayerGraphs? = nil) throws
        -> [LabelledBatch] {
        try GraphClassLabels.batches(of: graphs, labels: labels, indices, size: size, edgeTypes: types, layered: layered)
    }

    /// The model on one batch: on its graph (with its edge types), or layer l on `layers[l]`.
    private static func forward(_ model: PooledGNN, _ b: LabelledBatch) throws -> Tensor {
        guard let layers = b.layers else { return try model(b.batch.x, b.batch.graph, b.batch.segments, edgeTypes: b.batch.edgeTypes) }
        return try model(b.batch.x, layerGraphs: layers, b.batch.segments)
    }

    private func accuracy(_ model: PooledGNN, _ batches: [LabelledBatch]) throws -> Double {
        model.eval()
        return try GraphClassLabels.accuracy(withNoGrad { try batches.map { (try Self.forward(model, $0), $0.y) } })
    }
}
