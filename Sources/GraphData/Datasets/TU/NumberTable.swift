import Foundation

/// A table of numbers read from a text file: `rows` lines of `cols` values each,
/// row-major in `values`.
struct NumberTable<Value: Sendable>: Sendable {
    var rows: Int
    var cols: Int
    var values: [Value]

    /// Column `c` as an array of `rows` values.
    func column(_ c: Int) -> [Value] {
        (0..<rows).map { values[$0 * cols + c] }
    }
}

/// Parses the TU collection's text files straight from their bytes: one row per line,
/// values separated by `separator` (a comma in TU files) with optional spaces or tabs
/// around them, `\n` or `\r\n` line ends. Every line must have as many values as the
/// first; blank lines are allowed only at the end of the file (PyG's `read_txt_array`
/// also drops the part after the last newline).
///
/// Errors name the file, the 1-based line and what was expected.
/// - Complexity: O(bytes); integers are parsed without allocation, floats through
///   `strtod` on a small per-token buffer (then rounded to Float32, as PyG does when it
///   reads Python floats into a float32 tensor).
enum NumberTableParser {
    /// Integers (node ids, indicators, labels), checked for overflow.
    static func integers(_ bytes: [UInt8], file: String, separator: UInt8 = UInt8(ascii: ",")) throws -> NumberTable<Int> {
        try parse(bytes, file: file, separator: separator, what: "an integer") { p, range in
            parseInteger(p, range)
        }
    }

    /// Real numbers (attributes), `nan`/`inf` accepted as `strtod` does.
    static func floats(_ bytes: [UInt8], file: String, separator: UInt8 = UInt8(ascii: ",")) throws -> NumberTable<Float> {
        var scratch = [CChar](repeating: 0, count: 64)
        return try parse(bytes, file: file, separator: separator, what: "a number") { p, range in
            parseFloat(p, range, &scratch)
        }
    }

    // MARK: - Lines and tokens

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

    private static func parse<Value>(
        _ bytes: [UInt8], file: String, separator: UInt8, what: String,
        _ token: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Value?
    ) throws -> NumberTable<Value> {
        try bytes.withUnsafeBufferPointer { p in
            var values: [Value] = []
            var rows = 0, cols = -1
            var line = 0
            var start = 0
            let n = p.count
            while start < n {
                line += 1
                var end = start
                while end < n && p[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                var first = start, last = end
                while first < last && isBlank(p[first]) { first += 1 }
                while last > first && isBlank(p[last - 1]) { last -= 1 }
                if first == last {
                    // Blank: fine at the end of the file only.
                    var k = end
                    while k < n && (isBlank(p[k]) || p[k] == 0x0A) { k += 1 }
                    if k == n { break }
                    throw DataError(.badData, file: file, at: "line \(line)", "blank line, expected \(cols > 0 ? "\(cols)" : "one or more") comma-separated values")
                }
                var count = 0
                var t = first
                while true {
                    var u = t
                    while u < last && p[u] != separator { u += 1 }
                    var a = t, b = u
                    while a < b && isBlank(p[a]) { a += 1 }
                    while b > a && isBlank(p[b - 1]) { b -= 1 }
                    guard let v = token(p, a..<b) else {
                        let text = String(decoding: UnsafeBufferPointer(rebasing: p[a..<Swift.min(b, a + 40)]), as: UTF8.self)
                        throw DataError(.badData, file: file, at: "line \(line)", "value \(count + 1) is '\(text)', expected \(what)")
                    }
                    values.append(v)
                    count += 1
                    if u >= last { break }
                    t = u + 1
                }
                if cols < 0 { cols = count }
                guard count == cols else {
                    throw DataError(.badData, file: file, at: "line \(line)", "\(count) values, expected \(cols) as on line 1")
                }
                rows += 1
            }
            return NumberTable(rows: rows, cols: Swift.max(cols, 0), values: values)
        }
    }

    /// `[+-]?[0-9]+` with overflow checks; nil when malformed.
    @inline(__always)
    static func parseInteger(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        guard i < r.upperBound else { return nil }
        var negative = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < r.upperBound else { return nil }
        var v = 0
        while i < r.upperBound {
            let d = Int(p[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            guard !o1 && !o2 else { return nil }
            v = s
            i += 1
        }
        return v
    }

    /// A whole token parsed by `strtod` (nil unless it consumes every byte).
    @inline(__always)
    static func parseFloat(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ scratch: inout [CChar]) -> Float? {
        let len = r.count
        guard len > 0, len < 512 else { return nil }
        if scratch.count < len + 1 { scratch = [CChar](repeating: 0, count: len + 1) }
        return scratch.withUnsafeMutableBufferPointer { s -> Float? in
            guard let base = s.baseAddress else { return nil }
            for k in 0..<len { s[k] = CChar(bitPattern: p[r.lowerBound + k]) }
            s[len] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(base, &end)
            guard let end, end - base == len else { return nil }
            return Float(v)
        }
    }
}
