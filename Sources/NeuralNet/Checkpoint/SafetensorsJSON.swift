/// The small JSON reader and writer behind safetensors headers.
///
/// The reader keeps object members in file order and the byte offset of every value, so
/// errors can say where in the file a problem is; it rejects anything RFC 8259 does
/// (and nesting deeper than 64). The writer emits compact JSON escaped exactly as Rust's
/// `serde_json` does (the `safetensors` package's serializer), so headers are
/// byte-identical to the Python package's.
struct JSONNode {
    indirect enum Value {
        case object([(key: String, node: JSONNode)])
        case array([JSONNode])
        case string(String)
        /// The number's text as written (the header only needs non-negative integers).
        case number(String)
        case bool(Bool)
        case null
    }

    /// Byte offset of the value's first character, from the start of the file.
    let offset: Int
    let value: Value

    var typeName: String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

struct JSONSyntaxError: Error {
    let offset: Int
    let message: String
}

/// Parses one JSON value filling `bytes` (trailing whitespace allowed); offsets are
/// reported as `baseOffset + index`.
struct JSONReader {
    private let bytes: UnsafeRawBufferPointer
    private let baseOffset: Int
    private var i = 0
    private var depth = 0
    private static let maxDepth = 64

    static func parse(_ bytes: UnsafeRawBufferPointer, baseOffset: Int) throws(JSONSyntaxError) -> JSONNode {
        var reader = JSONReader(bytes: bytes, baseOffset: baseOffset)
        reader.skipWhitespace()
        let node = try reader.parseValue()
        reader.skipWhitespace()
        guard reader.i == bytes.count else { throw reader.error("unexpected \(reader.describeCurrent()) after the JSON value") }
        return node
    }

    private init(bytes: UnsafeRawBufferPointer, baseOffset: Int) {
        self.bytes = bytes
        self.baseOffset = baseOffset
    }

    private func error(_ message: String, at index: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: baseOffset + (index ?? i), message: message)
    }

    private func describeCurrent() -> String {
        guard i < bytes.count else { return "end of header" }
        let c = bytes[i]
        if c >= 0x20 && c < 0x7F { return "character '\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x" + String(c, radix: 16)
    }

    private mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard i < bytes.count, bytes[i] == c else { throw error("expected \(what), found \(describeCurrent())") }
        i += 1
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        guard i < bytes.count else { throw error("expected a value, found end of header") }
        let start = i
        switch bytes[i] {
        case UInt8(ascii: "{"): return JSONNode(offset: baseOffset + start, value: try parseObject())
        case UInt8(ascii: "["): return JSONNode(offset: baseOffset + start, value: try parseArray())
        case UInt8(ascii: "\""): return JSONNode(offset: baseOffset + start, value: .string(try parseString()))
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(offset: baseOffset + start, value: .bool(true))
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(offset: baseOffset + start, value: .bool(false))
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(offset: baseOffset + start, value: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(offset: baseOffset + start, value: .number(try parseNumber()))
        default:
            throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        for c in word.utf8 {
            guard i < bytes.count, bytes[i] == c else { throw error("invalid literal, expected '\(word)'") }
            i += 1
        }
    }

    private mutating func nest() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONReader.maxDepth { throw error("nesting deeper than \(JSONReader.maxDepth) levels") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONNode.Value {
        try nest()
        defer { depth -= 1 }
        i += 1
        var members: [(key: String, node: JSONNode)] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a string key, found \(describeCurrent())") }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after key \"\(key)\"")
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "}"), "',' or '}' in object")
            return .object(members)
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONNode.Value {
        try nest()
        defer { depth -= 1 }
        i += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "]"), "',' or ']' in array")
            return .array(items)
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw error("unterminated string", at: start) }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw error("control character 0x\(String(c, radix: 16)) in string") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw error("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let escapeStart = i - 2
                var scalar = try parseHex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("lone UTF-16 surrogate in \\u escape", at: escapeStart)
                    }
                    i += 2
                    let low = try parseHex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("invalid UTF-16 surrogate pair", at: escapeStart) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw error("lone UTF-16 surrogate in \\u escape", at: escapeStart)
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape", at: escapeStart) }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: i - 2)
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8", at: start) }
        return s
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = i
        func digits(_ r: inout JSONReader) -> Int {
            var n = 0
            while r.i < r.bytes.count, r.bytes[r.i] >= UInt8(ascii: "0"), r.bytes[r.i] <= UInt8(ascii: "9") { r.i += 1; n += 1 }
            return n
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits(&self) == 0 {
            throw error("invalid number", at: start)
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits(&self) == 0 { throw error("invalid number: no digits after '.'", at: start) }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            if digits(&self) == 0 { throw error("invalid number: no digits in exponent", at: start) }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }
}

/// Compact JSON output, escaping strings as `serde_json` does: `"` and `\` escaped,
/// `\b \f \n \r \t` in short form, other control characters as `\u00xx`, everything
/// else (including `/` and non-ASCII) written as raw UTF-8.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        for c in s.utf8 {
            switch c {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
            case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(c >> 4)], hex[Int(c & 15)]]
            default: bytes.append(c)
            }
        }
        bytes.append(0x22)
    }

    mutating func intArray(_ values: [Int]) {
        raw("[" + values.map(String.init).joined(separator: ",") + "]")
    }
}
