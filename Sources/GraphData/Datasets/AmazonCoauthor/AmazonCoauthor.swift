import Foundation

/// Amazon co-purchase (Photo, Computers) and Coauthor (CS, Physics) graphs of
/// Shchur et al., "Pitfalls of Graph Neural Network Evaluation" (gnn-benchmark),
/// as PyG's `Amazon` and `Coauthor` datasets read them.
///
/// Raw file: one `.npz` per graph (`<root>/<folder>/raw/<file>`):
///
/// | arrays | meaning |
/// |---|---|
/// | `adj_data`, `adj_indices`, `adj_indptr`, `adj_shape` | CSR adjacency `[N, N]` |
/// | `attr_data`, `attr_indices`, `attr_indptr`, `attr_shape`, or `attr_matrix` | features `[N, F]`, CSR parts or dense |
/// | `labels` `[N]`, or `labels_data/_indices/_indptr/_shape` (one-hot CSR `[N, C]`) | classes |
///
/// Semantics of PyG's `read_npz`/`parse_npz`: every stored adjacency entry is an
/// edge (values ignored); self loops are removed, then the edges are made undirected
/// and coalesced (sorted by source then target, duplicates dropped). Features are
/// summed over duplicate entries (scipy `todense`) and binarised as `x[x > 0] = 1`;
/// they stay CSR-sparse.
///
/// Expected: Photo 7650 nodes, 745 features, 8 classes, 238162 directed edges;
/// CS 18333 nodes, 6805 features, 15 classes, 163788 directed edges.
///
/// ```swift
/// let photo = try AmazonCoauthor(name: "Photo").load()
/// ```
public struct AmazonCoauthor: DatasetSource {
    /// The four graphs of the collection.
    public enum Variant: String, Sendable, CaseIterable {
        case photo = "Photo", computers = "Computers", cs = "CS", physics = "Physics"

        /// File name as published in gnn-benchmark's `data/npz/`.
        public var fileName: String {
            switch self {
            case .photo: "amazon_electronics_photo.npz"
            case .computers: "amazon_electronics_computers.npz"
            case .cs: "ms_academic_cs.npz"
            case .physics: "ms_academic_phy.npz"
            }
        }

        /// "AmazonPhoto", "AmazonComputers", "CoauthorCS", "CoauthorPhysics".
        public var datasetName: String {
            switch self {
            case .photo, .computers: "Amazon" + rawValue
            case .cs, .physics: "Coauthor" + rawValue
            }
        }
    }

    public let variant: Variant

    /// `name`: "Photo", "Computers", "CS" or "Physics", with or without the
    /// "Amazon"/"Coauthor" prefix, any case. Throws a `.usage` error otherwise.
    public init(name: String) throws {
        let key = name.lowercased().filter { !" -_".contains($0) }
        guard let g = Variant.allCases.first(where: {
            key == $0.rawValue.lowercased() || key == $0.datasetName.lowercased()
        }) else {
            throw DataError(.usage, "unknown Amazon/Coauthor dataset '\(name)'; expected Photo, Computers, CS or Physics")
        }
        variant = g
    }

    public var name: String { variant.datasetName }

    /// `AmazonPhoto`, `CoauthorCS`, ...: the folder names of the project's shared data
    /// (PyG uses `Photo/raw` and `CS/raw` under dataset-specific roots instead).
    public var folder: String { variant.datasetName }

    public static let baseURL = "https://github.com/shchur/gnn-benchmark/raw/master/data/npz/"

    /// The file at its canonical URL. No checksum is pinned: the only copies at hand
    /// (`shared/data/AmazonPhoto/raw`, `CoauthorCS/raw`) were re-laid out from the
    /// EdisonLeeeee/GraphData copy, so their bytes need not equal the published files
    /// (Photo 616582b757950a34e573543c4d3c02e1087c11d5ad3b324aa1b0ddb95db1c99d, CS
    /// 7bbda0ec297bb44efc712cc59f9e9a6c9ac959e5c4848e311bc7e011b0be5753); pinning those
    /// would make every real download fail its check. Pin the published hashes once
    /// they are measured on a machine with network access.
    public var rawFiles: [RemoteFile] {
        [RemoteFile(variant.fileName, url: Self.baseURL + variant.fileName)]
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        let url = rawDirectory.appendingPathComponent(variant.fileName)
        let arrays = try NpzArrays(url: url, members: Self.members)
        let g = try Self.parse(arrays)
        return Dataset(name: name, task: .nodeClassification, graphs: [g],
                       numClasses: g.nodeLabels?.numClasses ?? 0)
    }

