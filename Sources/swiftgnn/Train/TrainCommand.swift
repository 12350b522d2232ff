import ArgumentParser
import Foundation
import SwiftGNN

/// `swiftgnn train`: trains a model on a dataset for several seeds (and folds) with the
/// published hyperparameters as defaults and reports test mean ± std.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a GNN on a dataset and report the test score over seeds (and folds).",
        discussion: """
            The task follows the dataset (node classification for one-graph datasets, graph \
            classification for graph collections) unless --task is given; --task \
            link_prediction trains a link predictor on any graph. Each model's defaults are \
            the hyperparameters of its paper for that task; options override single ones. \
            Scores are taken at the epoch with the best validation score, except under \
            --protocol holdout (graph classification as in the FoSR code, Black et al. 2023 \
            Table 1: GCN by default), which reports the last epoch, the test mean and \
            plus/minus 2 std/sqrt(T), and the best-validation epoch's test score beside them. \
            With --out DIR: \
            summary.json, epochs.jsonl (one line per epoch), curves.svg (first run) and \
            model.safetensors (first run's best weights, for 'evaluate' and 'predict').
            """
    )

    @OptionGroup var data: DatasetOptions
    @Option(name: .customLong("model"), help: ArgumentHelp("Model: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")) (default: gcn, gin for graph tasks).",
                               valueName: "name"))
    var modelOption: ModelKind?
    @Option(help: ArgumentHelp("Task: \(TrainingTask.allCases.map(\.rawValue).joined(separator: ", ")) (default: the dataset's).",
                               valueName: "task"))
    var task: TrainingTask?
    @OptionGroup var hyper: HyperparameterOptions
    @Option(help: "Number of seeds (runs), seeds base-seed ..< base-seed + N.") var seeds = 1
    @Option(help: "First seed.") var baseSeed: UInt64 = 0
    @Option(help: "Cross-validation folds (graph classification, --protocol kfold; default 10).") var folds: Int?
    @Option(name: .customLong("protocol"),
            help: ArgumentHelp("Graph classification protocol: kfold (Xu et al.'s cross-validation, GIN; the default) or holdout (the FoSR code of Karhadkar et al. / Black et al.: random 80/10/10 split per seed, early stopping on a 1% validation goal with patience 100, last epoch reported with mean and 2 std/sqrt(T)).",
                               valueName: "kfold|holdout"))
    var protocolOption: GraphClassificationProtocol?
    @Flag(help: "Relational layers (R-GCN, 2 relations: input edges and edges added by --rewire); --protocol holdout, --model gcn.")
    var relational = false
    @Option(help: ArgumentHelp("Node split: a dataset split number, or 'random' (20 per class train, 30 per class validation).",
                               valueName: "k|random"))
    var split: String?
    @Option(help: ArgumentHelp("Directory for the summary, epoch log, plot and model.", valueName: "dir"))
    var out: String?
    @Flag(help: "Continue an interrupted run from --out DIR's checkpoint (node classification).") var resume = false
    @Flag(help: "Print one JSON summary on stdout instead of text.") var json = false
    @Flag(help: "No progress bar.") var quiet = false
    @Option(help: ArgumentHelp("Positional encoding appended to the node features: lap:K (Laplacian eigenvectors, random signs per graph as PyG's transform) or rw:K (random-walk landing probabilities).",
                               valueName: "lap:K|rw:K"))
    var pe: String?
    @OptionGroup(title: "Rewiring") var rewiring: TrainRewiringOptions

    func validate() throws {
        guard seeds > 0 else { throw ValidationError("--seeds must be positive") }
        guard (folds ?? 10) > 1 else { throw ValidationError("--folds must be at least 2") }
        guard !(protocolOption == .holdout && folds != nil) else {
            throw ValidationError("--folds applies to --protocol kfold; holdout draws one 80/10/10 split per seed")
        }
        guard !relational || protocolOption == .holdout else {
            throw ValidationError("--relational needs --protocol holdout")
        }
        guard !relational || modelOption == nil || modelOption == .gcn else {
            throw ValidationError("--relational builds R-GCN: use --model gcn (or leave --model out)")
        }
        guard !(resume && protocolOption != nil) else {
            throw ValidationError("--resume continues node-classification runs")
        }
        guard !resume || task == nil || task == .nodeClassification else {
            throw ValidationError("--resume continues node-classification runs")
        }
        guard !resume || out != nil else { throw ValidationError("--resume needs --out DIR (the interrupted run's directory)") }
    }

    func run() throws {
        let layerwise = try rewiring.layerwise()
        let rewired = try rewiring.applyWithEdgeTypes(to: data.load())
        var dataset = rewired.dataset
        let edgeTypes = rewired.edgeTypes
        let task = try self.task ?? Self.defaultTask(for: dataset)
        if protocolOption != nil && task != .graphClassification {
            throw CLIError.usage("--protocol applies to graph classification; \(dataset.name) is trained for \(task.rawValue)")
        }
        let gcProtocol = protocolOption ?? .kfold
        let holdout = task == .graphClassification && gcProtocol == .holdout
        let model = modelOption ?? (holdout ? .gcn : task == .graphClassification || task == .graphRegression ? .gin : .gcn)
        if let layerwise, task != .nodeClassification && task != .graphClassification {
            throw CLIError.usage("--rewire \(layerwise.name) (per-layer) trains node or graph classification, not \(task.rawValue)")
        }
        if let layerwise, relational {
            throw CLIError.usage("--relational takes a whole-graph --rewire (edge types: input and added edges), not the per-layer \(layerwise.name)")
        }
        let layerGraphs = layerwise.map { rewiring.provider($0, dataset: dataset.name) }
        var h = try hyper.apply(to: .published(model: model, task: task, dataset: dataset.name, protocol: gcProtocol))
        var normalizedBeforeEncoding = false
        if let pe {
            // Normalise the features before appending the encoding (then not again).
            normalizedBeforeEncoding = h.normalizeFeatures && (task == .nodeClassification || task == .linkPrediction)
            dataset = try PositionalEncoding(parsing: pe).apply(to: dataset, seed: baseSeed,
                                                                normalizingFeaturesFirst: normalizedBeforeEncoding)
            if normalizedBeforeEncoding { h.normalizeFeatures = false }
        }
        let outputs = try out.map { try RunOutputs(directory: URL(fileURLWithPath: $0), resume: resume) }
        let folds = self.folds ?? 10
        let runsPerSeed = task == .graphClassification && !holdout ? folds : 1
        // Hold-out trials stop early (up to 10⁶ epochs): the bar counts trials.
        var progress = ProgressBar(label: "\(model.rawValue) \(dataset.name)", total: (holdout ? 1 : h.epochs) * seeds * runsPerSeed,
                                   quiet: quiet || json)
        var done = 0
        let onEpoch: (EpochRecord) throws -> Void = { record in
            if !holdout { done += 1 }
            progress.update(done, status: String(format: "seed %d loss %.4f val %.3f", record.seed, record.loss,
                                                 record.val ?? .nan))
            try outputs?.log(record)
        }
        // model.safetensors: the first seed's network, with the input transforms it needs.
        let saveFirstRun = { (run: SeedRun, network: StackedGNN, description: SavedModel) throws in
            guard run.seed == baseSeed, let outputs else { return }
            var description = description
            description.rewiring = rewiring.arguments
            description.positionalEncoding = pe
            description.normalizedBeforeEncoding = normalizedBeforeEncoding
            try outputs.saveModel(network, description)
        }
        let summary: ExperimentSummary
        switch task {
        case .nodeClassification:
            let experiment = try NodeExperiment(datasetName: dataset.name, graph: dataset.graph, model: model,
                                                hyperparameters: h, seeds: seeds, baseSeed: baseSeed,
                                                split: try nodeSplit(dataset.graph), layerGraphs: layerGraphs)
            let completed = outputs?.completed ?? []
            done = completed.count * h.epochs
            summary = try experiment.run(completed: completed,
                                         checkpoint: outputs.map { .init(url: $0.checkpoint, every: 1, resume: resume) },
                                         onEpoch: onEpoch) { run, network, description in
                try saveFirstRun(run, network, description)
                try outputs?.finished(run)
            }
        case .graphClassification where holdout:
            let problem = try GraphClassificationHoldout(dataset: dataset, edgeTypes: relational ? edgeTypes : nil)
            let layered = try layerGraphs.map { try problem.layerGraphs($0, h) }
            var runs: [SeedRun] = [], parameters = 0
            for s in 0..<seeds {
                let result = try problem.trial(h, model: model, relations: relational ? problem.numRelations : 0,
                                               layered: layered, seed: baseSeed + UInt64(s), onEpoch: onEpoch)
                runs.append(result.run)
                parameters = result.parameters
                done += 1
            }
            var holdoutSummary = ExperimentSummary(
                dataset: dataset.name, model: relational ? "R-GCN" : model.displayName, task: task, seeds: seeds, folds: 1,
                epochs: h.epochs, parameters: parameters,
                split: "random 80/10/10 per seed; stop when validation accuracy has not beaten 1.01 x its last best for \(h.patience.map(String.init) ?? "unlimited") epochs; last epoch reported (FoSR code)",
                hyperparameters: h, runs: runs)
            holdoutSummary.addPlusMinus()
            summary = holdoutSummary
        case .graphClassification:
            guard model == .gin else {
                throw CLIError.usage("graph classification trains --model gin (Xu et al.'s classifier); got \(model.rawValue)")
            }
            let problem = try GraphClassification(dataset: dataset, layerGraphs: layerGraphs)
            var runs: [SeedRun] = [], parameters = 0
            for s in 0..<seeds {
                let result = try problem.crossValidate(h, folds: folds, seed: baseSeed + UInt64(s), onEpoch: onEpoch)
                runs += result.runs
                parameters = result.parameters
            }
            summary = ExperimentSummary(dataset: dataset.name, model: model.displayName, task: task, seeds: seeds,
                                        folds: folds, epochs: h.epochs, parameters: parameters,
                                        split: "stratified \(folds)-fold cross-validation; the epoch of best mean held-out accuracy (Xu et al.)",
                                        hyperparameters: h, runs: runs)
        case .graphRegression:
            guard model == .gin else {
                throw CLIError.usage("graph regression trains --model gin; got \(model.rawValue)")
            }
            let problem = try GraphRegression(dataset: dataset)
            var runs: [SeedRun] = [], parameters = 0
            for s in 0..<seeds {
                let result = try problem.run(h, seed: baseSeed + UInt64(s), onEpoch: onEpoch)
                runs.append(result.run)
                parameters = result.parameters
            }
            summary = ExperimentSummary(dataset: dataset.name, model: model.displayName, task: task, seeds: seeds,
                                        folds: 1, epochs: h.epochs, parameters: parameters,
                                        split: problem.publishedSplit == nil ? "random 80/10/10 per seed" : "published split",
                                        hyperparameters: h, runs: runs)
        case .linkPrediction:
            let experiment = try LinkExperiment(datasetName: dataset.name, graph: dataset.graph, model: model,
                                                hyperparameters: h, seeds: seeds, baseSeed: baseSeed)
            summary = try experiment.run(onEpoch: onEpoch) { run, network, description in
                try saveFirstRun(run, network, description)
            }
        }
        progress.finish()
        try outputs?.finish(summary)
        if json { return try printJSON(summary, snakeCase: true) }
        print(summary.headline)
        if let out { print("wrote \(out)/summary.json, epochs.jsonl, curves.svg, model.safetensors") }
    }

    private func nodeSplit(_ graph: Graph) throws -> NodeSplitChoice? {
        guard let split else { return nil }
        if split == "random" { return .randomPerClass(perClass: 20, validationPerClass: 30) }
        guard let k = Int(split), k >= 0 else { throw CLIError.usage("--split expects a split number or 'random', got '\(split)'") }
        return .dataset(k)
    }

    /// The training task a dataset implies.
    static func defaultTask(for dataset: Dataset) throws -> TrainingTask {
        switch dataset.task {
        case .nodeClassification: return .nodeClassification
        case .graphClassification: return .graphClassification
        case .graphRegression: return .graphRegression
        case .graphMultiLabel:
            throw CLIError.usage("\(dataset.name) is a \(dataset.task.rawValue) dataset; training supports node and graph classification, graph regression and link prediction")
        }
    }
}
