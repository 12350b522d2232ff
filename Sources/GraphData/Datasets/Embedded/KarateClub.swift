import Foundation

/// Zachary's karate club (W. W. Zachary, "An Information Flow Model for Conflict and
/// Fission in Small Groups", 1977), embedded in the library as PyG's `KarateClub`:
/// 34 members, 78 friendships stored in both directions (156 directed edges, sorted by
/// source then target), identity node features (`34 x 34`), and PyG's four classes from
/// modularity-based clustering (Kipf and Welling 2017). The one split has a train mask
/// with one node per class, the first node of each class (nodes 8, 0, 24, 4 for classes
/// 0-3), and empty validation and test masks, as in PyG.
///
/// No files are needed: `rawFiles` is empty and `read(rawDirectory:)` ignores its
/// argument, so `KarateClub().load()` works offline.
public struct KarateClub: DatasetSource {
    public init() {}

    public var name: String { "KarateClub" }
    public var rawFiles: [RemoteFile] { [] }

    /// The 78 undirected links `(u, v)` with `u < v`, as networkx's `karate_club_graph()`.
    public static let links: [(Int, Int)] = [
        (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (0, 7), (0, 8),
        (0, 10), (0, 11), (0, 12), (0, 13), (0, 17), (0, 19), (0, 21), (0, 31),
        (1, 2), (1, 3), (1, 7), (1, 13), (1, 17), (1, 19), (1, 21), (1, 30),
        (2, 3), (2, 7), (2, 8), (2, 9), (2, 13), (2, 27), (2, 28), (2, 32),
        (3, 7), (3, 12), (3, 13), (4, 6), (4, 10), (5, 6), (5, 10), (5, 16),
        (6, 16), (8, 30), (8, 32), (8, 33), (9, 33), (13, 33), (14, 32), (14, 33),
        (15, 32), (15, 33), (18, 32), (18, 33), (19, 33), (20, 32), (20, 33), (22, 32),
        (22, 33), (23, 25), (23, 27), (23, 29), (23, 32), (23, 33), (24, 25), (24, 27),
        (24, 31), (25, 31), (26, 29), (26, 33), (27, 33), (28, 31), (28, 33), (29, 32),
        (29, 33), (30, 32), (30, 33), (31, 32), (31, 33), (32, 33),
    ]

    /// PyG's community label of each member.
    public static let classes: [Int32] = [
        1, 1, 1, 1, 3, 3, 3, 1, 0, 1, 3, 1, 1, 1, 0, 0, 3, 1, 0, 1, 0, 1,
        0, 0, 2, 2, 0, 0, 2, 0, 0, 2, 0, 0,
    ]

    public func read(rawDirectory: URL) throws -> Dataset {
        try Dataset(name: name, task: .nodeClassification, graphs: [KarateClub.graph()], numClasses: 4)
    }

    /// The graph alone.
    public static func graph() throws -> Graph {
        let n = classes.count
        var edges: [(Int, Int)] = []
        for (u, v) in links { edges.append((u, v)); edges.append((v, u)) }
        edges.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var g = try Graph(numNodes: n, edges: edges)
        var identity = [Float](repeating: 0, count: n * n)
        for i in 0..<n { identity[i * n + i] = 1 }
        g.nodeFeatures = try .dense(n, n, identity)
        g.nodeLabels = .classes(classes)
        var train = [Bool](repeating: false, count: n)
        for c in 0..<4 { if let first = classes.firstIndex(of: Int32(c)) { train[first] = true } }
        let none = [Bool](repeating: false, count: n)
        g.splits = [NodeSplit(train: train, validation: none, test: none)]
        return g
    }
}
