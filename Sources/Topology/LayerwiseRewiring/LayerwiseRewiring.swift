import GraphData
import TensorCore
import Training

/// A layer-wise rewiring chosen by name, as `swiftgnn train --rewire expander|fa|laser`
/// takes it: the method and its options, turned into a `LayerGraphSchedule` for a graph
/// (or a disjoint union with node offsets `ptr`) and into the `LayerGraphProvider` the
/// training tasks consume.
///
/// - `expander`: expander propagation (`LayerGraphSchedule.expanderPropagation`), layers
///   alternating between the input graph and a Cayley expander of each graph, starting
///   with the input unless `startWithInput` is false; expander nodes relabelled by a
///   random permutation unless `shuffle` is false.
/// - `fa`: the fully-adjacent last layer (`LayerGraphSchedule.fullyAdjacentLast`). A
///   graph of N nodes gets N(N − 1)/2 links, so graphs above `fullyAdjacentMaxNodes`
///   nodes are refused.
/// - `laser`: LASER snapshots (`LayerGraphSchedule.laser`), layer l on the input plus
///   the links at distances 2 ... min(l + 1, maxDistance).
///
/// Seeds: graph k of a union uses `seed + k` (expander); LASER's tie-breaking draws from
/// `seed` over the union (no link crosses two graphs: distances stay inside each).
public enum LayerwiseRewiring: Sendable, Equatable {
    case expander(startWithInput: Bool, shuffle: Bool)
    case fullyAdjacent
    case laser(LASER)

    /// The CLI names, in the order above.
    public static let names = ["expander", "fa", "laser"]

    /// The largest graph (nodes per graph of a union) `fa` accepts: 2,000 nodes, i.e.
    /// 1,999,000 links (about 4 M directed edges) for the last layer.
    public static let fullyAdjacentMaxNodes = 2_000

    /// Whether `name` (case-insensitive) names a layer-wise method.
    public static func isLayerwise(_ name: String) -> Bool { canonical(name) != nil }

    private static func canonical(_ name: String) -> String? {
        switch name.lowercased() {
        case "expander", "egp": "expander"
        case "fa", "fully-adjacent", "fully_adjacent": "fa"
        case "laser": "laser"
        default: nil
        }
    }

    /// The method `name` with its defaults overridden by the options given (nil: not
    /// given). Throws `.usage` for an unknown name, an option that does not apply to the
    /// method (`rho` and `maxDistance` are LASER's; `startWithInput` and `shuffle` the
    /// expander's) or an option out of range.
    public init(name: String, rho: Double? = nil, maxDistance: Int? = nil, startWithInput: Bool? = nil,
                shuffle: Bool? = nil) throws {
        guard let method = Self.canonical(name) else {
            throw DataError(.usage, "layer-wise rewiring: unknown method '\(name)', expected one of \(Self.names.joined(separator: ", "))")
        }
        let given: [(String, Bool, String)] = [
            ("rho", rho != nil, "laser"), ("max-distance", maxDistance != nil, "laser"),
            ("start-with-input", startWithInput != nil, "expander"), ("no-shuffle", shuffle != nil, "expander"),
        ]
        if let bad = given.first(where: { $0.1 && $0.2 != method }) {
            throw DataError(.usage, "--\(bad.0) applies to --rewire \(bad.2), not \(method)")
        }
        switch method {
        case "expander":
            self = .expander(startWithInput: startWithInput ?? true, shuffle: shuffle ?? true)
        case "laser":
            var l = LASER()
            if let rho { l.rho = rho }
            if let maxDistance { l.maxDistance = maxDistance }
            try l.validate()
            self = .laser(l)
        default:
            self = .fullyAdjacent
        }
    }

    public var name: String {
        switch self {
        case .expander: "expander"
        case .fullyAdjacent: "fa"
        case .laser: "laser"
        }
    }

    /// The schedule of `graph` (a union with node offsets `ptr`, or one graph) for
    /// `numLayers` layers. Throws `.usage` for `fa` on a graph above `fullyAdjacentMaxNodes`
    /// nodes, and what the builders throw.
    public func schedule(_ graph: Graph, ptr: [Int32]? = nil, numLayers: Int, seed: UInt64 = 0) throws -> LayerGraphSchedule {
        switch self {
        case .expander(let startWithInput, let shuffle):
            return try .expanderPropagation(graph, numLayers: numLayers, ptr: ptr, startWithInput: startWithInput,
                                            shuffle: shuffle, seed: seed)
        case .fullyAdjacent:
            let sizes = try LayerGraphSchedule.segments(numNodes: graph.numNodes, ptr: ptr).map(\.count)
            if let bad = sizes.enumerated().first(where: { $0.element > Self.fullyAdjacentMaxNodes }) {
                let (k, n) = (bad.offset, bad.element)
                let which = ptr == nil ? "the graph has" : "graph \(k) has"
                throw DataError(.usage, "--rewire fa: \(which) \(n) nodes; its fully-adjacent layer would need \(n * (n - 1) / 2) links (at most \(Self.fullyAdjacentMaxNodes) nodes per graph are accepted)")
            }
            return try .fullyAdjacentLast(graph, numLayers: numLayers, ptr: ptr)
        case .laser(let laser):
            // LASER needs no offsets: distances never leave a graph of the union.
            if let ptr { _ = try LayerGraphSchedule.segments(numNodes: graph.numNodes, ptr: ptr) }
            return try .laser(graph, numLayers: numLayers, laser: laser, seed: seed)
        }
    }

    /// The provider the training tasks take: `schedule(...)` with `seed`, one graph per
    /// layer; `onSchedule` sees every schedule built (for logs).
    public func provider(seed: UInt64 = 0,
                         onSchedule: @escaping @Sendable (LayerGraphSchedule) -> Void = { _ in }) -> LayerGraphProvider {
        let method = self
        return LayerGraphProvider(name: name) { graph, ptr, numLayers in
            let schedule = try method.schedule(graph, ptr: ptr, numLayers: numLayers, seed: seed)
            onSchedule(schedule)
            return schedule.layerGraphs
        }
    }
}

extension LayerGraphSchedule {
    /// The graph of each layer, `[L]`: `graphs[layers[l]]` (layers that share a graph get
    /// the same `Graph` value).
    public var layerGraphs: [Graph] { layers.map { graphs[$0] } }

    /// For logs: which graph each layer runs on and the edge count of each graph, e.g.
    /// `layers on graphs [0, 1, 0, 1]; edges per graph [10556, 10832]`.
    public var layerSummary: String {
        "layers on graphs \(layers); edges per graph \(graphs.map(\.numEdges))"
    }
}
