import Foundation
import SwiftGNN

/// What `train --out DIR` writes: `epochs.jsonl` as the epochs run, `checkpoint.safetensors`
/// (the training state of the run in progress, every epoch) and `runs.json` (the runs
/// finished so far) while training; then `model.safetensors` (first run's best weights),
/// `curves.svg` (first run's loss and accuracies per epoch) and `summary.json`.
/// `--resume` continues from `runs.json` and `checkpoint.safetensors`.
final class RunOutputs {
    let directory: URL
    private let epochLog: EpochLog
    private var firstRun: [EpochRecord] = []
    private var firstSeed: Int?

    /// Runs finished before (resume), in order.
    private(set) var completed: [SeedRun] = []

    var checkpoint: URL { directory.appendingPathComponent("checkpoint.safetensors") }
    private var runsFile: URL { directory.appendingPathComponent("runs.json") }

    init(directory: URL, resume: Bool) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create the output directory \(directory.path): \(error.localizedDescription)",
                           exitCode: ExitStatus.io)
        }
        self.directory = directory
        epochLog = try EpochLog(url: directory.appendingPathComponent("epochs.jsonl"), append: resume)
        if resume, let data = try? Data(contentsOf: runsFile) {
            do { completed = try JSONDecoder().decode([SeedRun].self, from: data) } catch {
                throw CLIError("\(runsFile.path) is not a list of runs: \(error)", exitCode: ExitStatus.badData)
            }
        } else if !resume {
            try? FileManager.default.removeItem(at: checkpoint)
            try? FileManager.default.removeItem(at: runsFile)
        }
    }

    /// Records a finished run (so a resumed experiment skips it).
    func finished(_ run: SeedRun) throws {
        completed.append(run)
        try JSONEncoder().encode(completed).write(to: runsFile, options: .atomic)
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
        try? FileManager.default.removeItem(at: runsFile)
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
