/// The per-layer graphs of every graph of a collection (graph-level tasks), built once and
/// batched like the graphs themselves.
///
/// The provider runs once, on the disjoint union of the whole collection (node offsets
/// `ptr`), so a provider that seeds graph k with `seed + k` (expander propagation) sees
/// each graph's position in the dataset, and the schedule of a graph does not change
/// with the mini-batch it lands in (training batches are reshuffled every epoch; building
/// per batch would rebuild every epoch). The result is split per graph; `batch(_:input:)`
/// re-assembles the L graphs of any mini-batch by concatenating its graphs' edges with
/// node offsets, as `GraphBatch` does for the input graphs.
///
/// Layers whose graphs are the same (expander propagation alternates two graphs) share one
/// stored graph and one batched `Graph` value (one adjacency build per batch); layers that
/// run on the input graph reuse the batch's own graph.
///
/// - Topology only: the layer graphs' edge weights and features are not kept.
/// - Memory: the edges of each distinct rewired layer graph, O(Σ E_d).
public struct CollectionLayerGraphs: Sendable {
    /// A graph's edges in its own node ids.
    struct Edges: Sendable {
        var source: [Int32] = []
        var target: [Int32] = []
    }

    /// Number of layers L.
    public let numLayers: Int
    /// `slotOfLayer[l]` = index in `slots` of layer l's graph.
    let slotOfLayer: [Int]
    /// nil: the input graph; else the edges of each graph of the collection.
    let slots: [[Edges]?]
    let nodeCounts: [Int]

    /// Runs `provider` on the union of `graphs` for `numLayers` layers and splits the result.
    /// - Throws: what the provider throws; `.invalidInput` when a layer graph links two
    ///   graphs of the collection, or the union exceeds Int32 ids.
    public init(graphs: [Graph], provider: LayerGraphProvider, numLayers: Int) throws {
        // The disjoint union of the collection (GraphData's batching): graph k owns nodes
        // ptr[k]..<ptr[k+1], `owner` maps a node to its graph.
        let collection: GraphBatch
        do { collection = try GraphBatch(graphs) } catch let e as DataError {
            throw TrainingError(.invalidInput, "layer graphs \(provider.name)", e.message)
        }
        let union = collection.graph, ptr = collection.ptr, owner = collection.batch
        let layers = try provider.layerGraphs(for: union, ptr: ptr, numLayers: numLayers)
        var distinct: [Graph] = [], slotOfLayer: [Int] = []
        for g in layers {
            if let d = distinct.firstIndex(where: { $0.hasSameTopology(as: g) }) { slotOfLayer.append(d) } else {
                slotOfLayer.append(distinct.count)
                distinct.append(g)
            }
        }
        var slots: [[Edges]?] = []
        for (d, g) in distinct.enumerated() {
            if g.hasSameTopology(as: union) { slots.append(nil); continue }
            var parts = [Edges](repeating: Edges(), count: graphs.count)
            for e in 0..<g.numEdges {
                let s = Int(g.source[e]), t = Int(g.target[e])
                let k = Int(owner[s])
                guard owner[t] == owner[s] else {
                    let l = slotOfLayer.firstIndex(of: d) ?? d
                    throw TrainingError(.invalidInput, "layer graphs \(provider.name)", "layer \(l)'s graph links graph \(k) to graph \(owner[t]) (edge \(e): \(s) -> \(t)); each graph must keep its own nodes")
                }
                parts[k].source.append(Int32(s) - ptr[k])
                parts[k].target.append(Int32(t) - ptr[k])
            }
            slots.append(parts)
        }
        self.numLayers = numLayers
        self.slotOfLayer = slotOfLayer
        self.slots = slots
        self.nodeCounts = graphs.map(\.numNodes)
    }

    /// The L layer graphs of the mini-batch of graphs `indices` (in that order), whose input
    /// union is `input` (its nodes: graph `indices[0]`'s first, and so on).
    /// - Throws: `.invalidInput` for an index outside the collection or an `input` with
    ///   another node count.
    public func batch(_ indices: [Int], input: Graph) throws -> [Graph] {
        var offsets: [Int32] = [0]
        for k in indices {
            guard k >= 0 && k < nodeCounts.count else {
                throw TrainingError(.invalidInput, "layer graphs", "graph \(k) is outside the collection of \(nodeCounts.count)")
            }
            offsets.append(offsets[offsets.count - 1] + Int32(nodeCounts[k]))
        }
        let n = Int(offsets.last ?? 0)
        guard input.numNodes == n else {
            throw TrainingError(.invalidInput, "layer graphs", "the batch's graph has \(input.numNodes) nodes, its graphs \(n)")
        }
        let batched = try slots.map { slot -> Graph in
            guard let parts = slot else { return input }
            var source: [Int32] = [], target: [Int32] = []
            for (j, k) in indices.enumerated() {
                source += parts[k].source.map { $0 + offsets[j] }
                target += parts[k].target.map { $0 + offsets[j] }
            }
            return try Graph(numNodes: n, source: source, target: target)
        }
        return slotOfLayer.map { batched[$0] }
    }
}
