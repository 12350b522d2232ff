/// Several aggregations side by side, their outputs concatenated along the features
/// (PyG `MultiAggregation` with `mode="cat"`): `[N, Σ F'_a]`, in the order given.
public final class MultiAggregation: Aggregation {
    public var isTraining = true
    /// State-dict prefix `aggrs.<i>.`, as PyG.
    public var aggrs: [any Module]

    public init(_ aggregations: [any Aggregation]) throws {
        guard !aggregations.isEmpty else { throw TensorError("MultiAggregation", "needs at least one aggregation") }
        aggrs = aggregations
    }

    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        var outs: [Tensor] = []
        for case let a as any Aggregation in aggrs { outs.append(try a.aggregate(messages, adjacency)) }
        return try Tensor.concat(outs, axis: 1)
    }
}
