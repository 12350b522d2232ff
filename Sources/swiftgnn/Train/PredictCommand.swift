import ArgumentParser
import Foundation
import SwiftGNN

/// `swiftgnn predict`: writes a saved model's class predictions for every node as CSV.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Write a saved model's predicted class and class probabilities for every node to CSV.",
        discussion: """
            Columns: node, predicted, then prob_0 ... prob_{C-1} (softmax of the logits). \
            Writes to --output (atomically) or to stdout. A model trained with --rewire runs on \
            the same rewiring, recorded in the file (see 'evaluate --help').
            """
    )

    @Option(help: ArgumentHelp("Model file written by 'train --out DIR'.", valueName: "file")) var model: String
    @Option(help: ArgumentHelp("Dataset (default: the model's).", valueName: "name")) var dataset: String?
    @Option(help: ArgumentHelp("Data root directory.", valueName: "dir")) var dataDir: String?
    @Flag(help: "Never download.") var offline = false
    @Option(help: ArgumentHelp("CSV file to write (default: stdout).", valueName: "file")) var output: String?

    func run() throws {
        let loaded = try LoadedModel(path: model, dataset: dataset, dataDir: dataDir, offline: offline)
        let logits = try withNoGrad { try loaded.problem.forward(loaded.network) }
        let probabilities = try logits.softmax(axis: 1)
        let predicted = try Metrics.argmax(logits: logits)
        let c = logits.shape[1]
        let p = probabilities.scalars
        var csv = "node,predicted," + (0..<c).map { "prob_\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<logits.shape[0] {
            csv += "\(i),\(predicted[i])," + (0..<c).map { String(format: "%.6g", p[i * c + $0]) }.joined(separator: ",") + "\n"
        }
        guard let output else { return print(csv, terminator: "") }
        do {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CLIError("cannot write \(output): \(error.localizedDescription)", exitCode: ExitStatus.io)
        }
        printError("wrote \(logits.shape[0]) predictions to \(output)")
    }
}
