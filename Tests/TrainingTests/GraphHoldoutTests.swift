import Foundation
import Testing
@testable import Training

@Suite struct GraphHoldoutTests {
    @Test("stopping rule: a new best needs 1.01 x the last best; stop when the counter exceeds patience")
    func stoppingRule() throws {
        var rule = try ThresholdStopping(patience: 2, threshold: 1.01)
        // goal 0 → 0.505 after epoch 1; 0.505 is not above it, 0.6 is (goal 0.606).
        let scores = [0.5, 0.505, 0.504, 0.6, 0.6, 0.6, 0.6, 0.9]
        var stops: [Bool] = []
        var counters: [Int] = []
        for s in scores {
            let stop = rule.update(s)
            stops.append(stop)
            counters.append(rule.counter)
            if stop { break }
        }
        #expect(counters == [0, 1, 2, 0, 1, 2, 3])
        #expect(stops == [false, false, false, false, false, false, true])
        #expect(rule.epochs == 7)
        #expect(abs(rule.goal - 0.606) < 1e-12)
        #expect(rule.bestEpoch == 4 && rule.bestScore == 0.6, "first epoch of the highest score")

        var strict = try ThresholdStopping(patience: 0)
        let strictStops = [0.5, 0.5].map { strict.update($0) }
        #expect(strictStops == [false, true], "patience 0 stops at the first epoch without a new best")

        // Without the 1 % margin (threshold 1) a tiny gain resets the counter.
        var loose = try ThresholdStopping(patience: 1, threshold: 1)
        let looseStops = [0.5, 0.5001, 0.5002, 0.5002, 0.5].map { loose.update($0) }
        #expect(looseStops == [false, false, false, false, true])
        #expect(throws: TrainingError.self) { try ThresholdStopping(patience: -1) }
        #expect(throws: TrainingError.self) { try ThresholdStopping(threshold: 0.99) }
        #expect(throws: TrainingError.self) { try ThresholdStopping(threshold: .infinity) }
    }

    @Test("split sizes are torch random_split's int(0.8 n), int(0.1 n), rest; the split is a partition")
    func splitSizes() throws {
        let sizes = [188, 600, 1000, 7, 1].map { GraphClassificationHoldout.splitSizes($0) }
        #expect(sizes.map(\.train) == [150, 480, 800, 5, 0])
        #expect(sizes.map(\.validation) == [18, 60, 100, 0, 0])
        #expect(sizes.map(\.test) == [20, 60, 100, 2, 1])
        var a = RandomGenerator(seed: 3), b = RandomGenerator(seed: 3), c = RandomGenerator(seed: 4)
        let s1 = GraphClassificationHoldout.split(188, using: &a)
        let s2 = GraphClassificationHoldout.split(188, using: &b)
        let s3 = GraphClassificationHoldout.split(188, using: &c)
        #expect(s1.train == s2.train && s1.test == s2.test, "same seed, same split")
        #expect(s1.train != s3.train, "another seed, another split")
        #expect((s1.train + s1.validation + s1.test).sorted() == Array(0..<188))
        #expect(s1.train.count == 150 && s1.validation.count == 18 && s1.test.count == 20)
    }

    /// Two small graphs with features `[n, 3]` as one batch.
    func twoGraphs() throws -> [Graph] {
        var a = try Graph.ring(4)
        a.nodeFeatures = try .dense(4, 3, (0..<12).map { Float($0) / 10 })
        var b = try Graph.path(3)
        b.nodeFeatures = try .dense(3, 3, (0..<9).map { Float(9 - $0) / 7 })
        return [a, b]
    }

