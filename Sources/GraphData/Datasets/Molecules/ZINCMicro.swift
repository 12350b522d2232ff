import Foundation

/// graphium's ZINC-micro: 1 002 ZINC molecules (`micro_ZINC.csv`: `SMILES,SA,logp,score`)
/// for graph regression.
///
/// The target is `score` by default (graphium's micro-ZINC configs regress `score`,
/// the penalised logP = logp - SA - cycle penalty); pass `targets` for others, e.g.
/// `["SA", "logp", "score"]` for three outputs. Graphs are `MoleculeGraph.graph(smiles:)`
/// with `graphLabel` `[1, T]`.
public struct ZINCMicro: DatasetSource {
    public var targets: [String]

    public init(targets: [String] = ["score"]) { self.targets = targets }

    public var name: String { "ZINC-micro" }
    public static let file = "micro_ZINC.csv"
    public static let numGraphs = 1002

    public var rawFiles: [RemoteFile] {
        [RemoteFile(Self.file,
                    url: "https://raw.githubusercontent.com/datamol-io/graphium/main/tests/data/micro_ZINC.csv",
                    sha256: "91e8a9d9f477f46bf01ded7ad089084c286ac381857e647bde581d9bfd4bece2")]
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        let table = try CSVTable(contentsOf: rawDirectory.appendingPathComponent(Self.file))
        return try dataset(table)
    }

    /// The dataset from a parsed `micro_ZINC.csv`.
    public func dataset(_ table: CSVTable) throws -> Dataset {
        guard !targets.isEmpty else { throw DataError(.usage, file: name, "no target columns chosen") }
        let columns = try targets.map { try table.columnIndex($0, file: Self.file) }
        let graphs = try MoleculeTable.graphs(table, smilesColumn: "SMILES", file: Self.file) { r in
            try MoleculeTable.numbers(table, columns: columns, names: targets, row: r)
        }
        return Dataset(name: name, task: .graphRegression, graphs: graphs, numClasses: targets.count)
    }
}
