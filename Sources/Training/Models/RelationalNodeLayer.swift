/// A graph layer that also reads one relation id per edge (`[E]`, in the order of
/// `graph.source`), such as `RGCNConv`. `StackedGNN` passes the edge types it is given
/// to these layers; called as a plain `NodeLayer` every edge is relation 0.
public protocol RelationalNodeLayer: NodeLayer {
    /// `[N, F_in]` → `[N, F_out]` with edge `e` of relation `edgeTypes[e]`.
    func forward(_ x: Tensor, _ graph: Graph, edgeTypes: [Int32]) throws -> Tensor
}

extension RGCNConv: RelationalNodeLayer {
    /// Every edge as relation 0 (a graph that was not rewired).
    public func forward(_ x: Tensor, _ graph: Graph) throws -> Tensor {
        try self(x, graph, edgeTypes: [Int32](repeating: 0, count: graph.numEdges))
    }

    public func forward(_ x: Tensor, _ graph: Graph, edgeTypes: [Int32]) throws -> Tensor {
        try self(x, graph, edgeTypes: edgeTypes)
    }
}
