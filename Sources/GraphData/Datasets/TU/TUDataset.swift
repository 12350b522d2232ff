import Foundation

/// A graph-classification dataset of the TU collection (Morris et al., "TUDataset: A
/// collection of benchmark datasets for learning with graphs"), read as PyG's
/// `TUDataset` / `read_tu_data` reads it.
///
/// Files under `<root>/<NAME>/raw/` (the folder `<NAME>.zip` unpacks to):
/// - `<NAME>_A.txt` (required): one directed edge per line, `i, j`, 1-based node ids
///   over the whole dataset.
/// - `<NAME>_graph_indicator.txt` (required): line `i` is the 1-based graph of node `i`;
///   non-decreasing, so each graph's nodes are contiguous.
/// - `_node_labels`, `_edge_labels` (optional): integers, one or more columns. Each
///   column is shifted so its minimum is 0 and one-hot encoded with `max + 1` columns;
///   the columns' encodings are concatenated.
/// - `_node_attributes`, `_edge_attributes` (optional): real values, one or more columns.
/// - `_graph_labels` (optional): integers, remapped to `0..<C` in sorted order of the
///   distinct values (`unique(sorted=True, return_inverse=True)`).
/// - `_graph_attributes` (optional): real values; when present they are the target
///   (regression) and `_graph_labels` is ignored, as in PyG.
///
/// Node features `x` are `[attributes | label one-hots]` (PyG's order). With
/// `useNodeAttributes == false` (PyG's default `use_node_attr=False`) the attribute
/// columns are dropped and only the label one-hots remain; likewise for edges with
/// `useEdgeAttributes`. A graph whose feature matrix would have no columns gets
/// `nodeFeatures == nil` (IMDB-BINARY); PyG keeps an `[N, 0]` tensor there.
///
/// Edges: self loops are removed, then edges are coalesced as PyG's `coalesce` does:
/// sorted by (source, target) and duplicates merged, summing their edge features.
/// Graphs are sliced by the indicator; a graph id that no node carries yields an empty
/// graph (PyG's `bincount` slicing does the same).
///
/// ```swift
/// let mutag = try TUDataset(name: "MUTAG").load()
/// mutag.graphs.count      // 188
/// mutag.numNodeFeatures   // 7 (one-hot atom type)
/// ```
public struct TUDataset: DatasetSource {
    public let name: String
    /// Keep `_node_attributes` columns in front of the label one-hots (PyG `use_node_attr`).
    public var useNodeAttributes: Bool
    /// Keep `_edge_attributes` columns in front of the label one-hots (PyG `use_edge_attr`).
    public var useEdgeAttributes: Bool

    /// Where PyG downloads the collection from: `<baseURL>/<NAME>.zip`.
    public static let baseURL = "https://www.chrsmrrs.com/graphkerneldatasets"

    public init(name: String, useNodeAttributes: Bool = false, useEdgeAttributes: Bool = false) {
        self.name = name
        self.useNodeAttributes = useNodeAttributes
        self.useEdgeAttributes = useEdgeAttributes
    }

    /// The canonical archive, `<baseURL>/<NAME>.zip`, holding `<NAME>/<NAME>_*.txt`.
    public var archiveURL: String { "\(TUDataset.baseURL)/\(name).zip" }

    /// The two files every TU dataset has (PyG's `raw_file_names`). They are published
    /// inside `archiveURL` (folder `<NAME>/`), which a download unpacks whole, so the
    /// optional files arrive with them; they are read when present.
    public var rawFiles: [RemoteFile] {
        ["A", "graph_indicator"].map { RemoteFile("\(name)_\($0).txt", url: archiveURL, archivePrefix: "\(name)/") }
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        let files = try TUFiles(directory: rawDirectory, prefix: name)
        return try TUAssembler(files: files, name: name,
                               useNodeAttributes: useNodeAttributes,
                               useEdgeAttributes: useEdgeAttributes).dataset()
    }
}
