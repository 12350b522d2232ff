/// Several seeds of link prediction on one graph (PyG's `examples/link_pred.py`),
/// summarised with ROC-AUC as a fraction.
///
/// Run r uses seed `s = baseSeed + r` for the random link split, the encoder's weights
/// and dropout masks, and every epoch's negatives; the global generator is reseeded with
/// `s` too. The encoder is `model.nodeNetwork(inChannels: F, outChannels:
/// LinkPrediction.embeddingChannels, ...)`, not caching its graph (training, validation
/// and test pass messages on different edge sets). Same arguments → same losses, bit
/// for bit.
public struct LinkExperiment {
    public var datasetName: String
    public var graph: Graph
    public var model: ModelKind
    public var hyperparameters: Hyperparameters
    public var seeds: Int
    public var baseSeed: UInt64

    /// - Throws: `.invalidInput` for invalid hyperparameters or `seeds <= 0`.
    public init(datasetName: String, graph: Graph, model: ModelKind, hyperparameters: Hyperparameters, seeds: Int,
                baseSeed: UInt64 = 0) throws {
        try hyperparameters.validate()
        guard seeds > 0 else { throw TrainingError(.invalidInput, "link experiment", "seeds is \(seeds), expected > 0") }
        self.datasetName = datasetName
        self.graph = graph
        self.model = model
        self.hyperparameters = hyperparameters
        self.seeds = seeds
        self.baseSeed = baseSeed
    }

    /// How the links are split (the summary's `split`).
    public static let splitDescription = "random link split per seed: 85% train / 5% validation / 10% test links "
        + "(undirected), 1 negative per held-out positive, fresh training negatives every epoch"

    /// Runs every seed; `onEpoch` sees each epoch's record, `onRun` each finished run with
    /// its trained encoder (weights of the best validation epoch) and its description.
    /// - Throws: `.invalidInput` when the graph has no node features or too few links.
    public func run(onEpoch: (EpochRecord) throws -> Void = { _ in },
                    onRun: (SeedRun, StackedGNN, SavedModel) throws -> Void = { _, _, _ in }) throws -> ExperimentSummary {
        let task = try LinkPrediction(graph: graph, normalizeFeatures: hyperparameters.normalizeFeatures)
        let inChannels = task.features.shape[1], outChannels = LinkPrediction.embeddingChannels
        var runs: [SeedRun] = []
        var parameterCount = 0
        for r in 0..<seeds {
            let seed = baseSeed + UInt64(r)
            Random.seed(seed)
            let encoder = try model.nodeNetwork(inChannels: inChannels, outChannels: outChannels, hyperparameters,
                                                fixedGraph: false, seed: seed)
            parameterCount = encoder.parameterCount
            let split = try task.split(seed: seed)
            let result = try task.run(model: encoder, split: split, hyperparameters: hyperparameters, seed: seed,
                                      onEpoch: onEpoch)
            runs.append(result)
            try onRun(result, encoder, SavedModel(kind: model, task: .linkPrediction, dataset: datasetName,
                                                  inChannels: inChannels, outChannels: outChannels, seed: seed,
                                                  hyperparameters: hyperparameters))
        }
        return ExperimentSummary(dataset: datasetName, model: model.displayName, task: .linkPrediction, seeds: seeds,
                                 folds: 1, epochs: hyperparameters.epochs, parameters: parameterCount,
                                 split: Self.splitDescription, hyperparameters: hyperparameters, runs: runs)
    }
}
