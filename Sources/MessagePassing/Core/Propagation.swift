/// The message-passing mechanism: `x_i' = γ(x_i, ⊕_{j ∈ N(i)} φ(x_i, x_j, e_ji))`.
///
/// `propagate` computes the aggregation `⊕_j φ(...)` for every node; the layer applies
/// its update γ to the result. Two paths give the same numbers:
///
/// - **fused**: when φ is `x_j` or `w_ji · x_j` and ⊕ is a sum or mean, the messages are
///   never materialised: the result is one sparse-dense product `A · X` over the
///   incoming CSR (`Sparse.spmm`, values = the edge weights, divided by the in-degree
///   for a mean). Its backward is the same kernel on the transposed structure.
///   Memory O(N·F) instead of O(E·F).
/// - **general**: the messages are computed per edge (`[E, F']`, endpoint features
///   gathered with `indexSelect` in CSR order) and reduced by destination with the
///   aggregation (segment reductions over the same CSR).
///
/// The mechanism picks the path (`plan`); layers only state φ and ⊕. Both paths are
/// deterministic: each destination row is reduced by one thread in CSR order.
public enum Propagation {
    /// Which path `propagate` takes.
    public enum Path: Sendable, Equatable {
        /// One SpMM, no per-edge messages.
        case fusedSpMM
        /// Per-edge messages, then the aggregation.
        case general
    }

    /// Whether the mechanism may choose the fused path (`.automatic`) or must take the
    /// general one (`.general`, for tests and for measuring).
    public enum Strategy: Sendable, Equatable {
        case automatic, general
    }

    /// The path `propagate` takes for this message and aggregation.
    public static func plan(message: Message, aggregation: any Aggregation, strategy: Strategy = .automatic) -> Path {
        guard strategy == .automatic, let reduction = aggregation.linearReduction,
              reduction == .sum || reduction == .mean else { return .general }
        switch message {
        case .source, .weightedSource: return .fusedSpMM
        case .custom: return .general
        }
    }

    /// `out[i] = ⊕_{j -> i} φ(x_i, x_j, e_ji)` for every node `i` of `graph`.
    ///
    /// - Parameters:
    ///   - graph: the edges `source[e] -> target[e]`; aggregation runs over its cached
    ///     `incoming` CSR.
    ///   - x: node features `[N, F]` (sources).
    ///   - targetFeatures: features of the destinations `[N, F_t]` for φ's `x_i`
    ///     (default `x`).
    ///   - edgeWeight: `[E]` in edge order (the order of `graph.source`), or nil.
    ///   - edgeFeatures: `[E, D]` in edge order, or nil.
    ///   - message: φ.
    ///   - aggregation: ⊕.
    ///   - strategy: `.automatic` lets the mechanism fuse; `.general` forbids it.
    /// - Returns: `[N, F']`.
    /// - Throws: `TensorError` when a shape does not match the graph.
    public static func propagate(_ graph: Graph, x: Tensor, targetFeatures: Tensor? = nil,
                                 edgeWeight: Tensor? = nil, edgeFeatures: Tensor? = nil,
                                 message: Message, aggregation: any Aggregation,
                                 strategy: Strategy = .automatic) throws -> Tensor {
        let op = "propagate"
        guard x.rank == 2, x.shape[0] == graph.numNodes else {
            throw TensorError(op, "node features have shape \(x.shape), expected [\(graph.numNodes), F]")
        }
        if let targetFeatures, targetFeatures.rank != 2 || targetFeatures.shape[0] != graph.numNodes {
            throw TensorError(op, "target features have shape \(targetFeatures.shape), expected [\(graph.numNodes), F]")
        }
        if let edgeWeight, edgeWeight.shape != [graph.numEdges] {
            throw TensorError(op, "edge weights have shape \(edgeWeight.shape), expected [\(graph.numEdges)]")
        }
        if let edgeFeatures, edgeFeatures.rank != 2 || edgeFeatures.shape[0] != graph.numEdges {
            throw TensorError(op, "edge features have shape \(edgeFeatures.shape), expected [\(graph.numEdges), D]")
        }
        let incoming = graph.incoming
        let a = incoming.matrix
        let order = Int32Tensor(incoming.edgeOrder)
        // Edge data to CSR order (recorded, so gradients return to edge order).
        let weight: Tensor?
        if case .source = message { weight = nil } else { weight = try edgeWeight?.indexSelect(axis: 0, order) }

        switch plan(message: message, aggregation: aggregation, strategy: strategy) {
        case .fusedSpMM:
            var values = weight
            if aggregation.linearReduction == .mean {
                let inverseDegree = Tensor(uninitializedShape: [a.nnz])
                for i in 0..<a.rows {
                    let n = a.rowPtr[i + 1] - a.rowPtr[i]
                    for k in a.rowPtr[i]..<a.rowPtr[i + 1] { inverseDegree.data[k] = 1 / Float(n) }
                }
                values = try weight.map { try $0 * inverseDegree } ?? inverseDegree
            }
            return try Sparse.spmm(a, x, values: values)
        case .general:
            let inputs = EdgeInputs(adjacency: a, nodeFeatures: x, targetFeatures: targetFeatures ?? x,
                                    edgeWeight: weight, edgeFeatures: try edgeFeatures?.indexSelect(axis: 0, order))
            let messages: Tensor
            switch message {
            case .source: messages = try inputs.source()
            case .weightedSource: messages = try inputs.weightedSource()
            case .custom(let phi): messages = try phi(inputs)
            }
            guard messages.rank == 2, messages.shape[0] == a.nnz else {
                throw TensorError(op, "the message function returned shape \(messages.shape), expected [\(a.nnz), F'] (one row per edge)")
            }
            return try aggregation.aggregate(messages, a)
        }
    }
}
