import Foundation
import SwiftGNN

/// What `train --out DIR` writes: `epochs.jsonl` as the epochs run, then
/// `model.safetensors` (first run's best weights), `curves.svg` (first run's loss and
/// accuracies per epoch) and `summary.json`.
final class RunOutputs {
    let directory: URL
    private let epochLog: EpochLog
    private var firstRun: [EpochRecord] = []
    private var firstSeed: Int?

    init(directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create the output directory \(directory.path): \(error.localizedDescription)",
                           exitCode: ExitStatus.io)
        }
        self.directory = directory
        epochLog = try EpochLog(url: directory.appendingPathComponent("epochs.jsonl"))
    }

    func log(_ record: EpochRecord) throws {
        try epochLog.write(record)
        if firstSeed == nil { firstSeed = record.seed }
        if record.seed == firstSeed && (record.fold ?? 0) == 0 { firstRun.append(record) }
    }

    func saveModel(_ network: StackedGNN, _ description: SavedModel) throws {
        try description.save(network, to: directory.appendingPathComponent("model.safetensors"))
    }

    func finish(_ summary: ExperimentSummary) throws {
        epochLog.close()
        let epochs = firstRun.map { Double($0.epoch) }
        var series = [SVGPlot.Series(name: "training loss", x: epochs, y: firstRun.map(\.loss))]
        for (name, path) in [("train", \EpochRecord.train), ("validation", \.val), ("test", \.test)] {
            series.append(SVGPlot.Series(name: "\(name) \(summary.metric)", x: epochs, y: firstRun.map { $0[keyPath: path] ?? .nan }))
        }
        let svg = SVGPlot.lines(series, title: "\(summary.model) on \(summary.dataset), seed \(firstSeed ?? 0)",
                                xLabel: "epoch", yLabel: "loss / \(summary.metric)")
        try SVGPlot.write(svg, to: directory.appendingPathComponent("curves.svg"))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(summary).write(to: directory.appendingPathComponent("summary.json"), options: .atomic)
    }
}
