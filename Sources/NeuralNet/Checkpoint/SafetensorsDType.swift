/// The element types of the safetensors format (names as in the header), their sizes,
/// and the conversions to Float32 this library reads.
///
/// F32 is read as is. F64, F16 and BF16 are rounded to Float32 (F16 and BF16 exactly).
/// Integer and BOOL tensors (I8...I64, U8...U64) are converted when every value is
/// exactly representable in Float32 (|x| <= 2^24 always is), and refused otherwise so
/// an id or a counter is never silently changed. F8, F6, F4 and C64 are refused.
enum SafetensorsDType: String, CaseIterable {
    case bool = "BOOL", u8 = "U8", i8 = "I8", i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
    case i32 = "I32", u32 = "U32", f32 = "F32", f64 = "F64", i64 = "I64", u64 = "U64"
    case f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3", f8e8m0 = "F8_E8M0", c64 = "C64"
    case f4 = "F4", f6e2m3 = "F6_E2M3", f6e3m2 = "F6_E3M2"

    /// Bytes per element; nil for the sub-byte types (F4, F6), which this reader refuses.
    var size: Int? {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3, .f8e8m0: return 1
        case .i16, .u16, .f16, .bf16: return 2
        case .i32, .u32, .f32: return 4
        case .f64, .i64, .u64, .c64: return 8
        case .f4, .f6e2m3, .f6e3m2: return nil
        }
    }

    var isConvertible: Bool {
        switch self {
        case .f8e5m2, .f8e4m3, .f8e8m0, .c64, .f4, .f6e2m3, .f6e3m2: return false
        default: return true
        }
    }

    /// Converts `count` little-endian elements at `src` into `dst`. Returns the index of
    /// the first integer value not exactly representable as Float32, or nil on success.
    func convert(_ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) -> (index: Int, value: String)? {
        @inline(__always) func load<T: FixedWidthInteger>(_ i: Int, _: T.Type) -> T {
            T(littleEndian: src.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self))
        }
        switch self {
        case .f32:
            #if _endian(little)
            UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: count * 4)
            #else
            for i in 0..<count { dst[i] = Float(bitPattern: load(i, UInt32.self)) }
            #endif
        case .f64:
            for i in 0..<count { dst[i] = Float(Double(bitPattern: load(i, UInt64.self))) }
        case .f16:
            for i in 0..<count { dst[i] = halfToFloat(load(i, UInt16.self)) }
        case .bf16:
            for i in 0..<count { dst[i] = Float(bitPattern: UInt32(load(i, UInt16.self)) << 16) }
        case .bool:
            for i in 0..<count { dst[i] = load(i, UInt8.self) != 0 ? 1 : 0 }
        case .u8: for i in 0..<count { dst[i] = Float(load(i, UInt8.self)) }
        case .i8: for i in 0..<count { dst[i] = Float(load(i, Int8.self)) }
        case .i16: for i in 0..<count { dst[i] = Float(load(i, Int16.self)) }
        case .u16: for i in 0..<count { dst[i] = Float(load(i, UInt16.self)) }
        case .i32: return convertExact(count, dst) { load($0, Int32.self) }
        case .u32: return convertExact(count, dst) { load($0, UInt32.self) }
        case .i64: return convertExact(count, dst) { load($0, Int64.self) }
        case .u64: return convertExact(count, dst) { load($0, UInt64.self) }
        case .f8e5m2, .f8e4m3, .f8e8m0, .c64, .f4, .f6e2m3, .f6e3m2:
            preconditionFailure("\(rawValue) is not convertible; callers check isConvertible")
        }
        return nil
    }

    private func convertExact<T: BinaryInteger>(_ count: Int, _ dst: UnsafeMutablePointer<Float>,
                                               _ value: (Int) -> T) -> (index: Int, value: String)? {
        for i in 0..<count {
            let v = value(i)
            let f = Float(v)
            guard T(exactly: f) == v else { return (i, "\(v)") }
            dst[i] = f
        }
        return nil
    }
}

/// IEEE binary16 bits to Float32 (exact, including subnormals, infinities and NaN).
@inline(__always)
func halfToFloat(_ h: UInt16) -> Float {
    let sign: UInt32 = UInt32(h & 0x8000) << 16
    let exponent = UInt32((h >> 10) & 0x1F)
    let mantissa = UInt32(h & 0x3FF)
    if exponent == 0 {
        let magnitude = Float(mantissa) * 0x1p-24
        return sign != 0 ? -magnitude : magnitude
    }
    if exponent == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
}
