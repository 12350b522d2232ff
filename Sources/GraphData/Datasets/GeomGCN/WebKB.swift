import Foundation

/// The WebKB web-page graphs Cornell, Texas and Wisconsin in the geom-gcn layout
/// (see `GeomGCNReader`), as PyG's `WebKB`: directed, coalesced edges, dense
/// bag-of-words features, 5 classes and ten published 60/20/20 splits.
///
/// Expected: 183 / 183 / 251 nodes, 1703 features, 5 classes. (Upstream, Cornell's
/// feature file is byte-identical to Texas's: a known geom-gcn quirk, kept.)
///
/// ```swift
/// let texas = try WebKB(name: "Texas").load()
/// texas.graph.splits.count   // 10
/// ```
public struct WebKB: DatasetSource {
    public static let names = ["Cornell", "Texas", "Wisconsin"]

    public let name: String

    /// `name`: Cornell, Texas or Wisconsin, any case. Throws a `.usage` error otherwise.
    public init(name: String) throws {
        guard let hit = Self.names.first(where: { $0.lowercased() == name.lowercased() }) else {
            throw DataError(.usage, "unknown WebKB dataset '\(name)'; expected Cornell, Texas or Wisconsin")
        }
        self.name = hit
    }

    public var rawFiles: [RemoteFile] { GeomGCNReader.rawFiles(stem: name.lowercased(), folder: folder) }

    public func read(rawDirectory: URL) throws -> Dataset {
        try GeomGCNReader.read(rawDirectory: rawDirectory, stem: name.lowercased(), name: name)
    }
}

/// The Wikipedia page-page graphs Chameleon and Squirrel with geom-gcn's
/// preprocessing, as PyG's `WikipediaNetwork(geom_gcn_preprocess=True)`: the
/// geom-gcn files (see `GeomGCNReader`), directed coalesced edges, features from
/// `out1_node_feature_label.txt`, 5 classes, ten 60/20/20 splits.
///
/// Chameleon has 2277 nodes. The project's shared copy holds only its edges and
/// splits: without `out1_node_feature_label.txt` loading fails with the data root's
/// `.missingInput` error naming that file (or downloads it when allowed).
public struct WikipediaNetwork: DatasetSource {
    public static let names = ["Chameleon", "Squirrel"]

    public let name: String

    /// `name`: Chameleon or Squirrel, any case. Throws a `.usage` error otherwise.
    public init(name: String) throws {
        guard let hit = Self.names.first(where: { $0.lowercased() == name.lowercased() }) else {
            throw DataError(.usage, "unknown WikipediaNetwork dataset '\(name)'; expected Chameleon or Squirrel")
        }
        self.name = hit
    }

    /// The feature file is optional: without it (the node features of the Wikipedia
    /// graphs are the large part), the graph loads with its edges and ten splits only,
    /// enough for topology studies (curvature, rewiring, over-squashing measures).
    public var rawFiles: [RemoteFile] {
        GeomGCNReader.rawFiles(stem: name.lowercased(), folder: folder, featuresOptional: true)
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        try GeomGCNReader.read(rawDirectory: rawDirectory, stem: name.lowercased(), name: name)
    }
}
