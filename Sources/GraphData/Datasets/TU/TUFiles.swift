import Foundation

/// The parsed text files of one TU dataset (`<prefix>_<part>.txt`), absent parts nil.
struct TUFiles: Sendable {
    /// `[E, 2]`, 1-based node ids as written.
    var a: NumberTable<Int>
    /// `[N, 1]`, 1-based graph ids.
    var graphIndicator: NumberTable<Int>
    var nodeLabels: NumberTable<Int>?
    var nodeAttributes: NumberTable<Float>?
    var edgeLabels: NumberTable<Int>?
    var edgeAttributes: NumberTable<Float>?
    var graphLabels: NumberTable<Int>?
    var graphAttributes: NumberTable<Float>?

    /// Parses the files present under `directory`.
    init(directory: URL, prefix: String) throws {
        func path(_ part: String) -> URL { directory.appendingPathComponent("\(prefix)_\(part).txt") }
        func bytes(_ part: String, required: Bool) throws -> ([UInt8], String)? {
            let url = path(part)
            let fileName = url.lastPathComponent
            guard FileManager.default.fileExists(atPath: url.path) else {
                if required { throw DataError(.missingInput, file: url.path, "required TU file is missing") }
                return nil
            }
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw DataError(.io, file: url.path, "cannot read: \(error.localizedDescription)")
            }
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                throw DataError(.badData, file: fileName, at: "byte 0",
                                "this is a zip archive, expected text; unzip <NAME>.zip and put its <NAME>_*.txt files in \(directory.path)")
            }
            return ([UInt8](data), fileName)
        }
        func ints(_ part: String, required: Bool = false) throws -> NumberTable<Int>? {
            guard let (b, f) = try bytes(part, required: required) else { return nil }
            return try NumberTableParser.integers(b, file: f)
        }
        func floats(_ part: String) throws -> NumberTable<Float>? {
            guard let (b, f) = try bytes(part, required: false) else { return nil }
            return try NumberTableParser.floats(b, file: f)
        }
        let fileA = "\(prefix)_A.txt", fileGI = "\(prefix)_graph_indicator.txt"
        guard let a = try ints("A", required: true), let gi = try ints("graph_indicator", required: true) else {
            throw DataError(.missingInput, file: fileA, "required TU file is missing")
        }
        guard a.rows == 0 || a.cols == 2 else {
            throw DataError(.badData, file: fileA, at: "line 1", "\(a.cols) values, expected 2 (source, target)")
        }
        guard gi.rows == 0 || gi.cols == 1 else {
            throw DataError(.badData, file: fileGI, at: "line 1", "\(gi.cols) values, expected 1 graph id")
        }
        self.a = a
        self.graphIndicator = gi
        nodeLabels = try ints("node_labels")
        nodeAttributes = try floats("node_attributes")
        edgeLabels = try ints("edge_labels")
        edgeAttributes = try floats("edge_attributes")
        graphLabels = try ints("graph_labels")
        graphAttributes = try floats("graph_attributes")
    }
}
