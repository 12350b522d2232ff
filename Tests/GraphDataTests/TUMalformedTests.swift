import Foundation
import Testing
@testable import GraphData

/// Bad TU input throws a `DataError` naming the file and line; nothing crashes.
@Suite struct TUMalformedTests {
    /// Reads a TOY copy where `part`'s text is replaced by `edit(old text)`.
    func readEdited(_ part: String, _ edit: @escaping (String) -> String) throws -> Dataset {
        let dir = try TUDatasetTests.toyCopy { dir in
            let url = dir.appendingPathComponent("TOY_\(part).txt")
            let old = try String(contentsOf: url, encoding: .utf8)
            try Data(edit(old).utf8).write(to: url)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        return try TUDataset(name: "TOY").read(rawDirectory: dir)
    }

    func expectError(_ part: String, file: String, at location: String?, contains text: String,
                     _ edit: @escaping (String) -> String) {
        do {
            _ = try readEdited(part, edit)
            Issue.record("expected a DataError for \(part)")
        } catch let error as DataError {
            #expect(error.kind == .badData)
            #expect(error.file == file)
            #expect(error.location == location, "\(error)")
            #expect(error.message.contains(text), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func outOfRangeNodeId() {
        expectError("A", file: "TOY_A.txt", at: "line 3", contains: "node id 10 is out of range 1...9") {
            $0.replacingOccurrences(of: "2, 3\n", with: "2, 10\n")
        }
        expectError("A", file: "TOY_A.txt", at: "line 1", contains: "node id 0") {
            "0" + $0.dropFirst()
        }
    }

    @Test func edgeAcrossGraphs() {
        expectError("A", file: "TOY_A.txt", at: "line 3", contains: "joins graph 1 to graph 2") {
            $0.replacingOccurrences(of: "2, 3\n", with: "2, 4\n")
        }
    }

    @Test func nonNumericValues() {
        expectError("A", file: "TOY_A.txt", at: "line 2", contains: "value 2 is 'x'") {
            $0.replacingOccurrences(of: "1, 2\n", with: "1, x\n")
        }
        expectError("node_attributes", file: "TOY_node_attributes.txt", at: "line 4", contains: "'3.0abc'") {
            $0.replacingOccurrences(of: "3.0,", with: "3.0abc,")
        }
        expectError("graph_labels", file: "TOY_graph_labels.txt", at: "line 1", contains: "'5.5'") {
            "5.5" + $0.dropFirst()
        }
        expectError("graph_indicator", file: "TOY_graph_indicator.txt", at: "line 1", contains: "expected an integer") {
            "99999999999999999999999" + $0.dropFirst()
        }
    }

    @Test func wrongValueCountOnALine() {
        expectError("A", file: "TOY_A.txt", at: "line 4", contains: "3 values, expected 2") {
            $0.replacingOccurrences(of: "3, 2\n", with: "3, 2, 1\n")
        }
        expectError("A", file: "TOY_A.txt", at: "line 2", contains: "blank line") {
            $0.replacingOccurrences(of: "1, 2\n", with: "\n")
        }
    }

    @Test func wrongLineCounts() {
        // Truncated: the last node's labels are missing.
        expectError("node_labels", file: "TOY_node_labels.txt", at: "line 9", contains: "8 lines, expected 9") {
            String($0.split(separator: "\n").dropLast().joined(separator: "\n") + "\n")
        }
        expectError("edge_labels", file: "TOY_edge_labels.txt", at: "line 14", contains: "14 lines, expected 13") {
            $0 + "1\n"
        }
        expectError("graph_attributes", file: "TOY_graph_attributes.txt", at: "line 3", contains: "2 lines, expected 3") {
            String($0.split(separator: "\n").prefix(2).joined(separator: "\n") + "\n")
        }
        // A truncated last line (no newline, half a row) is a wrong value count.
        expectError("node_attributes", file: "TOY_node_attributes.txt", at: "line 9", contains: "1 values, expected 2") {
            String($0.dropLast(6))
        }
    }

    @Test func badGraphIndicator() {
        expectError("graph_indicator", file: "TOY_graph_indicator.txt", at: "line 4", contains: "non-decreasing") {
            $0.replacingOccurrences(of: "1\n1\n1\n2\n", with: "1\n1\n2\n1\n")
        }
        expectError("graph_indicator", file: "TOY_graph_indicator.txt", at: "line 1", contains: "graph id 0") {
            "0" + $0.dropFirst()
        }
    }

    @Test func hugeLabelRangeIsRejectedNotAllocated() {
        expectError("node_labels", file: "TOY_node_labels.txt", at: "column 1", contains: "labels range over") {
            "9000000000000, 0" + $0.drop(while: { $0 != "\n" })
        }
    }

    @Test func zipInPlaceOfTextAndMissingFile() throws {
        let dir = try TUDatasetTests.toyCopy { dir in
            try Data([0x50, 0x4B, 0x03, 0x04, 0, 0]).write(to: dir.appendingPathComponent("TOY_A.txt"))
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: DataError.self) { try TUDataset(name: "TOY").read(rawDirectory: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("TOY_A.txt"))
        do {
            _ = try TUDataset(name: "TOY").read(rawDirectory: dir)
            Issue.record("expected a missing-input error")
        } catch let error as DataError {
            #expect(error.kind == .missingInput)
        }
    }

    @Test func parserAcceptsCRLFAndTrailingBlankLines() throws {
        let table = try NumberTableParser.integers(Array("1,2\r\n -3 ,\t4\r\n\n\n".utf8), file: "t.txt")
        #expect(table.rows == 2 && table.cols == 2 && table.values == [1, 2, -3, 4])
        let floats = try NumberTableParser.floats(Array("1e-3, -2.5\n0.1,nan".utf8), file: "f.txt")
        #expect(floats.rows == 2 && floats.values[0] == Float(0.001) && floats.values[2] == Float(0.1) && floats.values[3].isNaN)
        #expect(throws: DataError.self) { try NumberTableParser.floats(Array("1,,2\n".utf8), file: "f.txt") }
        #expect(throws: DataError.self) { try NumberTableParser.integers(Array("-\n".utf8), file: "f.txt") }
    }
}
