/// The graph each layer of a network runs on: one graph shared by every layer (the usual
/// case), or one graph per layer (layer-wise rewiring: expander propagation, a
/// fully-adjacent last layer, LASER snapshots), all on the same nodes.
///
/// The models (`StackedGNN`, `GINClassifier`) run layer `l` on `self[l]` in both cases,
/// so there is one forward loop; the shared case costs nothing more than before.
enum LayerGraphs {
    case shared(Graph)
    case perLayer([Graph])

    /// The graph of layer `l` (in `0..<L`; `perLayer` holds exactly L graphs).
    subscript(l: Int) -> Graph {
        switch self {
        case .shared(let g): g
        case .perLayer(let graphs): graphs[l]
        }
    }

    /// `graphs` checked for a network of `layers` layers over `nodes` nodes: exactly one
    /// graph per layer, each with `nodes` nodes. Throws `.invalidInput` naming `model`,
    /// the first bad layer and what was expected.
    static func checked(_ graphs: [Graph], layers: Int, nodes: Int, model: String) throws -> LayerGraphs {
        guard graphs.count == layers else {
            throw TrainingError(.invalidInput, model, "\(graphs.count) layer graphs for \(layers) layers, expected one per layer")
        }
        if let bad = graphs.firstIndex(where: { $0.numNodes != nodes }) {
            throw TrainingError(.invalidInput, model, "layer \(bad)'s graph has \(graphs[bad].numNodes) nodes, the features have \(nodes) rows")
        }
        return .perLayer(graphs)
    }
}

extension Graph {
    /// Whether `other` has the same nodes and the same edges in the same order. O(1) for
    /// copies of one graph value (the edge arrays share storage), O(E) otherwise.
    func hasSameTopology(as other: Graph) -> Bool {
        numNodes == other.numNodes && source == other.source && target == other.target
    }
}