    @Test("graph network: 5 convolutions [in, 64 x 4, C], output [B, C] = mean over each graph's last-layer rows")
    func modelShapesAndMeanPool() throws {
        let h = Hyperparameters.published(model: .gcn, task: .graphClassification, dataset: "MUTAG", protocol: .holdout)
        #expect(h.layers == 5 && h.hidden == 64 && h.dropout == 0.5 && h.inputDropout == 0)
        #expect(h.learningRate == 1e-3 && h.weightDecay == 0 && h.batchSize == 64 && h.patience == 100)
        let model = try ModelKind.gcn.graphNetwork(inChannels: 3, classes: 4, h, seed: 1)
        #expect(model.body.convs.count == 5)
        let shapes = model.namedParameters().filter { $0.name.hasSuffix("weight") }.map(\.tensor.shape)
        #expect(shapes == [[64, 3], [64, 64], [64, 64], [64, 64], [4, 64]], "\(shapes)")
        let graphs = try twoGraphs()
        let batch = try #require(try GraphMiniBatch.batches(of: graphs, [0, 1], size: 8).first)
        model.eval()
        let out = try model(batch.x, batch.graph, batch.segments)
        #expect(out.shape == [2, 4])
        let nodes = try model.body(batch.x, batch.graph).scalars
        for (g, range) in [(0, 0..<4), (1, 4..<7)] {
            for c in 0..<4 {
                let mean = range.reduce(Float(0)) { $0 + nodes[$1 * 4 + c] } / Float(range.count)
                #expect(abs(out.scalars[g * 4 + c] - mean) < 1e-5)
            }
        }
        // Each graph alone gives its row of the batch (no leakage across graphs).
        for g in 0..<2 {
            let single = try #require(try GraphMiniBatch.batches(of: graphs, [g], size: 8).first)
            let row = try model(single.x, single.graph, single.segments).scalars
            for c in 0..<4 { #expect(abs(row[c] - out.scalars[g * 4 + c]) < 1e-5) }
        }
        let sage = try ModelKind.sage.graphNetwork(inChannels: 3, classes: 2, h, seed: 1)
        #expect(try sage(batch.x, batch.graph, batch.segments).shape == [2, 2])
        #expect(throws: TrainingError.self) { try ModelKind.sage.graphNetwork(inChannels: 3, classes: 2, h, relations: 2, seed: 1) }
        #expect(throws: TrainingError.self) { try ModelKind.gcn.graphNetwork(inChannels: 0, classes: 2, h, seed: 1) }
    }

    @Test("R-GCN: edge types travel through batching in edge order and change the output")
    func relationalBatching() throws {
        let graphs = try twoGraphs()
        let types: [[Int32]] = graphs.map { g in (0..<g.numEdges).map { Int32($0 % 3 == 0 ? 1 : 0) } }
        let batch = try #require(try GraphMiniBatch.batches(of: graphs, [1, 0], size: 8, edgeTypes: types).first)
        #expect(batch.edgeTypes == types[1] + types[0])
        #expect(batch.graph.numEdges == graphs[0].numEdges + graphs[1].numEdges)
        #expect(throws: TrainingError.self) {
            try GraphMiniBatch.batches(of: graphs, [0], size: 8, edgeTypes: [[0], [0]])
        }
        var h = Hyperparameters.published(model: .gcn, task: .graphClassification, dataset: "x", protocol: .holdout)
        h.hidden = 8
        h.layers = 3
        let model = try ModelKind.gcn.graphNetwork(inChannels: 3, classes: 2, h, relations: 2, seed: 5)
        #expect(model.body.convs.allSatisfy { $0 is RGCNConv })
        model.eval()
        let out = try model(batch.x, batch.graph, batch.segments, edgeTypes: batch.edgeTypes ?? [])
        #expect(out.shape == [2, 2])
        for (row, g) in [1, 0].enumerated() {
            let single = try #require(try GraphMiniBatch.batches(of: graphs, [g], size: 8, edgeTypes: types).first)
            let alone = try model(single.x, single.graph, single.segments, edgeTypes: single.edgeTypes ?? []).scalars
            for c in 0..<2 { #expect(abs(alone[c] - out.scalars[row * 2 + c]) < 1e-5) }
        }
        let zeros = [Int32](repeating: 0, count: batch.graph.numEdges)
        let untyped = try model(batch.x, batch.graph, batch.segments).scalars
        let allZero = try model(batch.x, batch.graph, batch.segments, edgeTypes: zeros).scalars
        #expect(untyped == allZero, "no edge types means every edge is relation 0")
        #expect(zip(untyped, out.scalars).contains { abs($0 - $1) > 1e-4 }, "relation 1 has its own weights")
        #expect(throws: (any Error).self) {
            try model(batch.x, batch.graph, batch.segments, edgeTypes: [Int32](repeating: 2, count: batch.graph.numEdges))
        }
    }

