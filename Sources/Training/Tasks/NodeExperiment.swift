import Foundation

/// Several seeds of node classification on one dataset, summarised.
///
/// Run r uses seed `baseSeed + r` for the weights, dropout masks and a random split;
/// the global generator is reseeded too, so layers that draw from it (attention
/// dropout) repeat as well. Same arguments → same losses, bit for bit.
///
/// With `layerGraphs` (layer-wise rewiring) the provider builds one graph per model layer
/// (L = `hyperparameters.layers`) from `graph` once, shared by every seed; layer l of each
/// network runs on graph l (`NodeClassification.layerGraphs`).
public struct NodeExperiment {
    public var datasetName: String
    public var graph: Graph
    public var model: ModelKind
    public var hyperparameters: Hyperparameters
    public var seeds: Int
    public var baseSeed: UInt64
    public var split: NodeSplitChoice
    public var layerGraphs: LayerGraphProvider?

    public init(datasetName: String, graph: Graph, model: ModelKind, hyperparameters: Hyperparameters, seeds: Int,
                baseSeed: UInt64 = 0, split: NodeSplitChoice? = nil, layerGraphs: LayerGraphProvider? = nil) throws {
        self.layerGraphs = layerGraphs
        try hyperparameters.validate()
        guard seeds > 0 else { throw TrainingError(.invalidInput, "node experiment", "seeds is \(seeds), expected > 0") }
        self.datasetName = datasetName
        self.graph = graph
        self.model = model
        self.hyperparameters = hyperparameters
        self.seeds = seeds
        self.baseSeed = baseSeed
        self.split = split ?? .default(for: graph)
    }

    /// Runs every seed; `onEpoch` sees each epoch's record, `onRun` each finished run with
    /// its trained model (weights of the best validation epoch) and its description.
    ///
    /// - Parameters:
    ///   - completed: runs finished before an interruption (their seeds are skipped and
    ///     their results kept, in order).
    ///   - checkpoint: the training state of the run in progress (see
    ///     `NodeClassification.run`).
    public func run(completed: [SeedRun] = [], checkpoint: NodeClassification.Checkpointing? = nil,
                    onEpoch: (EpochRecord) throws -> Void = { _ in },
                    onRun: (SeedRun, StackedGNN, SavedModel) throws -> Void = { _, _, _ in }) throws -> ExperimentSummary {
        let perLayer = try layerGraphs?.layerGraphs(for: graph, numLayers: hyperparameters.layers)
        let task = try NodeClassification(graph: graph, normalizeFeatures: hyperparameters.normalizeFeatures,
                                          layerGraphs: perLayer)
        var runs: [SeedRun] = []
        var parameterCount = 0
        for r in 0..<seeds {
            let seed = baseSeed + UInt64(r)
            let network = try model.nodeNetwork(inChannels: task.features.shape[1], outChannels: task.numClasses,
                                                hyperparameters, fixedGraph: true, seed: seed)
            parameterCount = network.parameterCount
            if let done = completed.first(where: { $0.seed == seed }) {
                runs.append(done)
                continue
            }
            let nodeSplit = try split.split(of: graph, run: r, seed: seed)
            let result = try task.run(model: network, split: nodeSplit, hyperparameters: hyperparameters, seed: seed,
                                      checkpoint: checkpoint, onEpoch: onEpoch)
            runs.append(result)
            try onRun(result, network, SavedModel(kind: model, task: .nodeClassification, dataset: datasetName,
                                                  inChannels: task.features.shape[1], outChannels: task.numClasses,
                                                  seed: seed, hyperparameters: hyperparameters))
            if let checkpoint { try? FileManager.default.removeItem(at: checkpoint.url) }
        }
        return ExperimentSummary(dataset: datasetName, model: model.displayName, task: .nodeClassification,
                                 seeds: seeds, folds: 1, epochs: hyperparameters.epochs, parameters: parameterCount,
                                 split: split.describe(graph), hyperparameters: hyperparameters, runs: runs)
    }
}
