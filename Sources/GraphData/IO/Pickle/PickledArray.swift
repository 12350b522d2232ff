/// A numpy `ndarray` decoded from its pickled form.
///
/// numpy pickles an array as `_reconstruct(ndarray, (0,), b'b')` followed by `BUILD`
/// with the state `(version, shape, dtype, is_fortran, raw_bytes)` (version 1; the
/// 4-tuple without the version is read too). The dtype is itself
/// `dtype(str, align, copy)` with the state `(3, endian, ...)`, `endian` one of
/// `<`, `>`, `|`, `=`. Supported element types: `b1`, `i1`-`i8`, `u1`-`u8`, `f4`, `f8`.
///
/// `data` holds `count * itemSize` bytes in the stored order; the conversions
/// (`floats()`, `int32s()`, `int64s()`, `ints()`) return elements in row-major (C)
/// order whatever `fortranOrder` is.
public struct PickledArray: Sendable, Equatable {
    /// The element kind of a dtype.
    public enum Kind: Character, Sendable {
        case bool = "b", signed = "i", unsigned = "u", float = "f"
    }

    public let kind: Kind
    /// Bytes per element.
    public let itemSize: Int
    public let littleEndian: Bool
    public let shape: [Int]
    /// True when the bytes are in column-major (Fortran) order.
    public let fortranOrder: Bool
    /// The raw element bytes, `count * itemSize` of them.
    public let data: [UInt8]

    /// Number of elements (product of `shape`; 1 for a 0-d array).
    public var count: Int { data.count / Swift.max(itemSize, 1) }

    /// numpy's name of the dtype, e.g. `<i4`.
    public var dtypeName: String { "\(littleEndian ? "<" : ">")\(kind.rawValue)\(itemSize)" }

    /// An array from its fields, checking that `data` fills `shape`.
    public init(kind: Kind, itemSize: Int, littleEndian: Bool = true, shape: [Int],
                fortranOrder: Bool = false, data: [UInt8]) throws {
        guard PickledArray.sizes(kind).contains(itemSize) else {
            throw DataError("numpy array: unsupported dtype \(kind.rawValue)\(itemSize)")
        }
        var n = 1
        for d in shape {
            guard d >= 0 else { throw DataError("numpy array: negative dimension in shape \(shape)") }
            let (p, o) = n.multipliedReportingOverflow(by: d)
            guard !o else { throw DataError("numpy array: shape \(shape) overflows") }
            n = p
        }
        let (bytes, o) = n.multipliedReportingOverflow(by: itemSize)
        guard !o, bytes == data.count else {
            throw DataError("numpy array: \(data.count) bytes of data for shape \(shape) of \(kind.rawValue)\(itemSize), expected \(o ? "an overflowing count" : String(bytes))")
        }
        self.kind = kind
        self.itemSize = itemSize
        self.littleEndian = littleEndian
        self.shape = shape
        self.fortranOrder = fortranOrder
        self.data = data
    }

    static func sizes(_ kind: Kind) -> [Int] {
        switch kind {
        case .bool: [1]
        case .signed, .unsigned: [1, 2, 4, 8]
        case .float: [4, 8]
        }
    }

    /// Decodes a pickled `numpy.ndarray` node.
    public init(_ value: PickleValue) throws {
        guard case .object(let o) = value, o.callable.isReconstruct else {
            throw DataError("numpy array: expected numpy.core.multiarray._reconstruct(...), found \(value.kindName)")
        }
        guard o.arguments.first == .global(.ndarray) else {
            throw DataError("numpy array: _reconstruct builds \(o.arguments.first?.kindName ?? "nothing"), expected numpy.ndarray")
        }
        guard var state = o.state?.elements else {
            throw DataError("numpy array: no (version, shape, dtype, fortran, data) state")
        }
        if state.count == 5 { state.removeFirst() }
        guard state.count == 4 else {
            throw DataError("numpy array: state has \(state.count) fields, expected 4 or 5")
        }
        guard let dims = state[0].elements else {
            throw DataError("numpy array: shape is a \(state[0].kindName), expected a tuple")
        }
        let shape = try dims.map { d -> Int in
            guard let i = d.integer else { throw DataError("numpy array: shape entry is a \(d.kindName)") }
            return i
        }
        let (kind, size, little) = try PickledArray.dtype(state[1])
        guard let fortran = state[2].integer else {
            throw DataError("numpy array: fortran flag is a \(state[2].kindName)")
        }
        guard case .bytes(let raw) = state[3] else {
            throw DataError("numpy array: data is a \(state[3].kindName), expected bytes (object arrays are not read)")
        }
        try self.init(kind: kind, itemSize: size, littleEndian: little, shape: shape,
                      fortranOrder: fortran != 0, data: raw)
    }

