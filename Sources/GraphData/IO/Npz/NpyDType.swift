/// The element type of a `.npy` array, read from the header's `descr` string.
///
/// numpy writes `descr` as a byte-order character followed by a kind and an item
/// size in bytes: `'<f4'` (little-endian float32), `'>i8'` (big-endian int64),
/// `'|b1'` (bool), `'|u1'` (uint8). `'|'` means "not applicable" (one-byte types),
/// `'='` native order (little-endian on every platform SwiftGNN runs on).
/// Object (`'|O'`), string (`'<U5'`, `'|S3'`), complex, datetime and structured
/// dtypes are refused: they need pickle or have no graph-data use.
public enum NpyDType: String, Sendable, Equatable, CaseIterable {
    case bool = "b1"
    case int8 = "i1", int16 = "i2", int32 = "i4", int64 = "i8"
    case uint8 = "u1", uint16 = "u2", uint32 = "u4", uint64 = "u8"
    case float16 = "f2", float32 = "f4", float64 = "f8"

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16, .float16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// Whether values are integers (signed or unsigned); bool is not.
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }

    /// Whether values are floating point.
    public var isFloat: Bool { self == .float16 || self == .float32 || self == .float64 }

    /// Parses a `descr` string into a dtype and whether its bytes are big-endian.
    /// Throws a message (without file or place; the caller adds them) when the
    /// descriptor is not one of the supported simple types.
    static func parse(_ descr: String) throws -> (dtype: NpyDType, bigEndian: Bool) {
        let scalars = Array(descr.unicodeScalars)
        guard let first = scalars.first else { throw DataError("empty dtype descriptor ''") }
        var body = Substring(descr)
        var bigEndian = false
        var hasOrder = true
        switch first {
        case "<", "=": bigEndian = false
        case ">", "!": bigEndian = true
        case "|": bigEndian = false
        default: hasOrder = false
        }
        if hasOrder { body = body.dropFirst() }
        if body == "O" || body.hasPrefix("O") {
            throw DataError("dtype '\(descr)' is a Python object array; reading it would need pickle, which is not supported")
        }
        if body == "?" { return (.bool, false) }
        guard let dtype = NpyDType(rawValue: String(body)) else {
            throw DataError("unsupported dtype '\(descr)'; expected one of "
                + "b1, i1, i2, i4, i8, u1, u2, u4, u8, f2, f4, f8 with byte order <, > or |")
        }
        return (dtype, bigEndian && dtype.itemSize > 1)
    }
}
