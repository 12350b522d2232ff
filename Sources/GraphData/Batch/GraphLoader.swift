import Synchronization
import TensorCore

/// Mini-batches of graphs, PyG's `DataLoader`: consecutive groups of `batchSize`
/// graphs (in order, or in a seeded random order), each as one `GraphBatch`.
///
/// With `shuffle`, each pass over the loader (each `for batch in loader`) uses the next
/// permutation of a `RandomGenerator` seeded with `seed`, like a PyTorch loader with a
/// seeded generator: epoch 0, 1, 2... differ, and a new loader with the same seed
/// repeats them. `batches(epoch:)` gives a given epoch's batches directly.
/// `dropLast` drops a final batch smaller than `batchSize`.
///
/// ```swift
/// let loader = try GraphLoader(dataset, batchSize: 32, shuffle: true, seed: 0)
/// for batch in loader { ... batch.graph, batch.batch, batch.graphLabels ... }
/// ```
public struct GraphLoader: Sequence, Sendable {
    public let graphs: [Graph]
    public let batchSize: Int
    public let shuffle: Bool
    public let seed: UInt64
    public let dropLast: Bool
    private let epochs = EpochCounter()

    /// Checks once that the graphs can be batched together (see `GraphBatch.init`).
    public init(_ graphs: [Graph], batchSize: Int, shuffle: Bool = false, seed: UInt64 = 0,
                dropLast: Bool = false) throws {
        guard batchSize > 0 else { throw DataError(.usage, "loader: batch size \(batchSize), expected at least 1") }
        try GraphBatch.checkCompatible(graphs)
        self.graphs = graphs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
        self.dropLast = dropLast
    }

    /// The graphs of `dataset` at `indices` (all when nil), e.g. one cross-validation fold.
    public init(_ dataset: Dataset, indices: [Int]? = nil, batchSize: Int, shuffle: Bool = false,
                seed: UInt64 = 0, dropLast: Bool = false) throws {
        var selected = dataset.graphs
        if let indices {
            if let bad = indices.first(where: { $0 < 0 || $0 >= dataset.graphs.count }) {
                throw DataError(.usage, "loader: graph index \(bad) is out of range 0..<\(dataset.graphs.count)")
            }
            selected = indices.map { dataset.graphs[$0] }
        }
        try self.init(selected, batchSize: batchSize, shuffle: shuffle, seed: seed, dropLast: dropLast)
    }

    /// Number of batches per pass.
    public var count: Int {
        dropLast ? graphs.count / batchSize : (graphs.count + batchSize - 1) / batchSize
    }

    /// The order graphs are visited in during `epoch`.
    public func order(epoch: Int) -> [Int] {
        guard shuffle else { return Array(graphs.indices) }
        var rng = RandomGenerator(seed: seed &+ UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15)
        return rng.permutation(graphs.count)
    }

    /// The batches of pass `epoch` (independent of how often the loader was iterated).
    public func batches(epoch: Int) -> Iterator {
        Iterator(graphs: graphs, order: order(epoch: epoch), batchSize: batchSize, count: count)
    }

    /// The next pass: epoch 0 on the first call, then 1, 2, ...
    public func makeIterator() -> Iterator {
        batches(epoch: epochs.next())
    }

    public struct Iterator: IteratorProtocol, Sendable {
        let graphs: [Graph]
        let order: [Int]
        let batchSize: Int
        let count: Int
        var index = 0

        public mutating func next() -> GraphBatch? {
            guard index < count else { return nil }
            let lo = index * batchSize, hi = Swift.min(lo + batchSize, order.count)
            index += 1
            return GraphBatch(checked: order[lo..<hi].map { graphs[$0] })
        }
    }
}

/// A shared pass counter, so iterating a `let` loader advances its epoch.
final class EpochCounter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { v in defer { v += 1 }; return v } }
}
