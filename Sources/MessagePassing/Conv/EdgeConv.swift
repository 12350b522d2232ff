import TensorCore

/// The edge convolution of Dynamic Graph CNN (Wang et al. 2019; PyG `EdgeConv`) on a
/// fixed graph:
///
///     x_i' = ⊕_{j ∈ N(i)} h_Θ(x_i ‖ x_j − x_i)
///
/// As message passing: φ = `nn(x_i ‖ x_j − x_i)` per edge, ⊕ the aggregation (max by
/// default, as PyG; a node without incoming edges gets 0), γ the identity.
///
/// - Parameters: `nn` (maps `[E, 2F]` to `[E, F']`); `aggregation` (default max).
/// - Parameters (state dict): `nn.*`.
/// - Shapes: `x` `[N, F]` → `[N, F']`.
public final class EdgeConv: MessagePassingLayer, CustomReflectable {
    public var isTraining = true
    public var nn: any Layer
    public let aggregation: any Aggregation
    public var strategy: Propagation.Strategy = .automatic

    public init(nn: any Layer, aggregation: any Aggregation = MaxAggregation()) {
        self.nn = nn
        self.aggregation = aggregation
    }

    /// φ: `nn(x_i ‖ x_j − x_i)`.
    public var message: Message {
        .custom { [nn] inputs in
            let xi = try inputs.target()
            return try nn(Tensor.concat([xi, inputs.source() - xi], axis: 1))
        }
    }

    /// State-dict children as PyG: `aggr_module` (state only for a learnable
    /// aggregation), `nn`.
    public var customMirror: Mirror {
        Mirror(self, children: [(label: String?.some("aggr_module"), value: aggregation as Any), (label: "nn", value: nn as Any)],
               displayStyle: .class)
    }

    /// - Parameters: `x` `[N, F]`; `graph`. - Returns: `[N, F']`.
    public func callAsFunction(_ x: Tensor, _ graph: Graph) throws -> Tensor {
        try propagate(graph, x: x)
    }
}
