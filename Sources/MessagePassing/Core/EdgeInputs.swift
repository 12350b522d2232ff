/// What a `Message.custom` function can read for each edge `j -> i`, every per-edge
/// tensor in the order of the graph's incoming CSR (edges grouped by destination:
/// entry `k` is edge `graph.incoming.edgeOrder[k]`).
///
/// Endpoint features are gathered on first use and kept, so a message that never reads
/// `x_i` never pays for the gather. Gathers are recorded ops: gradients flow back to the
/// node features and edge data.
public final class EdgeInputs {
    /// Structure the messages are aggregated over (rows = destinations).
    public let adjacency: CSRMatrix
    /// Node features `[N, F]` the sources are read from.
    public let nodeFeatures: Tensor
    /// Node features `[N, F]` the destinations are read from (the same tensor unless the
    /// caller passed separate target features).
    public let targetFeatures: Tensor
    /// Scalar weight per edge `[E]` in CSR order, if one was passed.
    public let edgeWeight: Tensor?
    /// Features per edge `[E, D]` in CSR order, if any were passed.
    public let edgeFeatures: Tensor?

    private var sourceCache: Tensor?
    private var targetCache: Tensor?

    init(adjacency: CSRMatrix, nodeFeatures: Tensor, targetFeatures: Tensor, edgeWeight: Tensor?, edgeFeatures: Tensor?) {
        self.adjacency = adjacency
        self.nodeFeatures = nodeFeatures
        self.targetFeatures = targetFeatures
        self.edgeWeight = edgeWeight
        self.edgeFeatures = edgeFeatures
    }

    /// Number of edges (messages).
    public var count: Int { adjacency.nnz }

    /// `x_j` for every edge, `[E, F]`.
    public func source() throws -> Tensor {
        if let sourceCache { return sourceCache }
        let t = try nodeFeatures.indexSelect(axis: 0, Int32Tensor(adjacency.colIdx))
        sourceCache = t
        return t
    }

    /// `x_i` for every edge, `[E, F]`.
    public func target() throws -> Tensor {
        if let targetCache { return targetCache }
        let t = try targetFeatures.indexSelect(axis: 0, Int32Tensor(adjacency.rowIndices))
        targetCache = t
        return t
    }

    /// `w_ji · x_j` (or `x_j` without weights), `[E, F]`.
    public func weightedSource() throws -> Tensor {
        let xj = try source()
        guard let edgeWeight else { return xj }
        return try xj * edgeWeight.reshaped([count, 1])
    }
}
