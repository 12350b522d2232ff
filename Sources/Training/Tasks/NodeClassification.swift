import Foundation

/// Full-batch node classification (Kipf & Welling's protocol, PyG's `examples/gcn.py`):
/// every epoch one Adam step on the cross-entropy of the training nodes, then an
/// evaluation pass; the reported scores are those of the epoch with the best validation
/// accuracy (the first such epoch on ties), whose weights are restored at the end.
///
/// - `x`: node features `[N, F]` (row-normalised when the hyperparameters say so);
///   labels: one class per node.
/// - `layerGraphs`: nil, or one graph per layer of the model on the same N nodes
///   (layer-wise rewiring; their edges are used, their node data are not): layer `l`
///   of the network then runs on `layerGraphs[l]` instead of `graph`.
public struct NodeClassification {
    public let graph: Graph
    public let layerGraphs: [Graph]?
    public let features: Tensor
    public let labels: [Int32]
    public let numClasses: Int
    /// The features as sparse rows when at most `sparseDensity` of them are non-zero;
    /// networks whose first layer reads them (`NodeNetwork.readsSparseInput`) get these.
    public let sparseFeatures: SparseFeatures?

    /// Feature matrices with at most this fraction of non-zeros go to sparse-reading
    /// networks as `SparseFeatures` (bag-of-words: Cora 1.3%, CoauthorCS 0.9%).
    public static let sparseDensity = 0.1

    /// - Parameters:
    ///   - normalizeFeatures: row-normalise first (PyG's `NormalizeFeatures`).
    ///   - sparseInput: nil decides by density (`sparseDensity`); true or false forces it.
    ///   - layerGraphs: one graph per layer (see the type), or nil.
    /// - Throws: `.invalidInput` when the graph has no node features or no class labels, or
    ///   a layer graph has another node count.
    public init(graph: Graph, normalizeFeatures: Bool, sparseInput: Bool? = nil, layerGraphs: [Graph]? = nil) throws {
        if let layerGraphs {
            guard !layerGraphs.isEmpty else {
                throw TrainingError(.invalidInput, "node classification", "no layer graphs (give nil for the input graph)")
            }
            if let bad = layerGraphs.firstIndex(where: { $0.numNodes != graph.numNodes }) {
                throw TrainingError(.invalidInput, "node classification", "layer \(bad)'s graph has \(layerGraphs[bad].numNodes) nodes, the graph has \(graph.numNodes)")
            }
        }
        self.layerGraphs = layerGraphs
        guard graph.nodeFeatures != nil else {
            throw TrainingError(.invalidInput, "node classification", "the graph has no node features")
        }
        guard let y = graph.nodeLabels?.classIds, y.count == graph.numNodes else {
            throw TrainingError(.invalidInput, "node classification", "the graph needs one class label per node")
        }
        let g = normalizeFeatures ? try graph.normalizingFeatures() : graph
        self.graph = g
        let matrix = g.nodeFeatures!
        features = matrix.tensor()
        labels = y
        numClasses = g.nodeLabels!.numClasses
        let sparse = try matrix.sparseFeatures()
        sparseFeatures = sparseInput ?? (sparse.density <= Self.sparseDensity) ? sparse : nil
    }

    /// The model's output `[N, C]` on this graph (or its layer graphs): from the sparse
    /// features when there are some and the model reads them, from the dense ones otherwise.
    public func forward(_ model: some NodeNetwork) throws -> Tensor {
        if let layerGraphs {
            if let sparseFeatures, model.readsSparseInput { return try model(sparseFeatures, layerGraphs: layerGraphs) }
            return try model(features, layerGraphs: layerGraphs)
        }
        if let sparseFeatures, model.readsSparseInput { return try model(sparseFeatures, graph) }
        return try model(features, graph)
    }

