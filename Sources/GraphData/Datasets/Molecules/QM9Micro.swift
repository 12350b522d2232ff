import Foundation

/// graphium's QM9-micro: 1 006 QM9 molecules (`micro_qm9.csv`: `mol_id,smiles` then 19
/// quantum-chemical targets `A,B,C,mu,alpha,homo,lumo,gap,r2,zpve,u0,u298,h298,g298,cv,
/// u0_atom,u298_atom,h298_atom,g298_atom`) for graph regression.
///
/// By default every column after `smiles` is a target (19 outputs, file order); pass
/// `targets` to pick some. Graphs are `MoleculeGraph.graph(smiles:)` with `graphLabel`
/// `[1, T]`.
public struct QM9Micro: DatasetSource {
    /// Target columns, or nil for all numeric columns after `smiles`.
    public var targets: [String]?

    public init(targets: [String]? = nil) { self.targets = targets }

    public var name: String { "QM9-micro" }
    public static let file = "micro_qm9.csv"
    public static let numGraphs = 1006
    public static let allTargets = ["A", "B", "C", "mu", "alpha", "homo", "lumo", "gap", "r2", "zpve",
                                    "u0", "u298", "h298", "g298", "cv", "u0_atom", "u298_atom",
                                    "h298_atom", "g298_atom"]

    public var rawFiles: [RemoteFile] {
        [RemoteFile(Self.file,
                    url: "https://raw.githubusercontent.com/datamol-io/graphium/main/graphium/data/QM9/micro_qm9.csv",
                    sha256: "767774afb1f6cbc9aff0454450b8632a665cf2a4334866ae62eac9ac4fb3ee7b")]
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        let table = try CSVTable(contentsOf: rawDirectory.appendingPathComponent(Self.file))
        return try dataset(table)
    }

    /// The dataset from a parsed `micro_qm9.csv`.
    public func dataset(_ table: CSVTable) throws -> Dataset {
        let smilesIndex = try table.columnIndex("smiles", file: Self.file)
        let names = targets ?? Array(table.header[(smilesIndex + 1)...])
        guard !names.isEmpty else { throw DataError(.badData, file: Self.file, at: "line 1", "no target columns after 'smiles'") }
        let columns = try names.map { try table.columnIndex($0, file: Self.file) }
        let graphs = try MoleculeTable.graphs(table, smilesColumn: "smiles", file: Self.file) { r in
            try MoleculeTable.numbers(table, columns: columns, names: names, row: r)
        }
        return Dataset(name: name, task: .graphRegression, graphs: graphs, numClasses: names.count)
    }
}