    @Test("a trial reports its last epoch, records the best-validation one, and repeats with its seed")
    func trialReportsLastEpoch() throws {
        var dataset = try ringsAndTrees()
        dataset.graphs = dataset.graphs.map { var g = $0; g.nodeFeatures = nil; return g }
        let problem = try GraphClassificationHoldout(dataset: dataset)
        #expect(problem.numFeatures == 1, "featureless graphs get x = ones(n, 1)")
        #expect(problem.graphs.allSatisfy { $0.nodeFeatures?.denseValues().allSatisfy { $0 == 1 } == true })
        var h = Hyperparameters.published(model: .gcn, task: .graphClassification, dataset: "x", protocol: .holdout)
        h.hidden = 8
        h.layers = 2
        h.epochs = 30
        h.patience = 3
        h.batchSize = 16
        var records: [EpochRecord] = []
        let (run, parameters) = try problem.trial(h, model: .gcn, seed: 7) { records.append($0) }
        #expect(parameters == (1 * 8 + 8) + (8 * 2 + 2))
        #expect(records.count == run.epochsRun && run.bestEpoch == run.epochsRun)
        let last = try #require(records.last)
        #expect(run.test == last.test && run.validation == last.val && run.train == last.train)
        // Replay the rule on the logged validation scores: it stops exactly there.
        var rule = try ThresholdStopping(patience: 3)
        let stopAt = records.firstIndex { rule.update($0.val ?? 0) }.map { $0 + 1 } ?? h.epochs
        #expect(stopAt == run.epochsRun)
        let best = try #require(run.bestValidationEpoch)
        let vals = records.map { $0.val ?? 0 }
        #expect(best == (vals.firstIndex(of: vals.max()!) ?? -1) + 1)
        #expect(run.testAtBestValidation == records[best - 1].test)
        // 48 graphs: train 38, validation 4, test 6.
        #expect(records.allSatisfy { $0.test.map { abs($0 * 6 - ($0 * 6).rounded()) < 1e-9 } ?? false })
        #expect(records.allSatisfy { $0.val.map { abs($0 * 4 - ($0 * 4).rounded()) < 1e-9 } ?? false })
        let again = try problem.trial(h, model: .gcn, seed: 7).run
        #expect(again.losses == run.losses && again.test == run.test)

        var summary = ExperimentSummary(dataset: "x", model: "GCN", task: .graphClassification, seeds: 2, folds: 1,
                                        epochs: h.epochs, parameters: parameters, split: "holdout", hyperparameters: h,
                                        runs: [run, try problem.trial(h, model: .gcn, seed: 8).run])
        summary.addPlusMinus()
        #expect(abs((summary.testPlusMinus ?? 0) - 2 * summary.testStd / 2.0.squareRoot()) < 1e-9)
        #expect(summary.testMeanAtBestValidation != nil)
        let json = String(decoding: try { let e = JSONEncoder(); e.keyEncodingStrategy = .convertToSnakeCase; return try e.encode(summary) }(), as: UTF8.self)
        #expect(json.contains("\"test_plus_minus\"") && json.contains("\"test_at_best_validation\""))
    }

    @Test("layer graphs: the input graph per layer changes nothing, a fully-adjacent last layer changes the run")
    func layerGraphsTrial() throws {
        let problem = try GraphClassificationHoldout(dataset: try ringsAndTrees())
        var h = Hyperparameters.published(model: .gcn, task: .graphClassification, dataset: "x", protocol: .holdout)
        h.hidden = 8
        h.layers = 3
        h.epochs = 4
        let plain = try problem.trial(h, model: .gcn, seed: 5).run
        let same = LayerGraphProvider(name: "input") { graph, _, layers in Array(repeating: graph, count: layers) }
        let input = try problem.trial(h, model: .gcn, layered: try problem.layerGraphs(same, h), seed: 5).run
        #expect(input.losses == plain.losses && input.test == plain.test)
        // The last layer on every graph's complete graph (the union's ptr keeps graphs apart).
        let complete = LayerGraphProvider(name: "fa") { graph, ptr, layers in
            var source: [Int32] = [], target: [Int32] = []
            let offsets = ptr ?? [0, Int32(graph.numNodes)]
            for k in 0..<(offsets.count - 1) {
                for i in offsets[k]..<offsets[k + 1] { for j in offsets[k]..<offsets[k + 1] where i != j {
                    source.append(i)
                    target.append(j)
                } }
            }
            return Array(repeating: graph, count: layers - 1) + [try Graph(numNodes: graph.numNodes, source: source, target: target)]
        }
        let fa = try problem.trial(h, model: .gcn, layered: try problem.layerGraphs(complete, h), seed: 5).run
        #expect(fa.losses != plain.losses)
        // Layer graphs exclude relations, and must match the model's depth.
        #expect(throws: TrainingError.self) {
            try problem.trial(h, model: .gcn, relations: 2, layered: try problem.layerGraphs(same, h), seed: 5)
        }
        var deeper = h
        deeper.layers = 4
        #expect(throws: TrainingError.self) {
            try problem.trial(deeper, model: .gcn, layered: try problem.layerGraphs(same, h), seed: 5)
        }
    }

    @Test("relational trial and bad edge types")
    func relationalTrial() throws {
        let dataset = try ringsAndTrees()
        let types: [[Int32]] = dataset.graphs.map { g in (0..<g.numEdges).map { Int32($0 % 2) } }
        let problem = try GraphClassificationHoldout(dataset: dataset, edgeTypes: types)
        #expect(problem.numRelations == 2)
        var h = Hyperparameters.published(model: .gcn, task: .graphClassification, dataset: "x", protocol: .holdout)
        h.hidden = 4
        h.layers = 2
        h.epochs = 3
        let (run, parameters) = try problem.trial(h, model: .gcn, relations: 2, seed: 1)
        #expect(run.epochsRun == 3 && parameters == 3 * (1 * 4) + 4 + 3 * (4 * 2) + 2)
        #expect(throws: TrainingError.self) {
            try GraphClassificationHoldout(dataset: dataset, edgeTypes: Array(types.dropLast()))
        }
        var short = types
        short[3].removeLast()
        #expect(throws: TrainingError.self) { try GraphClassificationHoldout(dataset: dataset, edgeTypes: short) }
    }
}