    /// Every member the parser may use (other members are never decoded).
    static let members: Set<String> = {
        var s: Set<String> = ["attr_matrix", "labels"]
        for p in ["adj", "attr", "labels"] {
            for part in ["data", "indices", "indptr", "shape"] { s.insert("\(p)_\(part)") }
        }
        return s
    }()

    /// The graph of a gnn-benchmark archive already read into arrays.
    static func parse(_ f: NpzArrays) throws -> Graph {
        let adj = try f.csr("adj")
        guard adj.rows == adj.cols else {
            throw f.fail("adj_shape", "is [\(adj.rows), \(adj.cols)], expected a square adjacency")
        }
        let n = adj.rows
        var source = [Int32](), target = [Int32]()
        source.reserveCapacity(adj.colIdx.count)
        for i in 0..<n {
            source.append(contentsOf: repeatElement(Int32(i), count: adj.rowPtr[i + 1] - adj.rowPtr[i]))
        }
        target = adj.colIdx
        var g = try Graph(numNodes: n, source: source, target: target).removingSelfLoops().toUndirected()
        g.nodeFeatures = try features(f, rows: n)
        g.nodeLabels = .classes(try labels(f, rows: n))
        return g
    }

    /// Binarised features (`x[x > 0] = 1`), CSR with duplicates summed, or dense when
    /// the archive stores `attr_matrix`.
    static func features(_ f: NpzArrays, rows n: Int) throws -> FeatureMatrix {
        func binarise(_ v: Float) -> Float { v > 0 ? 1 : v }
        if f.has("attr_matrix") && !f.has("attr_indptr") {
            let m = try f.array("attr_matrix", dims: 2)
            guard m.shape[0] == n else {
                throw f.fail("attr_matrix", "has \(m.shape[0]) rows for \(n) nodes")
            }
            return .dense(rows: n, cols: m.shape[1], values: m.floats().map(binarise))
        }
        let a = try f.csr("attr")
        guard a.rows == n else { throw f.fail("attr_shape", "has \(a.rows) rows for \(n) nodes") }
        var rowPtr = [0], colIdx = [Int32](), values = [Float]()
        colIdx.reserveCapacity(a.colIdx.count)
        values.reserveCapacity(a.values.count)
        var entries: [(Int32, Float)] = []
        for i in 0..<n {
            entries.removeAll(keepingCapacity: true)
            for k in a.rowPtr[i]..<a.rowPtr[i + 1] { entries.append((a.colIdx[k], a.values[k])) }
            entries.sort { $0.0 < $1.0 }
            var k = 0
            while k < entries.count {
                let c = entries[k].0
                var sum: Float = 0
                while k < entries.count, entries[k].0 == c { sum += entries[k].1; k += 1 }
                if sum != 0 {
                    colIdx.append(c)
                    values.append(binarise(sum))
                }
            }
            rowPtr.append(colIdx.count)
        }
        return .sparse(rows: n, cols: a.cols, rowPtr: rowPtr, colIdx: colIdx, values: values)
    }

    /// Class per node from `labels` `[N]`, or from a one-hot CSR `labels_*` `[N, C]`
    /// (each row must hold exactly one non-zero).
    static func labels(_ f: NpzArrays, rows n: Int) throws -> [Int32] {
        if f.has("labels") {
            let y = try f.int64s("labels", dims: 1)
            guard y.count == n else { throw f.fail("labels", "has \(y.count) entries for \(n) nodes") }
            var out = [Int32]()
            out.reserveCapacity(n)
            for (i, c) in y.enumerated() {
                guard c >= 0, c < Int64(Int32.max) else {
                    throw f.fail("labels", "entry \(i) is \(c), expected a class id >= 0")
                }
                out.append(Int32(c))
            }
            return out
        }
        guard f.has("labels_indptr") else {
            throw f.fail("labels", "missing (and no labels_data/labels_indices/labels_indptr/labels_shape either)")
        }
        let y = try f.csr("labels")
        guard y.rows == n else { throw f.fail("labels_shape", "has \(y.rows) rows for \(n) nodes") }
        var out = [Int32]()
        out.reserveCapacity(n)
        for i in 0..<n {
            let row = (y.rowPtr[i]..<y.rowPtr[i + 1]).filter { y.values[$0] != 0 }
            guard row.count == 1, let k = row.first else {
                throw f.fail("labels_indices", "row \(i) has \(row.count) non-zero labels, expected exactly one")
            }
            out.append(y.colIdx[k])
        }
        return out
    }
}
