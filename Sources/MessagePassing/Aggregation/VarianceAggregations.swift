/// Feature-wise variance `var(X) = mean({x²}) − mean(X)²` (PyG `VarAggregation`, the
/// biased estimator, computed as PyG does from the two means). Empty sets give 0.
public final class VarAggregation: Aggregation {
    public var isTraining = true
    public init() {}
    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        try checkMessages(messages, adjacency, "VarAggregation")
        let mean = try Sparse.segmentReduce(messages, adjacency, reduce: .mean)
        let meanOfSquares = try Sparse.segmentReduce(messages.square(), adjacency, reduce: .mean)
        return try meanOfSquares - mean.square()
    }
}

/// Feature-wise standard deviation (PyG `StdAggregation`):
/// `std(X) = sqrt(max(var(X), 1e-5))`, then set to 0 where that is at most `sqrt(1e-5)`.
///
/// The clamp keeps the gradient finite at zero variance (a single message, or equal
/// messages): there the output is 0 and its gradient is 0, as in PyG.
public final class StdAggregation: Aggregation {
    public var isTraining = true
    let varAggr = VarAggregation()  // PyG name `var_aggr`
    public init() {}
    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        let v = try varAggr.aggregate(messages, adjacency)
        let out = v.clamp(min: 1e-5).sqrt()
        let keep = out.gt(Float(1e-5).squareRoot())
        return try out * keep
    }
}
