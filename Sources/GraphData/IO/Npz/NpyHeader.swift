/// The header of a `.npy` file.
///
/// Layout (numpy format versions 1.0, 2.0 and 3.0):
///
/// | bytes | content |
/// |---|---|
/// | 0..<6 | magic `\x93NUMPY` |
/// | 6, 7 | major, minor version (1.0, 2.0 or 3.0) |
/// | 8..<10 (v1) or 8..<12 (v2, v3) | header length `H`, little-endian u16 / u32 |
/// | then `H` bytes | a Python dict literal, latin-1 (v1, v2) or UTF-8 (v3), padded with spaces and ending in `\n` |
/// | rest | the elements, C or Fortran order |
///
/// The dict is `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`. It is
/// parsed here by hand — never evaluated — accepting only those three keys with a
/// string, a boolean and a tuple of non-negative integers (Python 2 `3L` longs allowed).
struct NpyHeader: Equatable {
    var dtype: NpyDType
    var bigEndian: Bool
    var fortranOrder: Bool
    var shape: [Int]
    /// Byte offset of the first element.
    var dataOffset: Int

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    /// numpy refuses more dimensions than this.
    static let maxDimensions = 64
    /// numpy refuses headers longer than this unless told otherwise (10 000 bytes in
    /// numpy 2); a dict of three keys is ~120 bytes, so a long header signals damage.
    static let maxHeaderLength = 100_000

    /// Reads the header at the start of `bytes`. Errors carry the byte offset of the
    /// problem (`at: "byte N"`) and no file name.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws -> NpyHeader {
        func fail(_ offset: Int, _ message: String) -> DataError {
            DataError(.badData, at: "byte \(offset)", message)
        }
        guard bytes.count >= 10 else {
            throw fail(bytes.count, "file is \(bytes.count) bytes, too short for a .npy header (at least 10)")
        }
        for (i, m) in magic.enumerated() where bytes[i] != m {
            throw fail(i, "not a .npy file: expected the magic string \\x93NUMPY at byte 0")
        }
        let major = Int(bytes[6]), minor = Int(bytes[7])
        guard (1...3).contains(major), minor == 0 else {
            throw fail(6, "unsupported .npy format version \(major).\(minor); expected 1.0, 2.0 or 3.0")
        }
        let headerLength: Int
        let start: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            start = 10
        } else {
            guard bytes.count >= 12 else {
                throw fail(bytes.count, "file is \(bytes.count) bytes, too short for a version \(major) header (at least 12)")
            }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            start = 12
        }
        guard headerLength <= maxHeaderLength else {
            throw fail(8, "header length \(headerLength) exceeds the limit of \(maxHeaderLength) bytes")
        }
        let (end, overflow) = start.addingReportingOverflow(headerLength)
        guard !overflow, end <= bytes.count else {
            throw fail(8, "header length \(headerLength) runs past the end of the file (\(bytes.count) bytes)")
        }
        var text: [Unicode.Scalar] = []
        if major == 3 {
            guard let s = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) else {
                throw fail(start, "header is not valid UTF-8")
            }
            text = Array(s.unicodeScalars)
        } else {
            text = bytes[start..<end].map { Unicode.Scalar($0) }  // latin-1
        }
        var parser = DictParser(text: text, base: start)
        let dict = try parser.parse()
        var descr: String?, fortran: Bool?, shape: [Int]?
        for (key, value, offset) in dict {
            switch (key, value) {
            case ("descr", .string(let s)): descr = s
            case ("fortran_order", .bool(let b)): fortran = b
            case ("shape", .tuple(let t)): shape = t
            case ("descr", _):
                throw fail(offset, "'descr' is not a string; structured dtypes are not supported")
            case ("fortran_order", _), ("shape", _):
                throw fail(offset, "'\(key)' has the wrong type; expected \(key == "shape" ? "a tuple of integers" : "True or False")")
            default:
                throw fail(offset, "unexpected header key '\(key)'; expected 'descr', 'fortran_order' and 'shape'")
            }
        }
        guard let descr, let fortran, let shape else {
            let missing = [("descr", descr == nil), ("fortran_order", fortran == nil), ("shape", shape == nil)]
                .filter(\.1).map { "'\($0.0)'" }.joined(separator: ", ")
            throw fail(start, "header dict lacks \(missing)")
        }
        guard shape.count <= maxDimensions else {
            throw fail(start, "shape has \(shape.count) dimensions, more than \(maxDimensions)")
        }
        let parsed: (dtype: NpyDType, bigEndian: Bool)
        do { parsed = try NpyDType.parse(descr) } catch let e as DataError {
            throw fail(start, e.message)
        }
        return NpyHeader(dtype: parsed.dtype, bigEndian: parsed.bigEndian, fortranOrder: fortran,
                         shape: shape, dataOffset: end)
    }
}

