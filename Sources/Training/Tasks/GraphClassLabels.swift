/// What both graph-classification protocols (`GraphClassification`, k-fold;
/// `GraphClassificationHoldout`) read from a dataset and how they score a model.
enum GraphClassLabels {
    /// One class id per graph, `[G]`.
    /// - Throws: `.invalidInput` for an empty dataset or a graph without exactly one
    ///   non-negative class label.
    static func of(_ dataset: Dataset) throws -> [Int32] {
        guard !dataset.graphs.isEmpty else {
            throw TrainingError(.invalidInput, "graph classification", "\(dataset.name) has no graphs")
        }
        return try dataset.graphs.enumerated().map { k, g in
            guard let y = g.graphLabel?.classIds, y.count == 1, y[0] >= 0 else {
                throw TrainingError(.invalidInput, "graph classification", "graph \(k) of \(dataset.name) has no class label")
            }
            return y[0]
        }
    }

    /// The graphs without their labels (labels travel separately, beside the batches).
    static func unlabelled(_ graphs: [Graph]) -> [Graph] {
        graphs.map { g -> Graph in var g = g; g.graphLabel = nil; return g }
    }

    /// A mini-batch with its class labels `[B]` and, with layer-wise rewiring, its layer graphs.
    typealias LabelledBatch = (batch: GraphMiniBatch, y: Int32Tensor, layers: [Graph]?)

    /// Graphs `indices` of `graphs` in mini-batches of `size`, with their labels (from
    /// `labels`, one per graph), their edge types when given, and their layer graphs when
    /// `layered` is given.
    static func batches(of graphs: [Graph], labels: [Int32], _ indices: [Int], size: Int, edgeTypes: [[Int32]]? = nil,
                        layered: CollectionLayerGraphs?) throws -> [LabelledBatch] {
        try GraphMiniBatch.parts(of: indices, size: size).map {
            try batch(of: graphs, labels: labels, $0, edgeTypes: edgeTypes, layered: layered)
        }
    }

    /// As `batches`, built one batch ahead on a background thread (`Prefetcher`), where
    /// `prepare` also runs on each (a model's topology caches: `NodeLayer.prepare`). The
    /// batches are the same; the training thread is left the arithmetic.
    static func prefetchedBatches(of graphs: [Graph], labels: [Int32], _ indices: [Int], size: Int,
                                  edgeTypes: [[Int32]]? = nil, layered: CollectionLayerGraphs?,
                                  prepare: @escaping (LabelledBatch) throws -> Void) -> Prefetcher<LabelledBatch> {
        let parts = GraphMiniBatch.parts(of: indices, size: size)
        return Prefetcher(count: parts.count) { i in
            let b = try batch(of: graphs, labels: labels, parts[i], edgeTypes: edgeTypes, layered: layered)
            try prepare(b)
            return b
        }
    }

    /// The batch of graphs `part` with its labels (and edge types, and layer graphs).
    private static func batch(of graphs: [Graph], labels: [Int32], _ part: [Int], edgeTypes: [[Int32]]?,
                              layered: CollectionLayerGraphs?) throws -> LabelledBatch {
        let b = try GraphMiniBatch(of: graphs, part, edgeTypes: edgeTypes)
        return (b, Int32Tensor(part.map { labels[$0] }), try layered?.batch(part, input: b.graph))
    }

    /// The share of graphs whose argmax logit is their label, over batches of
    /// `(logits [B, C], labels [B])`.
    static func accuracy(_ predictions: [(logits: Tensor, y: Int32Tensor)]) throws -> Double {
        var correct = 0, total = 0
        for (logits, y) in predictions {
            correct += zip(try Metrics.argmax(logits: logits), y.scalars).filter { $0 == $1 }.count
            total += y.count
        }
        return Double(correct) / Double(total)
    }
}