@Suite struct PrefetchedGraphBatchesTests {
    @Test("prefetched batches equal the eager ones (graphs, features, labels, edge types, layer graphs); prepare sees each once")
    func prefetchedEqualEager() throws {
        var graphs: [Graph] = []
        for (k, n) in [3, 5, 4, 6, 3, 7, 3].enumerated() {
            var g = try Graph.ring(n)
            g.nodeFeatures = try .dense(n, 2, (0..<(2 * n)).map { Float($0 + k) })
            graphs.append(g)
        }
        let labels: [Int32] = [0, 1, 1, 0, 2, 1, 0]
        let types = graphs.map { g in (0..<g.numEdges).map { Int32($0 % 2) } }
        let provider = LayerGraphProvider(name: "reversed") { graph, _, _ in
            [graph, try Graph(numNodes: graph.numNodes, source: graph.target, target: graph.source)]
        }
        let layered = try CollectionLayerGraphs(graphs: graphs, provider: provider, numLayers: 2)
        let order = [4, 0, 6, 2, 5, 1, 3]
        let eager = try GraphClassLabels.batches(of: graphs, labels: labels, order, size: 3, edgeTypes: types, layered: layered)
        var prepared: [[Int]] = []
        let prefetched = GraphClassLabels.prefetchedBatches(of: graphs, labels: labels, order, size: 3, edgeTypes: types,
                                                            layered: layered) { prepared.append($0.batch.indices) }
        var got: [GraphClassLabels.LabelledBatch] = []
        while let b = try prefetched.next() { got.append(b) }
        #expect(got.count == 3 && eager.count == 3)
        #expect(prepared == [[4, 0, 6], [2, 5, 1], [3]])
        for (a, b) in zip(eager, got) {
            #expect(a.batch.indices == b.batch.indices)
            #expect(a.batch.graph.source == b.batch.graph.source && a.batch.graph.target == b.batch.graph.target)
            #expect(a.batch.x.scalars == b.batch.x.scalars && a.y.scalars == b.y.scalars)
            #expect(a.batch.edgeTypes == b.batch.edgeTypes)
            #expect(a.layers?.map(\.source) == b.layers?.map(\.source) && a.layers?.map(\.target) == b.layers?.map(\.target))
        }
    }

    @Test("a batch that cannot be built throws at its place in the order, naming the graphs")
    func prefetchedError() throws {
        var good = try Graph.ring(3)
        good.nodeFeatures = try .dense(3, 1, [1, 2, 3])
        let bare = try Graph.ring(4)
        let batches = GraphClassLabels.prefetchedBatches(of: [good, bare], labels: [0, 1], [0, 1], size: 1, layered: nil) { _ in }
        #expect(try batches.next()?.batch.indices == [0])
        #expect(throws: TrainingError.self) { try batches.next() }
    }
}
