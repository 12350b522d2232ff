extension Workload {
    /// GIN (`GINSumClassifier`: 5 layers of 64 channels, MLPs Linear-BatchNorm-ReLU-Linear
    /// then ReLU, learnable ε, sum pooling, MLP head with dropout 0.5) on ENZYMES (600
    /// graphs, its 3 one-hot node-label features as PyG loads them); an epoch is one pass
    /// over the dataset in shuffled mini-batches of 128 (batch collation included), one
    /// Adam step (lr 0.01) per batch. The loss recorded is the epoch's mean.
    public static let ginEnzymes = Workload(
        name: "gin_enzymes", summary: "GIN 5x64 (learnable eps, sum pooling) on ENZYMES, batch 128 shuffled, Adam 0.01",
        defaultEpochs: 20, defaultWarmup: 2, datasets: ["ENZYMES"]
    ) { setup in
        let data = try GraphClassification(dataset: setup.dataset("ENZYMES"))
        let model = try GINSumClassifier(inChannels: data.numFeatures, hidden: 64, classes: data.numClasses, layers: 5,
                                         seed: setup.seed)
        let optimizer = try Adam(model.parameters(), lr: 0.01)
        var rng = RandomGenerator(seed: setup.seed &+ 1)
        let batchSize = 128
        return try WorkloadRun.timing(warmup: setup.warmup, epochs: setup.epochs) {
            model.train()
            let order = rng.permutation(data.graphs.count)
            var total: Float = 0
            for (batch, y, _) in try data.batches(order, size: batchSize) {
                optimizer.zeroGrad()
                let loss = try Loss.crossEntropy(model(batch.x, batch.graph, batch.segments), y)
                try loss.backward()
                optimizer.step()
                total += try loss.item() * Float(y.count)
            }
            return Tensor.full([], total / Float(data.graphs.count))
        }
    }
}
