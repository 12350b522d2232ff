import Foundation

extension NpyArray {
    /// Parses the bytes of a `.npy` file (see `NpyHeader` for the layout).
    ///
    /// Every size read from the file is checked before anything is allocated: the
    /// shape's product and its byte size must not overflow and must equal the bytes
    /// left after the header. Never traps on malformed input; errors are `DataError`s
    /// at `array '<name>', byte N` (the caller adds the file with `inFile`).
    /// - Complexity: O(count · ndim) for Fortran-ordered data, O(count) otherwise.
    public static func parse(data: Data, name: String) throws -> NpyArray {
        do {
            return try data.withUnsafeBytes { raw in try parse(raw, name: name) }
        } catch let e as DataError {
            throw DataError(e.kind, file: e.file, at: ["array '\(name)'", e.location].compactMap { $0 }.joined(separator: ", "),
                            e.message)
        }
    }

    /// Reads one `.npy` file; errors name the file.
    public static func read(_ url: URL) throws -> NpyArray {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(.missingInput, file: url.path, "cannot read: \(error.localizedDescription)")
        }
        let name = url.deletingPathExtension().lastPathComponent
        do { return try parse(data: data, name: name) } catch let e as DataError { throw e.inFile(url.lastPathComponent) }
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, name: String) throws -> NpyArray {
        let header = try NpyHeader.parse(bytes)
        var count = 1
        for d in header.shape where !header.shape.contains(0) {
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else {
                throw DataError(.badData, at: "byte 8", "shape \(header.shape) has more elements than a 64-bit integer can count")
            }
            count = p
        }
        if header.shape.contains(0) { count = 0 }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: header.dtype.itemSize)
        guard !overflow else {
            throw DataError(.badData, at: "byte 8", "shape \(header.shape) of \(header.dtype.rawValue) is more bytes than a 64-bit integer can count")
        }
        let available = bytes.count - header.dataOffset
        guard byteCount == available else {
            throw DataError(.badData, at: "byte \(header.dataOffset)",
                            "shape \(header.shape) of dtype \(header.dtype.rawValue) needs \(byteCount) data bytes, found \(available)")
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[header.dataOffset...])
        var storage = decode(body, count: count, dtype: header.dtype, bigEndian: header.bigEndian)
        if header.fortranOrder && header.shape.count > 1 && count > 1 {
            storage = storage.permuted(by: fortranToC(shape: header.shape, count: count))
        }
        return NpyArray(dtype: header.dtype, shape: header.shape, storage: storage, name: name)
    }

    /// For each row-major position, the position of that element in column-major order.
    static func fortranToC(shape: [Int], count: Int) -> [Int] {
        // Column-major strides: stride[0] = 1, stride[k] = stride[k-1] * shape[k-1].
        var strides = [Int](repeating: 1, count: shape.count)
        for k in 1..<shape.count { strides[k] = strides[k - 1] &* shape[k - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var order = [Int](repeating: 0, count: count)
        var offset = 0
        for p in 0..<count {
            order[p] = offset
            // Increment the row-major multi-index (last axis fastest).
            var k = shape.count - 1
            while k >= 0 {
                index[k] += 1
                offset += strides[k]
                if index[k] < shape[k] { break }
                offset -= strides[k] * shape[k]
                index[k] = 0
                k -= 1
            }
        }
        return order
    }

    private static func decode(_ b: UnsafeRawBufferPointer, count: Int, dtype: NpyDType, bigEndian: Bool) -> Storage {
        func ints<T: FixedWidthInteger>(_: T.Type) -> [Int64] {
            (0..<count).map { k in
                let v = b.loadUnaligned(fromByteOffset: k * MemoryLayout<T>.size, as: T.self)
                return Int64(truncatingIfNeeded: bigEndian ? T(bigEndian: v) : T(littleEndian: v))
            }
        }
        switch dtype {
        case .bool: return .bool((0..<count).map { b[$0] != 0 })
        case .int8: return .int64(ints(Int8.self))
        case .uint8: return .int64(ints(UInt8.self))
        case .int16: return .int64(ints(Int16.self))
        case .uint16: return .int64(ints(UInt16.self))
        case .int32: return .int64(ints(Int32.self))
        case .uint32: return .int64(ints(UInt32.self))
        case .int64: return .int64(ints(Int64.self))
        case .uint64:
            return .uint64((0..<count).map { k in
                let v = b.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)
                return bigEndian ? UInt64(bigEndian: v) : UInt64(littleEndian: v)
            })
        case .float16:
            return .float32((0..<count).map { k in
                let v = b.loadUnaligned(fromByteOffset: k * 2, as: UInt16.self)
                return halfToFloat(bigEndian ? UInt16(bigEndian: v) : UInt16(littleEndian: v))
            })
        case .float32:
            return .float32((0..<count).map { k in
                let v = b.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self)
                return Float(bitPattern: bigEndian ? UInt32(bigEndian: v) : UInt32(littleEndian: v))
            })
        case .float64:
            return .float64((0..<count).map { k in
                let v = b.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)
                return Double(bitPattern: bigEndian ? UInt64(bigEndian: v) : UInt64(littleEndian: v))
            })
        }
    }

    /// IEEE 754 binary16 bits to Float (exact: every half is a float).
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: UInt32 = UInt32(h >> 15) << 31
        let exponent = Int(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            // Zero or subnormal: mantissa * 2^-24.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        if exponent == 31 {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))  // inf / NaN
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }
}

extension NpyArray.Storage {
    /// Elements reordered so that `result[p] = self[order[p]]`.
    func permuted(by order: [Int]) -> NpyArray.Storage {
        switch self {
        case .bool(let v): .bool(order.map { v[$0] })
        case .int64(let v): .int64(order.map { v[$0] })
        case .uint64(let v): .uint64(order.map { v[$0] })
        case .float32(let v): .float32(order.map { v[$0] })
        case .float64(let v): .float64(order.map { v[$0] })
        }
    }
}
