import Foundation

/// The heterophilous benchmark of Platonov et al., "A critical look at the evaluation
/// of GNNs under heterophily" (ICLR 2023), as PyG's `HeterophilousGraphDataset`.
///
/// Raw file: `<root>/heterophilous/raw/<name>.npz` (the project's shared data keeps
/// all of them in one folder; PyG uses `<root>/<name>/raw/`) with
///
/// | array | shape |
/// |---|---|
/// | `node_features` | `[N, F]` float |
/// | `node_labels` | `[N]` int |
/// | `edges` | `[E, 2]` int, one row per edge |
/// | `train_masks`, `val_masks`, `test_masks` | `[S, N]` bool, S = 10 splits |
///
/// As in PyG the edges are made undirected and coalesced (self loops kept); the
/// graph carries S `NodeSplit`s. Expected: minesweeper 10000 nodes, tolokers 11758.
///
/// ```swift
/// let ds = try Heterophilous(name: "minesweeper").load()
/// ds.graph.splits.count   // 10
/// ```
public struct Heterophilous: DatasetSource {
    /// The names this loader knows (file stems use `_`; `-` is accepted too).
    /// The first five are PyG's `HeterophilousGraphDataset`; the rest are the
    /// filtered and re-split classic graphs published in the same repository.
    public static let knownNames = [
        "roman_empire", "amazon_ratings", "minesweeper", "tolokers", "questions",
        "chameleon_filtered", "squirrel_filtered", "chameleon", "squirrel",
        "wisconsin", "cornell", "texas",
    ]

    /// SHA-256 of the published files measured on the project's copies.
    static let checksums: [String: String] = [
        "minesweeper": "e664c8dacf1e8ac466c2c09ed4b237bd2c5541f47a6eae9c6092cb87f16412b3",
        "tolokers": "dacf3ac94cec53d03cd2adb5255c08b33dee1656c33ca8164a464bd9450a1667",
        "chameleon_filtered": "bf46f07e1fb5249280447e5fe3100f3e82fc4b93ad1e13ffcfdec924b6ac0bb5",
        "wisconsin": "2543c89838cfc75f737f7c4664cc1d097f8268602c20b2d1bd4f21407df9c074",
    ]

    public static let baseURL = "https://raw.githubusercontent.com/yandex-research/heterophilous-graphs/main/data/"

    /// File stem, e.g. "roman_empire".
    public let stem: String

    /// `name` as in `knownNames`, any case, `-` or `_` ("Roman-empire" works).
    /// Throws a `.usage` error for other names.
    public init(name: String) throws {
        let stem = name.lowercased().replacingOccurrences(of: "-", with: "_")
        guard Self.knownNames.contains(stem) else {
            throw DataError(.usage, "unknown heterophilous dataset '\(name)'; expected one of \(Self.knownNames.joined(separator: ", "))")
        }
        self.stem = stem
    }

    /// "roman-empire", "amazon-ratings", "minesweeper", ..., "chameleon_filtered":
    /// PyG's spelling for its five, the file stem for the others.
    public var name: String {
        ["roman_empire", "amazon_ratings"].contains(stem) ? stem.replacingOccurrences(of: "_", with: "-") : stem
    }

    public var folder: String { "heterophilous" }

    public var rawFiles: [RemoteFile] {
        [RemoteFile("\(stem).npz", url: Self.baseURL + "\(stem).npz", sha256: Self.checksums[stem])]
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        let url = rawDirectory.appendingPathComponent("\(stem).npz")
        let arrays = try NpzArrays(url: url, members: ["node_features", "node_labels", "edges",
                                                       "train_masks", "val_masks", "test_masks"])
        let g = try Self.parse(arrays)
        return Dataset(name: name, task: .nodeClassification, graphs: [g],
                       numClasses: g.nodeLabels?.numClasses ?? 0)
    }

    static func parse(_ f: NpzArrays) throws -> Graph {
        let x = try f.array("node_features", dims: 2)
        let n = x.shape[0]
        guard n <= Int(Int32.max) else { throw f.fail("node_features", "has \(n) rows, more than 2^31 - 1") }
        let y = try f.int64s("node_labels", dims: 1)
        guard y.count == n else { throw f.fail("node_labels", "has \(y.count) entries for \(n) nodes") }
        let labels: [Int32] = try y.enumerated().map { i, c in
            guard c >= 0, c < Int64(Int32.max) else {
                throw f.fail("node_labels", "entry \(i) is \(c), expected a class id >= 0")
            }
            return Int32(c)
        }
        let e = try f.array("edges", dims: 2)
        guard e.shape[1] == 2 else { throw f.fail("edges", "has shape \(e.shape), expected [E, 2]") }
        let ids = try f.int64s("edges")
        var source = [Int32](), target = [Int32]()
        source.reserveCapacity(e.shape[0])
        target.reserveCapacity(e.shape[0])
        for r in 0..<e.shape[0] {
            let s = ids[2 * r], t = ids[2 * r + 1]
            guard s >= 0, s < Int64(n), t >= 0, t < Int64(n) else {
                throw f.fail("edges", "row \(r) is (\(s), \(t)), expected node ids in 0..<\(n)")
            }
            source.append(Int32(s))
            target.append(Int32(t))
        }
        var g = try Graph(numNodes: n, source: source, target: target).toUndirected()
        g.nodeFeatures = .dense(rows: n, cols: x.shape[1], values: x.floats())
        g.nodeLabels = .classes(labels)
        g.splits = try splits(f, numNodes: n)
        return g
    }

    /// `train_masks`, `val_masks`, `test_masks`, each `[S, N]`, as S splits.
    static func splits(_ f: NpzArrays, numNodes n: Int) throws -> [NodeSplit] {
        var masks: [[Bool]] = []
        var count: Int?
        for key in ["train_masks", "val_masks", "test_masks"] {
            let m = try f.array(key, dims: 2)
            guard m.shape[1] == n else {
                throw f.fail(key, "has shape \(m.shape), expected [splits, \(n)] (one row per split)")
            }
            if let count, m.shape[0] != count {
                throw f.fail(key, "has \(m.shape[0]) splits, train_masks has \(count)")
            }
            count = m.shape[0]
            masks.append(m.bools())
        }
        return (0..<(count ?? 0)).map { s in
            let r = s * n..<(s + 1) * n
            return NodeSplit(train: Array(masks[0][r]), validation: Array(masks[1][r]), test: Array(masks[2][r]))
        }
    }
}
