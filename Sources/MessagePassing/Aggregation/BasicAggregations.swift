/// `sum(X) = Σ_{x ∈ X} x` (PyG `SumAggregation`, `aggr="add"`). Empty sets give 0.
public final class SumAggregation: Aggregation {
    public var isTraining = true
    public init() {}
    public var linearReduction: SegmentReduction? { .sum }
    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        try checkMessages(messages, adjacency, "SumAggregation")
        return try Sparse.segmentReduce(messages, adjacency, reduce: .sum)
    }
}

/// `mean(X) = (1/|X|) Σ_{x ∈ X} x` (PyG `MeanAggregation`). Empty sets give 0.
public final class MeanAggregation: Aggregation {
    public var isTraining = true
    public init() {}
    public var linearReduction: SegmentReduction? { .mean }
    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        try checkMessages(messages, adjacency, "MeanAggregation")
        return try Sparse.segmentReduce(messages, adjacency, reduce: .mean)
    }
}

/// Feature-wise `max(X)` (PyG `MaxAggregation`). Empty sets give 0. The gradient goes to
/// the first message that attains the maximum.
public final class MaxAggregation: Aggregation {
    public var isTraining = true
    public init() {}
    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        try checkMessages(messages, adjacency, "MaxAggregation")
        return try Sparse.segmentReduce(messages, adjacency, reduce: .max)
    }
}

/// Feature-wise `min(X)` (PyG `MinAggregation`). Empty sets give 0. The gradient goes to
/// the first message that attains the minimum.
public final class MinAggregation: Aggregation {
    public var isTraining = true
    public init() {}
    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        try checkMessages(messages, adjacency, "MinAggregation")
        return try Sparse.segmentReduce(messages, adjacency, reduce: .min)
    }
}
