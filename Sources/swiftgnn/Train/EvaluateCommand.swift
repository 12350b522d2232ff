import ArgumentParser
import Foundation
import SwiftGNN

/// `swiftgnn evaluate`: scores a saved node-classification model on a dataset's split.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model saved by 'train --out' on a dataset's train, validation and test nodes.",
        discussion: """
            Rebuilds the model from the metadata of MODEL.safetensors, loads its weights and \
            prints its accuracy on each part of the node split (the dataset's split k, \
            default the first one, or --split random with --seed). The dataset defaults to \
            the one the model was trained on. A model trained with --rewire runs on the same \
            rewiring, recorded in the file (whole-graph methods rewire the dataset again, \
            per-layer methods rebuild the layer graphs with the recorded seed), and one \
            trained with --pe gets the same encoding.
            """
    )

    @Option(help: ArgumentHelp("Model file written by 'train --out DIR' (DIR/model.safetensors).", valueName: "file"))
    var model: String
    @Option(help: ArgumentHelp("Dataset (default: the model's).", valueName: "name")) var dataset: String?
    @Option(help: ArgumentHelp("Data root directory.", valueName: "dir")) var dataDir: String?
    @Flag(help: "Never download.") var offline = false
    @Option(help: ArgumentHelp("Node split: a dataset split number or 'random'.", valueName: "k|random")) var split: String?
    @Option(help: "Seed of a random split.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object.") var json = false

    struct Report: Encodable {
        let model: String
        let dataset: String
        let split: String
        let train: Double
        let validation: Double
        let test: Double
    }

    func run() throws {
        let loaded = try LoadedModel(path: model, dataset: dataset, dataDir: dataDir, offline: offline)
        let choice = try NodeSplitChoice(argument: split) ?? .default(for: loaded.problem.graph)
        let nodeSplit = try choice.split(of: loaded.problem.graph, run: 0, seed: seed)
        let scores = try loaded.problem.evaluate(model: loaded.network, split: nodeSplit)
        let report = Report(model: loaded.saved.kind.displayName, dataset: loaded.datasetName,
                            split: choice.describe(loaded.problem.graph), train: scores.train,
                            validation: scores.validation, test: scores.test)
        if json { return try printJSON(report, snakeCase: true) }
        print("\(report.model) on \(report.dataset) (\(report.split)): accuracy train "
              + String(format: "%.2f%%, validation %.2f%%, test %.2f%%", scores.train * 100, scores.validation * 100,
                       scores.test * 100))
    }
}

/// A saved model and the node-classification data it runs on (evaluate, predict).
struct LoadedModel {
    let saved: SavedModel
    let network: StackedGNN
    let problem: NodeClassification
    let datasetName: String

    init(path: String, dataset: String?, dataDir: String?, offline: Bool) throws {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError("model file \(url.path) does not exist", exitCode: ExitStatus.missingInput)
        }
        (saved, network) = try SavedModel.load(from: url)
        guard saved.task == .nodeClassification else {
            throw CLIError.usage("\(url.path) holds a \(saved.task.rawValue) model; evaluate and predict take node-classification models")
        }
        var data = try DatasetCatalog.load(dataset ?? saved.dataset, root: DataRoot.resolve(dataDir), download: !offline)
        // The rewiring the model was trained with: the same graph, or the same layer graphs.
        var layerGraphs: [Graph]?
        if !saved.rewiring.isEmpty {
            let rewiring: TrainRewiringOptions
            do { rewiring = try TrainRewiringOptions.parse(saved.rewiring) } catch {
                throw CLIError.usage("\(url.path): metadata 'swiftgnn.rewiring' \(saved.rewiring) is not valid: \(TrainRewiringOptions.message(for: error))")
            }
            printError("applying the model's rewiring: \(saved.rewiring.joined(separator: " "))")
            data = try rewiring.apply(to: data)
            if let method = try rewiring.layerwise() {
                layerGraphs = try rewiring.provider(method, dataset: data.name)
                    .layerGraphs(for: data.graph, numLayers: saved.hyperparameters.layers)
            }
        }
        if let pe = saved.positionalEncoding {
            do {
                data = try PositionalEncoding(parsing: pe).apply(to: data, seed: saved.seed,
                                                                 normalizingFeaturesFirst: saved.normalizedBeforeEncoding)
            } catch let e as DataError where e.kind == .usage {
                throw CLIError.usage("\(url.path): metadata 'swiftgnn.positional_encoding' '\(pe)': \(e.message)")
            }
        }
        problem = try NodeClassification(graph: data.graph, normalizeFeatures: saved.hyperparameters.normalizeFeatures,
                                         layerGraphs: layerGraphs)
        guard problem.features.shape[1] == saved.inChannels, problem.numClasses <= saved.outChannels else {
            throw CLIError.usage("\(data.name) has \(problem.features.shape[1]) features and \(problem.numClasses) classes; the model expects \(saved.inChannels) features and \(saved.outChannels) classes")
        }
        datasetName = data.name
    }
}

extension NodeSplitChoice {
    /// `--split k|random`; nil when not given.
    init?(argument: String?) throws {
        guard let argument else { return nil }
        if argument == "random" {
            self = .randomPerClass(perClass: 20, validationPerClass: 30)
            return
        }
        guard let k = Int(argument), k >= 0 else {
            throw CLIError.usage("--split expects a split number or 'random', got '\(argument)'")
        }
        self = .dataset(k)
    }
}
