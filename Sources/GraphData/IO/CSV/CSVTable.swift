import Foundation

/// A CSV file as a header and rows of string fields (RFC 4180).
///
/// Fields are separated by `separator` (`,` unless told), records by `\n` or `\r\n`. A
/// field that starts with `"` is quoted: it may hold separators, line breaks and `""`
/// (one quote), and must be followed by a separator or the end of the record. Empty
/// lines are skipped; a UTF-8 byte-order mark is ignored. Every record must have as
/// many fields as the header. Errors give the file and the 1-based line.
///
/// ```swift
/// let t = try CSVTable(parsing: Data("a,b\n1,\"[0, 1]\"\n".utf8))
/// t.header            // ["a", "b"]
/// t.rows[0][1]        // "[0, 1]"
/// ```
/// - Complexity: O(bytes), one pass over the bytes.
public struct CSVTable: Sendable, Equatable {
    /// Column names (the first record).
    public var header: [String]
    /// The records after the header, each with `header.count` fields.
    public var rows: [[String]]
    /// The 1-based line on which each row starts.
    public var lineNumbers: [Int]

    public init(header: [String], rows: [[String]], lineNumbers: [Int]) {
        self.header = header
        self.rows = rows
        self.lineNumbers = lineNumbers
    }

    /// Parses CSV bytes. `file` names the source in errors.
    public init(parsing data: Data, file: String? = nil, separator: Character = ",") throws {
        guard let sep = separator.asciiValue, sep != UInt8(ascii: "\""), sep != 10, sep != 13 else {
            throw DataError(.usage, file: file, "CSV separator must be one ASCII character other than a quote or line break")
        }
        var records: [[String]] = []
        var starts: [Int] = []
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.count
            var i = 0
            if n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf { i = 3 }
            var line = 1
            var record: [String] = []
            var recordLine = 1
            var field: [UInt8] = []
            while i < n {
                // Start of a field.
                if record.isEmpty { recordLine = line }
                if record.isEmpty && (b[i] == 10 || b[i] == 13) {
                    // Empty line.
                    if b[i] == 13 && i + 1 < n && b[i + 1] == 10 { i += 1 }
                    i += 1
                    line += 1
                    continue
                }
                var value: String
                if b[i] == UInt8(ascii: "\"") {
                    let openLine = line
                    i += 1
                    field.removeAll(keepingCapacity: true)
                    var closed = false
                    while i < n {
                        let c = b[i]
                        if c == UInt8(ascii: "\"") {
                            if i + 1 < n && b[i + 1] == UInt8(ascii: "\"") {
                                field.append(c)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if c == 10 { line += 1 }
                        field.append(c)
                        i += 1
                    }
                    guard closed else {
                        throw DataError(.badData, file: file, at: "line \(openLine)", "quoted field is never closed")
                    }
                    if i < n && b[i] != sep && b[i] != 10 && b[i] != 13 {
                        throw DataError(.badData, file: file, at: "line \(line)",
                                        "unexpected '\(String(decoding: [b[i]], as: UTF8.self))' after a closing quote, expected a separator or the end of the line")
                    }
                    value = String(decoding: field, as: UTF8.self)
                } else {
                    let start = i
                    while i < n && b[i] != sep && b[i] != 10 && b[i] != 13 {
                        if b[i] == UInt8(ascii: "\"") {
                            throw DataError(.badData, file: file, at: "line \(line)",
                                            "quote inside an unquoted field (quote the whole field and double the quote)")
                        }
                        i += 1
                    }
                    value = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                }
                record.append(value)
                // After a field: separator, end of record, or end of input.
                if i < n && b[i] == sep {
                    i += 1
                    if i == n || b[i] == 10 || b[i] == 13 { record.append("") } else { continue }
                }
                if i < n && b[i] == 13 { i += 1 }
                if i < n && b[i] == 10 { i += 1 }
                line += 1
                records.append(record)
                starts.append(recordLine)
                record = []
            }
        }
        guard let first = records.first else {
            throw DataError(.badData, file: file, at: "line 1", "empty CSV file, expected a header line")
        }
        for (k, r) in records.enumerated() where r.count != first.count {
            throw DataError(.badData, file: file, at: "line \(starts[k])",
                            "\(r.count) fields, expected \(first.count) as in the header")
        }
        header = first
        rows = Array(records.dropFirst())
        lineNumbers = Array(starts.dropFirst())
    }

    /// Reads and parses the file at `url`.
    public init(contentsOf url: URL, separator: Character = ",") throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(.missingInput, file: url.path, "cannot read: \(error.localizedDescription)")
        }
        try self.init(parsing: data, file: url.lastPathComponent, separator: separator)
    }

    /// The position of column `name` in the header.
    public func columnIndex(_ name: String, file: String? = nil) throws -> Int {
        guard let k = header.firstIndex(of: name) else {
            throw DataError(.badData, file: file, at: "line 1",
                            "no column '\(name)' in the header (columns: \(header.joined(separator: ", ")))")
        }
        return k
    }

    /// The fields of column `name`, one per row.
    public func column(_ name: String, file: String? = nil) throws -> [String] {
        let k = try columnIndex(name, file: file)
        return rows.map { $0[k] }
    }

    /// Column `name` as Doubles; an unparsable field throws with its line.
    public func doubles(_ name: String, file: String? = nil) throws -> [Double] {
        let k = try columnIndex(name, file: file)
        return try rows.indices.map { r in
            let s = rows[r][k].trimmingCharacters(in: .whitespaces)
            guard let v = Double(s) else {
                throw DataError(.badData, file: file, at: "line \(lineNumbers[r])",
                                "column '\(name)': '\(rows[r][k])' is not a number")
            }
            return v
        }
    }
}
