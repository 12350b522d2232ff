import ArgumentParser
import Foundation
import SwiftGNN

/// `swiftgnn demo`: trains an MLP on the two-spirals problem end to end (data, model,
/// loss, optimizer, autograd), with a progress bar, and reports train/test accuracy.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Train an MLP on generated two-spirals data and report its accuracy.",
        discussion: """
            1,000 points on two interleaved spirals (500 per class), split 80/20 at random;
            an MLP 2-64-64-2 with ReLU, trained full-batch with Adam and cross-entropy.
            Graph training replaces this demo once the graph layers land.
            """
    )

    @Option(help: "Training epochs (full-batch steps).") var epochs = 400
    @Option(help: "Learning rate of Adam.") var lr: Float = 0.01
    @Option(help: "Hidden layer width.") var hidden = 64
    @Option(help: "Random seed for data, initialisation and the split.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON summary on stdout.") var json = false
    @Flag(help: "No progress bar.") var quiet = false

    func validate() throws {
        guard epochs > 0 else { throw ValidationError("--epochs must be positive") }
        guard hidden > 0 else { throw ValidationError("--hidden must be positive") }
        guard lr > 0 && lr.isFinite else { throw ValidationError("--lr must be a positive number") }
    }

    struct Summary: Encodable {
        let task = "two-spirals"
        let model: String
        let parameters: Int
        let epochs: Int
        let seed: UInt64
        let finalLoss: Float
        let trainAccuracy: Float
        let testAccuracy: Float
        let seconds: Double
        let msPerEpochMedian: Double

        enum CodingKeys: String, CodingKey {
            case task, model, parameters, epochs, seed
            case finalLoss = "final_loss", trainAccuracy = "train_accuracy", testAccuracy = "test_accuracy"
            case seconds, msPerEpochMedian = "ms_per_epoch_median"
        }
    }

    func run() throws {
        var rng = RandomGenerator(seed: seed)
        let data = TwoSpirals(pointsPerClass: 500, using: &rng)
        let order = rng.permutation(data.labels.count)
        let cut = data.labels.count * 4 / 5
        let train = data.subset(Array(order[..<cut])), test = data.subset(Array(order[cut...]))

        let model = try MLP(channels: [2, hidden, hidden, 2], activation: .relu, using: &rng)
        let optimizer = try Adam(model.parameters(), lr: lr)
        var progress = ProgressBar(label: "training", total: epochs, quiet: quiet || json)
        var lastLoss: Float = .nan
        var epochTimes: [Double] = []
        let start = Date()
        for epoch in 1...epochs {
            let t0 = Date()
            optimizer.zeroGrad()
            let loss = try Loss.crossEntropy(try model(train.features), train.labels)
            try loss.backward()
            optimizer.step()
            epochTimes.append(Date().timeIntervalSince(t0) * 1000)
            lastLoss = try loss.item()
            progress.update(epoch, status: String(format: "loss %.4f", lastLoss))
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)
        model.eval()
        let trainAcc = try withNoGrad { try accuracy(model(train.features), train.labels) }
        let testAcc = try withNoGrad { try accuracy(model(test.features), test.labels) }
        let summary = Summary(model: "MLP 2-\(hidden)-\(hidden)-2 (ReLU), Adam lr \(lr)", parameters: model.parameterCount,
                              epochs: epochs, seed: seed, finalLoss: lastLoss, trainAccuracy: trainAcc,
                              testAccuracy: testAcc, seconds: seconds,
                              msPerEpochMedian: epochTimes.sorted()[epochTimes.count / 2])
        if json {
            try printJSON(summary)
        } else {
            print("two spirals: \(train.labels.count) training and \(test.labels.count) test points")
            print("model: \(summary.model), \(summary.parameters) parameters")
            print(String(format: "trained %d epochs in %.2f s (median %.2f ms per epoch), final loss %.4f",
                         epochs, seconds, summary.msPerEpochMedian, lastLoss))
            print(String(format: "train accuracy %.1f%%, test accuracy %.1f%%", trainAcc * 100, testAcc * 100))
        }
    }

    /// Fraction of rows whose largest logit is the label's (first maximum on ties).
    private func accuracy(_ logits: Tensor, _ labels: Int32Tensor) throws -> Float {
        let predicted = try logits.argmax(axis: 1)
        let correct = zip(predicted.scalars, labels.scalars).filter { $0 == $1 }.count
        return Float(correct) / Float(max(labels.count, 1))
    }
}