    /// `(kind, itemSize, littleEndian)` of a pickled `numpy.dtype` node.
    static func dtype(_ value: PickleValue) throws -> (Kind, Int, Bool) {
        guard case .object(let o) = value, o.callable == .dtype, let name = o.arguments.first?.text else {
            throw DataError("numpy array: dtype is a \(value.kindName), expected numpy.dtype(...)")
        }
        var code = Substring(name)
        var little = true
        if let c = code.first, "<>|=".contains(c) {
            little = c != ">"
            code = code.dropFirst()
        }
        if let fields = o.state?.elements, fields.count > 1, let endian = fields[1].text {
            guard ["<", ">", "|", "="].contains(endian) else {
                throw DataError("numpy array: dtype byte order '\(endian)'")
            }
            if endian == ">" { little = false } else if endian == "<" { little = true }
        }
        guard let k = code.first.flatMap({ Kind(rawValue: $0) }), let size = Int(code.dropFirst()),
              sizes(k).contains(size) else {
            throw DataError("numpy array: unsupported dtype '\(name)', expected b1, i1-i8, u1-u8, f4 or f8")
        }
        return (k, size, little)
    }

    // MARK: - Elements

    /// The raw bits of element `i` (storage order), as an unsigned integer.
    @inline(__always)
    func bits(_ i: Int) -> UInt64 {
        var v: UInt64 = 0
        let base = i * itemSize
        for k in 0..<itemSize {
            let b = UInt64(data[littleEndian ? base + k : base + itemSize - 1 - k])
            v |= b << (8 * UInt64(k))
        }
        return v
    }

    /// Element `i` (storage order) as an exact integer, nil for floats or a uint64 above Int64.max.
    func integerElement(_ i: Int) -> Int64? {
        let v = bits(i)
        switch kind {
        case .bool: return v != 0 ? 1 : 0
        case .unsigned: return v <= UInt64(Int64.max) ? Int64(v) : nil
        case .signed:
            let shift = UInt64(64 - 8 * itemSize)
            return Int64(bitPattern: v << shift) >> shift
        case .float: return nil
        }
    }

    /// Element `i` (storage order) as a Double.
    func doubleElement(_ i: Int) -> Double {
        switch kind {
        case .float: itemSize == 4 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits(i)))) : Double(bitPattern: bits(i))
        case .unsigned: Double(bits(i))
        default: Double(integerElement(i) ?? 0)
        }
    }

    /// Storage positions in row-major order (identity unless Fortran order with >1 dim).
    func rowMajorOrder() -> [Int] {
        let n = count
        guard fortranOrder, shape.count > 1 else { return Array(0..<n) }
        var strides = [Int](repeating: 1, count: shape.count)
        for d in 1..<shape.count { strides[d] = strides[d - 1] * shape[d - 1] }
        var out = [Int](repeating: 0, count: n)
        var index = [Int](repeating: 0, count: shape.count)
        for c in 0..<n {
            var f = 0
            for d in 0..<shape.count { f += index[d] * strides[d] }
            out[c] = f
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return out
    }

    /// The elements as Float32, row-major (any dtype; values are rounded to Float).
    public func floats() -> [Float] {
        rowMajorOrder().map { Float(doubleElement($0)) }
    }

    /// The elements as Int64, row-major. Throws for float dtypes and uint64 values above Int64.max.
    public func int64s() throws -> [Int64] {
        try rowMajorOrder().map { i in
            guard let v = integerElement(i) else {
                throw DataError("numpy array: element \(i) of dtype \(dtypeName) is not an Int64 integer")
            }
            return v
        }
    }

    /// The elements as Int32, row-major. Throws for float dtypes and values outside Int32.
    public func int32s() throws -> [Int32] {
        try int64s().enumerated().map { i, v in
            guard let x = Int32(exactly: v) else {
                throw DataError("numpy array: element \(i) = \(v) does not fit in Int32")
            }
            return x
        }
    }

    /// The elements as Int, row-major. Throws for float dtypes.
    public func ints() throws -> [Int] {
        try int64s().map { Int($0) }
    }

    /// A 2-d array as a dense `[rows, cols]` feature matrix (1-d: one column).
    public func denseMatrix() throws -> FeatureMatrix {
        switch shape.count {
        case 1: return .dense(rows: shape[0], cols: 1, values: floats())
        case 2: return .dense(rows: shape[0], cols: shape[1], values: floats())
        default: throw DataError("numpy array: shape \(shape) is not a matrix")
        }
    }
}
