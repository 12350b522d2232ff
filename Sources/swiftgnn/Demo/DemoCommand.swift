import ArgumentParser
import Foundation
import SwiftGNN

/// `swiftgnn demo`: trains a GCN on Zachary's karate club (embedded, no download) from
/// the labels of four members, reports the accuracy on the other thirty, and writes an
/// SVG of the learned 2-D node embedding coloured by class.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Train a GCN on the karate club and plot its learned 2-D embedding.",
        discussion: """
            The model of PyG's introductory example (Kipf & Welling's karate club \
            experiment): three GCN layers 34 → 4 → 4 → 2 with tanh, then a linear \
            classifier on the 2-D embedding; Adam, cross-entropy on the 4 labelled \
            members (one per class). Accuracy is reported on the 30 unlabelled members. \
            The embedding plot goes to karate-embedding.svg unless --svg says otherwise.
            """
    )

    @Option(help: "Training epochs (full-batch steps).") var epochs = 400
    @Option(help: "Learning rate of Adam.") var lr: Float = 0.01
    @Option(help: "Random seed of the weights.") var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Where to write the embedding plot.", valueName: "file")) var svg = "karate-embedding.svg"
    @Flag(help: "Print one JSON summary on stdout.") var json = false
    @Flag(help: "No progress bar.") var quiet = false

    func validate() throws {
        guard epochs > 0 else { throw ValidationError("--epochs must be positive") }
        guard lr > 0 && lr.isFinite else { throw ValidationError("--lr must be a positive number") }
    }

    struct Summary: Encodable {
        let dataset = "KarateClub"
        let model: String
        let parameters: Int
        let epochs: Int
        let seed: UInt64
        let finalLoss: Float
        let trainAccuracy: Double
        let unlabelledAccuracy: Double
        let msPerEpochMedian: Double
        let svg: String
    }

    func run() throws {
        let graph = try KarateClub().load().graph
        let labels = graph.nodeLabels?.classIds ?? []
        let split = graph.splits[0]
        let train = split.train
        let rest = train.map { !$0 }
        let model = try KarateModel(seed: seed)
        let x = graph.nodeFeatures!.tensor()
        let trainRows = Int32Tensor(split.trainIndices)
        let trainTarget = Int32Tensor(split.trainIndices.map { labels[Int($0)] })
        let optimizer = try Adam(model.parameters(), lr: lr)
        var progress = ProgressBar(label: "training", total: epochs, quiet: quiet || json)
        var times: [Double] = []
        var lastLoss: Float = .nan
        for epoch in 1...epochs {
            let start = DispatchTime.now().uptimeNanoseconds
            optimizer.zeroGrad()
            let loss = try Loss.crossEntropy(try model(x, graph).logits.indexSelect(axis: 0, trainRows), trainTarget)
            try loss.backward()
            optimizer.step()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            lastLoss = try loss.item()
            progress.update(epoch, status: String(format: "loss %.4f", lastLoss))
        }
        progress.finish()
        let (embedding, logits) = try withNoGrad { try model(x, graph) }
        let trainAccuracy = try Metrics.accuracy(logits: logits, target: labels, mask: train)
        let restAccuracy = try Metrics.accuracy(logits: logits, target: labels, mask: rest)
        let points = embedding.scalars
        let plot = SVGPlot.scatter(x: stride(from: 0, to: points.count, by: 2).map { Double(points[$0]) },
                                   y: stride(from: 1, to: points.count, by: 2).map { Double(points[$0]) },
                                   classes: labels.map(Int.init),
                                   title: "Karate club: GCN embedding after \(epochs) epochs")
        let url = URL(fileURLWithPath: svg)
        try SVGPlot.write(plot, to: url)
        let summary = Summary(model: "GCN 34-4-4-2 (tanh) + Linear 2-4", parameters: model.parameterCount,
                              epochs: epochs, seed: seed, finalLoss: lastLoss, trainAccuracy: trainAccuracy,
                              unlabelledAccuracy: restAccuracy, msPerEpochMedian: Bench.median(times), svg: url.path)
        if json { return try printJSON(summary, snakeCase: true) }
        print("karate club: 34 members, 78 friendships, 4 classes; 4 labelled members (one per class)")
        print("model: \(summary.model), \(summary.parameters) parameters")
        print(String(format: "trained %d epochs (median %.2f ms per epoch), final loss %.4f", epochs,
                     summary.msPerEpochMedian, lastLoss))
        print(String(format: "accuracy: labelled %.1f%%, unlabelled %.1f%% (%d of %d members)", trainAccuracy * 100,
                     restAccuracy * 100, Int((restAccuracy * Double(rest.filter { $0 }.count)).rounded()),
                     rest.filter { $0 }.count))
        print("embedding plot: \(url.path)")
    }
}

/// PyG's introductory karate-club GCN: `h = tanh(GCN(tanh(GCN(tanh(GCN(x))))))` in 2-D,
/// logits = `Linear(h)`.
final class KarateModel: Module {
    var isTraining = true
    var gnn: StackedGNN
    var classifier: Linear

    init(seed: UInt64) throws {
        var rng = RandomGenerator(seed: seed)
        let convs: [any NodeLayer] = [GCNConv(inChannels: 34, outChannels: 4, using: &rng),
                                      GCNConv(inChannels: 4, outChannels: 4, using: &rng),
                                      GCNConv(inChannels: 4, outChannels: 2, using: &rng)]
        gnn = try StackedGNN(convs: convs, activation: .tanh, dropout: 0, inputDropout: 0, seed: rng.next())
        classifier = Linear(inFeatures: 2, outFeatures: 4, using: &rng)
    }

    /// The 2-D embedding `[34, 2]` and the class logits `[34, 4]`.
    func callAsFunction(_ x: Tensor, _ graph: Graph) throws -> (embedding: Tensor, logits: Tensor) {
        let h = try gnn(x, graph).tanh()
        return (h, try classifier(h))
    }
}
