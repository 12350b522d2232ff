import Foundation
import Testing
import GraphData
import Training
@testable import Topology

@Suite struct LongRangeTrainerTests {
    static let quick = LongRangeProtocol(hidden: 16, epochs: 40, batchSize: 32, learningRate: 0.01, batchNorm: true,
                                         selectOnTrain: false)

    @Test func ringIsSolvedWhenTheLayersReachTheSource() throws {
        let data = try RingTransfer.dataset(radius: 2, crossed: false, samples: 100, train: 80, seed: 3)
        let r = try LongRangeTrainer.train(data, model: .gcn, protocol: Self.quick, seed: 1)
        #expect(r.testAccuracy == 1 && r.layers == 2 && r.epochsRun == r.bestEpoch)
    }

    @Test func ringIsNotSolvedWhenTheSourceIsOutOfReach() throws {
        // One layer: node 0 sees nodes 1 and 3, identical in every class, so its output is
        // the same for all graphs and the test accuracy is the share of one class.
        let data = try RingTransfer.dataset(radius: 2, crossed: false, samples: 100, train: 80, seed: 3)
        let r = try LongRangeTrainer.train(data, model: .gcn, protocol: Self.quick, layers: 1, seed: 1)
        var share = [Int](repeating: 0, count: 5)
        for s in data.test { share[s.label] += 1 }
        #expect(r.testAccuracy <= Double(share.max()!) / Double(data.test.count) + 1e-9)
        #expect(r.layers == 1)
    }

    @Test func treeResidualNetworkTrains() throws {
        let data = try TreeNeighborsMatch.dataset(depth: 2, seed: 1)
        var p = LongRangeProtocol.published(.tree, size: 2)
        p.epochs = 8
        p.passesPerEpoch = 25
        p.learningRate = 0.005
        var curve: [Double] = []
        let r = try LongRangeTrainer.train(data, model: .gcn, protocol: p, seed: 2) { _, train, _ in curve.append(train) }
        #expect(r.layers == 3 && curve.count == r.epochsRun)
        #expect(r.trainAccuracy > 0.5)  // chance is 0.25
        #expect(r.trainAccuracy == curve.max())
    }

    @Test("a checkpointed run resumed after epoch 3 continues bit for bit; other runs' files are refused")
    func checkpointResume() throws {
        let data = try RingTransfer.dataset(radius: 4, crossed: false, samples: 200, train: 160, seed: 3)
        var p = Self.quick
        p.epochs = 6
        p.learningRate = 0.002
        var whole: [[Double]] = []
        let uninterrupted = try LongRangeTrainer.train(data, model: .gcn, protocol: p, seed: 1) { _, a, b in whole.append([a, b]) }
        #expect(uninterrupted.epochsRun == 6, "the run must not stop early for the comparison to mean something")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-longrange-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("ring.safetensors")
        var first = p
        first.epochs = 3
        var parts: [[Double]] = []
        _ = try LongRangeTrainer.train(data, model: .gcn, protocol: first, seed: 1,
                                       checkpoint: LongRangeCheckpoint(url: url, resume: false)) { _, a, b in parts.append([a, b]) }
        // An existing file is not overwritten without resume.
        #expect(throws: TrainingError.self) {
            try LongRangeTrainer.train(data, model: .gcn, protocol: first, seed: 1, checkpoint: LongRangeCheckpoint(url: url, resume: false))
        }
        let resumed = try LongRangeTrainer.train(data, model: .gcn, protocol: p, seed: 1,
                                                 checkpoint: LongRangeCheckpoint(url: url, resume: true)) { _, a, b in parts.append([a, b]) }
        #expect(parts == whole)
        #expect(resumed.trainAccuracy == uninterrupted.trainAccuracy && resumed.testAccuracy == uninterrupted.testAccuracy)
        #expect(resumed.bestEpoch == uninterrupted.bestEpoch && resumed.epochsRun == 6)
        // Another seed, another protocol or another dataset size: refused, naming the file.
        var other = p
        other.learningRate = 0.01
        for (seed, proto, set) in [(UInt64(2), p, data), (1, other, data),
                                   (1, p, try RingTransfer.dataset(radius: 4, crossed: false, samples: 100, train: 80, seed: 3))] {
            #expect { try LongRangeTrainer.train(set, model: .gcn, protocol: proto, seed: seed,
                                                  checkpoint: LongRangeCheckpoint(url: url, resume: true)) }
                throws: { "\($0)".contains(url.path) }
        }
    }

    @Test func badProtocolThrows() throws {
        let data = try RingTransfer.dataset(radius: 2, crossed: false, samples: 10, train: 5)
        var p = Self.quick
        p.batchSize = 0
        #expect(throws: TrainingError.self) { try LongRangeTrainer.train(data, model: .gcn, protocol: p, seed: 1) }
        #expect(throws: TrainingError.self) {
            try LongRangeNetwork(kind: .gat, style: .residual, inChannels: 3, hidden: 6, classes: 2, layers: 2, seed: 0)
        }
        #expect(throws: TrainingError.self) {
            try LongRangeNetwork(kind: .gcn, style: .basic(batchNorm: true), inChannels: 3, hidden: 8, classes: 2, layers: 0, seed: 0)
        }
    }
}
