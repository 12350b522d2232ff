import Foundation
import Testing
@testable import Training

/// A 4-block SBM (100 nodes per block, p_in 0.1, p_out 0.005) whose 8 node features are
/// noise with a weak block signal: a node alone is hard to classify, its neighbourhood
/// is not. Random split: 20 train per class, 30·4 validation, the rest test.
func noisyBlockGraph(seed: UInt64) throws -> Graph {
    let k = 4, size = 100, f = 8
    let p = (0..<k).map { i in (0..<k).map { j in i == j ? 0.1 : 0.005 } }
    var g = try Graph.stochasticBlockModel(blockSizes: Array(repeating: size, count: k), edgeProbabilities: p, seed: seed)
    var rng = RandomGenerator(seed: seed &+ 1)
    var values = [Float](repeating: 0, count: g.numNodes * f)
    rng.fillNormal(&values, count: values.count)
    let y = g.nodeLabels!.classIds!
    for i in 0..<g.numNodes { values[i * f + Int(y[i])] += 0.8 }
    g.nodeFeatures = try .dense(g.numNodes, f, values)
    return g
}

@Suite struct NodeTrainingTests {
    let hyper = Hyperparameters(hidden: 16, layers: 2, dropout: 0.5, inputDropout: 0.5, learningRate: 0.01,
                                weightDecay: 5e-4, decayFirstLayerOnly: true, epochs: 100, normalizeFeatures: false)

    @Test("a GCN learns the blocks of an SBM graph that features alone do not reveal")
    func gcnLearnsBlocks() throws {
        let g = try noisyBlockGraph(seed: 3)
        let experiment = try NodeExperiment(datasetName: "sbm", graph: g, model: .gcn, hyperparameters: hyper, seeds: 1)
        let summary = try experiment.run()
        #expect(summary.testMean > 90, "GCN test accuracy \(summary.testMean)")
        // The same data without edges (an MLP's view) is far less separable: check the graph matters.
        let empty = try g.withEdges(source: [], target: [])
        let alone = try NodeExperiment(datasetName: "sbm-no-edges", graph: empty, model: .gcn, hyperparameters: hyper,
                                       seeds: 1).run()
        #expect(alone.testMean < summary.testMean - 15, "without edges \(alone.testMean), with \(summary.testMean)")
    }

    @Test("same seed, same losses and scores, bit for bit; another seed differs")
    func determinism() throws {
        let g = try noisyBlockGraph(seed: 5)
        var h = hyper
        h.epochs = 6
        func losses(_ model: ModelKind, seed: UInt64) throws -> [Double] {
            var out: [Double] = []
            _ = try NodeExperiment(datasetName: "sbm", graph: g, model: model, hyperparameters: h, seeds: 1,
                                   baseSeed: seed).run(onEpoch: { out.append($0.loss) })
            return out
        }
        for model in [ModelKind.gcn, .gat, .sage] {
            let a = try losses(model, seed: 1), b = try losses(model, seed: 1), c = try losses(model, seed: 2)
            #expect(a == b, "\(model) repeated run differs")
            #expect(a != c, "\(model) seeds 1 and 2 gave the same losses")
            #expect(a.count == 6 && a.allSatisfy(\.isFinite))
        }
    }

    @Test("the reported scores are those of the best validation epoch, whose weights are restored")
    func bestEpochRestored() throws {
        let g = try noisyBlockGraph(seed: 7)
        let problem = try NodeClassification(graph: g, normalizeFeatures: false)
        let split = try NodeSplitChoice.default(for: g).split(of: g, run: 0, seed: 0)
        let network = try ModelKind.gcn.nodeNetwork(inChannels: 8, outChannels: 4, hyper, fixedGraph: true, seed: 0)
        var records: [EpochRecord] = []
        let run = try problem.run(model: network, split: split, hyperparameters: hyper, seed: 0) { records.append($0) }
        let bestVal = records.compactMap(\.val).max()!
        let first = records.first { $0.val == bestVal }!
        #expect(run.bestEpoch == first.epoch)
        #expect(run.validation == bestVal && run.test == first.test)
        let again = try problem.evaluate(model: network, split: split)
        #expect(again.test == run.test && again.validation == run.validation)
    }

    @Test("early stopping ends the run patience epochs after the best one")
    func patience() throws {
        let g = try noisyBlockGraph(seed: 7)
        var h = hyper
        h.epochs = 500
        h.patience = 5
        h.learningRate = 0.05
        let problem = try NodeClassification(graph: g, normalizeFeatures: false)
        let split = try NodeSplitChoice.default(for: g).split(of: g, run: 0, seed: 0)
        let network = try ModelKind.sage.nodeNetwork(inChannels: 8, outChannels: 4, h, seed: 0)
        let run = try problem.run(model: network, split: split, hyperparameters: h, seed: 0)
        #expect(run.epochsRun < 500 && run.epochsRun >= run.bestEpoch + 5)
    }