    /// Trains `model` on `split` and returns the scores at the best validation epoch.
    ///
    /// Every epoch starts from generators derived from `(seed, epoch)` (the global one
    /// and the network's dropout), so a run resumed from a checkpoint repeats the
    /// uninterrupted one; layers that keep a generator of their own (GAT's attention
    /// dropout) continue from where they are instead.
    ///
    /// - Parameters:
    ///   - model: maps `(x, graph)` to `[N, C]` logits; one Adam per parameter group.
    ///   - checkpoint: where to save the training state (every `checkpointEvery` epochs
    ///     and after the last) and, with `resume`, where to continue from when the file
    ///     exists.
    ///   - onEpoch: called after every epoch with its record (for logs and progress).
    public func run(model: some NodeNetwork, split: NodeSplit, hyperparameters h: Hyperparameters, seed: UInt64,
                    fold: Int? = nil, checkpoint: Checkpointing? = nil,
                    onEpoch: (EpochRecord) throws -> Void = { _ in }) throws -> SeedRun {
        let trainIdx = split.trainIndices, valMask = split.validation, testMask = split.test
        guard !trainIdx.isEmpty, valMask.contains(true), testMask.contains(true) else {
            throw TrainingError(.invalidInput, "node classification", "the split needs training, validation and test nodes (has \(split.counts))")
        }
        guard split.train.count == graph.numNodes else {
            throw TrainingError(.invalidInput, "node classification", "the split covers \(split.train.count) nodes, the graph has \(graph.numNodes)")
        }
        let trainTarget = Int32Tensor(trainIdx.map { labels[Int($0)] })
        let trainRows = Int32Tensor(trainIdx)
        let optimizers = try model.parameterGroups(weightDecay: h.weightDecay).map { try Adam($0.parameters, lr: h.learningRate, weightDecay: $0.weightDecay) }
        let stopper = EarlyStopping(patience: h.patience, mode: .max, rule: h.stoppingRule ?? .score)
        var times: [Double] = [], losses: [Double] = []
        var epoch = 0
        if let checkpoint, checkpoint.resume, FileManager.default.fileExists(atPath: checkpoint.url.path),
           try TrainingCheckpoint.runMetadata(at: checkpoint.url)["seed"] == String(seed) {
            // A checkpoint of another seed is a finished run's leftover: start afresh.
            let (saved, meta) = try TrainingCheckpoint.load(from: checkpoint.url, model: model, optimizers: optimizers,
                                                            earlyStopping: stopper)
            epoch = saved
            times = Self.decode(meta["epoch_times_ms"])
            losses = Self.decode(meta["losses"])
        }
        while epoch < h.epochs && !stopper.shouldStop {
            epoch += 1
            let epochSeed = seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(epoch)
            Random.seed(epochSeed)
            model.reseedDropout(epochSeed)
            model.train()
            let start = DispatchTime.now().uptimeNanoseconds
            for o in optimizers { o.zeroGrad() }
            let logits = try forward(model)
            let loss = try Loss.crossEntropy(logits.indexSelect(axis: 0, trainRows), trainTarget)
            try loss.backward()
            for o in optimizers { o.step() }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            times.append(ms)
            losses.append(Double(try loss.item()))
            let scores = try evaluate(model: model, split: split)
            _ = stopper.step(scores.validation, loss: scores.validationLoss, epoch: epoch, model: model)
            try onEpoch(EpochRecord(seed: Int(seed), fold: fold, epoch: epoch, loss: losses.last!, train: scores.train,
                                    val: scores.validation, test: scores.test, valLoss: scores.validationLoss,
                                    timeMs: ms))
            if let checkpoint, epoch % checkpoint.every == 0 || epoch == h.epochs || stopper.shouldStop {
                try TrainingCheckpoint.save(to: checkpoint.url, model: model, optimizers: optimizers, epoch: epoch,
                                            earlyStopping: stopper,
                                            metadata: ["seed": String(seed), "epoch_times_ms": Self.encode(times),
                                                       "losses": Self.encode(losses)])
            }
        }
        try stopper.restoreBest(into: model)
        let best = try evaluate(model: model, split: split)
        return SeedRun(seed: seed, fold: fold, bestEpoch: stopper.bestEpoch ?? epoch, epochsRun: epoch,
                       train: best.train, validation: best.validation, test: best.test, epochTimesMs: times,
                       losses: losses)
    }

    /// Accuracy on the train, validation and test nodes of `split`, and the mean
    /// cross-entropy of the validation nodes, in evaluation mode.
    public func evaluate(model: some NodeNetwork, split: NodeSplit) throws
        -> (train: Double, validation: Double, test: Double, validationLoss: Double) {
        model.eval()
        let logits = try withNoGrad { try forward(model) }
        let valIdx = split.validation.indices.filter { split.validation[$0] }.map { Int32($0) }
        let valLoss = try withNoGrad {
            try Loss.crossEntropy(logits.indexSelect(axis: 0, Int32Tensor(valIdx)),
                                  Int32Tensor(valIdx.map { labels[Int($0)] })).item()
        }
        return (try Metrics.accuracy(logits: logits, target: labels, mask: split.train),
                try Metrics.accuracy(logits: logits, target: labels, mask: split.validation),
                try Metrics.accuracy(logits: logits, target: labels, mask: split.test), Double(valLoss))
    }

    /// Where and how often a run saves its training state.
    public struct Checkpointing {
        public var url: URL
        public var every: Int
        /// Continue from `url` when it exists.
        public var resume: Bool

        public init(url: URL, every: Int = 10, resume: Bool = false) {
            self.url = url
            self.every = Swift.max(1, every)
            self.resume = resume
        }
    }

    static func encode(_ values: [Double]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode(_ text: String?) -> [Double] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([Double].self, from: Data(text.utf8))) ?? []
    }
}
