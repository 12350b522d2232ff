/// A graph layer seen by the models of this target: node features `[N, F_in]` and a graph
/// in, node features `[N, F_out]` out. Every convolution whose forward needs nothing more
/// conforms, so `StackedGNN` can stack any of them.
public protocol NodeLayer: Module {
    /// `[N, F_in]` → `[N, F_out]` over the edges of `graph`.
    func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor

    /// Builds now what `forward` would derive from the topology of `graph` alone and cache
    /// on it (adjacency, normalisation), so that a loader can prepare the next mini-batch
    /// on another thread (`Prefetcher`) while this one trains. Changes no result.
    /// Default: the incoming CSR that propagation reads, and its transpose (backward).
    func prepare(_ graph: Graph) throws
}

extension NodeLayer {
    public func prepare(_ graph: Graph) throws {
        _ = graph.incoming.matrix.transpose
    }
}

/// A layer that can also read sparse node features `[N, F_in]` directly, because its
/// first step is linear in them (`x·Wᵀ` as one sparse-dense product).
public protocol SparseInputLayer: NodeLayer {
    /// Whether this instance takes the sparse path (a configuration may rule it out).
    var readsSparseInput: Bool { get }
    /// `[N, F_in]` sparse → `[N, F_out]`, equal to `forward` on the dense features.
    func forward(_ x: SparseFeatures, _ graph: Graph) throws -> Tensor
}

extension GCNConv: SparseInputLayer {
    public var readsSparseInput: Bool { true }
    public func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor { try self(x, graph) }
    public func forward(_ x: SparseFeatures, _ graph: Graph) throws -> Tensor { try self(x, graph) }
}

extension SAGEConv: SparseInputLayer {
    /// Mean and sum aggregations commute with the projection; the others do not.
    public var readsSparseInput: Bool { aggrModule is MeanAggregation || aggrModule is SumAggregation }
    public func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor { try self(x, graph) }
    public func forward(_ x: SparseFeatures, _ graph: Graph) throws -> Tensor { try self(x, graph) }
}

extension GATConv: SparseInputLayer {
    /// One map shared by sources and targets.
    public var readsSparseInput: Bool { lin != nil }
    public func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor { try self(x, graph) }
    public func forward(_ x: SparseFeatures, _ graph: Graph) throws -> Tensor { try self(x, graph) }
}

extension GINConv: NodeLayer {
    public func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor { try self(x, graph) }
}

/// Parameters an optimizer updates with one weight decay (PyTorch's parameter group).
public struct ParameterGroup {
    public var parameters: [Tensor]
    public var weightDecay: Float

    public init(parameters: [Tensor], weightDecay: Float) {
        self.parameters = parameters
        self.weightDecay = weightDecay
    }
}

/// A network over one graph: node features `[N, F]` in, one output row per node out.
public protocol NodeNetwork: Module {
    /// `[N, F]` → `[N, C]`.
    func callAsFunction(_ x: Tensor, _ graph: Graph) throws -> Tensor
    /// The optimizer groups for weight decay `weightDecay`. Default: one group.
    func parameterGroups(weightDecay: Float) -> [ParameterGroup]
    /// Restarts the network's own dropout masks from `seed` (trainers call it every
    /// epoch with a seed derived from the run's seed and the epoch, so a resumed run
    /// draws the same masks). Default: nothing.
    func reseedDropout(_ seed: UInt64)
    /// Whether `callAsFunction` on sparse features avoids the dense matrix. Default false.
    var readsSparseInput: Bool { get }
    /// Sparse features `[N, F]` → `[N, C]`. Default: the dense path on `x.dense()`.
    func callAsFunction(_ x: SparseFeatures, _ graph: Graph) throws -> Tensor
    /// `[N, F]` → `[N, C]` with layer `l` on `layerGraphs[l]` (one graph per layer, each
    /// with N nodes: layer-wise rewiring). Default: throws `.invalidInput` (the network
    /// has no per-layer structure to honour).
    func callAsFunction(_ x: Tensor, layerGraphs: [Graph]) throws -> Tensor
    /// Sparse features with per-layer graphs. Default: the dense path on `x.dense()`.
    func callAsFunction(_ x: SparseFeatures, layerGraphs: [Graph]) throws -> Tensor
}

extension NodeNetwork {
    public func reseedDropout(_ seed: UInt64) {}

    public var readsSparseInput: Bool { false }

    public func callAsFunction(_ x: SparseFeatures, _ graph: Graph) throws -> Tensor { try self(x.dense(), graph) }

    public func callAsFunction(_ x: Tensor, layerGraphs: [Graph]) throws -> Tensor {
        throw TrainingError(.invalidInput, "\(Self.self)", "this network does not run per-layer graphs")
    }

    public func callAsFunction(_ x: SparseFeatures, layerGraphs: [Graph]) throws -> Tensor {
        try self(x.dense(), layerGraphs: layerGraphs)
    }

    public func parameterGroups(weightDecay: Float) -> [ParameterGroup] {
        [ParameterGroup(parameters: parameters(), weightDecay: weightDecay)]
    }
}
