import Foundation

/// A plain-text table for the human summaries on stdout: a header, a rule, then rows
/// with each column padded to a fixed width. Rows print as they are added, so long
/// runs show progress; widths are therefore fixed up front.
struct Table {
    struct Column {
        let title: String
        let width: Int
        let rightAligned: Bool

        init(_ title: String, width: Int, right: Bool = false) {
            self.title = title
            self.width = max(width, title.count)
            self.rightAligned = right
        }
    }

    let columns: [Column]
    let indent: String

    init(_ columns: [Column], indent: String = "  ") {
        self.columns = columns
        self.indent = indent
    }

    /// Rows are flushed as they are printed: long commands (`longrange`, `bench`) print
    /// one row per finished size, and a redirected stdout is block-buffered.
    func printHeader() {
        print(format(columns.map(\.title)))
        print(indent + columns.map { String(repeating: "-", count: $0.width) }.joined(separator: "  "))
        fflush(nil)   // every output stream; the `stdout` global is not concurrency-safe in Swift 6
    }

    func printRow(_ cells: [String]) {
        print(format(cells))
        fflush(nil)   // every output stream; the `stdout` global is not concurrency-safe in Swift 6
    }

    func format(_ cells: [String]) -> String {
        var parts: [String] = []
        for (column, cell) in zip(columns, cells) {
            let pad = String(repeating: " ", count: max(0, column.width - cell.count))
            parts.append(column.rightAligned ? pad + cell : cell + pad)
        }
        var line = indent + parts.joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        return line
    }
}

/// `value` with `digits` decimals (`String(format:)` with no locale: always a `.`).
func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// A short scientific rendering for small errors: `3.1e-05`, or `0` for zero.
func scientific(_ value: Float) -> String {
    value == 0 ? "0" : String(format: "%.1e", Double(value))
}
