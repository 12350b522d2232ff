import Foundation
import GraphData
import MessagePassing
import NeuralNet
import TensorCore
import Training

/// The outcome of training one network on one long-range dataset.
public struct LongRangeResult: Codable, Sendable, Equatable {
    public let task: LongRangeTask
    /// Radius, depth or clique count.
    public let size: Int
    public let nodes: Int
    public let layers: Int
    public let seed: UInt64
    /// Accuracies at the reported epoch (the best of the selected accuracy, the first
    /// on ties): the selected one is the paper's number.
    public let trainAccuracy: Double
    public let testAccuracy: Double
    /// The reported epoch (1-based) and the epochs run.
    public let bestEpoch: Int
    public let epochsRun: Int
    public let seconds: Double
}

/// Trains a `LongRangeNetwork` on a `LongRangeDataset` with Adam and cross-entropy on the
/// readout nodes (one per graph), under a `LongRangeProtocol`:
///
///     every epoch: passesPerEpoch shuffled passes in mini-batches (disjoint unions);
///                  accuracy on the training set (measured during the passes, as the
///                  papers' loops do) and on the test set (evaluation mode);
///                  ReduceLROnPlateau on the selected accuracy;
///                  stop when it reaches 1.0 or has not improved for `patience` epochs.
///
/// With a `LongRangeCheckpoint` the loop's whole state is saved after every epoch and a
/// resumed run continues bit for bit.
public enum LongRangeTrainer {
    /// - Parameters: `checkpoint` saves (and with `resume` restores) the run;
    ///   `onEpoch(epoch, train, test)` is called after every epoch.
    /// - Throws: `TrainingError(.invalidInput)` for a bad protocol, an empty split or a
    ///   checkpoint of another run; `.io` when the checkpoint cannot be written.
    public static func train(_ data: LongRangeDataset, model kind: ModelKind, protocol p: LongRangeProtocol,
                             layers: Int? = nil, seed: UInt64, checkpoint: LongRangeCheckpoint? = nil,
                             onEpoch: (Int, Double, Double) -> Void = { _, _, _ in }) throws -> LongRangeResult {
        try p.validate()
        guard !data.train.isEmpty, !data.test.isEmpty else {
            throw TrainingError(.invalidInput, "long-range training", "\(data.task.rawValue) needs training and test examples")
        }
        let depth = layers ?? data.layers
        Random.seed(seed)
        let model = try LongRangeNetwork(kind: kind, style: p.residual ? .residual : .basic(batchNorm: p.batchNorm),
                                         inChannels: data.numFeatures, hidden: p.hidden, classes: data.numClasses,
                                         layers: depth, seed: seed)
        let optimizer = try Adam(model.parameters(), lr: p.learningRate, weightDecay: p.weightDecay)
        let plateau = try ReduceLROnPlateau(optimizer, mode: .max, factor: p.plateauFactor, patience: p.plateauPatience,
                                            thresholdMode: p.plateauAbsolute ? .abs : .rel, minLR: p.plateauMinLR)
        let train = Array(data.train), test = Array(data.test)
        let testBatches = try stride(from: 0, to: test.count, by: 1024).map {
            try MiniBatch(test[$0..<Swift.min($0 + 1024, test.count)])
        }
        var state = LongRangeCheckpoint.State(
            task: data.task, size: data.size, seed: seed, layers: depth, trainExamples: train.count,
            testExamples: test.count, protocolUsed: p, epoch: 0, finished: false,
            shuffle: RandomGenerator(seed: seed &+ 0x9E37_79B9), global: Random.withGenerator { $0 },
            plateau: plateau.state, best: -1, bestTrain: 0, bestTest: 0, bestEpoch: 0, sinceBest: 0, seconds: 0)
        if let checkpoint, let saved = try checkpoint.load(expecting: state, model: model, optimizer: optimizer) {
            state = saved
            plateau.restore(saved.plateau)
            Random.withGenerator { $0 = saved.global }
        }
        var rng = state.shuffle
        let start = DispatchTime.now().uptimeNanoseconds
        let secondsBefore = state.seconds
        var epoch = state.epoch
        while !state.finished && epoch < p.epochs {
            epoch += 1
            model.train()
            var correct = 0, seen = 0
            let batches = epochBatches(train, passes: p.passesPerEpoch, batchSize: p.batchSize, rng: &rng, model: model)
            while let batch = try batches.next() {
                optimizer.zeroGrad()
                let logits = try model(batch.x, batch.graph, readout: batch.readout)
                let loss = try Loss.crossEntropy(logits, batch.labels)
                try loss.backward()
                optimizer.step()
                correct += zip(try Metrics.argmax(logits: logits), batch.labels.scalars).filter { $0 == $1 }.count
                seen += batch.labels.count
            }
            let trainAccuracy = Double(correct) / Double(seen)
            let testAccuracy = try accuracy(model, testBatches)
            onEpoch(epoch, trainAccuracy, testAccuracy)
            let selected = p.selectOnTrain ? trainAccuracy : testAccuracy
            if selected > state.best + 1e-4 {
                state.best = selected
                state.bestTrain = trainAccuracy
                state.bestTest = testAccuracy
                state.bestEpoch = epoch
                state.sinceBest = 0
            } else {
                state.sinceBest += 1
            }
            if selected >= 1 || p.patience.map({ state.sinceBest >= $0 }) == true {
                state.finished = true
            } else {
                plateau.step(metric: selected)
            }
            state.epoch = epoch
            state.seconds = secondsBefore + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if let checkpoint {
                state.shuffle = rng
                state.global = Random.withGenerator { $0 }
                state.plateau = plateau.state
                try checkpoint.save(state, model: model, optimizer: optimizer)
            }
        }
        let seconds = secondsBefore + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return LongRangeResult(task: data.task, size: data.size, nodes: data.nodes, layers: depth, seed: seed,
                               trainAccuracy: state.bestTrain, testAccuracy: state.bestTest, bestEpoch: state.bestEpoch,
                               epochsRun: state.epoch, seconds: seconds)
    }