/// A parser for the one-level Python dict literal of a `.npy` header. Iterative (no
/// recursion): values are strings, `True`/`False`, or a flat tuple of integers.
struct DictParser {
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case tuple([Int])
    }

    let text: [Unicode.Scalar]
    /// Byte offset of `text[0]` in the file, for error messages (exact for ASCII).
    let base: Int
    var i = 0

    init(text: [Unicode.Scalar], base: Int) {
        self.text = text
        self.base = base
    }

    private func fail(_ message: String) -> DataError {
        DataError(.badData, at: "byte \(base + i)", "header: \(message)")
    }

    private mutating func skipSpace() {
        while i < text.count, text[i] == " " || text[i] == "\t" || text[i] == "\n" || text[i] == "\r" { i += 1 }
    }

    private mutating func expect(_ c: Unicode.Scalar) throws {
        skipSpace()
        guard i < text.count, text[i] == c else {
            throw fail("expected '\(c)'" + (i < text.count ? ", found '\(text[i])'" : ", found the end of the header"))
        }
        i += 1
    }

    private mutating func peek(_ c: Unicode.Scalar) -> Bool {
        skipSpace()
        return i < text.count && text[i] == c
    }

    /// The `(key, value, byte offset of the value)` entries in order. Duplicate keys
    /// are an error.
    mutating func parse() throws -> [(String, Value, Int)] {
        var entries: [(String, Value, Int)] = []
        try expect("{")
        while !peek("}") {
            let key = try string()
            if entries.contains(where: { $0.0 == key }) { throw fail("duplicate key '\(key)'") }
            try expect(":")
            skipSpace()
            let at = base + i
            entries.append((key, try value(), at))
            if peek(",") { i += 1 } else if !peek("}") { throw fail("expected ',' or '}' after the value of '\(key)'") }
        }
        i += 1
        skipSpace()
        guard i == text.count else { throw fail("unexpected text after the closing '}'") }
        return entries
    }

    private mutating func value() throws -> Value {
        skipSpace()
        guard i < text.count else { throw fail("expected a value, found the end of the header") }
        switch text[i] {
        case "'", "\"": return .string(try string())
        case "(": return .tuple(try tuple())
        case "T", "F":
            for word in ["True", "False"] {
                let w = Array(word.unicodeScalars)
                if i + w.count <= text.count, Array(text[i..<i + w.count]) == w {
                    i += w.count
                    return .bool(word == "True")
                }
            }
            throw fail("expected True or False")
        case "[":
            throw fail("a list value (a structured dtype) is not supported; expected a dtype string like '<f4'")
        default:
            throw fail("unsupported value starting with '\(text[i])'; expected a string, True/False or a tuple")
        }
    }

    private mutating func string() throws -> String {
        skipSpace()
        guard i < text.count, text[i] == "'" || text[i] == "\"" else { throw fail("expected a quoted string") }
        let quote = text[i]
        i += 1
        var s = String.UnicodeScalarView()
        while i < text.count, text[i] != quote {
            guard text[i] != "\\" else { throw fail("escape sequences in header strings are not supported") }
            s.append(text[i])
            i += 1
        }
        guard i < text.count else { throw fail("unterminated string") }
        i += 1
        return String(s)
    }

    /// `()`, `(5,)`, `(3, 4)`, `(3L, 4L)`.
    private mutating func tuple() throws -> [Int] {
        try expect("(")
        var items: [Int] = []
        while !peek(")") {
            guard items.count <= NpyHeader.maxDimensions else {
                throw fail("shape has more than \(NpyHeader.maxDimensions) dimensions")
            }
            items.append(try integer())
            if peek("L") { i += 1 }
            if peek(",") { i += 1 } else if !peek(")") { throw fail("expected ',' or ')' in the shape tuple") }
        }
        i += 1
        return items
    }

    private mutating func integer() throws -> Int {
        skipSpace()
        let start = i
        var v = 0
        while i < text.count, (48...57).contains(text[i].value) {
            let d = Int(text[i].value) - 48
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else {
                i = start
                throw fail("shape dimension overflows a 64-bit integer")
            }
            v = a
            i += 1
        }
        guard i > start else {
            throw fail("expected a non-negative integer in the shape tuple")
        }
        return v
    }
}
