import Foundation

/// The Planetoid citation graphs Cora, CiteSeer and PubMed (Yang et al. 2016), read from
/// the files the GCN and Planetoid authors publish, with the semantics of PyG's
/// `Planetoid` / `read_planetoid_data` (see `PlanetoidReader`).
///
/// Raw files under `<root>/<Name>/raw/`: `ind.<name>.{x,tx,allx,y,ty,ally,graph}`
/// (Python 2 pickles of scipy CSR matrices, numpy arrays and a `defaultdict(list)`)
/// and `ind.<name>.test.index` (text). The geom-gcn splits live in
/// `<root>/<Name>/geom-gcn-splits/<name>_split_0.6_0.2_<k>.npz`.
///
/// ```swift
/// let cora = try Planetoid(name: "Cora").load()
/// cora.graph.numNodes      // 2708; 1433 features, 7 classes, 10556 edges
/// cora.graph.splits[0]     // 140 / 500 / 1000
/// ```
public struct Planetoid: DatasetSource {
    /// The three datasets.
    public enum Name: String, Sendable, CaseIterable {
        case cora = "Cora", citeSeer = "CiteSeer", pubMed = "PubMed"

        /// The lower-case prefix of the file names (`ind.cora.x`).
        public var prefix: String { rawValue.lowercased() }
    }

    /// Which node split `graph.splits[0]` holds (PyG's `split` argument).
    public enum Split: Sendable, Equatable {
        /// The GCN authors' split: train = the `numClasses * 20` nodes of `ind.<name>.y`
        /// (ids `0..<y.rows`), validation = the next 500 ids, test = `test.index`.
        case `public`
        /// Validation and test as in `.public`; every other node trains.
        case full
        /// `perClass` random training nodes of each class, then `validation` and `test`
        /// nodes drawn at random from the rest (PyG's `split="random"`), seeded.
        case random(perClass: Int = 20, validation: Int = 500, test: Int = 1000, seed: UInt64 = 0)
        /// Split `k` (0...9) of the geom-gcn 60/20/20 splits (Pei et al. 2020).
        case geomGCN(Int)
    }

    public let dataset: Name
    public let split: Split

    public var name: String { dataset.rawValue }

    /// `name` is Cora, CiteSeer or PubMed in any case. Throws a `.usage` error for any
    /// other name or a geom-gcn split outside 0...9, or random split sizes below 0.
    public init(name: String, split: Split = .public) throws {
        guard let n = Name.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            throw DataError(.usage, "unknown Planetoid dataset '\(name)'; expected Cora, CiteSeer or PubMed")
        }
        try self.init(n, split: split)
    }

    public init(_ dataset: Name, split: Split = .public) throws {
        switch split {
        case .geomGCN(let k) where !(0...9).contains(k):
            throw DataError(.usage, "geom-gcn split \(k) does not exist; expected 0...9")
        case .random(let c, let v, let t, _) where c < 0 || v < 0 || t < 0:
            throw DataError(.usage, "random split sizes must be non-negative (got \(c) per class, \(v), \(t))")
        default:
            break
        }
        self.dataset = dataset
        self.split = split
    }

    /// The eight published files (from kimiyoung/planetoid, the URLs PyG uses), plus
    /// the geom-gcn split file for `.geomGCN(k)`.
    public var rawFiles: [RemoteFile] {
        var files = PlanetoidChecksums.extensions.map { ext in
            RemoteFile("ind.\(dataset.prefix).\(ext)",
                       url: "https://github.com/kimiyoung/planetoid/raw/master/data/ind.\(dataset.prefix).\(ext)",
                       sha256: PlanetoidChecksums.raw[dataset]?[ext])
        }
        if case .geomGCN(let k) = split {
            let file = Planetoid.geomGCNFileName(dataset, k)
            files.append(RemoteFile("../geom-gcn-splits/\(file)",
                                    url: "https://raw.githubusercontent.com/graphdml-uiuc-jlu/geom-gcn/master/splits/\(file)",
                                    sha256: PlanetoidChecksums.geomGCN[dataset]?[k]))
        }
        return files
    }

    static func geomGCNFileName(_ dataset: Name, _ k: Int) -> String {
        "\(dataset.prefix)_split_0.6_0.2_\(k).npz"
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        let data = try PlanetoidReader(dataset: dataset).read(rawDirectory)
        var graph = data.graph
        graph.splits = [try PlanetoidSplits.make(split, data: data, rawDirectory: rawDirectory, dataset: dataset)]
        var out = Dataset(name: name, task: .nodeClassification, graphs: [graph], numClasses: data.numClasses)
        out.graphSplit = nil
        return out
    }
}
