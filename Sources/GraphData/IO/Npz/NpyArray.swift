/// An n-dimensional array read from a `.npy` file (or an `.npz` member), in row-major
/// (C) order whatever the order on disk.
///
/// Integers of every width are held as `Int64` (except `uint64`, held as `UInt64`),
/// `float16` and `float32` as `Float`, `float64` as `Double`, bools as `Bool`; `dtype`
/// remembers what the file said. The typed accessors convert and check:
///
/// ```swift
/// let a = try NpyArray.parse(data: bytes, name: "labels")
/// a.shape          // [7650]
/// try a.int64s()   // [Int64], throws for float data that are not whole numbers
/// ```
public struct NpyArray: Sendable, Equatable {
    /// The values, in row-major order.
    public enum Storage: Sendable, Equatable {
        case bool([Bool])
        case int64([Int64])
        case uint64([UInt64])
        case float32([Float])
        case float64([Double])
    }

    /// Element type as stored in the file.
    public let dtype: NpyDType
    /// Dimensions; `[]` for a scalar (one element).
    public let shape: [Int]
    public let storage: Storage
    /// The array (or member) name used in error messages.
    public let name: String

    public init(dtype: NpyDType, shape: [Int], storage: Storage, name: String = "array") {
        self.dtype = dtype
        self.shape = shape
        self.storage = storage
        self.name = name
    }

    /// Number of elements (the product of `shape`).
    public var count: Int {
        switch storage {
        case .bool(let v): v.count
        case .int64(let v): v.count
        case .uint64(let v): v.count
        case .float32(let v): v.count
        case .float64(let v): v.count
        }
    }

    private func fail(_ message: String) -> DataError {
        DataError(.badData, at: "array '\(name)'", message)
    }

    /// The values as Float (bools as 0/1; large integers and doubles rounded).
    public func floats() -> [Float] {
        switch storage {
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .int64(let v): v.map { Float($0) }
        case .uint64(let v): v.map { Float($0) }
        case .float32(let v): v
        case .float64(let v): v.map { Float($0) }
        }
    }

    /// The values as Double (bools as 0/1).
    public func doubles() -> [Double] {
        switch storage {
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .int64(let v): v.map { Double($0) }
        case .uint64(let v): v.map { Double($0) }
        case .float32(let v): v.map { Double($0) }
        case .float64(let v): v.map { $0 }
        }
    }

    /// The values as Int64. Bools become 0/1; floats must be whole numbers in range
    /// (numpy files sometimes store labels as float); uint64 values must fit.
    public func int64s() throws -> [Int64] {
        switch storage {
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        case .int64(let v): return v
        case .uint64(let v):
            var out = [Int64]()
            out.reserveCapacity(v.count)
            for (k, x) in v.enumerated() {
                guard let y = Int64(exactly: x) else { throw fail("element \(k) = \(x) does not fit in Int64") }
                out.append(y)
            }
            return out
        case .float32(let v): return try wholeNumbers(v.lazy.map { Double($0) })
        case .float64(let v): return try wholeNumbers(v)
        }
    }

    private func wholeNumbers<S: Sequence>(_ v: S) throws -> [Int64] where S.Element == Double {
        var out = [Int64]()
        for (k, x) in v.enumerated() {
            guard let y = Int64(exactly: x) else {
                throw fail("element \(k) = \(x) is not an integer (dtype \(dtype.rawValue)); expected integer values")
            }
            out.append(y)
        }
        return out
    }

    /// The values as Int32, checking that each fits.
    public func int32s() throws -> [Int32] {
        let wide = try int64s()
        var out = [Int32]()
        out.reserveCapacity(wide.count)
        for (k, x) in wide.enumerated() {
            guard let y = Int32(exactly: x) else { throw fail("element \(k) = \(x) does not fit in Int32") }
            out.append(y)
        }
        return out
    }

    /// The values as Int (indices, sizes), checking that each fits.
    public func ints() throws -> [Int] {
        try int64s().enumerated().map { k, x in
            guard let y = Int(exactly: x) else { throw fail("element \(k) = \(x) does not fit in Int") }
            return y
        }
    }

    /// The values as Bool: bools as stored, numbers `!= 0` (masks saved as uint8).
    public func bools() -> [Bool] {
        switch storage {
        case .bool(let v): v
        case .int64(let v): v.map { $0 != 0 }
        case .uint64(let v): v.map { $0 != 0 }
        case .float32(let v): v.map { $0 != 0 }
        case .float64(let v): v.map { $0 != 0 }
        }
    }

    /// Throws unless the array has `dims` dimensions (names `what` and the shape).
    public func expectDimensions(_ dims: Int) throws {
        guard shape.count == dims else {
            throw fail("has shape \(shape), expected \(dims) dimension\(dims == 1 ? "" : "s")")
        }
    }
}
