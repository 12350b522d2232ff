/// A graph layer seen by the models of this target: node features `[N, F_in]` and a graph
/// in, node features `[N, F_out]` out. Every convolution whose forward needs nothing more
/// conforms, so `StackedGNN` can stack any of them.
public protocol NodeLayer: Module {
    /// `[N, F_in]` → `[N, F_out]` over the edges of `graph`.
    func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor
}

extension GCNConv: NodeLayer {
    public func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor { try self(x, graph) }
}

extension SAGEConv: NodeLayer {
    public func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor { try self(x, graph) }
}

extension GATConv: NodeLayer {
    public func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor { try self(x, graph) }
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
}

extension NodeNetwork {
    public func reseedDropout(_ seed: UInt64) {}

    public func parameterGroups(weightDecay: Float) -> [ParameterGroup] {
        [ParameterGroup(parameters: parameters(), weightDecay: weightDecay)]
    }
}
