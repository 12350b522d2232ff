import ArgumentParser
import Foundation
import SwiftGNN

extension LongRangeTask: ExpressibleByArgument {}

/// `swiftgnn longrange`: trains a GNN on a synthetic long-range task at every size of a
/// range and prints accuracy against radius (or depth).
struct LongRangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "longrange",
        abstract: "Accuracy against radius (or depth) on a synthetic long-range task.",
        discussion: """
            Tasks: ring, crossedring, cliquepath (Di Giovanni et al. 2023; --radius is the \
            distance r, 2r or 2(r-1) nodes, r layers), tree (Tree-NeighborsMatch of Alon & \
            Yahav 2021; --radius is the depth d, d+1 layers), nmatch (NeighborsMatch on a \
            path of --radius cliques of 10 nodes, Karhadkar et al. 2023). Each task trains \
            with its paper's protocol (width, batch, epochs, learning rate, schedule); options \
            override single fields. The reported accuracy is the paper's: best test accuracy \
            for the transfer tasks, best training accuracy for tree and nmatch.
            """
    )

    @Option(help: ArgumentHelp("Task: \(LongRangeTask.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "task"))
    var task: LongRangeTask
    @Option(help: ArgumentHelp("Model: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var model: ModelKind = .gcn
    @Option(help: ArgumentHelp("Sizes A...B (or one size A): radius, depth or clique count.", valueName: "A...B"))
    var radius: String
    @Option(help: "Step between sizes.") var step = 1
    @Option(help: "Hidden width (default: the paper's).") var hidden: Int?
    @Option(help: "Maximum epochs (default: the paper's).") var epochs: Int?
    @Option(help: "Passes over the training set per epoch (default: the paper's; tree: 100).") var passes: Int?
    @Option(help: "Batch size (default: the paper's).") var batchSize: Int?
    @Option(help: "Learning rate (default 1e-3).") var lr: Float?
    @Option(help: "Number of graph layers (default: the paper's for each size).") var layers: Int?
    @Option(help: "Examples per size (default: the paper's; transfer tasks 5500 with 500 held out).") var samples: Int?
    @Option(help: "Tree: permutations per depth (default: the paper's).") var permutations: Int?
    @Option(help: "Number of seeds per size.") var seeds = 1
    @Option(help: "First seed.") var baseSeed: UInt64 = 1
    @Option(help: ArgumentHelp("Save each run after every epoch in DIR/<task>-<model>-<size>-seed<seed>.safetensors (model, optimizer, schedule, generators, counters).", valueName: "dir"))
    var checkpointDir: String?
    @Flag(help: "With --checkpoint-dir: continue the runs whose checkpoints exist (bit for bit), start the others.")
    var resume = false
    @Flag(help: "Print one JSON object with the rows on stdout instead of a table.") var json = false
    @Flag(help: "No per-epoch progress on stderr.") var quiet = false

    /// `A...B`, `A..B` or `A`.
    static func parseRange(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.replacingOccurrences(of: "...", with: "..").components(separatedBy: "..")
        let values = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(values.count), let a = values.first ?? nil, let b = values.last ?? nil else {
            throw ValidationError("--radius '\(text)': expected A...B or A with integers")
        }
        guard a <= b else { throw ValidationError("--radius '\(text)': A must not exceed B") }
        return a...b
    }

    func validate() throws {
        let range = try Self.parseRange(radius)
        guard range.lowerBound >= 1, range.upperBound <= 4096 else {
            throw ValidationError("--radius \(radius): sizes must be within 1...4096")
        }
        guard step >= 1 else { throw ValidationError("--step must be positive") }
        guard seeds >= 1 else { throw ValidationError("--seeds must be positive") }
        guard !resume || checkpointDir != nil else { throw ValidationError("--resume needs --checkpoint-dir DIR") }
        for (name, value) in [("--hidden", hidden), ("--epochs", epochs), ("--passes", passes), ("--batch-size", batchSize),
                              ("--layers", layers), ("--samples", samples), ("--permutations", permutations)] {
            if let value, value < 1 { throw ValidationError("\(name) must be positive") }
        }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be positive") }
    }

    struct Row: Codable {
        let size: Int
        let nodes: Int
        let layers: Int
        let accuracyMean: Double
        let accuracyStd: Double
        let trainAccuracy: [Double]
        let testAccuracy: [Double]
        let epochs: [Int]
        let seconds: Double
    }

    struct Summary: Codable {
        let task: String
        let model: String
        let sizeName: String
        let metric: String
        let seeds: Int
        let rows: [Row]
    }

    func dataset(size: Int, seed: UInt64) throws -> LongRangeDataset {
        switch task {
        case .ring, .crossedRing:
            let n = samples ?? 5500
            return try RingTransfer.dataset(radius: size, crossed: task == .crossedRing, samples: n,
                                            train: n - Swift.max(n / 11, 1), seed: seed)
        case .cliquePath:
            let n = samples ?? 5500
            return try CliquePathTransfer.dataset(radius: size, samples: n, train: n - Swift.max(n / 11, 1), seed: seed)
        case .tree:
            return try TreeNeighborsMatch.dataset(depth: size, permutations: permutations, seed: seed)
        case .neighborsMatch:
            let n = samples ?? 10000
            return try CliquePathNeighborsMatch.dataset(cliques: size, samples: n, train: n - Swift.max(n / 10, 1), seed: seed)
        }
    }

    func run() throws {
        let range = try Self.parseRange(radius)
        let metric = LongRangeProtocol.published(task, size: range.lowerBound).selectOnTrain ? "train accuracy" : "test accuracy"
        let table = Table([.init(task.sizeName, width: 6, right: true), .init("nodes", width: 6, right: true),
                           .init("layers", width: 6, right: true), .init("accuracy", width: 15, right: true),
                           .init("train", width: 6, right: true), .init("test", width: 6, right: true),
                           .init("epochs", width: 6, right: true), .init("seconds", width: 8, right: true)])
        if !json {
            print("\(task.rawValue), \(model.displayName): \(metric) (mean ± std over \(seeds) seed\(seeds == 1 ? "" : "s"))")
            table.printHeader()
        }
        var rows: [Row] = []
        for size in stride(from: range.lowerBound, through: range.upperBound, by: step) {
            var p = LongRangeProtocol.published(task, size: size)
            if let hidden { p.hidden = hidden }
            if let epochs { p.epochs = epochs }
            if let passes { p.passesPerEpoch = passes }
            if let batchSize { p.batchSize = batchSize }
            if let lr { p.learningRate = lr }
            var results: [LongRangeResult] = []
            for k in 0..<seeds {
                let seed = baseSeed &+ UInt64(k)
                let data = try dataset(size: size, seed: seed)
                let checkpoint = checkpointDir.map {
                    LongRangeCheckpoint(url: URL(fileURLWithPath: $0).appendingPathComponent(
                        "\(task.rawValue)-\(model.rawValue)-\(size)-seed\(seed).safetensors"), resume: resume)
                }
                let result = try LongRangeTrainer.train(data, model: model, protocol: p, layers: layers, seed: seed,
                                                        checkpoint: checkpoint) {
                    epoch, train, test in
                    if !quiet && !json {
                        printError("  \(task.sizeName) \(size) seed \(seed) epoch \(epoch): "
                                   + String(format: "train %.4f test %.4f", train, test))
                    }
                }
                results.append(result)
            }
            let scores = results.map { p.selectOnTrain ? $0.trainAccuracy : $0.testAccuracy }
            let mean = scores.reduce(0, +) / Double(scores.count)
            let std = (scores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(scores.count)).squareRoot()
            let row = Row(size: size, nodes: results[0].nodes, layers: results[0].layers, accuracyMean: mean,
                          accuracyStd: std, trainAccuracy: results.map(\.trainAccuracy),
                          testAccuracy: results.map(\.testAccuracy), epochs: results.map(\.epochsRun),
                          seconds: results.reduce(0) { $0 + $1.seconds })
            rows.append(row)
            if !json {
                let trainMean = row.trainAccuracy.reduce(0, +) / Double(seeds)
                let testMean = row.testAccuracy.reduce(0, +) / Double(seeds)
                table.printRow(["\(size)", "\(row.nodes)", "\(row.layers)", String(format: "%.4f ± %.4f", mean, std),
                                String(format: "%.3f", trainMean), String(format: "%.3f", testMean),
                                "\(row.epochs.max() ?? 0)", String(format: "%.1f", row.seconds)])
            }
        }
        if json {
            try printJSON(Summary(task: task.rawValue, model: model.rawValue, sizeName: task.sizeName, metric: metric,
                                  seeds: seeds, rows: rows), snakeCase: true)
        }
    }
}
