import ArgumentParser
import Foundation
import SwiftGNN

/// `--dataset NAME [--data-dir DIR] [--offline]`, shared by train, evaluate and predict.
struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset name (see 'swiftgnn datasets').", valueName: "name"))
    var dataset: String

    @Option(name: .long, help: ArgumentHelp("Data root directory (default $SWIFTGNN_DATA or ~/.cache/swiftgnn).",
                                            valueName: "dir"))
    var dataDir: String?

    @Flag(name: .long, help: "Never download; fail naming the missing files instead.")
    var offline = false

    func load() throws -> Dataset {
        try DatasetCatalog.load(dataset, root: DataRoot.resolve(dataDir), download: !offline)
    }
}

/// Overrides of single published hyperparameters.
struct HyperparameterOptions: ParsableArguments {
    @Option(help: "Hidden channels per layer (per head for GAT).") var hidden: Int?
    @Option(help: "Number of graph layers.") var layers: Int?
    @Option(help: "Attention heads of the hidden layers (GAT).") var heads: Int?
    @Option(help: "Dropout rate between layers.") var dropout: Float?
    @Option(help: "Dropout rate on the input features.") var inputDropout: Float?
    @Option(help: "Adam learning rate.") var lr: Float?
    @Option(help: "Weight decay (L2 penalty).") var weightDecay: Float?
    @Option(help: "Maximum epochs.") var epochs: Int?
    @Option(help: "Stop after this many epochs without a better validation score (0: never stop early).") var patience: Int?
    @Option(help: ArgumentHelp("Best-epoch rule of node classification: score (strictly better validation accuracy) or score_or_loss (the GAT paper's: patience restarts when accuracy or loss reaches its best, snapshot when both do).", valueName: "rule"))
    var stopping: EarlyStopping.Rule?
    @Option(help: "Graphs per mini-batch (graph tasks).") var batchSize: Int?

    /// `base` with every given option applied, validated.
    func apply(to base: Hyperparameters) throws -> Hyperparameters {
        var h = base
        if let hidden { h.hidden = hidden }
        if let layers { h.layers = layers }
        if let heads { h.heads = heads }
        if let dropout { h.dropout = dropout }
        if let inputDropout { h.inputDropout = inputDropout }
        if let lr { h.learningRate = lr }
        if let weightDecay { h.weightDecay = weightDecay }
        if let epochs { h.epochs = epochs }
        if let patience { h.patience = patience == 0 ? nil : patience }
        if let stopping { h.stoppingRule = stopping }
        if let batchSize { h.batchSize = batchSize }
        do { try h.validate() } catch let e as TrainingError { throw CLIError.usage(e.message) }
        return h
    }
}

extension ModelKind: ExpressibleByArgument {}
extension TrainingTask: ExpressibleByArgument {}
extension EarlyStopping.Rule: ExpressibleByArgument {}
extension GraphClassificationProtocol: ExpressibleByArgument {}
