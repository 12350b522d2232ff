import Foundation

/// LRGB's Peptides-func (Dwivedi et al., 2022): 15 535 peptides as molecular graphs,
/// 10 binary function labels each (multi-label classification, AP metric).
///
/// Raw files (`<root>/Peptides-func/raw/`):
/// - `peptide_multi_class_dataset.csv.gz`: gzip CSV with columns `,smiles,peptide_seq,
///   labels,identifier`; `labels` is a quoted list such as `"[0, 1, 0, 0, 0, 0, 0, 0, 0, 1]"`;
/// - `splits_random_stratified_peptide.pickle`: a pickled dict of numpy index arrays
///   `train` / `val` / `test` (10 873 / 2 331 / 2 331).
///
/// Each graph is `MoleculeGraph.graph(smiles:)` (OGB's `smiles2graph`, as LRGB uses
/// it): node features `[N, 9]`, edge features `[E, 3]`, `graphLabel` `[1, 10]` of 0/1.
///
/// `read` attaches the published split as `graphSplit` (the pickle is read by the
/// project's unpickler, `readIndexSplitPickle`, and checked by `split`).
public struct PeptidesFunc: DatasetSource {
    public init() {}

    public var name: String { "Peptides-func" }
    public static let csvFile = "peptide_multi_class_dataset.csv.gz"
    public static let splitFile = "splits_random_stratified_peptide.pickle"
    public static let numGraphs = 15535
    public static let numLabels = 10
    /// Published split sizes (train, validation, test).
    public static let splitSizes = (train: 10873, validation: 2331, test: 2331)

    public var rawFiles: [RemoteFile] {
        [
            RemoteFile(Self.csvFile,
                       url: "https://www.dropbox.com/s/ol2v01usvaxbsr8/peptide_multi_class_dataset.csv.gz?dl=1",
                       sha256: "e314f7dfb1ac46ef83fe5f5aa4fe502ad4527da633b64e6b997cb0c452511de3"),
            RemoteFile(Self.splitFile,
                       url: "https://www.dropbox.com/s/j4zcnx2eipuo0xz/splits_random_stratified_peptide.pickle?dl=1",
                       sha256: "4573079852cce8867ad2d734c5dd22d77538bbe9f628223a8d4b3b531f6fffd0"),
        ]
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        let url = rawDirectory.appendingPathComponent(Self.csvFile)
        let text = try Gzip.decompress(contentsOf: url)
        var dataset = try Self.dataset(csv: text, file: Self.csvFile)
        let split = try readIndexSplitPickle(rawDirectory.appendingPathComponent(Self.splitFile))
        dataset.graphSplit = try Self.split(train: split.train, validation: split.validation, test: split.test,
                                            graphCount: dataset.graphs.count)
        return dataset
    }

    /// The dataset from the (decompressed) CSV bytes.
    public static func dataset(csv: Data, file: String = csvFile) throws -> Dataset {
        let table = try CSVTable(parsing: csv, file: file)
        let labelIndex = try table.columnIndex("labels", file: file)
        let graphs = try MoleculeTable.graphs(table, smilesColumn: "smiles", file: file) { r in
            try parseLabels(table.rows[r][labelIndex], count: numLabels)
        }
        return Dataset(name: "Peptides-func", task: .graphMultiLabel, graphs: graphs, numClasses: numLabels)
    }

    /// Parses `"[0, 1, 0]"` into 0/1 Floats; exactly `count` entries.
    static func parseLabels(_ s: String, count: Int) throws -> [Float] {
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]") else {
            throw DataError("labels '\(s)': expected a list like [0, 1, ...]")
        }
        let inner = trimmed.dropFirst().dropLast()
        let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == count else {
            throw DataError("labels '\(s)': \(parts.count) entries, expected \(count)")
        }
        return try parts.map { p in
            switch p {
            case "0", "0.0": return 0
            case "1", "1.0": return 1
            default: throw DataError("labels '\(s)': entry '\(p)' is not 0 or 1")
            }
        }
    }

    /// The published split from its three index arrays (the pickle's `train`, `val`,
    /// `test`): indices must lie in `0..<graphCount` and the parts must not overlap.
    public static func split(train: [Int], validation: [Int], test: [Int],
                             graphCount: Int = numGraphs) throws -> GraphSplit {
        var seen = [UInt8](repeating: 0, count: graphCount)
        for (name, part) in [("train", train), ("val", validation), ("test", test)] {
            for (p, i) in part.enumerated() {
                guard i >= 0 && i < graphCount else {
                    throw DataError(.badData, file: splitFile, at: "array '\(name)'",
                                    "index \(i) at position \(p) is out of range 0..<\(graphCount)")
                }
                guard seen[i] == 0 else {
                    throw DataError(.badData, file: splitFile, at: "array '\(name)'",
                                    "graph \(i) at position \(p) is already in a split part")
                }
                seen[i] = 1
            }
        }
        return GraphSplit(train: train, validation: validation, test: test)
    }

    /// `dataset` with the published split attached (see `split`).
    public static func withSplit(_ dataset: Dataset, train: [Int], validation: [Int], test: [Int]) throws -> Dataset {
        var d = dataset
        d.graphSplit = try split(train: train, validation: validation, test: test, graphCount: dataset.graphs.count)
        return d
    }
}