    @Test("a run stopped after 4 epochs and resumed from its checkpoint repeats the uninterrupted run")
    func resumeFromCheckpoint() throws {
        let g = try noisyBlockGraph(seed: 11)
        let problem = try NodeClassification(graph: g, normalizeFeatures: false)
        let split = try NodeSplitChoice.default(for: g).split(of: g, run: 0, seed: 0)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-resume-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        var h = hyper
        h.epochs = 10
        let whole = try problem.run(model: try ModelKind.gcn.nodeNetwork(inChannels: 8, outChannels: 4, h, seed: 3),
                                    split: split, hyperparameters: h, seed: 3)
        var short = h
        short.epochs = 4
        _ = try problem.run(model: try ModelKind.gcn.nodeNetwork(inChannels: 8, outChannels: 4, short, seed: 3),
                            split: split, hyperparameters: short, seed: 3,
                            checkpoint: .init(url: url, every: 1))
        // A fresh network (other initial weights) picks up the saved state.
        let resumed = try problem.run(model: try ModelKind.gcn.nodeNetwork(inChannels: 8, outChannels: 4, h, seed: 99),
                                      split: split, hyperparameters: h, seed: 3,
                                      checkpoint: .init(url: url, every: 1, resume: true))
        #expect(resumed.losses == whole.losses)
        #expect(resumed.test == whole.test && resumed.bestEpoch == whole.bestEpoch)
    }

    @Test("a saved model reloads with the same predictions")
    func savedModelRoundTrip() throws {
        let g = try noisyBlockGraph(seed: 9)
        let network = try ModelKind.gat.nodeNetwork(inChannels: 8, outChannels: 4, .published(model: .gat, task: .nodeClassification, dataset: "sbm"), seed: 4)
        network.eval()
        let x = g.nodeFeatures!.tensor()
        let before = try network(x, g)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-saved-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let description = SavedModel(kind: .gat, task: .nodeClassification, dataset: "sbm", inChannels: 8, outChannels: 4,
                                     seed: 99, hyperparameters: .published(model: .gat, task: .nodeClassification, dataset: "sbm"))
        try description.save(network, to: url)
        let (saved, reloaded) = try SavedModel.load(from: url)
        #expect(saved.kind == .gat && saved.inChannels == 8 && saved.hyperparameters == description.hyperparameters)
        #expect(saved.rewiring.isEmpty)
        #expect(try reloaded(x, g).scalars == before.scalars)
        // The rewiring arguments round-trip; a bad value is refused with the key named.
        var rewired = description
        rewired.rewiring = ["--rewire", "laser", "--rho", "0.3"]
        try rewired.save(network, to: url)
        #expect(try SavedModel.load(from: url).0.rewiring == rewired.rewiring)
        rewired.positionalEncoding = "lap:8"
        rewired.normalizedBeforeEncoding = true
        try rewired.save(network, to: url)
        let encoded = try SavedModel.load(from: url).0
        #expect(encoded.positionalEncoding == "lap:8" && encoded.normalizedBeforeEncoding)
        try network.save(to: url, metadata: ["swiftgnn.model": "gat", "swiftgnn.task": "node_classification",
                                             "swiftgnn.dataset": "sbm", "swiftgnn.in_channels": "8",
                                             "swiftgnn.out_channels": "4", "swiftgnn.seed": "99",
                                             "swiftgnn.hyperparameters": String(decoding: try JSONEncoder().encode(description.hyperparameters), as: UTF8.self),
                                             "swiftgnn.rewiring": "--rewire laser"])
        #expect { try SavedModel.load(from: url) } throws: { "\($0)".contains("swiftgnn.rewiring") }
        // A plain safetensors file without the metadata is refused with the key named.
        try network.save(to: url)
        #expect { try SavedModel.load(from: url) } throws: { "\($0)".contains("swiftgnn.model") }
    }

    @Test("bad inputs: no features, no labels, bad hyperparameters, empty split")
    func badInputs() throws {
        var g = try noisyBlockGraph(seed: 1)
        g.nodeFeatures = nil
        #expect(throws: TrainingError.self) { try NodeClassification(graph: g, normalizeFeatures: false) }
        var h = hyper
        h.dropout = 1.5
        #expect { try h.validate() } throws: { "\($0)".contains("dropout") }
        h = hyper
        h.epochs = 0
        #expect(throws: TrainingError.self) { try h.validate() }
        let g2 = try noisyBlockGraph(seed: 1)
        #expect(throws: TrainingError.self) { try NodeSplitChoice.dataset(0).split(of: g2, run: 0, seed: 0) }
        let problem = try NodeClassification(graph: g2, normalizeFeatures: false)
        let none = NodeSplit(train: Array(repeating: false, count: g2.numNodes), validation: Array(repeating: true, count: g2.numNodes),
                             test: Array(repeating: true, count: g2.numNodes))
        let network = try ModelKind.gcn.nodeNetwork(inChannels: 8, outChannels: 4, hyper, seed: 0)
        #expect(throws: TrainingError.self) { try problem.run(model: network, split: none, hyperparameters: hyper, seed: 0) }
    }
}
