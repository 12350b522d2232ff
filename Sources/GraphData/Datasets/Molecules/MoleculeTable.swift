import Foundation

/// Shared reading of "one molecule per CSV row" files: a SMILES column and target
/// columns become graphs (`MoleculeGraph.graph`) with a `[1, T]` graph label.
enum MoleculeTable {
    /// Graphs for every row of `table`; `targets(row)` gives the label values of a row.
    /// SMILES errors name the file and the line.
    static func graphs(_ table: CSVTable, smilesColumn: String, file: String,
                       targets: (Int) throws -> [Float]) throws -> [Graph] {
        let smilesIndex = try table.columnIndex(smilesColumn, file: file)
        var graphs: [Graph] = []
        graphs.reserveCapacity(table.rows.count)
        for r in table.rows.indices {
            let smiles = table.rows[r][smilesIndex]
            do {
                var g = try MoleculeGraph.graph(smiles: smiles)
                let y = try targets(r)
                g.graphLabel = .targets(try .dense(1, y.count, y))
                graphs.append(g)
            } catch let e as DataError {
                throw DataError(e.kind, file: file, at: "line \(table.lineNumbers[r])" + (e.location.map { ", \($0)" } ?? ""),
                                e.message)
            }
        }
        return graphs
    }

    /// Numeric columns `names` of row `r` as Floats.
    static func numbers(_ table: CSVTable, columns: [Int], names: [String], row r: Int) throws -> [Float] {
        try zip(columns, names).map { k, name in
            let s = table.rows[r][k].trimmingCharacters(in: .whitespaces)
            guard let v = Double(s) else {
                throw DataError(.badData, "column '\(name)': '\(table.rows[r][k])' is not a number")
            }
            return Float(v)
        }
    }
}
