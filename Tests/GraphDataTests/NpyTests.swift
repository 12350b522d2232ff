import Foundation
import Testing
@testable import GraphData

/// Runs `body`, expecting a `DataError` whose description contains every string.
func expectNpzError(_ fragments: [String], kind: DataError.Kind = .badData,
                    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a DataError containing \(fragments)", sourceLocation: sourceLocation)
    } catch let e as DataError {
        #expect(e.kind == kind, "\(e)", sourceLocation: sourceLocation)
        for f in fragments {
            #expect(e.description.contains(f), "'\(e.description)' lacks '\(f)'", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct NpyTests {
    func load(_ name: String) throws -> NpyArray { try NpyArray.read(Fixtures.url("npz/\(name)")) }

    @Test func float32RowMajor() throws {
        let a = try load("f4_2x3.npy")
        #expect(a.dtype == .float32)
        #expect(a.shape == [2, 3])
        #expect(a.floats() == [0, 0.5, 1, 1.5, 2, 2.5])
        #expect(a.name == "f4_2x3")
    }

    @Test func bigEndianFloat64() throws {
        let a = try load("f8_big_2x3.npy")
        #expect(a.dtype == .float64)
        #expect(a.doubles() == [-1, -0.75, -0.5, -0.25, 0, 0.25])
    }

    @Test func float16() throws {
        let a = try load("f2_4.npy")
        #expect(a.dtype == .float16)
        #expect(a.floats() == [1, -2.5, 65504, 6.1035156e-05])
        #expect(NpyArray.halfToFloat(0x0001) == Float(sign: .plus, exponent: -24, significand: 1))  // subnormal
        #expect(NpyArray.halfToFloat(0x7C00) == .infinity)
        #expect(NpyArray.halfToFloat(0x7E00).isNaN)
        let negativeZero = NpyArray.halfToFloat(0x8000)
        #expect(negativeZero == 0)
        #expect(negativeZero.sign == .minus)
    }

    @Test func integersOfEveryWidthAndOrder() throws {
        #expect(try load("i1_4.npy").int64s() == [-128, -1, 0, 127])
        #expect(try load("u1_4.npy").int64s() == [0, 1, 200, 255])
        #expect(try load("i2_big_4.npy").int64s() == [-32768, -2, 3, 32767])
        #expect(try load("u2_4.npy").int64s() == [0, 1, 40000, 65535])
        #expect(try load("i4_4.npy").int32s() == [Int32.min, -5, 6, Int32.max])
        #expect(try load("u4_big_4.npy").int64s() == [0, 7, 3_000_000_000, 4_294_967_295])
        #expect(try load("i8_big_4.npy").int64s() == [Int64.min, -9, 10, Int64.max])
        let u8 = try load("u8_4.npy")
        #expect(u8.storage == .uint64([0, 11, 1 << 63, UInt64.max]))
        expectNpzError(["array 'u8_4'", "element 2", "does not fit in Int64"]) { _ = try u8.int64s() }
        expectNpzError(["element 2", "does not fit in Int32"]) { _ = try load("u4_big_4.npy").int32s() }
    }

    @Test func bools() throws {
        let a = try load("b1_5.npy")
        #expect(a.dtype == .bool)
        #expect(a.bools() == [true, false, true, true, false])
        #expect(try a.int64s() == [1, 0, 1, 1, 0])
        #expect(try load("u1_4.npy").bools() == [false, true, true, true])
    }

    @Test func fortranOrderIsTransposedToRowMajor() throws {
        let a = try load("i4_fortran_3x4.npy")
        #expect(a.shape == [3, 4])
        var expected2: [Int64] = []
        for i in 0..<3 { for j in 0..<4 { expected2.append(Int64(10 * i + j)) } }
        #expect(try a.int64s() == expected2)
        let b = try load("i2_big_fortran_2x3x4.npy")
        #expect(b.shape == [2, 3, 4])
        var expected: [Int64] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { expected.append(Int64(100 * i + 10 * j + k)) } } }
        #expect(try b.int64s() == expected)
    }

    @Test func scalarEmptyAndHeaderVersions() throws {
        let s = try load("f4_scalar.npy")
        #expect(s.shape == [] && s.floats() == [3.5])
        let e = try load("f4_empty_0x3.npy")
        #expect(e.shape == [0, 3] && e.count == 0)
        let v1 = try load("f4_2x3.npy")
        for v in ["f4_v2_2x3.npy", "f4_v3_2x3.npy"] {
            let a = try load(v)
            #expect(a.shape == v1.shape && a.storage == v1.storage)
        }
    }

    @Test func wholeFloatsConvertToIntegersOthersDoNot() throws {
        let a = NpyArray(dtype: .float32, shape: [3], storage: .float32([1, 2, 3]), name: "y")
        #expect(try a.int64s() == [1, 2, 3])
        let b = NpyArray(dtype: .float32, shape: [2], storage: .float32([1, 2.5]), name: "y")
        expectNpzError(["array 'y'", "element 1", "not an integer"]) { _ = try b.int64s() }
    }

    @Test func malformedFilesNameFileArrayAndPlace() {
        let cases: [(String, [String])] = [
            ("bad_magic.npy", ["bad_magic.npy", "byte 5", "magic"]),
            ("bad_version.npy", ["byte 6", "version 4.0"]),
            ("bad_dtype.npy", ["bad_dtype.npy", "array 'bad_dtype'", "unsupported dtype '<x4'"]),
            ("string_dtype.npy", ["unsupported dtype '<U3'"]),
            ("object_dtype.npy", ["'|O'", "pickle"]),
            ("short_data.npy", ["short_data.npy", "byte 128", "needs 20 data bytes, found 12"]),
            ("long_data.npy", ["needs 12 data bytes, found 16"]),
            ("overflow_shape.npy", ["more elements than a 64-bit integer"]),
            ("huge_dim.npy", ["overflows a 64-bit integer"]),
            ("header_past_end.npy", ["byte 8", "header length 5000 runs past the end"]),
            ("missing_key.npy", ["lacks 'fortran_order'"]),
            ("extra_key.npy", ["unexpected header key 'x'"]),
            ("structured_dtype.npy", ["structured dtype", "not supported"]),
            ("unterminated.npy", ["header"]),
        ]
        for (file, fragments) in cases {
            expectNpzError(fragments) { _ = try NpyArray.read(Fixtures.url("npz/bad/\(file)")) }
        }
    }

    @Test func missingFileIsMissingInput() {
        expectNpzError(["nope.npy"], kind: .missingInput) { _ = try NpyArray.read(Fixtures.url("npz/nope.npy")) }
    }

    /// The fuzz target's contract: any bytes either parse or throw `DataError`.
    @Test func arbitraryBytesNeverTrap() throws {
        var rng = SystemRandomNumberGenerator()
        let valid = try Data(contentsOf: Fixtures.url("npz/i2_big_fortran_2x3x4.npy"))
        let prefix: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        for trial in 0..<400 {
            var bytes: [UInt8]
            switch trial % 4 {
            case 0:  // pure noise
                bytes = (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1:  // magic + version + noise
                bytes = prefix + [UInt8.random(in: 1...3, using: &rng), 0]
                    + (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 2:  // a valid file with a few bytes flipped
                bytes = [UInt8](valid)
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            default:  // a valid file cut short
                bytes = Array(valid.prefix(Int.random(in: 0..<valid.count, using: &rng)))
            }
            do { _ = try NpyArray.parse(data: Data(bytes), name: "fuzz") } catch is DataError {} catch {
                Issue.record("non-DataError \(error) for \(bytes)")
            }
        }
    }

    @Test func handWrittenHeaders() throws {
        func npy(_ dict: String, _ body: [UInt8], major: UInt8 = 1) -> Data {
            var h = Array(dict.utf8) + [0x0A]
            var d: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, major, 0]
            if major == 1 { d += [UInt8(h.count & 0xFF), UInt8(h.count >> 8)] } else {
                d += [UInt8(h.count & 0xFF), UInt8(h.count >> 8), 0, 0]
            }
            h += body
            return Data(d + h)
        }
        // Python 2 longs, double quotes, no trailing comma, keys in any order, '?' bool.
        let a = try NpyArray.parse(data: npy("{\"shape\": (2L,), 'fortran_order': False, 'descr': '|u1'}", [7, 9]), name: "a")
        #expect(try a.int64s() == [7, 9])
        let b = try NpyArray.parse(data: npy("{'descr': '?', 'fortran_order': True, 'shape': (1, 2)}", [1, 0], major: 2), name: "b")
        #expect(b.bools() == [true, false])
        expectNpzError(["array 'c'", "duplicate key 'shape'"]) {
            _ = try NpyArray.parse(data: npy("{'shape': (1,), 'shape': (1,), 'descr': '|u1', 'fortran_order': False}", [1]), name: "c")
        }
        expectNpzError(["expected True or False"]) {
            _ = try NpyArray.parse(data: npy("{'descr': '|u1', 'fortran_order': Tru, 'shape': (1,)}", [1]), name: "d")
        }
        expectNpzError(["unsupported value starting with 'M'"]) {
            _ = try NpyArray.parse(data: npy("{'descr': '|u1', 'fortran_order': Maybe, 'shape': (1,)}", [1]), name: "d")
        }
        expectNpzError(["shape"]) {
            _ = try NpyArray.parse(data: npy("{'descr': '|u1', 'fortran_order': False, 'shape': (-1,)}", [1]), name: "e")
        }
        expectNpzError(["unexpected text after the closing"]) {
            _ = try NpyArray.parse(data: npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1,)} x", [1]), name: "f")
        }
    }
}