    /// One epoch's mini-batches: `passes` shuffled passes over `train` (all permutations
    /// drawn now, in pass order, so `rng` advances as if each were drawn at its pass),
    /// cut into batches of `batchSize` and built one ahead on a background thread with
    /// the model's topology caches (`Prefetcher`, `LongRangeNetwork.prepare`).
    private static func epochBatches(_ train: [LongRangeSample], passes: Int, batchSize: Int,
                                     rng: inout RandomGenerator, model: LongRangeNetwork) -> Prefetcher<MiniBatch> {
        var slices: [ArraySlice<Int>] = []
        for _ in 0..<passes {
            let order = rng.permutation(train.count)
            for s in stride(from: 0, to: order.count, by: batchSize) {
                slices.append(order[s..<Swift.min(s + batchSize, order.count)])
            }
        }
        return Prefetcher(count: slices.count) { i in
            let batch = try MiniBatch(slices[i].map { train[$0] })
            try model.prepare(batch.graph)
            return batch
        }
    }

    private static func accuracy(_ model: LongRangeNetwork, _ batches: [MiniBatch]) throws -> Double {
        model.eval()
        var correct = 0, total = 0
        for b in batches {
            let logits = try withNoGrad { try model(b.x, b.graph, readout: b.readout) }
            correct += zip(try Metrics.argmax(logits: logits), b.labels.scalars).filter { $0 == $1 }.count
            total += b.labels.count
        }
        return Double(correct) / Double(total)
    }

    /// Samples as one disjoint union: features `[ΣN, F]`, readout node ids `[B]`, labels `[B]`.
    struct MiniBatch {
        let graph: Graph
        let x: Tensor
        let readout: Int32Tensor
        let labels: Int32Tensor

        init<S: Sequence<LongRangeSample>>(_ samples: S) throws {
            let list = Array(samples)
            let union = try GraphBatch(list.map(\.graph))
            graph = union.graph
            guard let features = union.graph.nodeFeatures else {
                throw TrainingError(.invalidInput, "long-range training", "samples have no node features")
            }
            x = features.tensor()
            readout = Int32Tensor(zip(list, union.ptr).map { Int32(truncatingIfNeeded: $0.readout) + $1 })
            labels = Int32Tensor(list.map { Int32($0.label) })
        }
    }
}
